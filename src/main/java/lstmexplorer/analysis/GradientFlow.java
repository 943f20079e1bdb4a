package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lstmexplorer.model.Cell;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Gradients;
import lstmexplorer.model.Network;
import lstmexplorer.task.Vocabulary;
import org.ejml.data.DMatrixRMaj;

/**
 * How far back the loss at one position reaches: for target position t of a sequence s, read as
 * {@code "\n" + s} minus its last character, and loss_t = −log p(s[t]) at timestep t alone, the
 * gradient of loss_t with respect to each layer's carried state after every timestep k ≤ t.
 *
 * <p>Each state vector's gradient is the partial derivative with the layer's other state vectors held
 * fixed (see {@link lstmexplorer.model.StateGradientObserver}): for an LSTM, dloss_t/dc_k is what flows
 * back along the cell state, so it is 0 at k = t, where c reaches the loss only through h. Cells with
 * only a hidden state (rnn, gru, mgu) have just {@code hidden}.
 *
 * @param sequence the sequence s
 * @param target   the position t, 0 ≤ t &lt; s.length()
 * @param read     the characters read at timesteps 0..t ({@code ("\n" + s).substring(0, t + 1)})
 * @param expected the character to predict at t, s[t]
 * @param loss     loss_t
 * @param layers   per layer, from the input up
 */
public record GradientFlow(String sequence, int target, String read, String expected, double loss, List<Layer> layers) {

    /** One layer's state gradients. */
    public record Layer(int layer, String cell, List<State> states) {}

    /**
     * One state vector's gradients.
     *
     * @param vector    e.g. {@code cell} or {@code hidden}
     * @param norms     [k] the L2 norm over units of dloss_t/d(vector after timestep k), k = 0..t
     * @param gradients [k][unit] the gradient itself
     */
    public record State(String vector, double[] norms, double[][] gradients) {}

    /** @throws IllegalArgumentException for characters outside the vocabulary or a target outside s */
    public static GradientFlow compute(Network network, Vocabulary vocab, String sequence, int target) {
        if (target < 0 || target >= sequence.length())
            throw new IllegalArgumentException("target " + target + " is not a position of the " + sequence.length() + "-character sequence");
        int[] targets = vocab.encode(sequence);
        // steps after t do not affect loss_t: read only up to it
        int[] input = Arrays.copyOf(vocab.encode(TracedSequences.modelInput(sequence)), target + 1);
        ForwardPass pass = network.forward(input);

        // dloss_t/dlogits = p − onehot(s[t]) at t, zero elsewhere
        for (int t = 0; t <= target; t++) pass.outputGradient(t).zero();
        DMatrixRMaj d = pass.outputGradient(target);
        for (int v = 0; v < vocab.size(); v++) d.set(0, v, pass.probability(target, 0, v));
        d.set(0, targets[target], d.get(0, targets[target]) - 1);
        double loss = -Math.log(Math.max(pass.probability(target, 0, targets[target]), 1e-300));

        int layers = network.layers();
        double[][][][] grads = new double[layers][][][]; // [layer][state slot][k][unit]
        for (int l = 0; l < layers; l++) grads[l] = new double[network.cell(l).stateVectors().length][target + 1][];
        network.backward(pass, new Gradients(network.parameters()), (t, layer, dState) -> {
            for (int s = 0; s < dState.length; s++) grads[layer][s][t] = Arrays.copyOf(dState[s].data, network.hidden());
        });

        List<Layer> result = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            Cell cell = network.cell(l);
            int[] slots = cell.stateVectors();
            List<State> states = new ArrayList<>();
            for (int s = 0; s < slots.length; s++) {
                double[] norms = new double[target + 1];
                for (int k = 0; k <= target; k++) {
                    double sum = 0;
                    for (double g : grads[l][s][k]) sum += g * g;
                    norms[k] = Math.sqrt(sum);
                }
                states.add(new State(cell.vectors().get(slots[s]), norms, grads[l][s]));
            }
            result.add(new Layer(l, cell.type(), List.copyOf(states)));
        }
        return new GradientFlow(sequence, target, (Vocabulary.END + sequence).substring(0, target + 1),
                String.valueOf(sequence.charAt(target)), loss, List.copyOf(result));
    }
}
