package lstmexplorer.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import lstmexplorer.model.Network;

/**
 * The weights of a network at one moment of its training run, with where the run stood.
 *
 * @param step         optimiser steps taken
 * @param sequences    training sequences seen
 * @param loss         mean training loss since the previous evaluation
 * @param testAccuracy test sequence accuracy at this moment
 * @param network      a copy of the network; not serialized with the record (see {@link lstmexplorer.io.SnapshotFile})
 */
public record Snapshot(int step, long sequences, double loss, double testAccuracy, @JsonIgnore Network network) {}
