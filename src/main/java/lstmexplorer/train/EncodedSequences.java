package lstmexplorer.train;

import java.util.List;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;

/**
 * Sequences as the model sees them: it reads the start token and then every character but the last
 * ({@code "\n" + s} shifted), and at each step is asked for the next character of {@code s}.
 *
 * <p>For a task whose next character is not determined (the Dyck languages) {@code legal} holds, per
 * sequence and position, the legal next characters as a bit mask over the vocabulary, and a position
 * is right when the characters of probability at least {@code threshold} are exactly those; for the
 * other tasks {@code legal} is null and the argmax must be the target.
 */
public record EncodedSequences(int[][] inputs, int[][] targets, int[] firstScored, int[][] legal, double threshold) {
    /** Probability at or above which a model deems a character possible, unless a run sets another. */
    public static final double DEFAULT_THRESHOLD = 0.05;

    public EncodedSequences {
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
    }

    public static EncodedSequences of(Task task, List<String> sequences) { return of(task, sequences, DEFAULT_THRESHOLD); }

    public static EncodedSequences of(Task task, List<String> sequences, double threshold) {
        Vocabulary vocab = task.vocabulary();
        int n = sequences.size();
        int[][] inputs = new int[n][], targets = new int[n][];
        int[][] legal = task.scoredBySets() ? new int[n][] : null;
        int[] firstScored = new int[n];
        for (int k = 0; k < n; k++) {
            String s = sequences.get(k);
            targets[k] = vocab.encode(s);
            inputs[k] = vocab.encode(Vocabulary.END + s.substring(0, s.length() - 1));
            firstScored[k] = task.delimiterIndex(s) + 1;
            if (legal != null) legal[k] = masks(vocab, task.legalNext(s));
        }
        return new EncodedSequences(inputs, targets, firstScored, legal, threshold);
    }

    /** The same sequences scored with another threshold (which only sets-scored tasks use). */
    public EncodedSequences withThreshold(double t) { return new EncodedSequences(inputs, targets, firstScored, legal, t); }

    private static int[] masks(Vocabulary vocab, List<String> legalNext) {
        if (vocab.size() > Integer.SIZE) throw new IllegalArgumentException("set scoring takes at most 32 characters");
        int[] masks = new int[legalNext.size()];
        for (int t = 0; t < masks.length; t++)
            for (char ch : legalNext.get(t).toCharArray()) masks[t] |= 1 << vocab.indexOf(ch);
        return masks;
    }

    public int size() { return inputs.length; }

    /** Real (non-padding) timesteps over all sequences. */
    public long timesteps() {
        long sum = 0;
        for (int[] s : inputs) sum += s.length;
        return sum;
    }
}
