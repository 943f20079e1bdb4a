package lstmexplorer.task;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * L random bits, the delimiter {@code =}, their parity and the newline, e.g. {@code 0110=0\n}.
 *
 * <p>The network has to carry one bit, flipped by every 1, to the end: a memory that each input
 * rewrites, where the state memorizer's memory is written once.
 */
public final class ParityTask implements Task {
    private static final Pattern HEAD = Pattern.compile("[01]+=");
    private static final Vocabulary VOCABULARY = Vocabulary.of("\n01=");
    private static final Pattern GRAMMAR = Pattern.compile("[01]+=[01]\n");

    private static final TaskInfo INFO = new TaskInfo("parity",
            "L random bits, then =, then their parity (1 when the number of 1's is odd). The network has to flip one remembered bit at every 1.",
            "L (bits)", VOCABULARY, '=', new DefaultModel(1, 10), 0, new SizeRange(1, 10), new SizeRange(11, 20),
            TaskInfo.variables("parity", "Parity of the bits read so far: 1 when an odd number of them were 1; fixed from the = on."));

    @Override public TaskInfo info() { return INFO; }

    @Override public String generate(int length, Random random) {
        if (length < 1) throw new IllegalArgumentException("L must be at least 1, got " + length);
        StringBuilder bits = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) bits.append(random.nextBoolean() ? '1' : '0');
        return bits.append('=').append(parity(bits)).append('\n').toString();
    }

    private static char parity(CharSequence bits) {
        int ones = 0;
        for (int i = 0; i < bits.length(); i++) if (bits.charAt(i) == '1') ones++;
        return ones % 2 == 1 ? '1' : '0';
    }

    @Override public int sizeOf(String sequence) {
        if (!isValid(sequence)) throw new IllegalArgumentException("not a " + name() + " sequence: " + sequence.replace("\n", "\\n"));
        return sequence.indexOf('=');
    }

    @Override public Optional<String> continuation(String head) {
        return HEAD.matcher(head).matches() ? Optional.of(parity(head.substring(0, head.length() - 1)) + "\n") : Optional.empty();
    }

    @Override public boolean isValid(String sequence) {
        if (!GRAMMAR.matcher(sequence).matches()) return false;
        int eq = sequence.indexOf('=');
        return sequence.charAt(eq + 1) == parity(sequence.substring(0, eq));
    }

    /** Character by character, so the values are defined for a prefix too. */
    @Override public Map<String, double[]> variables(String sequence) {
        double[] parity = new double[sequence.length()];
        int p = 0;
        boolean answered = false;
        for (int t = 0; t < sequence.length(); t++) {
            char ch = sequence.charAt(t);
            if (ch == '=') answered = true;
            else if (ch == '1' && !answered) p ^= 1;
            parity[t] = p;
        }
        return INFO.values(parity);
    }

}
