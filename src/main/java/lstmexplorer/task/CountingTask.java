package lstmexplorer.task;

import java.util.Map;
import java.util.Random;

/**
 * N a's, the delimiter X, then N b's and the newline, e.g. {@code aaaXbbb\n}.
 *
 * <p>Nothing is random: the only thing to learn is to count the a's up and the b's back down, so
 * that the newline comes exactly when the count is back at zero. The generalization range asks
 * whether the counter keeps working past the largest N seen in training.
 */
public final class CountingTask extends GrammarTask {
    private static final Vocabulary VOCABULARY = Vocabulary.of("\nXab");

    /** Seeds 1 to 5 then generalise to a median 48% of N 11..20 after 500 steps on; seed 1 to 86%, against 9% when stopped at once. */
    private static final TaskInfo INFO = new TaskInfo("counter",
            "N a's, then X, then as many b's as there were a's. The network has to count the a's to know when the b's end.",
            "N (a's)", VOCABULARY, 'X', new DefaultModel(1, 10), 500, new SizeRange(1, 10), new SizeRange(11, 20),
            TaskInfo.variables(
                    "count", "a's read so far minus b's read so far; after the X, the b's still to come.",
                    "phase", "0 while reading the a's, 1 from the X on.",
                    "steps_left", "Characters still to come, counting the final newline. After the X this is "
                            + "exact (b's still due + 1); before it, the shortest possible rest, that is the length "
                            + "if the X came next (a's so far + 2). 0 after the newline."));

    public CountingTask() { super(INFO, Grammar.of("(a+)X(b+)\n", m -> m.group(1).length() == m.group(2).length()), "a+X", 1); }

    @Override public String generate(int n, Random random) {
        checkSize(n);
        return "a".repeat(n) + 'X' + "b".repeat(n) + '\n';
    }

    @Override protected String rest(String head) { return "b".repeat(head.length() - 1) + "\n"; }

    /**
     * Computed character by character, so the values are also defined for a prefix of a sequence,
     * such as one typed in by hand.
     */
    @Override public Map<String, double[]> variables(String sequence) {
        double[] count = Series.balance(sequence, 'a', 'b'), phase = Series.from(sequence, 'X'), ended = Series.from(sequence, '\n');
        double[] stepsLeft = new double[sequence.length()];
        // Before the delimiter the remaining length is not fixed yet; report the shortest
        // possible rest (X, the b's, the newline), which meets the exact value at the X.
        for (int t = 0; t < stepsLeft.length; t++) stepsLeft[t] = ended[t] == 1 ? 0 : phase[t] == 1 ? count[t] + 1 : count[t] + 2;
        return INFO.values(count, phase, stepsLeft);
    }
}
