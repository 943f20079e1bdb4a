package lstmexplorer.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * A network's weight matrices as one forward computation reads them: a {@link Blocked} copy of each.
 * The copies are taken when the computation starts, so it reads the weights as they are then. A pass
 * takes them again at each forward call, into the same arrays; a stepper takes them once, and its
 * copies share them, reading only. A copy costs about what one row's product with the matrix costs,
 * so it pays from a pass of a few timesteps or rows on, and a stepper's from its second character.
 */
final class ForwardWeights {
    private final Map<DMatrixRMaj, Blocked> blocked = new IdentityHashMap<>();
    /** Blocked copies of the transposes, for the backward pass; taken when first asked for after the copies are. */
    private final Map<DMatrixRMaj, Blocked> transposed = new IdentityHashMap<>();
    private final Set<DMatrixRMaj> transposedNow = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Arrays for the blocked copies the backward pass makes of its gradients, by shape (rows, columns). */
    private final Map<Long, Blocked> scratch = new HashMap<>();

    private ForwardWeights() {}

    /** The weights of {@code network} now; reuses the arrays of {@code reuse} (null: new ones), which must be of this network. */
    static ForwardWeights of(Network network, ForwardWeights reuse) {
        ForwardWeights weights = reuse != null ? reuse : new ForwardWeights();
        weights.transposedNow.clear(); // taken again when the backward pass asks
        for (Parameter p : network.parameters()) {
            DMatrixRMaj m = p.value();
            if (m.numRows < 2) continue; // a bias or peephole row is added, not multiplied
            Blocked copy = weights.blocked.get(m);
            weights.blocked.put(m, (copy == null ? new Blocked(m.numRows, m.numCols) : copy).copy(m));
        }
        return weights;
    }

    /** The blocked copy of weight matrix m, or null to read m itself. */
    Blocked blocked(DMatrixRMaj m) { return blocked.get(m); }

    /**
     * A blocked copy of mᵀ for weight matrix m, as m was when the copies were taken (null for a matrix
     * that has none): the backward pass of the pass that owns these copies reads it, on that pass's thread.
     */
    Blocked transposed(DMatrixRMaj m) {
        Blocked copy = blocked.get(m);
        if (copy == null) return null;
        Blocked t = transposed.get(m);
        if (transposedNow.add(m)) transposed.put(m, t = (t == null ? new Blocked(m.numCols, m.numRows) : t).copyTransposed(copy));
        return t;
    }

    /** A blocked copy of m (a gradient) in arrays kept for the next matrix of its shape: for the backward pass of the pass that owns these copies. */
    Blocked scratchCopy(DMatrixRMaj m) {
        return scratch.computeIfAbsent((long) m.numRows << 32 | m.numCols, shape -> new Blocked(m.numRows, m.numCols)).copy(m);
    }
}
