package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Network;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.EncodedSequences;
import lstmexplorer.train.Evaluator;

/**
 * Sequence accuracy against the task's size parameter, well past the training range: where does the
 * learned counter stop counting?
 *
 * @param task                task name
 * @param sizeName            what the size counts, e.g. "N (a's)"
 * @param trainRange          sizes trained on, for shading
 * @param generalizationRange the task's generalization range
 * @param sizes               the sizes swept
 * @param seed                the seed the sequences were drawn with
 * @param points              one per size, ascending; the sweep stops before the first size whose sequences
 *                            would pass the input limit
 * @param firstFailing        the smallest size with an error, null when every size swept is right
 * @param failing             the first five sizes with an error, ascending
 * @param threshold           the probability at which a character counted as deemed possible (for tasks scored by sets)
 * @param inputLimit          the longest sequence the sweep would score
 */
public record LengthSweep(String task, String sizeName, SizeRange trainRange, SizeRange generalizationRange,
                          SizeRange sizes, long seed, List<Point> points, Integer firstFailing, List<Integer> failing,
                          double threshold, int inputLimit) {
    /** Failing sizes listed. */
    public static final int FAILING_LISTED = 5;

    /**
     * One size.
     *
     * @param size             N, K or L
     * @param sequences        distinct sequences scored (a task without randomness has one per size)
     * @param accuracy         their sequence accuracy, as {@link Evaluator} defines it
     * @param inTrainingRange  whether the size was trained on
     * @param example          a sequence of this size to open in the playground: the first one the model gets
     *                         wrong, or the first one when it gets all right
     * @param exampleCorrect   whether the model gets the example right
     * @param exampleExpected  the scored part of the example: everything after the delimiter
     * @param examplePredicted the model's most probable character at each of those positions, reading the
     *                         example itself (the positions {@link Evaluator} checks)
     */
    public record Point(int size, int sequences, double accuracy, boolean inTrainingRange, String example,
                        boolean exampleCorrect, String exampleExpected, String examplePredicted) {}

    /**
     * The sizes swept for a task: counters N 1..30, state memorizer K 1..40, copy machine L 1..10, and at
     * least 1 to 3 × the largest training size for every task (the input limit may stop it earlier).
     */
    public static SizeRange defaultSizes(Task task) {
        int max = switch (task.name()) {
            case "counter", "selective_counter" -> 30;
            case "state_memorizer" -> 40;
            case "copy_machine" -> 10;
            default -> 0;
        };
        return new SizeRange(1, Math.max(max, 3 * task.trainRange().max()));
    }

    /**
     * Draws {@code perSize} sequences of each size with {@code new Random(seed * 1_000_003 + size)} (so each
     * size is reproducible on its own), keeps the distinct ones and scores them.
     */
    public static LengthSweep run(Network network, Task task, SizeRange sizes, int perSize, long seed) {
        return run(network, task, sizes, perSize, seed, Integer.MAX_VALUE, EncodedSequences.DEFAULT_THRESHOLD);
    }

    /**
     * As {@link #run(Network, Task, SizeRange, int, long)}, stopping before the first size with a
     * sequence longer than {@code inputLimit}, and scoring sets at {@code threshold}.
     */
    public static LengthSweep run(Network network, Task task, SizeRange sizes, int perSize, long seed, int inputLimit, double threshold) {
        return run(network, task.vocabulary(), task, sizes, perSize, seed, inputLimit, threshold);
    }

    /** As {@link #run(Network, Task, SizeRange, int, long, int, double)} for a network that reads {@code vocab}, which holds the task's characters. */
    public static LengthSweep run(Network network, Vocabulary vocab, Task task, SizeRange sizes, int perSize, long seed, int inputLimit,
                                  double threshold) {
        if (perSize < 1) throw new IllegalArgumentException("perSize must be at least 1");
        if (sizes.min() < 1) throw new IllegalArgumentException("sizes start at 1");
        List<Point> points = new ArrayList<>();
        List<Integer> failing = new ArrayList<>();
        for (int size = sizes.min(); size <= sizes.max(); size++) {
            Random random = new Random(seed * 1_000_003L + size);
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            for (int i = 0; i < perSize; i++) distinct.add(task.generate(size, random));
            List<String> sequences = List.copyOf(distinct);
            if (sequences.stream().anyMatch(s -> s.length() > inputLimit)) break;
            EncodedSequences data = ModelEncoding.of(task, sequences, vocab, threshold);
            boolean[] correct = Evaluator.correctSequences(network, data);
            int right = 0, example = -1;
            for (int k = 0; k < correct.length; k++) {
                if (correct[k]) right++;
                else if (example < 0) example = k;
            }
            if (example < 0) example = 0;
            else if (failing.size() < FAILING_LISTED) failing.add(size);
            String s = sequences.get(example);
            int first = data.firstScored()[example];
            points.add(new Point(size, sequences.size(), right / (double) sequences.size(), task.trainRange().contains(size),
                    s, correct[example], s.substring(first), predicted(network, vocab, data.inputs()[example], first)));
        }
        return new LengthSweep(task.name(), task.sizeName(), task.trainRange(), task.generalizationRange(), sizes, seed,
                List.copyOf(points), failing.isEmpty() ? null : failing.get(0), List.copyOf(failing), threshold, inputLimit);
    }

    private static String predicted(Network network, Vocabulary vocab, int[] input, int firstScored) {
        ForwardPass pass = network.forward(input);
        StringBuilder sb = new StringBuilder();
        for (int t = firstScored; t < input.length; t++) sb.append(vocab.charAt(pass.argmax(t, 0)));
        return sb.toString();
    }
}
