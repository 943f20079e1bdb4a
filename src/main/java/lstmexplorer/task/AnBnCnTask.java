package lstmexplorer.task;

import java.util.Map;
import java.util.Random;

/**
 * n a's, n b's, n c's and the newline, e.g. {@code aabbcc\n}: a^n b^n c^n, which no context-free
 * grammar generates but two counters recognise.
 *
 * <p>As in {@link AnBnTask} the rest is determined from the first b: the network has to count the
 * a's down with the b's and at the same time count the b's up for the c's.
 */
public final class AnBnCnTask extends GrammarTask {
    private static final Vocabulary VOCABULARY = Vocabulary.of("\nabc");

    private static final TaskInfo INFO = new TaskInfo("anbncn",
            "n a's, n b's, then n c's (a^n b^n c^n). From the first b the network has to run two counters: a's against b's, and b's against c's.",
            "n", VOCABULARY, 'b', new DefaultModel(1, 10), 0, new SizeRange(1, 10), new SizeRange(11, 20),
            TaskInfo.variables(
                    "a_minus_b", "a's read so far minus b's read so far.",
                    "b_minus_c", "b's read so far minus c's read so far.",
                    "phase", "0 while reading the a's, 1 from the first b, 2 from the first c."));

    public AnBnCnTask() {
        super(INFO, Grammar.of("(a+)(b+)(c+)\n", m -> m.group(1).length() == m.group(2).length() && m.group(2).length() == m.group(3).length()), "a+b", 1);
    }

    @Override public String generate(int n, Random random) {
        checkSize(n);
        return "a".repeat(n) + "b".repeat(n) + "c".repeat(n) + '\n';
    }

    @Override protected String rest(String head) {
        int n = head.length() - 1;
        return "b".repeat(n - 1) + "c".repeat(n) + "\n";
    }

    /** Character by character ({@link Series}), so the values are defined for a prefix too. */
    @Override public Map<String, double[]> variables(String sequence) {
        double[] fromB = Series.from(sequence, 'b'), fromC = Series.from(sequence, 'c');
        double[] phase = new double[sequence.length()];
        for (int t = 0; t < phase.length; t++) phase[t] = Math.max(fromB[t], 2 * fromC[t]);
        return INFO.values(Series.balance(sequence, 'a', 'b'), Series.balance(sequence, 'b', 'c'), phase);
    }
}
