package lstmexplorer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A stack of recurrent layers over one-hot characters, then a linear layer and a softmax that
 * predict the next character. Sequences are token-index arrays; the state starts from
 * {@link ForwardPass#initialState} (zero) for every sequence.
 */
public final class Network {
    private final NetworkConfig config;
    private final Cell[] cells;
    private final DMatrixRMaj outputWeight; // hidden × vocab
    private final DMatrixRMaj outputBias;   // 1 × vocab
    private final List<Parameter> parameters = new ArrayList<>();
    private final int[] firstParameterOfLayer;

    public Network(NetworkConfig config) {
        this.config = config;
        cells = new Cell[config.layers()];
        firstParameterOfLayer = new int[config.layers() + 1];
        for (int l = 0; l < cells.length; l++) {
            int in = l == 0 ? config.vocabSize() : config.hidden();
            cells[l] = CellTypes.create(config.cell(), in, config.hidden());
            firstParameterOfLayer[l] = parameters.size();
            for (Parameter p : cells[l].parameters()) parameters.add(new Parameter("layers." + l + "." + p.name(), p.value()));
        }
        firstParameterOfLayer[cells.length] = parameters.size();
        outputWeight = new DMatrixRMaj(config.hidden(), config.vocabSize());
        outputBias = new DMatrixRMaj(1, config.vocabSize());
        parameters.add(new Parameter("output.W", outputWeight));
        parameters.add(new Parameter("output.b", outputBias));
    }

    /** A network with seeded PyTorch-style initial weights. */
    public static Network initialized(NetworkConfig config, Random random) {
        Network net = new Network(config);
        for (Cell cell : net.cells) cell.initialize(random);
        double bound = 1 / Math.sqrt(config.hidden());
        CellMath.uniform(net.outputWeight, bound, random);
        CellMath.uniform(net.outputBias, bound, random);
        return net;
    }

    public NetworkConfig config() { return config; }
    public int layers() { return cells.length; }
    public int hidden() { return config.hidden(); }
    public int vocabSize() { return config.vocabSize(); }
    public Cell cell(int layer) { return cells[layer]; }

    /** Every weight and bias, named {@code layers.<l>.<name>} and {@code output.W}, {@code output.b}. */
    public List<Parameter> parameters() { return List.copyOf(parameters); }

    public int parameterCount() {
        int n = 0;
        for (Parameter p : parameters) n += p.size();
        return n;
    }

    /** A deep copy with the same weights. */
    public Network copy() {
        Network copy = new Network(config);
        for (int k = 0; k < parameters.size(); k++) copy.parameters.get(k).value().setTo(parameters.get(k).value());
        return copy;
    }

    /** A fresh pass to run sequences through; reuse it for batch after batch. */
    public ForwardPass newPass(int batch) { return new ForwardPass(this, batch); }

    /** Runs one sequence (token indices) from the zero state. */
    public ForwardPass forward(int[] sequence) {
        ForwardPass pass = newPass(1);
        forward(new int[][] {sequence}, pass);
        return pass;
    }

    /** Runs a batch of sequences, padded to the longest; the initial state is whatever {@code pass} holds (zero unless set). */
    public void forward(int[][] sequences, ForwardPass pass) {
        forward(sequences, pass, null);
    }

    /** As {@link #forward(int[][], ForwardPass)}, with an intervention (null: none) changing values as the cells compute them. */
    public void forward(int[][] sequences, ForwardPass pass, Intervention intervention) {
        if (pass.network != this) throw new IllegalArgumentException("the pass belongs to another network");
        int batch = sequences.length, length = 0;
        for (int[] s : sequences) length = Math.max(length, s.length);
        pass.prepare(batch, length);
        pass.lengths = new int[batch];
        for (int r = 0; r < batch; r++) pass.lengths[r] = sequences[r].length;
        for (int t = 0; t < length; t++) {
            DMatrixRMaj x = pass.inputs.get(t);
            x.zero();
            for (int r = 0; r < batch; r++) if (t < sequences[r].length) x.unsafe_set(r, sequences[r][t], 1.0);
        }
        run(pass, intervention);
    }

    /**
     * Runs a batch over real-valued inputs instead of characters: {@code inputs[row][t]} is the vector
     * (vocabulary-sized) read at timestep t, a one-hot vector for a character. Scaling the one-hot
     * vectors towards zero is what integrated gradients does.
     */
    public void forward(double[][][] inputs, ForwardPass pass) {
        if (pass.network != this) throw new IllegalArgumentException("the pass belongs to another network");
        int batch = inputs.length, length = 0, vocab = vocabSize();
        for (double[][] s : inputs) length = Math.max(length, s.length);
        pass.prepare(batch, length);
        pass.lengths = new int[batch];
        for (int r = 0; r < batch; r++) pass.lengths[r] = inputs[r].length;
        for (int t = 0; t < length; t++) {
            DMatrixRMaj x = pass.inputs.get(t);
            x.zero();
            for (int r = 0; r < batch; r++) {
                if (t >= inputs[r].length) continue;
                if (inputs[r][t].length != vocab)
                    throw new IllegalArgumentException("input vectors have " + vocab + " entries; row " + r + " step " + t + " has " + inputs[r][t].length);
                System.arraycopy(inputs[r][t], 0, x.data, r * vocab, vocab);
            }
        }
        run(pass, null);
    }

    /** Every timestep of a prepared pass over the inputs it holds. */
    private void run(ForwardPass pass, Intervention intervention) {
        ForwardWeights weights = pass.weights = ForwardWeights.of(this, pass.weights, pass.singlePrecision);
        if (intervention == null && LayerPipeline.pays(this, pass)) {
            LayerPipeline.run(this, pass, weights);
            return;
        }
        for (int t = 0; t < pass.length; t++) {
            DMatrixRMaj x = pass.inputs.get(t);
            step(x, t == 0 ? pass.initial : pass.steps.get(t - 1), pass.steps.get(t), pass.probabilities.get(t), intervention, t, weights);
        }
    }

    /** A stepper that reads one sequence a character at a time from the zero state. */
    public Stepper stepper() { return new Stepper(this); }

    /**
     * One timestep of every layer and the output for a batch: the one step that forward passes and
     * {@link Stepper}s both run.
     *
     * @param x            batch × vocab, one-hot rows (a zero row is padding; attribution reads scaled ones)
     * @param prev         [layer] the state after the previous timestep
     * @param now          [layer] filled with what this timestep computes
     * @param probabilities filled with the next-character distribution, batch × vocab; null to leave the
     *                      output layer for {@link #output} to compute when asked
     * @param intervention null: none; otherwise applied at ({@code t}, layer)
     * @param weights      the weights as the computation reads them, {@link ForwardWeights#of} this network
     */
    void step(DMatrixRMaj x, StepCache[] prev, StepCache[] now, DMatrixRMaj probabilities, Intervention intervention, int t,
              ForwardWeights weights) {
        layers(0, cells.length, x, prev, now, intervention, t, weights);
        if (probabilities != null) output(now, probabilities, weights);
    }

    /** Layers {@code from} to {@code to − 1} of {@link #step}: each reads the hidden state the layer below left in {@code now}, layer 0 reads x. */
    void layers(int from, int to, DMatrixRMaj x, StepCache[] prev, StepCache[] now, Intervention intervention, int t,
                ForwardWeights weights) {
        for (int l = from; l < to; l++) {
            DMatrixRMaj in = l == 0 ? x : now[l - 1].matrix(cells[l - 1].hiddenIndex());
            now[l].intervene(intervention != null && intervention.touches(t, l) ? intervention : null, t, l);
            now[l].weights = weights;
            cells[l].forward(in, prev[l], now[l]);
        }
    }

    /** The next-character distribution after a step that left {@code now}: p = softmax(h_top·W_out + b_out). */
    void output(StepCache[] now, DMatrixRMaj probabilities, ForwardWeights weights) {
        int top = cells.length - 1;
        Products.mult(now[top].matrix(cells[top].hiddenIndex()), outputWeight, probabilities, weights);
        CellMath.addRow(probabilities, outputBias);
        softmaxRows(probabilities);
    }

    /** A cache per layer, sized for a batch: a network state. */
    StepCache[] newState(int batch) {
        StepCache[] state = new StepCache[cells.length];
        for (int l = 0; l < cells.length; l++) state[l] = cells[l].newCache(batch);
        return state;
    }

    /**
     * Backpropagation through time. Reads dLoss/dlogits from {@link ForwardPass#outputGradient} and
     * adds dLoss/dθ into {@code grads}; leaves dLoss/d(initial state) in the pass, and dLoss/d(input) at
     * each timestep when the pass {@link ForwardPass#keepInputGradients keeps them}.
     */
    public void backward(ForwardPass pass, Gradients grads) {
        backward(pass, grads, null);
    }

    /** As {@link #backward(ForwardPass, Gradients)}, telling {@code observer} (null: nobody) each layer's state gradient at each step. */
    public void backward(ForwardPass pass, Gradients grads, StateGradientObserver observer) {
        if (pass.forwardOnly) throw new IllegalStateException("a forward-only pass keeps no pre-activations to backpropagate through");
        int top = cells.length - 1;
        DMatrixRMaj[][] dState = pass.initialGradient; // carried backwards through time, ends as d(initial)
        for (DMatrixRMaj[] layer : dState) for (DMatrixRMaj m : layer) m.zero();
        DMatrixRMaj dOutW = grads.get(firstParameterOfLayer[cells.length]);
        DMatrixRMaj dOutB = grads.get(firstParameterOfLayer[cells.length] + 1);
        DMatrixRMaj[][] layerGrads = new DMatrixRMaj[cells.length][];
        int[] hiddenSlot = new int[cells.length];
        for (int l = 0; l < cells.length; l++) {
            layerGrads[l] = grads.slice(firstParameterOfLayer[l], firstParameterOfLayer[l + 1]);
            hiddenSlot[l] = cells[l].hiddenStateSlot();
        }

        for (int t = pass.length - 1; t >= 0; t--) {
            StepCache[] now = pass.steps.get(t);
            DMatrixRMaj dLogits = pass.outputGradients.get(t);
            DMatrixRMaj hTop = now[top].matrix(cells[top].hiddenIndex());
            // dW_out += h_topᵀ·dlogits;  db_out += Σ_rows dlogits;  dh_top += dlogits·W_outᵀ (added as the product sums, not after)
            Products.multAddTransA(hTop, dLogits, dOutW, pass.weights);
            CellMath.addColumnSums(dLogits, dOutB);
            Products.multAddTransB(dLogits, outputWeight, dState[top][hiddenSlot[top]], pass.weights);

            for (int l = top; l >= 0; l--) {
                StepCache prev = t == 0 ? pass.initial[l] : pass.steps.get(t - 1)[l];
                DMatrixRMaj in = l == 0 ? pass.inputs.get(t) : now[l - 1].matrix(cells[l - 1].hiddenIndex());
                DMatrixRMaj dx = l == 0 ? (pass.keepInputGradients ? pass.inputGradients.get(t) : null) : pass.layerInputGradient[l];
                if (observer != null) observer.stateGradient(t, l, dState[l]);
                cells[l].backward(in, prev, now[l], dState[l], layerGrads[l], dx);
                if (l > 0) CommonOps_DDRM.addEquals(dState[l - 1][hiddenSlot[l - 1]], dx);
            }
        }
    }

    private static void softmaxRows(DMatrixRMaj m) {
        int n = m.numCols;
        double[] d = m.data;
        for (int r = 0; r < m.numRows; r++) {
            int off = r * n;
            double max = d[off];
            for (int j = 1; j < n; j++) max = Math.max(max, d[off + j]);
            double sum = 0;
            for (int j = 0; j < n; j++) sum += d[off + j] = Math.exp(d[off + j] - max);
            for (int j = 0; j < n; j++) d[off + j] /= sum;
        }
    }
}
