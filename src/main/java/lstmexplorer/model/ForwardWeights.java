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
    private final Map<DMatrixRMaj, Blocked> blocked;
    /** Blocked copies of the transposes, for the backward pass; taken when first asked for after the copies are. */
    private final Map<DMatrixRMaj, Blocked> transposed;
    private final Set<DMatrixRMaj> transposedNow;
    /** Blocked copies of [top; bottom]ᵀ, by top, for the backward pass; taken as the transposes are. */
    private final Map<DMatrixRMaj, Blocked> stacked = new IdentityHashMap<>();
    private final Set<DMatrixRMaj> stackedNow = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Arrays for the blocked copies the backward pass makes of its gradients, by shape (rows, columns). */
    private final Map<Long, Blocked> scratch;
    /** Matrices for the products the backward pass splits, by shape (rows, columns). */
    private final Map<Long, DMatrixRMaj> products = new HashMap<>();
    /** A product input·weight computed ahead of the step that asks for it (see {@link #computedAhead}); null: none. */
    private DMatrixRMaj aheadInput, aheadWeight, aheadProduct;
    private int aheadRow;
    /** Whether the copies are in single precision: the pass then computes its gates to float precision too ({@link CellMath#fastTanh}). */
    private boolean single;

    private ForwardWeights() {
        this(new IdentityHashMap<>(), new IdentityHashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()), new HashMap<>());
    }

    private ForwardWeights(Map<DMatrixRMaj, Blocked> blocked, Map<DMatrixRMaj, Blocked> transposed, Set<DMatrixRMaj> transposedNow,
                           Map<Long, Blocked> scratch) {
        this.blocked = blocked;
        this.transposed = transposed;
        this.transposedNow = transposedNow;
        this.scratch = scratch;
    }

    /** The weights of {@code network} now; reuses the arrays of {@code reuse} (null: new ones), which must be of this network. */
    static ForwardWeights of(Network network, ForwardWeights reuse) { return of(network, reuse, false); }

    /** As {@link #of(Network, ForwardWeights)}; {@code single}: the copies in single precision, for a forward-only pass. */
    static ForwardWeights of(Network network, ForwardWeights reuse, boolean single) {
        ForwardWeights weights = reuse != null ? reuse : new ForwardWeights();
        weights.single = single;
        weights.transposedNow.clear(); // taken again when the backward pass asks
        weights.stackedNow.clear();
        for (Parameter p : network.parameters()) {
            DMatrixRMaj m = p.value();
            if (m.numRows < 2) continue; // a bias or peephole row is added, not multiplied
            Blocked copy = weights.blocked.get(m);
            if (copy == null || copy.single() != single) copy = new Blocked(m.numRows, m.numCols, single);
            weights.blocked.put(m, copy.copy(m));
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

    /**
     * A blocked copy of [top; bottom]ᵀ for weight matrices top and bottom of as many columns, as they were
     * when the copies were taken (null when either has none): for the backward pass of the pass that owns
     * these copies, as {@link #transposed}.
     */
    Blocked transposedStack(DMatrixRMaj top, DMatrixRMaj bottom) {
        Blocked t = blocked.get(top), b = blocked.get(bottom);
        if (t == null || b == null || t.single() || b.single()) return null;
        Blocked copy = stacked.get(top);
        if (stackedNow.add(top)) stacked.put(top, copy = (copy == null ? new Blocked(t.cols, t.rows + b.rows) : copy).copyTransposedStack(t, b));
        return copy;
    }

    /** A rows × cols matrix kept for the next product of its shape, its values left from the last: for the backward pass of the pass that owns these copies. */
    DMatrixRMaj product(int rows, int cols) {
        return products.computeIfAbsent((long) rows << 32 | cols, shape -> new DMatrixRMaj(rows, cols));
    }

    /** A blocked copy of m (a gradient) in arrays kept for the next matrix of its shape: for the backward pass of the pass that owns these copies. */
    Blocked scratchCopy(DMatrixRMaj m) {
        return scratch.computeIfAbsent((long) m.numRows << 32 | m.numCols, shape -> new Blocked(m.numRows, m.numCols)).copy(m);
    }

    /**
     * The same copies, with room for one product computed ahead: {@link LayerPipeline} multiplies the inputs
     * of a layer for a block of timesteps at once and hands each step its rows this way. Belongs to one thread.
     */
    ForwardWeights withProductsAhead() {
        ForwardWeights ahead = new ForwardWeights(blocked, transposed, transposedNow, scratch);
        ahead.single = single;
        return ahead;
    }

    /** Whether these are single-precision copies, read by a pass that computes in float precision throughout. */
    boolean single() { return single; }

    /** Until {@link #clearAhead}: the product input·weight is rows {@code row} on of {@code product}. */
    void ahead(DMatrixRMaj input, DMatrixRMaj weight, DMatrixRMaj product, int row) {
        aheadInput = input;
        aheadWeight = weight;
        aheadProduct = product;
        aheadRow = row;
    }

    void clearAhead() { aheadInput = aheadWeight = aheadProduct = null; }

    /** If a·b was computed ahead, copies it into c and says so: the product was computed row by row, as the step would have. */
    boolean computedAhead(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (a != aheadInput || b != aheadWeight) return false;
        System.arraycopy(aheadProduct.data, aheadRow * c.numCols, c.data, 0, c.numRows * c.numCols);
        return true;
    }
}
