package lstmexplorer.model;

/**
 * A change to what the cells compute during a forward pass: "do", not "see". Every value a cell
 * computes (gate, candidate, cell, hidden) passes through {@link #value} at the moment it is
 * computed, so whatever is computed from it afterwards sees the changed value: the rest of that
 * cell's step (forcing an LSTM's forget gate changes its cell and hidden state), the layers above
 * and the later timesteps. This is how a claim about a unit is tested: clamp it and see what breaks.
 *
 * <p>A pass run with an intervention is for looking at; backpropagating through it does not give
 * the gradient of the changed network.
 */
public interface Intervention {
    /** False when nothing of {@code layer} at {@code timestep} is changed; the pass then skips {@link #value} there. */
    boolean touches(int timestep, int layer);

    /**
     * The value to use instead of {@code computed} for vector {@code vector} (index into the cell's
     * {@link Cell#vectors()}) of sequence {@code row} of the batch and unit {@code unit}.
     */
    double value(int timestep, int layer, int vector, int row, int unit, double computed);
}
