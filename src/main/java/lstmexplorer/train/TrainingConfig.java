package lstmexplorer.train;

import lstmexplorer.task.LengthDistribution;
import lstmexplorer.task.Task;

/**
 * How to train: network shape and optimiser settings, and when to stop. With {@code steps} = 0,
 * training stops once the task is learned (100% test sequence accuracy at two evaluations in a row)
 * and then, after at least {@code afterLearned} more steps, is learned again (Adam at a fixed rate
 * can lose a sequence or two on the way), or after {@code maxSeconds}; with {@code steps} > 0 it runs
 * exactly that many steps. {@code window} is the length of the windows a text dataset is cut into
 * (0 for the tasks, whose sequences are whole). Training on past the first 100% is what lets a counter keep counting
 * beyond the lengths it was trained on: at that moment it has only just learned.
 *
 * <p>{@code trainMax} and {@code lengths} choose the training sizes (see {@link #task(Task)}); the
 * {@code threshold} is the probability at which a model deems a character possible, which is what
 * the tasks whose next character is not determined are scored by.
 */
public record TrainingConfig(String cell, int hidden, int layers, double learningRate, int batch, long seed,
                             double maxSeconds, int steps, int afterLearned, int evaluateEvery, double clip, int threads,
                             int window, int trainMax, LengthDistribution lengths, double threshold) {
    public static final double DEFAULT_LEARNING_RATE = 0.01, DEFAULT_CLIP = 1.0, DEFAULT_MAX_SECONDS = 60;
    public static final int DEFAULT_BATCH = 32, DEFAULT_EVALUATE_EVERY = 20;

    public TrainingConfig {
        if (hidden < 1) throw new IllegalArgumentException("hidden must be at least 1");
        if (layers < 1) throw new IllegalArgumentException("layers must be at least 1");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learningRate must be a positive number");
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1");
        if (!(maxSeconds > 0)) throw new IllegalArgumentException("maxSeconds must be positive");
        if (steps < 0) throw new IllegalArgumentException("steps must not be negative");
        if (afterLearned < 0) throw new IllegalArgumentException("afterLearned must not be negative");
        if (evaluateEvery < 1) throw new IllegalArgumentException("evaluateEvery must be at least 1");
        if (!(clip > 0)) throw new IllegalArgumentException("clip must be positive");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (window < 0) throw new IllegalArgumentException("window must not be negative");
        // model files from before these settings existed read as 0 and null: the task's own range, uniform, the default threshold
        if (trainMax < 0) throw new IllegalArgumentException("trainMax must not be negative");
        if (lengths == null) lengths = LengthDistribution.UNIFORM;
        if (threshold == 0) threshold = EncodedSequences.DEFAULT_THRESHOLD;
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in (0, 1)");
    }

    /** The task as this run trains on it: its own, or sizes 1..trainMax drawn by {@code lengths}. */
    public Task task(Task task) { return trainMax == 0 ? task.trainedOn(task.trainRange().max(), lengths) : task.trainedOn(trainMax, lengths); }

    /** The task's default model with Adam 0.01, batch 32, gradient-norm clip 1.0, seed 1, stopping as soon as it is learned. */
    public static TrainingConfig defaults(Task task) {
        return new TrainingConfig("lstm", task.defaultModel().hidden(), task.defaultModel().layers(), DEFAULT_LEARNING_RATE,
                DEFAULT_BATCH, 1, DEFAULT_MAX_SECONDS, 0, 0, DEFAULT_EVALUATE_EVERY, DEFAULT_CLIP, 1, 0, task.trainRange().max(),
                LengthDistribution.UNIFORM, EncodedSequences.DEFAULT_THRESHOLD);
    }

    /** The model the gallery shows for a task: the defaults with seed 1, one thread, trained on past learned as the task says. */
    public static TrainingConfig gallery(Task task) {
        return defaults(task).withSeed(1).withThreads(1).withAfterLearned(task.stepsAfterLearned());
    }

    public TrainingConfig withCell(String c) { return new TrainingConfig(c, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withHidden(int h) { return new TrainingConfig(cell, h, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withLayers(int l) { return new TrainingConfig(cell, hidden, l, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withLearningRate(double lr) { return new TrainingConfig(cell, hidden, layers, lr, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withBatch(int b) { return new TrainingConfig(cell, hidden, layers, learningRate, b, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withSeed(long s) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, s, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withMaxSeconds(double s) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, s, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withSteps(int s) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, s, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withAfterLearned(int a) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, a, evaluateEvery, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withEvaluateEvery(int e) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, e, clip, threads, window, trainMax, lengths, threshold); }
    public TrainingConfig withWindow(int w) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, w, trainMax, lengths, threshold); }
    public TrainingConfig withThreads(int t) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, t, window, trainMax, lengths, threshold); }
    public TrainingConfig withTrainMax(int m) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, m, lengths, threshold); }
    public TrainingConfig withLengths(LengthDistribution d) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, d, threshold); }
    public TrainingConfig withThreshold(double t) { return new TrainingConfig(cell, hidden, layers, learningRate, batch, seed, maxSeconds, steps, afterLearned, evaluateEvery, clip, threads, window, trainMax, lengths, t); }
}
