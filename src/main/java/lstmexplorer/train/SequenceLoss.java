package lstmexplorer.train;

import lstmexplorer.model.ForwardPass;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax cross-entropy of next-character prediction, averaged over every real (non-padding)
 * timestep of a batch. For a task whose next character is not determined (the Dyck languages) the
 * target at each step is instead the uniform distribution over the legal next characters, as Suzgun
 * et al. 2019 train on the set of legal next characters: the model then learns to give every legal
 * character a good share and the others none, which is what it is scored on.
 */
public final class SequenceLoss {
    private SequenceLoss() {}

    /**
     * Returns the mean loss and fills each {@link ForwardPass#outputGradient} with dLoss/dlogits,
     * which for softmax + cross-entropy is (p − onehot(target)) / count, and zero at padding.
     */
    public static double lossAndGradient(ForwardPass pass, int[][] targets) { return lossAndGradient(pass, targets, null); }

    /**
     * As {@link #lossAndGradient(ForwardPass, int[][])}, with {@code legal} (null: none) giving per
     * sequence and step the legal next characters as a bit mask: then the target is uniform over them.
     */
    public static double lossAndGradient(ForwardPass pass, int[][] targets, int[][] legal) {
        int count = 0;
        for (int r = 0; r < pass.batch(); r++) count += pass.length(r);
        double loss = 0;
        for (int t = 0; t < pass.length(); t++) {
            DMatrixRMaj d = pass.outputGradient(t);
            int v = d.numCols;
            for (int r = 0; r < pass.batch(); r++) {
                int off = r * v;
                if (t >= pass.length(r)) {
                    java.util.Arrays.fill(d.data, off, off + v, 0.0);
                    continue;
                }
                for (int k = 0; k < v; k++) d.data[off + k] = pass.probability(t, r, k) / count;
                if (legal == null) {
                    int target = targets[r][t];
                    d.data[off + target] -= 1.0 / count;
                    loss -= Math.log(Math.max(pass.probability(t, r, target), 1e-300));
                } else {
                    int mask = legal[r][t];
                    double q = 1.0 / Integer.bitCount(mask);
                    for (int k = 0; k < v; k++) {
                        if ((mask & (1 << k)) == 0) continue;
                        d.data[off + k] -= q / count;
                        loss -= q * Math.log(Math.max(pass.probability(t, r, k), 1e-300));
                    }
                }
            }
        }
        return loss / count;
    }

    /** The mean loss alone. */
    public static double loss(ForwardPass pass, int[][] targets) {
        int count = 0;
        double loss = 0;
        for (int r = 0; r < pass.batch(); r++) {
            for (int t = 0; t < pass.length(r); t++) loss -= Math.log(Math.max(pass.probability(t, r, targets[r][t]), 1e-300));
            count += pass.length(r);
        }
        return loss / count;
    }
}
