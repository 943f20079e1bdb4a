package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/**
 * What one layer computed at one timestep for a batch: each of the cell's vectors (gates, candidate,
 * cell, hidden...) as a batch × hidden matrix. This is both what backpropagation consumes and what a
 * trace shows. Cells fill it during the forward pass; everyone else only reads it.
 */
public final class StepCache {
    final DMatrixRMaj[] vectors;
    /** Pre-activations and other intermediate values a cell keeps for its backward pass. */
    final DMatrixRMaj[] scratch;
    /** Set by {@link Network#forward} while an intervention changes this layer at this timestep; null otherwise. */
    private Intervention intervention;
    private int timestep, layer;
    /** Set by {@link Network#step}: the weights the cell's products read (null: the cell's own matrices). */
    ForwardWeights weights;

    StepCache(int batch, int hidden, int vectorCount, int[] scratchColumns) {
        this(batch, hidden, vectorCount, new DMatrixRMaj[scratchColumns.length]);
        for (int s = 0; s < scratchColumns.length; s++) scratch[s] = new DMatrixRMaj(batch, scratchColumns[s]);
    }

    private StepCache(int batch, int hidden, int vectorCount, DMatrixRMaj[] scratch) {
        vectors = new DMatrixRMaj[vectorCount];
        for (int v = 0; v < vectorCount; v++) vectors[v] = new DMatrixRMaj(batch, hidden);
        this.scratch = scratch;
    }

    /** A cache with vectors of its own for {@code batch} rows and this cache's scratch: the timesteps of a forward-only pass share it. */
    StepCache sharingScratch(int batch) { return new StepCache(batch, hidden(), vectors.length, scratch); }

    public int batch() { return vectors[0].numRows; }

    public int hidden() { return vectors[0].numCols; }

    /** Value of vector {@code v} (in the cell's {@link Cell#vectors()} order) for sequence {@code row}, unit {@code unit}. */
    public double value(int v, int row, int unit) { return vectors[v].unsafe_get(row, unit); }

    /** A copy of one sequence's values of vector {@code v}. */
    public double[] row(int v, int row) {
        double[] out = new double[hidden()];
        System.arraycopy(vectors[v].data, row * hidden(), out, 0, out.length);
        return out;
    }

    /** The value a cell keeps for vector v of (row, unit): what it computed, unless an intervention replaces it. */
    double keep(int v, int row, int unit, double computed) {
        return intervention == null ? computed : intervention.value(timestep, layer, v, row, unit, computed);
    }

    /** Whether an intervention changes what the cell computes into this cache now. */
    boolean intervening() { return intervention != null; }

    /** Lets {@code intervention} (null: none) change what the cell computes into this cache at (timestep, layer). */
    void intervene(Intervention intervention, int timestep, int layer) {
        this.intervention = intervention;
        this.timestep = timestep;
        this.layer = layer;
    }

    /** Read access for code in this package that feeds a vector (usually the hidden state) onward. */
    DMatrixRMaj matrix(int v) { return vectors[v]; }

    /** The array of vector v, of a one-row cache whose pass gives it up: no copy. */
    double[] take(int v) {
        DMatrixRMaj m = vectors[v];
        return m.numRows == 1 && m.data.length == m.numCols ? m.data : row(v, 0);
    }

    /** Changes the batch size, reusing the arrays when they are large enough. */
    void reshape(int batch) {
        for (DMatrixRMaj m : vectors) m.reshape(batch, m.numCols, false);
        for (DMatrixRMaj m : scratch) m.reshape(batch, m.numCols, false);
    }

    /** Copies another cache of the same cell and batch size. */
    void setTo(StepCache other) {
        for (int v = 0; v < vectors.length; v++) vectors[v].setTo(other.vectors[v]);
        for (int s = 0; s < scratch.length; s++) scratch[s].setTo(other.scratch[s]);
    }

    /** Sets every vector to zero: the state before the first character. */
    void zero() {
        for (DMatrixRMaj m : vectors) m.zero();
        for (DMatrixRMaj m : scratch) m.zero();
    }
}
