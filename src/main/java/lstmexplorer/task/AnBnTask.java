package lstmexplorer.task;

import java.util.Map;
import java.util.Random;

/**
 * n a's, then n b's and the newline, e.g. {@code aaabbb\n}: the language a^n b^n with no delimiter.
 *
 * <p>The first b cannot be foreseen; from it on the rest is determined, and the newline comes exactly
 * when as many b's as a's have gone by. Gers &amp; Schmidhuber 2001 trained peephole LSTMs on it, and
 * Weiss, Goldberg &amp; Yahav 2018 found LSTMs learn to count it where GRUs do not.
 */
public final class AnBnTask extends GrammarTask {
    private static final Vocabulary VOCABULARY = Vocabulary.of("\nab");

    private static final TaskInfo INFO = new TaskInfo("anbn",
            "n a's, then n b's (a^n b^n). Once the first b comes the network has to count down to know where the b's end.",
            "n", VOCABULARY, 'b', new DefaultModel(1, 10), 0, new SizeRange(1, 10), new SizeRange(11, 20),
            TaskInfo.variables(
                    "count", "a's read so far minus b's read so far; from the first b on, the b's still to come.",
                    "phase", "0 while reading the a's, 1 from the first b on."));

    public AnBnTask() { super(INFO, Grammar.of("(a+)(b+)\n", m -> m.group(1).length() == m.group(2).length()), "a+b", 1); }

    @Override public String generate(int n, Random random) {
        checkSize(n);
        return "a".repeat(n) + "b".repeat(n) + '\n';
    }

    @Override protected String rest(String head) { return "b".repeat(head.length() - 2) + "\n"; }

    /** Character by character ({@link Series}), so the values are defined for a prefix too. */
    @Override public Map<String, double[]> variables(String sequence) {
        return INFO.values(Series.balance(sequence, 'a', 'b'), Series.from(sequence, 'b'));
    }
}
