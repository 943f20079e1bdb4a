package lstmexplorer.analysis;

import java.util.List;

/**
 * The units that fit a hypothesis brushed in the network view (as in LSTMVis): on (≥ threshold)
 * at every timestep of [from, to] and off (&lt; threshold) at the timestep just before and just after it,
 * where those exist.
 *
 * @param input     the text the selection was made on, exactly as the model read it
 * @param layer     layer index
 * @param vector    the vector looked at, e.g. {@code hidden} or {@code cell}
 * @param from      first timestep of the range
 * @param to        last timestep of the range, inclusive
 * @param threshold the "on" level
 * @param text      the characters read during the range
 * @param units     the units that fit, ascending; empty when none does
 */
public record HypothesisSelection(String input, int layer, String vector, int from, int to, double threshold,
                                  String text, List<Integer> units) {}
