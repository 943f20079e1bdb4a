package lstmexplorer.task;

import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * N a's with distractor X's between them, the delimiter Y, then N b's and the newline, e.g.
 * {@code aXaaYbbb\n}.
 *
 * <p>Each of the N&minus;1 gaps between consecutive a's independently holds one X with probability
 * {@value #X_PROBABILITY}. The network has to count the a's while ignoring the X's, which a plain
 * counter that increments on every input cannot do: the input gate has to learn to shut on X.
 */
public final class SelectiveCountingTask extends GrammarTask {
    /** Chance that a gap between two a's holds an X. */
    public static final double X_PROBABILITY = 0.3;

    private static final Vocabulary VOCABULARY = Vocabulary.of("\nXYab");

    /** Seeds 1 to 5 then generalise to a median 83% of N 11..20 after 500 steps on; seed 1 to 81%, against 20% when stopped at once. */
    private static final TaskInfo INFO = new TaskInfo("selective_counter",
            "N a's with X's scattered between them, then Y, then as many b's as there were a's. "
                    + "The network has to count the a's and ignore the X's.",
            "N (a's)", VOCABULARY, 'Y', new DefaultModel(1, 20), 500, new SizeRange(1, 10), new SizeRange(11, 20),
            TaskInfo.variables(
                    "count", "a's read so far minus b's read so far, X's ignored; after the Y, the b's still to come.",
                    "is_x", "1 on an X (the distractor), 0 elsewhere.",
                    "phase", "0 while reading the a's and X's, 1 from the Y on."));

    // The a's part is a(X?a)*; it is matched as a[aX]* and checked by hand, because a repeated
    // group makes java.util.regex recurse once per repetition and overflow on long input.
    public SelectiveCountingTask() { super(INFO, Grammar.of("(a[aX]*)Y(b+)\n", SelectiveCountingTask::isWellFormed), "a(X?a)*Y", 2); }

    @Override public String generate(int n, Random random) {
        checkSize(n);
        StringBuilder sb = new StringBuilder("a");
        for (int i = 1; i < n; i++) {
            if (random.nextDouble() < X_PROBABILITY) sb.append('X');
            sb.append('a');
        }
        return sb.append('Y').append("b".repeat(n)).append('\n').toString();
    }

    @Override protected String rest(String head) { return "b".repeat((int) head.chars().filter(c -> c == 'a').count()) + "\n"; }

    /** Computed character by character ({@link Series}), so the values are also defined for a prefix of a sequence. */
    @Override public Map<String, double[]> variables(String sequence) {
        return INFO.values(Series.balance(sequence, 'a', 'b'), Series.at(sequence, 'X'), Series.from(sequence, 'Y'));
    }

    /** The a's part has at most one X per gap and ends in an a, and the b's match the a's. */
    private static boolean isWellFormed(Matcher m) {
        String head = m.group(1);
        if (head.contains("XX") || head.endsWith("X")) return false;
        return head.chars().filter(ch -> ch == 'a').count() == m.group(2).length();
    }
}
