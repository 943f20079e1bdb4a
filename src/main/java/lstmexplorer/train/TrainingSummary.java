package lstmexplorer.train;

import java.util.List;

/**
 * What a run did: how long, how far, how well, and why it stopped ({@code learned}, {@code steps},
 * {@code time}, {@code cancelled}). {@code sequencesToLearn} and {@code secondsToLearn} are null when
 * the test set was never predicted perfectly.
 *
 * <p>A model of a user dataset is measured as a language model: {@code bitsPerCharacter} and
 * {@code nextCharAccuracy} on its test split (null for task models); its {@code testAccuracy} is the
 * next-character accuracy too, and it has no generalization set ({@code generalizationAccuracy} 0).
 */
public record TrainingSummary(String task, TrainingConfig config, int steps, long sequences, long timesteps,
                              double seconds, double testAccuracy, double generalizationAccuracy,
                              Long sequencesToLearn, Double secondsToLearn, String stopReason, List<CurvePoint> curve,
                              Double bitsPerCharacter, Double nextCharAccuracy) {
    public TrainingSummary {
        curve = List.copyOf(curve);
    }

    public TrainingSummary(String task, TrainingConfig config, int steps, long sequences, long timesteps,
                           double seconds, double testAccuracy, double generalizationAccuracy,
                           Long sequencesToLearn, Double secondsToLearn, String stopReason, List<CurvePoint> curve) {
        this(task, config, steps, sequences, timesteps, seconds, testAccuracy, generalizationAccuracy, sequencesToLearn,
                secondsToLearn, stopReason, curve, null, null);
    }

    public boolean learned() { return nextCharAccuracy == null && testAccuracy == 1.0; }
}
