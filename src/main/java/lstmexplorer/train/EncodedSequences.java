package lstmexplorer.train;

import java.util.List;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;

/**
 * Sequences as the model sees them: it reads the start token and then every character but the last
 * ({@code "\n" + s} shifted), and at each step is asked for the next character of {@code s}.
 */
public record EncodedSequences(int[][] inputs, int[][] targets, int[] firstScored) {

    public static EncodedSequences of(Task task, List<String> sequences) {
        Vocabulary vocab = task.vocabulary();
        int n = sequences.size();
        int[][] inputs = new int[n][], targets = new int[n][];
        int[] firstScored = new int[n];
        for (int k = 0; k < n; k++) {
            String s = sequences.get(k);
            targets[k] = vocab.encode(s);
            inputs[k] = vocab.encode(Vocabulary.END + s.substring(0, s.length() - 1));
            firstScored[k] = task.delimiterIndex(s) + 1;
        }
        return new EncodedSequences(inputs, targets, firstScored);
    }

    public int size() { return inputs.length; }

    /** Real (non-padding) timesteps over all sequences. */
    public long timesteps() {
        long sum = 0;
        for (int[] s : inputs) sum += s.length;
        return sum;
    }
}
