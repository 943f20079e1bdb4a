package lstmexplorer.model;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * One recurrent layer's equations, batched: each row of x and of every cached vector is one sequence.
 * A cell holds only its weights; everything that changes per timestep lives in {@link StepCache}, so
 * one cell can serve many forward passes at once.
 */
public interface Cell {
    /** Registry name, e.g. {@code lstm}. */
    String type();

    /** Names of the per-unit vectors the cell records, in cache order; always ends with {@code hidden}. */
    List<String> vectors();

    /** Indices into {@link #vectors()} of the state carried from one timestep to the next. */
    int[] stateVectors();

    int inputSize();

    int hiddenSize();

    List<Parameter> parameters();

    /** Draws every weight and bias uniformly in ±1/√hidden (PyTorch's default) from a seeded source. */
    default void initialize(Random random) {
        double bound = 1 / Math.sqrt(hiddenSize());
        for (Parameter p : parameters()) CellMath.uniform(p.value(), bound, random);
    }

    /** A cache sized for a batch. */
    StepCache newCache(int batch);

    /** Computes timestep t from input x (batch × input) and the previous step's cache into {@code out}. */
    void forward(DMatrixRMaj x, StepCache prev, StepCache out);

    /**
     * Backpropagates one timestep.
     *
     * @param dState in: gradient of the loss w.r.t. this step's state vectors (order of {@link #stateVectors()});
     *               out: overwritten with the gradient w.r.t. the previous step's state
     * @param grads  gradient accumulators, one per {@link #parameters()} entry, added to
     * @param dx     receives the gradient w.r.t. x (batch × input), or null when not needed
     */
    void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState, DMatrixRMaj[] grads, DMatrixRMaj dx);

    /** Index of {@code hidden} in {@link #vectors()}. */
    default int hiddenIndex() { return vectors().size() - 1; }

    /** Position of {@code hidden} within {@link #stateVectors()}. */
    default int hiddenStateSlot() {
        int[] s = stateVectors();
        for (int k = 0; k < s.length; k++) if (s[k] == hiddenIndex()) return k;
        throw new IllegalStateException(type() + " does not carry its hidden state");
    }
}
