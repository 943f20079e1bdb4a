package lstmexplorer.analysis;

import java.util.List;
import lstmexplorer.trace.Trace;

/**
 * The same network run with and without interventions.
 *
 * <p>Each run reads the start token and {@code prefix}, then greedily generates: it appends its most
 * probable next character and reads it, until it produces the newline or {@code maxGenerated} characters.
 * Each trace covers what that run read: {@code "\n" + prefix + generated} minus the last generated
 * character (the last one is predicted, not read). The first {@code prefix.length() + 1} timesteps read
 * the same characters in both runs, so they compare step by step; after that each run reads its own output.
 * Next-character probabilities are the traces' {@code probabilities}.
 *
 * @param interventions            what was changed
 * @param prefix                   the text read after the start token
 * @param original                 trace of the unchanged run
 * @param intervened               trace of the changed run
 * @param originalGenerated        what the unchanged run generated after the prefix
 * @param intervenedGenerated      what the changed run generated after the prefix
 * @param expected                 the task's correct continuation of the prefix, or null when the prefix
 *                                 is not a beginning through the delimiter (or the task is unknown)
 * @param originalTestAccuracy     sequence accuracy on the task's test set, unchanged
 * @param intervenedTestAccuracy   the same with the interventions applied to every test sequence from
 *                                 their timesteps on
 * @param testAccuracyChange       intervened minus original test accuracy (−1..1)
 * @param originalGeneralizationAccuracy   the same on the generalization set, unchanged
 * @param intervenedGeneralizationAccuracy and changed
 */
public record InterventionResult(List<UnitIntervention> interventions, String prefix, Trace original, Trace intervened,
                                 String originalGenerated, String intervenedGenerated, String expected,
                                 double originalTestAccuracy, double intervenedTestAccuracy, double testAccuracyChange,
                                 double originalGeneralizationAccuracy, double intervenedGeneralizationAccuracy) {}
