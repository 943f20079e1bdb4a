package lstmexplorer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Gradients;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;

/**
 * Trains a network on a task's training sequences by next-character prediction: minibatches of
 * similar length, backpropagation through time, gradient-norm clipping and Adam. A task that
 * {@linkplain Task#scoresEveryCharacter scores every character} (a user dataset) is evaluated by
 * held-out bits per character and next-character accuracy, and trains until its time or steps are
 * used up: it has no "learned".
 */
public final class Trainer {
    /** Batches are cut from runs of this many batches sorted by length, so little is padding. */
    private static final int BUCKET_BATCHES = 8;

    private final Task task;
    private final EncodedSequences train, test, generalization;

    public Trainer(Task task, List<String> train, List<String> test, List<String> generalization) {
        if (train.isEmpty()) throw new IllegalArgumentException("no training sequences");
        this.task = task;
        this.train = EncodedSequences.of(task, train);
        this.test = EncodedSequences.of(task, test);
        this.generalization = EncodedSequences.of(task, generalization);
    }

    public Task task() { return task; }

    public TrainingResult train(TrainingConfig config) {
        return train(config, TrainingListener.NONE, () -> false);
    }

    public TrainingResult train(TrainingConfig config, TrainingListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        EncodedSequences test = this.test.withThreshold(config.threshold());
        EncodedSequences generalization = this.generalization.withThreshold(config.threshold());
        Random random = new Random(config.seed());
        Network network = Network.initialized(
                new NetworkConfig(config.cell(), task.vocabulary().size(), config.hidden(), config.layers()), random);
        Adam adam = new Adam(network.parameters(), config.learningRate());
        try (DataParallel workers = new DataParallel(network, config.batch(), config.threads())) {
            List<CurvePoint> curve = new ArrayList<>();
            int step = 0, perfectInARow = 0, learnedAtStep = -1;
            long sequences = 0, timesteps = 0;
            Long sequencesToLearn = null;
            Double secondsToLearn = null;
            double lossSum = 0;
            int lossCount = 0;
            String stopReason;
            List<int[]> batches = new ArrayList<>();
            int nextBatch = 0;

            boolean languageModel = task.scoresEveryCharacter();
            while (true) {
                if (!languageModel && learnedAtStep >= 0 && step >= learnedAtStep + config.afterLearned() && perfectInARow >= 2) { stopReason = "learned"; break; }
                if (cancelled.getAsBoolean()) { stopReason = "cancelled"; break; }
                if (config.steps() > 0 && step >= config.steps()) { stopReason = "steps"; break; }
                if (config.steps() == 0 && seconds(start) >= config.maxSeconds()) { stopReason = "time"; break; }

                if (nextBatch == batches.size()) { batches = epoch(config.batch(), random); nextBatch = 0; }
                int[] batch = batches.get(nextBatch++);
                double loss = workers.lossAndGradients(train, batch);
                if (!Double.isFinite(loss))
                    throw new TrainingFailedException("training diverged: the loss became " + loss + " at step " + (step + 1)
                            + "; try a smaller learning rate");
                double norm = Adam.clip(workers.gradients(), config.clip());
                if (!Double.isFinite(norm))
                    throw new TrainingFailedException("training diverged: the gradient became " + norm + " at step " + (step + 1)
                            + "; try a smaller learning rate");
                adam.update(workers.gradients());
                step++;
                sequences += batch.length;
                for (int k : batch) timesteps += train.inputs()[k].length;
                lossSum += loss;
                lossCount++;

                boolean lastStep = config.steps() > 0 && step == config.steps();
                if (step % config.evaluateEvery() == 0 || lastStep) {
                    Evaluator.NextCharacterScore score = languageModel ? Evaluator.nextCharacter(network, test) : null;
                    double accuracy = languageModel ? score.accuracy() : Evaluator.sequenceAccuracy(network, test);
                    Double bits = languageModel ? score.bitsPerCharacter() : null;
                    double elapsed = seconds(start);
                    double meanLoss = lossSum / lossCount;
                    lossSum = 0;
                    lossCount = 0;
                    curve.add(new CurvePoint(step, sequences, meanLoss, accuracy, elapsed, bits));
                    if (!languageModel && accuracy == 1.0 && sequencesToLearn == null) {
                        sequencesToLearn = sequences;
                        secondsToLearn = elapsed;
                    }
                    perfectInARow = !languageModel && accuracy == 1.0 ? perfectInARow + 1 : 0;
                    if (config.steps() == 0 && perfectInARow >= 2 && learnedAtStep < 0) learnedAtStep = step;
                    Progress progress = new Progress(step, sequences, meanLoss, accuracy, elapsed,
                            fraction(config, step, elapsed, perfectInARow, learnedAtStep), bits);
                    listener.onProgress(progress);
                    listener.onEvaluation(progress, network);
                }
            }
            TrainingSummary summary;
            if (languageModel) {
                Evaluator.NextCharacterScore score = Evaluator.nextCharacter(network, test);
                summary = new TrainingSummary(task.name(), config, step, sequences, timesteps, seconds(start), score.accuracy(), 0,
                        null, null, stopReason, curve, score.bitsPerCharacter(), score.accuracy());
            } else {
                double testAccuracy = Evaluator.sequenceAccuracy(network, test);
                double generalizationAccuracy = Evaluator.sequenceAccuracy(network, generalization);
                summary = new TrainingSummary(task.name(), config, step, sequences, timesteps, seconds(start),
                        testAccuracy, generalizationAccuracy, sequencesToLearn, secondsToLearn, stopReason, curve);
            }
            return new TrainingResult(network, summary);
        }
    }

    /**
     * How far along the run is: the share of its steps, or, when it runs until learned, the larger of
     * the share of its time and of the way to learned (two perfect evaluations, then the extra steps).
     */
    private static double fraction(TrainingConfig config, int step, double elapsed, int perfectInARow, int learnedAtStep) {
        if (config.steps() > 0) return step / (double) config.steps();
        double toLearned = Math.min(perfectInARow, 2) / 2.0;
        double way = config.afterLearned() == 0 ? toLearned
                : learnedAtStep < 0 ? toLearned / 2
                : 0.5 + 0.5 * Math.min(1, (step - learnedAtStep) / (double) config.afterLearned());
        return Math.min(1, Math.max(elapsed / config.maxSeconds(), way));
    }

    /** One pass over the training set in shuffled batches of sequences of similar length. */
    private List<int[]> epoch(int batchSize, Random random) {
        Integer[] order = new Integer[train.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        shuffle(order, random);
        List<int[]> batches = new ArrayList<>();
        int bucket = batchSize * BUCKET_BATCHES;
        for (int from = 0; from < order.length; from += bucket) {
            Integer[] run = Arrays.copyOfRange(order, from, Math.min(order.length, from + bucket));
            Arrays.sort(run, Comparator.comparingInt(k -> train.inputs()[k].length));
            for (int b = 0; b < run.length; b += batchSize) {
                int[] batch = new int[Math.min(batchSize, run.length - b)];
                for (int i = 0; i < batch.length; i++) batch[i] = run[b + i];
                batches.add(batch);
            }
        }
        int[][] shuffled = batches.toArray(new int[0][]);
        shuffle(shuffled, random);
        return Arrays.asList(shuffled);
    }

    private static <T> void shuffle(T[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private static double seconds(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }
}
