package lstmexplorer.analysis;

import lstmexplorer.trace.Trace;

/**
 * One frame of a training replay: the trace of an input with the weights of one snapshot.
 *
 * @param step         optimiser steps taken when the snapshot was taken
 * @param sequences    training sequences seen by then
 * @param loss         training loss then
 * @param testAccuracy test sequence accuracy then
 * @param trace        the input traced with those weights
 */
public record ReplayFrame(int step, long sequences, double loss, double testAccuracy, Trace trace) {}
