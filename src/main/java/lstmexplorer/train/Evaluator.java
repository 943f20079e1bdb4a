package lstmexplorer.train;

import java.util.Arrays;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;

/**
 * Sequence accuracy: the share of sequences whose argmax prediction is right at every position after
 * the delimiter, the final newline included. That is the task's definition of "learned". For a task
 * whose next character is not determined, a position is right when the characters the model deems
 * possible (probability at least the data's threshold) are exactly the legal ones.
 */
public final class Evaluator {
    private static final int BATCH = 100;

    private Evaluator() {}

    public static double sequenceAccuracy(Network network, EncodedSequences data) {
        if (data.size() == 0) return 0;
        return count(correctSequences(network, data)) / (double) data.size();
    }

    /** For each sequence, whether every scored position is predicted right. */
    public static boolean[] correctSequences(Network network, EncodedSequences data) {
        return correctSequences(network, data, null);
    }

    /** As {@link #correctSequences(Network, EncodedSequences)}, with an intervention (null: none) applied to every sequence. */
    public static boolean[] correctSequences(Network network, EncodedSequences data, Intervention intervention) {
        boolean[] correct = new boolean[data.size()];
        ForwardPass pass = network.newPass(Math.min(BATCH, Math.max(1, data.size())));
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            network.forward(Arrays.copyOfRange(data.inputs(), from, to), pass, intervention);
            for (int r = 0; r < to - from; r++) {
                int k = from + r;
                correct[k] = firstWrong(pass, r, data, k) < 0;
            }
        }
        return correct;
    }

    /** Held-out next-character prediction: mean -log2 p(next) and the share of argmax hits, over every scored position. */
    public record NextCharacterScore(double bitsPerCharacter, double accuracy, long characters) {}

    public static NextCharacterScore nextCharacter(Network network, EncodedSequences data) {
        return nextCharacter(network, data, null);
    }

    /** As {@link #nextCharacter(Network, EncodedSequences)}, with an intervention (null: none) applied to every sequence. */
    public static NextCharacterScore nextCharacter(Network network, EncodedSequences data, Intervention intervention) {
        if (data.size() == 0) return new NextCharacterScore(0, 0, 0);
        ForwardPass pass = network.newPass(Math.min(BATCH, data.size()));
        double bits = 0;
        long hits = 0, n = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int to = Math.min(data.size(), from + BATCH);
            network.forward(Arrays.copyOfRange(data.inputs(), from, to), pass, intervention);
            for (int r = 0; r < to - from; r++) {
                int k = from + r;
                for (int t = data.firstScored()[k]; t < data.targets()[k].length; t++) {
                    int target = data.targets()[k][t];
                    bits -= Math.log(Math.max(pass.probability(t, r, target), 1e-300)) / LN2;
                    if (pass.argmax(t, r) == target) hits++;
                    n++;
                }
            }
        }
        return new NextCharacterScore(n == 0 ? 0 : bits / n, n == 0 ? 0 : hits / (double) n, n);
    }

    private static final double LN2 = Math.log(2);

    /** The first scored position of sequence k (row r of the pass) the model gets wrong, or −1. */
    public static int firstWrong(ForwardPass pass, int r, EncodedSequences data, int k) {
        for (int t = data.firstScored()[k]; t < data.targets()[k].length; t++)
            if (!(data.legal() == null ? pass.argmax(t, r) == data.targets()[k][t] : possible(pass, t, r, data.threshold()) == data.legal()[k][t]))
                return t;
        return -1;
    }

    /** The characters the model deems possible at step t, as a bit mask over the vocabulary. */
    public static int possible(ForwardPass pass, int t, int r, double threshold) {
        int mask = 0;
        for (int v = 0, n = pass.network().vocabSize(); v < n; v++) if (pass.probability(t, r, v) >= threshold) mask |= 1 << v;
        return mask;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) if (f) n++;
        return n;
    }
}
