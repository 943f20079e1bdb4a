package lstmexplorer.analysis;

import java.util.List;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.EncodedSequences;

/**
 * A task's sequences encoded for a model that may know more characters than the task (an imported
 * model of real size): the task's encoding, each character index moved to the model's index of it.
 */
final class ModelEncoding {
    private ModelEncoding() {}

    /** The sequences as {@code vocab} numbers them; exactly the task's encoding when the vocabularies are the same. */
    static EncodedSequences of(Task task, List<String> sequences, Vocabulary vocab, double threshold) {
        EncodedSequences encoded = EncodedSequences.of(task, sequences, threshold);
        Vocabulary own = task.vocabulary();
        if (own.equals(vocab)) return encoded;
        int[] index = new int[own.size()];
        for (int v = 0; v < own.size(); v++) {
            index[v] = vocab.indexOf(own.charAt(v));
            if (index[v] < 0)
                throw new IllegalArgumentException("the model's vocabulary " + vocab + " lacks " + Vocabulary.display(own.charAt(v))
                        + " of the " + task.name() + " task's " + own);
        }
        int[][] legal = encoded.legal();
        if (legal != null && vocab.size() > Integer.SIZE)
            throw new IllegalArgumentException(task.name() + " scores a model by the set of next characters it deems possible, which "
                    + "takes a model of at most " + Integer.SIZE + " characters; this one reads " + vocab.size());
        return new EncodedSequences(moved(encoded.inputs(), index), moved(encoded.targets(), index), encoded.firstScored(),
                legal == null ? null : movedMasks(legal, index), encoded.threshold());
    }

    private static int[][] moved(int[][] rows, int[] index) {
        int[][] out = new int[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            out[k] = new int[rows[k].length];
            for (int t = 0; t < rows[k].length; t++) out[k][t] = index[rows[k][t]];
        }
        return out;
    }

    private static int[][] movedMasks(int[][] masks, int[] index) {
        int[][] out = new int[masks.length][];
        for (int k = 0; k < masks.length; k++) {
            out[k] = new int[masks[k].length];
            for (int t = 0; t < masks[k].length; t++)
                for (int v = 0; v < index.length; v++) if ((masks[k][t] & (1 << v)) != 0) out[k][t] |= 1 << index[v];
        }
        return out;
    }
}
