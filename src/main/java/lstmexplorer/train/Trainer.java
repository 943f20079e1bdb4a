package lstmexplorer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
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
            boolean languageModel = task.scoresEveryCharacter();
            TrainingRun run = new TrainingRun(config, languageModel);
            List<int[]> batches = new ArrayList<>();
            int nextBatch = 0;
            while (!run.shouldStop(seconds(start), cancelled)) {
                if (nextBatch == batches.size()) { batches = epoch(config.batch(), random); nextBatch = 0; }
                int[] batch = batches.get(nextBatch++);
                double loss = workers.lossAndGradients(train, batch);
                if (!Double.isFinite(loss)) throw diverged("the loss", loss, run.step() + 1);
                double norm = Adam.clip(workers.gradients(), config.clip());
                if (!Double.isFinite(norm)) throw diverged("the gradient", norm, run.step() + 1);
                adam.update(workers.gradients());
                long timesteps = 0;
                for (int k : batch) timesteps += train.inputs()[k].length;
                run.stepped(batch.length, timesteps, loss);
                if (run.evaluationDue()) {
                    Evaluator.NextCharacterScore score = languageModel ? Evaluator.nextCharacter(network, test) : null;
                    double accuracy = languageModel ? score.accuracy() : Evaluator.sequenceAccuracy(network, test);
                    Progress progress = run.evaluate(accuracy, languageModel ? score.bitsPerCharacter() : null, seconds(start));
                    listener.onProgress(progress);
                    listener.onEvaluation(progress, network);
                }
            }
            if (languageModel) {
                Evaluator.NextCharacterScore score = Evaluator.nextCharacter(network, test);
                return new TrainingResult(network, run.summary(task.name(), seconds(start), score));
            }
            double testAccuracy = Evaluator.sequenceAccuracy(network, test);
            double generalizationAccuracy = Evaluator.sequenceAccuracy(network, generalization);
            return new TrainingResult(network, run.summary(task.name(), seconds(start), testAccuracy, generalizationAccuracy));
        }
    }

    private static TrainingFailedException diverged(String what, double value, int step) {
        return new TrainingFailedException("training diverged: " + what + " became " + value + " at step " + step
                + "; try a smaller learning rate");
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
