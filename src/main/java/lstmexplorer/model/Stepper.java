package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/**
 * One sequence read one character at a time: the state of every layer after the characters read so
 * far, and the distribution of the next one. Each {@link #step} runs {@link Network#step}, the same
 * timestep the forward pass runs, so stepping through a text gives exactly the numbers
 * {@link Network#forward} gives over it. Generation, interventions, patching and dynamics step
 * through this.
 *
 * <p>Between steps the state may be read ({@link #value}, {@link #vector}) and overwritten
 * ({@link #set}); the next step reads the overwritten state. An {@link Intervention} instead changes
 * values while a step computes them, at timesteps counted from the first character read.
 *
 * <p>The output layer runs only when the distribution is asked for, so a caller that reads only the
 * state ({@link #advance}, then {@link #value}) skips it.
 *
 * <p>A stepper reads the weights as they were when it was made ({@link ForwardWeights}). Cells keep no
 * per-step state, so steppers may run while other requests use the same network; a stepper itself
 * belongs to one thread.
 */
public final class Stepper {
    private final Network network;
    private StepCache[] state;  // [layer] what the last step computed: zero before the first
    private StepCache[] spare;  // [layer] where the next step computes, then the two swap
    private final DMatrixRMaj input, probabilities;
    private final ForwardWeights weights;
    private boolean outputDue; // the last step's distribution is not computed yet
    private Intervention intervention;
    private int timestep;

    Stepper(Network network) { this(network, ForwardWeights.of(network, null)); }

    private Stepper(Network network, ForwardWeights weights) {
        this.network = network;
        this.weights = weights;
        state = network.newState(1);
        spare = network.newState(1);
        input = new DMatrixRMaj(1, network.vocabSize());
        probabilities = new DMatrixRMaj(1, network.vocabSize());
        reset();
    }

    public Network network() { return network; }

    /** Back to the zero state before the first character, with no intervention. */
    public Stepper reset() {
        for (StepCache c : state) c.zero();
        probabilities.zero();
        outputDue = false;
        intervention = null;
        timestep = 0;
        return this;
    }

    /** Applies {@code intervention} (null: none) to every later step, at that step's {@link #timestep()}. */
    public Stepper intervene(Intervention intervention) {
        this.intervention = intervention;
        return this;
    }

    /** Characters read so far: the timestep the next {@link #step} computes. */
    public int timestep() { return timestep; }

    /** Reads one character (a vocabulary index) through every layer and the output; returns the next-character distribution. */
    public double[] step(int token) {
        advance(token);
        return probabilities();
    }

    /** Reads one character (a vocabulary index) through every layer; the distribution waits until it is asked for. */
    public void advance(int token) {
        if (token < 0 || token >= network.vocabSize())
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary of " + network.vocabSize());
        input.zero();
        input.unsafe_set(0, token, 1.0);
        network.step(input, state, spare, null, intervention, timestep, weights);
        StepCache[] read = state;
        state = spare;
        spare = read;
        outputDue = true;
        timestep++;
    }

    /** Reads every token in turn; returns the distribution after the last. */
    public double[] read(int[] tokens) {
        for (int token : tokens) advance(token);
        return probabilities();
    }

    /** The distribution of the next character after the last one read. */
    public double[] probabilities() { return output().data.clone(); }

    public double probability(int v) { return output().unsafe_get(0, v); }

    /** The distribution after the last step, computed from the top layer's hidden state the first time it is asked for. */
    private DMatrixRMaj output() {
        if (outputDue) {
            network.output(state, probabilities, weights);
            outputDue = false;
        }
        return probabilities;
    }

    /** The most probable next character (the lowest index among equals), as {@link ForwardPass#argmax}. */
    public int argmax() {
        DMatrixRMaj probabilities = output();
        int best = 0;
        for (int v = 1; v < probabilities.numCols; v++) if (probabilities.unsafe_get(0, v) > probabilities.unsafe_get(0, best)) best = v;
        return best;
    }

    /** Vector v (in {@link Cell#vectors()} order: gates, candidate, cell, hidden...) of layer l, unit j, as the last step left it. */
    public double value(int layer, int v, int unit) { return state[layer].value(v, 0, unit); }

    /** A copy of vector v of layer l as the last step left it. */
    public double[] vector(int layer, int v) { return state[layer].row(v, 0); }

    /**
     * Overwrites vector v of layer l. The next step reads the new values where v is one of the cell's
     * {@link Cell#stateVectors()} (cell and hidden state); other vectors are only what the last step showed.
     */
    public void set(int layer, int v, double[] values) {
        output(); // the distribution stays the one the last step gave
        DMatrixRMaj m = state[layer].matrix(v);
        if (values.length != m.numCols)
            throw new IllegalArgumentException("layer " + layer + " has " + m.numCols + " units; got " + values.length + " values");
        System.arraycopy(values, 0, m.data, 0, values.length);
    }

    /** The cache layer l's last step filled (read-only; the step after next reuses it). */
    public StepCache layer(int layer) { return state[layer]; }

    /** An independent stepper at the same point: same state, timestep, distribution and intervention. */
    public Stepper copy() {
        Stepper copy = new Stepper(network, weights);
        copy.copyFrom(this);
        return copy;
    }

    /** Takes over {@code other}'s state, timestep, distribution and intervention (both must step the same network). */
    public void copyFrom(Stepper other) {
        if (other.network != network) throw new IllegalArgumentException("the stepper belongs to another network");
        for (int l = 0; l < state.length; l++) state[l].setTo(other.state[l]);
        probabilities.setTo(other.output());
        intervention = other.intervention;
        timestep = other.timestep;
    }
}
