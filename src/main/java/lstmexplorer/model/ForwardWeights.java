package lstmexplorer.model;

import java.util.IdentityHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A network's weight matrices as one forward computation reads them: a {@link Blocked} copy of each
 * one whose products run faster that way at the batch size ({@link Products#blocks}). A copy is taken
 * when the computation starts, so it reads the weights as they are then; it is never written after,
 * so steppers and passes may share it across threads.
 */
final class ForwardWeights {
    private final Map<DMatrixRMaj, Blocked> blocked = new IdentityHashMap<>();
    private final int batch;

    private ForwardWeights(int batch) { this.batch = batch; }

    /** The weights of {@code network} now, for products with {@code batch} rows; reuses the arrays of {@code reuse} (may be null). */
    static ForwardWeights of(Network network, int batch, ForwardWeights reuse) {
        ForwardWeights weights = reuse != null && reuse.batch == batch ? reuse : new ForwardWeights(batch);
        for (Parameter p : network.parameters()) {
            DMatrixRMaj m = p.value();
            if (m.numRows < 2 || !Products.blocks(batch, m.numRows, m.numCols)) continue;
            Blocked copy = weights.blocked.get(m);
            weights.blocked.put(m, (copy == null ? new Blocked(m.numRows, m.numCols) : copy).copy(m));
        }
        return weights;
    }

    /** The blocked copy of weight matrix m, or null to read m itself. */
    Blocked blocked(DMatrixRMaj m) { return blocked.get(m); }
}
