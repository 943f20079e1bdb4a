package lstmexplorer.train;

import java.util.List;

/**
 * What a run did: how long, how far, how well, and why it stopped ({@code learned}, {@code steps},
 * {@code time}, {@code cancelled}). {@code sequencesToLearn} and {@code secondsToLearn} are null when
 * the test set was never predicted perfectly.
 */
public record TrainingSummary(String task, TrainingConfig config, int steps, long sequences, long timesteps,
                              double seconds, double testAccuracy, double generalizationAccuracy,
                              Long sequencesToLearn, Double secondsToLearn, String stopReason, List<CurvePoint> curve) {
    public TrainingSummary {
        curve = List.copyOf(curve);
    }

    public boolean learned() { return testAccuracy == 1.0; }
}
