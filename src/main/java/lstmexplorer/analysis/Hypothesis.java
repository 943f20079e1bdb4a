package lstmexplorer.analysis;

import java.util.List;

/**
 * A selected hypothesis and where else in the data it holds.
 *
 * @param selection    the units that fit the brushed range
 * @param matches      the best matches, by Jaccard index descending, then by how close their length is to
 *                     the selection's, then in data order; the selected range itself is left out
 * @param totalMatches matches found before the limit was applied
 */
public record Hypothesis(HypothesisSelection selection, List<HypothesisMatch> matches, int totalMatches) {}
