package lstmexplorer.train;

import lstmexplorer.model.ForwardPass;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax cross-entropy of next-character prediction, averaged over every real (non-padding)
 * timestep of a batch.
 */
public final class SequenceLoss {
    private SequenceLoss() {}

    /**
     * Returns the mean loss and fills each {@link ForwardPass#outputGradient} with dLoss/dlogits,
     * which for softmax + cross-entropy is (p − onehot(target)) / count, and zero at padding.
     */
    public static double lossAndGradient(ForwardPass pass, int[][] targets) {
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
                int target = targets[r][t];
                for (int k = 0; k < v; k++) d.data[off + k] = pass.probability(t, r, k) / count;
                d.data[off + target] -= 1.0 / count;
                loss -= Math.log(Math.max(pass.probability(t, r, target), 1e-300));
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
