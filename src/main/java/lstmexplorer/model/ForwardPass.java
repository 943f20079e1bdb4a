package lstmexplorer.model;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Everything a forward pass over a batch of sequences records: each layer's {@link StepCache} at
 * each timestep and the next-character probabilities. Backpropagation reads it; a trace is a view of
 * it. A pass can be reused for the next batch of the same network (training does, to make no garbage).
 */
public final class ForwardPass {
    final Network network;
    final List<DMatrixRMaj> inputs = new ArrayList<>();          // [t] batch × vocab, one-hot
    final List<StepCache[]> steps = new ArrayList<>();            // [t][layer]
    final List<DMatrixRMaj> probabilities = new ArrayList<>();    // [t] batch × vocab
    final List<DMatrixRMaj> outputGradients = new ArrayList<>();  // [t] batch × vocab, dLoss/dlogits
    final StepCache[] initial;                                    // [layer] state before the first character
    final DMatrixRMaj[][] initialGradient;                        // [layer][state slot], after backward
    final DMatrixRMaj[] layerInputGradient;                       // [layer] scratch for dLoss/dx
    final List<DMatrixRMaj> inputGradients = new ArrayList<>();   // [t] batch × vocab, dLoss/dx, when kept
    boolean keepInputGradients;
    /** See {@link #forwardOnly}; {@code taken}: a caller took the arrays, the pass runs no more. */
    boolean forwardOnly, taken;
    /** See {@link #singlePrecision}. */
    boolean singlePrecision;
    private StepCache[] sharedScratch; // [layer] forward-only: the caches whose scratch every timestep shares
    ForwardWeights weights; // as the last forward call read them; each call copies them again
    int[] lengths = new int[0];
    int batch, length;

    ForwardPass(Network network, int batch) {
        this.network = network;
        this.batch = batch;
        int layers = network.layers();
        initial = new StepCache[layers];
        initialGradient = new DMatrixRMaj[layers][];
        layerInputGradient = new DMatrixRMaj[layers];
        for (int l = 0; l < layers; l++) {
            Cell cell = network.cell(l);
            initial[l] = cell.newCache(batch);
            int[] state = cell.stateVectors();
            initialGradient[l] = new DMatrixRMaj[state.length];
            for (int s = 0; s < state.length; s++) initialGradient[l][s] = new DMatrixRMaj(batch, cell.hiddenSize());
            layerInputGradient[l] = new DMatrixRMaj(batch, cell.inputSize());
        }
    }

    /** Makes room for {@code batch} sequences of up to {@code length} steps, reusing what is there. */
    void prepare(int batch, int length) {
        if (taken) throw new IllegalStateException("the pass gave up its values");
        int vocab = network.vocabSize();
        while (steps.size() < length) {
            steps.add(forwardOnly ? sharingScratch(batch) : network.newState(batch));
            inputs.add(new DMatrixRMaj(batch, vocab));
            probabilities.add(new DMatrixRMaj(batch, vocab));
            outputGradients.add(new DMatrixRMaj(batch, vocab));
        }
        if (keepInputGradients) while (inputGradients.size() < steps.size()) inputGradients.add(new DMatrixRMaj(batch, vocab));
        if (batch != this.batch) {
            for (int t = 0; t < steps.size(); t++) {
                for (StepCache c : steps.get(t)) c.reshape(batch);
                inputs.get(t).reshape(batch, vocab, false);
                probabilities.get(t).reshape(batch, vocab, false);
                outputGradients.get(t).reshape(batch, vocab, false);
            }
            for (DMatrixRMaj g : inputGradients) g.reshape(batch, vocab, false);
            for (int l = 0; l < initial.length; l++) {
                initial[l].reshape(batch);
                for (DMatrixRMaj g : initialGradient[l]) g.reshape(batch, g.numCols, false);
                layerInputGradient[l].reshape(batch, layerInputGradient[l].numCols, false);
            }
        }
        this.batch = batch;
        this.length = length;
    }

    /** A cache per layer whose scratch is that of every other timestep of this forward-only pass. */
    private StepCache[] sharingScratch(int batch) {
        if (sharedScratch == null) sharedScratch = network.newState(batch);
        StepCache[] state = new StepCache[sharedScratch.length];
        for (int l = 0; l < state.length; l++) state[l] = sharedScratch[l].sharingScratch(batch);
        return state;
    }

    /**
     * Makes this a pass that is never backpropagated ({@link Network#backward} refuses it): its timesteps
     * share each layer's scratch, the pre-activations that only backpropagation reads again (for an LSTM
     * nearly half of a timestep's cache). Traces are such passes. Call before the first forward call.
     */
    public ForwardPass forwardOnly() {
        forwardOnly = true;
        return this;
    }

    /**
     * Makes this a {@link #forwardOnly} pass whose weight products run in single precision: weights and
     * inputs rounded to float, sums in float, into the double-precision pre-activations that the gates
     * then read (an LSTM's to float precision, {@link CellMath#fastTanh}). About 1.6 times the products'
     * speed; within 1e-4 of PyTorch where double precision is within 1e-6 (PyTorchParityTest). Call before
     * the first forward call.
     */
    public ForwardPass singlePrecision() {
        singlePrecision = true;
        return forwardOnly();
    }

    /**
     * Vector v of layer l at every timestep, for a caller done with this one-row pass: the arrays the pass
     * holds, not copies, so a trace keeps them instead of copying 2,000 × 6 × hidden values per layer.
     * The pass runs no more forward calls after.
     */
    public double[][] take(int layer, int v) {
        if (batch != 1) throw new IllegalStateException("a pass of " + batch + " rows; take the values of one row by copying them");
        taken = true;
        double[][] values = new double[length][];
        for (int t = 0; t < length; t++) values[t] = steps.get(t)[layer].take(v);
        return values;
    }

    public int batch() { return batch; }

    /** Timesteps computed (the longest sequence of the batch). */
    public int length() { return length; }

    /** Length of sequence {@code row}; steps past it are padding. */
    public int length(int row) { return lengths[row]; }

    public int layers() { return initial.length; }

    public Network network() { return network; }

    /** Layer l's cache at timestep t. */
    public StepCache step(int t, int layer) { check(t); return steps.get(t)[layer]; }

    /** Probability of vocabulary entry v as the next character, after sequence {@code row} read character t. */
    public double probability(int t, int row, int v) { check(t); return probabilities.get(t).unsafe_get(row, v); }

    /** Index of the most probable next character. */
    public int argmax(int t, int row) {
        check(t);
        DMatrixRMaj p = probabilities.get(t);
        int best = 0;
        for (int v = 1; v < p.numCols; v++) if (p.unsafe_get(row, v) > p.unsafe_get(row, best)) best = v;
        return best;
    }

    /** The matrix for loss code to fill with dLoss/dlogits at timestep t (zero at padding). */
    public DMatrixRMaj outputGradient(int t) { check(t); return outputGradients.get(t); }

    /**
     * Makes {@link Network#backward} also leave dLoss/d(input) at every timestep (attribution needs it;
     * training does not). Call before the forward pass.
     */
    public ForwardPass keepInputGradients() {
        keepInputGradients = true;
        return this;
    }

    /** After {@link Network#backward} on a pass that {@link #keepInputGradients keeps them}: dLoss/dx at timestep t, batch × vocab. */
    public DMatrixRMaj inputGradient(int t) {
        check(t);
        if (!keepInputGradients) throw new IllegalStateException("this pass does not keep input gradients");
        return inputGradients.get(t);
    }

    /** The state before the first character of layer l (zero unless a caller sets it, e.g. a gradient check). */
    public StepCache initialState(int layer) { return initial[layer]; }

    /**
     * Starts sequence {@code row} from a given state instead of zero: state vector {@code vector} (an
     * index into the cell's {@link Cell#vectors()}, one of its {@link Cell#stateVectors()}) of layer l.
     * Call after sizing the pass for the batch ({@link Network#newPass}) and before the forward pass.
     */
    public void setInitialState(int layer, int vector, int row, double[] values) {
        boolean carried = false;
        for (int v : network.cell(layer).stateVectors()) carried |= v == vector;
        if (!carried) throw new IllegalArgumentException("vector " + vector + " of layer " + layer + " is not carried between steps");
        DMatrixRMaj m = initial[layer].matrix(vector);
        if (values.length != m.numCols) throw new IllegalArgumentException("layer " + layer + " has " + m.numCols + " units; got " + values.length);
        System.arraycopy(values, 0, m.data, row * m.numCols, m.numCols);
    }

    /** After {@link Network#backward}: dLoss/d(initial state) of layer l, one matrix per state vector. */
    public DMatrixRMaj initialStateGradient(int layer, int slot) { return initialGradient[layer][slot]; }

    private void check(int t) {
        if (t < 0 || t >= length) throw new IndexOutOfBoundsException("timestep " + t + " of " + length);
    }
}
