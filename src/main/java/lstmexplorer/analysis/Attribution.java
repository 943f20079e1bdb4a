package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import lstmexplorer.model.Cell;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Gradients;
import lstmexplorer.model.Network;
import lstmexplorer.task.Vocabulary;
import org.ejml.data.DMatrixRMaj;

/**
 * How much each input character contributed to one output (Sundararajan et al. 2017, as Captum does
 * it): the input is read after the start token, each character as a one-hot vector x_t, and the
 * baseline is the all-zero input x' = 0.
 *
 * <p>Integrated gradients: IG_t = x_t · ∫₀¹ ∂f/∂x_t(α·x) dα, by the midpoint rule over {@code steps}
 * points, all run as one batch. Completeness: Σ_t IG_t = f(x) − f(0) up to the rule's error, which the
 * answer reports. Gradient × input: x_t · ∂f/∂x_t(x), one backward pass and no such guarantee.
 *
 * @param read          the characters read: the start token, then the input
 * @param target        the timestep t the output is taken at
 * @param of            what f is, in words, e.g. {@code log p('b' after timestep 7)}
 * @param attributions  [k] the attribution of the character read at timestep k; 0 after t, which cannot affect f
 * @param value         f(x)
 * @param baselineValue f(0)
 * @param sum           Σ_k attributions[k]
 * @param completenessError |sum − (value − baselineValue)| / max(|value − baselineValue|, 1e-12); for integrated gradients only, else null
 */
public record Attribution(String method, int steps, List<String> read, int target, String of,
                          double[] attributions, double value, double baselineValue, double sum, Double completenessError) {
    public static final String INTEGRATED_GRADIENTS = "integrated_gradients", GRADIENT_X_INPUT = "gradient_x_input";
    public static final List<String> METHODS = List.of(INTEGRATED_GRADIENTS, GRADIENT_X_INPUT);
    public static final int MIN_STEPS = 1, MAX_STEPS = 512, DEFAULT_STEPS = 64;

    /**
     * What to explain.
     *
     * @param character for an output target: the character whose log-probability after timestep t is f; null
     *                  for the character actually read at t + 1
     * @param layer     for a unit target: f is the value of this unit after timestep t
     * @param vector    a state vector of the cell (cell or hidden); null for an output target
     */
    public record Target(int t, Character character, int layer, String vector, int unit) {
        public static Target output(int t, Character character) { return new Target(t, character, 0, null, 0); }

        public static Target unit(int t, int layer, String vector, int unit) { return new Target(t, null, layer, vector, unit); }

        boolean isOutput() { return vector == null; }
    }

    /** @throws IllegalArgumentException for a target past the input, a vector that is not a state vector, or steps out of range */
    public static Attribution compute(Network network, Vocabulary vocab, String input, Target target, String method, int steps) {
        if (!METHODS.contains(method)) throw new IllegalArgumentException("method must be one of " + METHODS + "; got '" + method + "'");
        boolean ig = method.equals(INTEGRATED_GRADIENTS);
        if (ig && (steps < MIN_STEPS || steps > MAX_STEPS))
            throw new IllegalArgumentException("steps must be from " + MIN_STEPS + " to " + MAX_STEPS + "; got " + steps);
        String read = Vocabulary.END + input;
        int[] tokens = vocab.encode(read);
        int t = target.t();
        int last = target.isOutput() && target.character() == null ? read.length() - 2 : read.length() - 1;
        if (t < 0 || t > last)
            throw new IllegalArgumentException("target must be a timestep from 0 to " + last + (target.isOutput() && target.character() == null
                    ? " (the output at t is scored against the character read at t + 1)" : "") + "; got " + t);
        int outputIndex = -1, vectorSlot = -1;
        String of;
        if (target.isOutput()) {
            char ch = target.character() == null ? read.charAt(t + 1) : target.character();
            outputIndex = vocab.indexOf(ch);
            of = "log p(" + Vocabulary.display(ch) + " after timestep " + t + ")";
        } else {
            if (target.layer() < 0 || target.layer() >= network.layers())
                throw new IllegalArgumentException("no layer " + target.layer() + "; the model has " + network.layers());
            Cell cell = network.cell(target.layer());
            int v = cell.vectors().indexOf(target.vector());
            int[] state = cell.stateVectors();
            for (int s = 0; s < state.length; s++) if (state[s] == v) vectorSlot = s;
            if (vectorSlot < 0) {
                List<String> names = new ArrayList<>();
                for (int s : state) names.add(cell.vectors().get(s));
                throw new IllegalArgumentException("vector must be a state vector of layer " + target.layer() + ": one of " + names
                        + "; got '" + target.vector() + "'");
            }
            if (target.unit() < 0 || target.unit() >= network.hidden())
                throw new IllegalArgumentException("no unit " + target.unit() + "; layers have " + network.hidden());
            of = "layer " + target.layer() + " " + target.vector() + " unit " + target.unit() + " after timestep " + t;
        }

        // rows: the α points (or α = 1 alone), then the full input and the baseline for f itself
        int points = ig ? steps : 1;
        int rows = points + 2, length = t + 1; // steps after t do not affect f
        double[][][] x = new double[rows][length][vocab.size()];
        for (int r = 0; r < rows; r++) {
            double alpha = r == points ? 1 : r == points + 1 ? 0 : ig ? (r + 0.5) / steps : 1;
            for (int k = 0; k < length; k++) x[r][k][tokens[k]] = alpha;
        }
        ForwardPass pass = network.newPass(rows).keepInputGradients();
        network.forward(x, pass);
        for (int k = 0; k < length; k++) pass.outputGradient(k).zero();
        double[] f = new double[rows];
        if (target.isOutput()) {
            // f = log p_c:  df/dlogits = onehot(c) − p
            DMatrixRMaj d = pass.outputGradient(t);
            for (int r = 0; r < rows; r++) {
                f[r] = Math.log(Math.max(pass.probability(t, r, outputIndex), 1e-300));
                for (int v = 0; v < vocab.size(); v++) d.set(r, v, (v == outputIndex ? 1 : 0) - pass.probability(t, r, v));
            }
        } else {
            int v = network.cell(target.layer()).vectors().indexOf(target.vector());
            for (int r = 0; r < rows; r++) f[r] = pass.step(t, target.layer()).value(v, r, target.unit());
        }
        int slot = vectorSlot;
        network.backward(pass, new Gradients(network.parameters()), target.isOutput() ? null : (step, layer, dState) -> {
            // f is the unit itself: df/d(unit after t) = 1, added where backpropagation reaches that state
            if (step == t && layer == target.layer()) for (int r = 0; r < rows; r++) dState[slot].add(r, target.unit(), 1);
        });

        double[] attributions = new double[read.length()];
        for (int k = 0; k < length; k++) {
            DMatrixRMaj g = pass.inputGradient(k);
            double sum = 0;
            for (int r = 0; r < points; r++) sum += g.get(r, tokens[k]);
            attributions[k] = sum / points; // x_t is one-hot: x_t · gradient is the gradient's entry for the character read
        }
        double total = 0;
        for (double a : attributions) total += a;
        double value = f[points], baseline = f[points + 1];
        Double error = ig ? Math.abs(total - (value - baseline)) / Math.max(Math.abs(value - baseline), 1e-12) : null;
        List<String> chars = new ArrayList<>();
        for (char ch : read.toCharArray()) chars.add(String.valueOf(ch));
        return new Attribution(method, ig ? steps : 1, List.copyOf(chars), t, of, attributions, value, baseline, total, error);
    }
}
