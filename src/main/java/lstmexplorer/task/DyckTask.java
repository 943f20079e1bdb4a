package lstmexplorer.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A balanced string of n bracket pairs and the newline: Dyck-1 over {@code ( )}, e.g. {@code (()())\n},
 * or Dyck-2 over {@code ( ) [ ]}, e.g. {@code ([])[]\n}.
 *
 * <p>The next character is never determined: an opening bracket may always come, the closing bracket
 * of the innermost open one when one is open, and the newline when none is. So, as in Suzgun et al.
 * 2019, a model is scored on the set of characters it deems possible (probability at or above a
 * threshold) at every position, which must be exactly the set {@link #legalNext} gives, and is
 * trained towards that set (see {@code SequenceLoss}). Dyck-1 needs a counter; Dyck-2 needs a stack.
 */
public final class DyckTask implements Task {
    private final String brackets; // opening, closing, opening, closing, …
    private final TaskInfo info;

    /** @param brackets pairs of opening and closing brackets, e.g. {@code "()[]"} */
    public DyckTask(String brackets) {
        if (brackets.isEmpty() || brackets.length() % 2 != 0) throw new IllegalArgumentException("brackets come in pairs");
        this.brackets = brackets;
        boolean one = kinds() == 1;
        // no delimiter: every position is scored, by legalNext (the info's delimiter is the newline, which delimiters() leaves out)
        this.info = new TaskInfo("dyck" + kinds(), one
                ? "A balanced string of n pairs of round brackets (Dyck-1). The network has to count the open "
                        + "brackets to know when the string may end; it is scored on the set of characters it deems possible."
                : "A balanced string of n pairs of round and square brackets (Dyck-2). The network has to keep a stack "
                        + "of the open brackets to know which one may close; it is scored on the set of characters it deems possible.",
                "n (bracket pairs)", Vocabulary.of("\n" + brackets), Vocabulary.END, new DefaultModel(1, one ? 10 : 20), 0,
                new SizeRange(1, 10), new SizeRange(11, 20), one
                        ? TaskInfo.variables("depth", "Brackets open after reading character t.")
                        : TaskInfo.variables("depth", "Brackets open after reading character t.",
                                "top", "The innermost open bracket: 0 when none is open, 1 for (, 2 for [."));
    }

    private int kinds() { return brackets.length() / 2; }

    @Override public TaskInfo info() { return info; }

    @Override public String delimiters() { return ""; }

    /**
     * A random walk over the depth: while both are possible, open or close with even odds; the
     * kind of each opening bracket is drawn uniformly.
     */
    @Override public String generate(int n, Random random) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1, got " + n);
        StringBuilder s = new StringBuilder(2 * n + 1);
        Deque<Integer> open = new ArrayDeque<>();
        int opened = 0;
        while (s.length() < 2 * n) {
            boolean mayOpen = opened < n, mayClose = !open.isEmpty();
            if (mayOpen && (!mayClose || random.nextBoolean())) {
                int kind = random.nextInt(kinds());
                open.push(kind);
                s.append(brackets.charAt(2 * kind));
                opened++;
            } else {
                s.append(brackets.charAt(2 * open.pop() + 1));
            }
        }
        return s.append('\n').toString();
    }

    @Override public int sizeOf(String sequence) {
        if (!isValid(sequence)) throw new IllegalArgumentException("not a " + name() + " sequence: " + sequence.replace("\n", "\\n"));
        return (sequence.length() - 1) / 2;
    }

    /** Never determined. */
    @Override public Optional<String> continuation(String head) { return Optional.empty(); }

    @Override public boolean isValid(String sequence) {
        if (sequence.length() < 3 || sequence.charAt(sequence.length() - 1) != '\n') return false;
        Deque<Integer> open = new ArrayDeque<>();
        for (int t = 0; t < sequence.length() - 1; t++) {
            int k = brackets.indexOf(sequence.charAt(t));
            if (k < 0) return false;
            if (k % 2 == 0) open.push(k / 2);
            else if (open.isEmpty() || open.pop() != k / 2) return false;
        }
        return open.isEmpty();
    }

    /** At each position: every opening bracket, the innermost open one's closing bracket, or the newline once all are closed. */
    @Override public List<String> legalNext(String sequence) {
        List<String> legal = new ArrayList<>(sequence.length());
        Deque<Integer> open = new ArrayDeque<>();
        StringBuilder openers = new StringBuilder();
        for (int k = 0; k < kinds(); k++) openers.append(brackets.charAt(2 * k));
        for (int t = 0; t < sequence.length(); t++) {
            String close = open.isEmpty() ? (t == 0 ? "" : "\n") : String.valueOf(brackets.charAt(2 * open.peek() + 1));
            legal.add(openers + close);
            int k = brackets.indexOf(sequence.charAt(t));
            if (k >= 0 && k % 2 == 0) open.push(k / 2);
            else if (k >= 0 && !open.isEmpty()) open.pop();
        }
        return legal;
    }

    /** Character by character, so the values are defined for a prefix too. */
    @Override public Map<String, double[]> variables(String sequence) {
        int length = sequence.length();
        double[] depth = new double[length], top = new double[length];
        Deque<Integer> open = new ArrayDeque<>();
        for (int t = 0; t < length; t++) {
            int k = brackets.indexOf(sequence.charAt(t));
            if (k >= 0 && k % 2 == 0) open.push(k / 2);
            else if (k >= 0 && !open.isEmpty()) open.pop();
            depth[t] = open.size();
            top[t] = open.isEmpty() ? 0 : open.peek() + 1;
        }
        return kinds() > 1 ? info.values(depth, top) : info.values(depth);
    }
}
