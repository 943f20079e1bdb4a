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
 * @param points              one per size, ascending
 */
public record LengthSweep(String task, String sizeName, SizeRange trainRange, SizeRange generalizationRange,
                          SizeRange sizes, long seed, List<Point> points) {

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

    /** The sizes swept for a task: counters N 1..30, state memorizer K 1..40, copy machine L 1..10, others 1..2×generalization max. */
    public static SizeRange defaultSizes(Task task) {
        return switch (task.name()) {
            case "counter", "selective_counter" -> new SizeRange(1, 30);
            case "state_memorizer" -> new SizeRange(1, 40);
            case "copy_machine" -> new SizeRange(1, 10);
            default -> new SizeRange(Math.max(1, task.trainRange().min()), 2 * task.generalizationRange().max());
        };
    }

    /**
     * Draws {@code perSize} sequences of each size with {@code new Random(seed * 1_000_003 + size)} (so each
     * size is reproducible on its own), keeps the distinct ones and scores them.
     */
    public static LengthSweep run(Network network, Task task, SizeRange sizes, int perSize, long seed) {
        if (perSize < 1) throw new IllegalArgumentException("perSize must be at least 1");
        if (sizes.min() < 1) throw new IllegalArgumentException("sizes start at 1");
        Vocabulary vocab = task.vocabulary();
        List<Point> points = new ArrayList<>();
        for (int size = sizes.min(); size <= sizes.max(); size++) {
            Random random = new Random(seed * 1_000_003L + size);
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            for (int i = 0; i < perSize; i++) distinct.add(task.generate(size, random));
            List<String> sequences = List.copyOf(distinct);
            EncodedSequences data = EncodedSequences.of(task, sequences);
            boolean[] correct = Evaluator.correctSequences(network, data);
            int right = 0, example = -1;
            for (int k = 0; k < correct.length; k++) {
                if (correct[k]) right++;
                else if (example < 0) example = k;
            }
            if (example < 0) example = 0;
            String s = sequences.get(example);
            int first = data.firstScored()[example];
            points.add(new Point(size, sequences.size(), right / (double) sequences.size(), task.trainRange().contains(size),
                    s, correct[example], s.substring(first), predicted(network, vocab, data.inputs()[example], first)));
        }
        return new LengthSweep(task.name(), task.sizeName(), task.trainRange(), task.generalizationRange(), sizes, seed,
                List.copyOf(points));
    }

    private static String predicted(Network network, Vocabulary vocab, int[] input, int firstScored) {
        ForwardPass pass = network.forward(input);
        StringBuilder sb = new StringBuilder();
        for (int t = firstScored; t < input.length; t++) sb.append(vocab.charAt(pass.argmax(t, 0)));
        return sb.toString();
    }
}
