package lstmexplorer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Where a training run stands: the steps, sequences and timesteps so far, the loss since the last
 * evaluation, the curve, and when the task was learned. It holds the stop rule ({@link #shouldStop})
 * and what an evaluation records ({@link #evaluate}), apart from the arithmetic of training, so both
 * can be tested without training anything. A language model (a task that scores every character) is
 * never learned: it trains until its steps or its time are done, or it is cancelled.
 */
final class TrainingRun {
    private final TrainingConfig config;
    private final boolean languageModel;
    private final List<CurvePoint> curve = new ArrayList<>();
    private int step, perfectInARow, learnedAtStep = -1;
    private long sequences, timesteps;
    private Long sequencesToLearn;
    private Double secondsToLearn;
    private double lossSum;
    private int lossCount;
    private String stopReason;

    TrainingRun(TrainingConfig config, boolean languageModel) {
        this.config = config;
        this.languageModel = languageModel;
    }

    /**
     * Whether to stop before the next step, and why ({@link #stopReason}): learned (two perfect
     * evaluations in a row, and again at least {@code afterLearned} steps after the first time),
     * cancelled, the fixed number of steps done, or out of time. A run of fixed steps is never learned.
     */
    boolean shouldStop(double elapsedSeconds, BooleanSupplier cancelled) {
        if (!languageModel && learnedAtStep >= 0 && step >= learnedAtStep + config.afterLearned() && perfectInARow >= 2) stopReason = "learned";
        else if (cancelled.getAsBoolean()) stopReason = "cancelled";
        else if (config.steps() > 0 && step >= config.steps()) stopReason = "steps";
        else if (config.steps() == 0 && elapsedSeconds >= config.maxSeconds()) stopReason = "time";
        return stopReason != null;
    }

    /** Records one optimiser step over {@code batchSequences} sequences of {@code batchTimesteps} characters in all. */
    void stepped(int batchSequences, long batchTimesteps, double loss) {
        step++;
        sequences += batchSequences;
        timesteps += batchTimesteps;
        lossSum += loss;
        lossCount++;
    }

    /** Every {@code evaluateEvery} steps, and after the last of a fixed number. */
    boolean evaluationDue() {
        return step % config.evaluateEvery() == 0 || (config.steps() > 0 && step == config.steps());
    }

    /**
     * Records an evaluation: a curve point with the mean loss since the last one, and whether the task
     * is now learned.
     *
     * @param testAccuracy     sequence accuracy, or a language model's next-character accuracy
     * @param bitsPerCharacter a language model's held-out bits per character; null for a task model
     */
    Progress evaluate(double testAccuracy, Double bitsPerCharacter, double elapsedSeconds) {
        double meanLoss = lossSum / lossCount;
        lossSum = 0;
        lossCount = 0;
        curve.add(new CurvePoint(step, sequences, meanLoss, testAccuracy, elapsedSeconds, bitsPerCharacter));
        if (!languageModel && testAccuracy == 1.0 && sequencesToLearn == null) {
            sequencesToLearn = sequences;
            secondsToLearn = elapsedSeconds;
        }
        perfectInARow = !languageModel && testAccuracy == 1.0 ? perfectInARow + 1 : 0;
        if (config.steps() == 0 && perfectInARow >= 2 && learnedAtStep < 0) learnedAtStep = step;
        return new Progress(step, sequences, meanLoss, testAccuracy, elapsedSeconds, fraction(elapsedSeconds), bitsPerCharacter);
    }

    /**
     * How far along the run is: the share of its steps, or, when it runs until learned, the larger of
     * the share of its time and of the way to learned (two perfect evaluations, then the extra steps).
     */
    double fraction(double elapsedSeconds) {
        if (config.steps() > 0) return step / (double) config.steps();
        double toLearned = Math.min(perfectInARow, 2) / 2.0;
        double way = config.afterLearned() == 0 ? toLearned
                : learnedAtStep < 0 ? toLearned / 2
                : 0.5 + 0.5 * Math.min(1, (step - learnedAtStep) / (double) config.afterLearned());
        return Math.min(1, Math.max(elapsedSeconds / config.maxSeconds(), way));
    }

    int step() { return step; }

    String stopReason() { return stopReason; }

    /** The summary of a task model's run once it has stopped, with its final accuracies. */
    TrainingSummary summary(String task, double seconds, double testAccuracy, double generalizationAccuracy) {
        return new TrainingSummary(task, config, step, sequences, timesteps, seconds, testAccuracy, generalizationAccuracy,
                sequencesToLearn, secondsToLearn, stopReason, curve);
    }

    /** The summary of a language model's run: its next-character accuracy stands as its test accuracy, and it has no generalization set. */
    TrainingSummary summary(String task, double seconds, Evaluator.NextCharacterScore score) {
        return new TrainingSummary(task, config, step, sequences, timesteps, seconds, score.accuracy(), 0, null, null, stopReason,
                curve, score.bitsPerCharacter(), score.accuracy());
    }
}
