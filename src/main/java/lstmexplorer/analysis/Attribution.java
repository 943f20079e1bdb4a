package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * <p>Integrated gradients: IG_t = x_t · ∫₀¹ ∂f/∂x_t(α·x) dα, by Gauss–Legendre quadrature, first on
 * {@code steps} nodes over the whole path, all run as one batch. Completeness: Σ_t IG_t = f(x) − f(0)
 * exactly for the integral, so the gap between the two is the quadrature's own error. Gauss–Legendre on n
 * nodes is exact for polynomials of degree 2n − 1, and the integrand is smooth (tanh, sigmoid, softmax and
 * log along a straight path), so on most inputs 64 nodes leave a gap far under 1%, where the midpoint rule
 * misses by percents. On a long input of a text-trained model f(α·x) can still turn almost as a step: a
 * state unit flips sign between two α a thousandth apart, and no rule with nodes evenly spread finds that.
 * So the path is cut into panels, each with its own Gauss–Legendre nodes, and each panel [a, b] is checked
 * exactly: its attributions must sum to f(b·x) − f(a·x), which a forward pass gives. While the whole gap
 * is over {@link #TOLERANCE}, the panels whose own gap is largest for their width are halved, up to
 * {@link #MAX_REFINING_NODES} nodes more than it started with, or until more than {@link #ROUGH_PANELS}
 * panels at once fail their own check. The answer says how many nodes it used, the gap, and whether the attributions are
 * complete within the tolerance; when they are not, it says so rather than hiding it. That happens where
 * f(α·x) is no longer a function any quadrature can follow: on 100 characters of several of the gallery
 * counter's test sequences read as one, log p of the last character changes by 58 nats up and down along
 * the path for a net change of 2.7, in hundreds of jumps each narrower than 5e-5 in α.
 *
 * <p>The gap is measured relative to |f(x) − f(0)|, but never to less than {@link #SCALE_FLOOR}: when f
 * hardly changes between the baseline and the input, a relative error means nothing (a gap of 1e-6 on a
 * change of 1e-5 would read as 10%), so there the tolerance is 1% of the floor, an absolute 1e-4.
 *
 * <p>Gradient × input: x_t · ∂f/∂x_t(x), one backward pass and no such guarantee.
 *
 * @param rule              how the path integral was computed ({@code gauss_legendre}); null for gradient × input
 * @param steps             the nodes of the rule the attributions come from: those asked for when one panel was complete, else the
 *                          halved panels' nodes; 1 for gradient × input
 * @param stepsRequested    the nodes asked for
 * @param panels            the panels the path was cut into (1 when the first rule was complete); null for gradient × input
 * @param nodesEvaluated    the α at which gradients were computed, the rules that were halved included: what the answer cost, at most steps + MAX_REFINING_NODES
 * @param read              the characters read: the start token, then the input
 * @param target            the timestep t the output is taken at
 * @param of                what f is, in words, e.g. {@code log p('b' after timestep 7)}
 * @param attributions      [k] the attribution of the character read at timestep k; 0 after t, which cannot affect f
 * @param value             f(x)
 * @param baselineValue     f(0)
 * @param sum               Σ_k attributions[k]
 * @param completenessGap   |sum − (value − baselineValue)|; null for gradient × input
 * @param completenessError completenessGap / max(|value − baselineValue|, SCALE_FLOOR); null for gradient × input
 * @param complete          whether completenessError ≤ TOLERANCE; null for gradient × input
 * @param tolerance         the completenessError within which an answer is complete, TOLERANCE; null for gradient × input
 */
public record Attribution(String method, String rule, int steps, int stepsRequested, Integer panels, Integer nodesEvaluated,
                          List<String> read, int target, String of,
                          double[] attributions, double value, double baselineValue, double sum,
                          Double completenessGap, Double completenessError, Boolean complete, Double tolerance) {
    public static final String INTEGRATED_GRADIENTS = "integrated_gradients", GRADIENT_X_INPUT = "gradient_x_input";
    public static final List<String> METHODS = List.of(INTEGRATED_GRADIENTS, GRADIENT_X_INPUT);
    public static final int MIN_STEPS = 1, MAX_STEPS = 512, DEFAULT_STEPS = 64;
    public static final String GAUSS_LEGENDRE = "gauss_legendre";
    /** Completeness within 1%: of |f(x) − f(0)|, or of SCALE_FLOOR when f changes by less. */
    public static final double TOLERANCE = 0.01, SCALE_FLOOR = 0.01;
    /** The nodes one attribution may evaluate beyond the {@code steps} it starts with, and each half of a halved panel gets. */
    public static final int MAX_REFINING_NODES = 1024, PANEL_NODES = 8;
    /** More panels than this failing their own check at once means f is rough all along the path: halving stops. */
    static final int ROUGH_PANELS = 8;

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

    /** The explained function f on one network and input, checked: what the passes need. */
    private record Problem(Network network, Vocabulary vocab, Target target, int[] tokens, int length, int outputIndex, int vectorSlot) {}

    /** The panels in order along the path, and the nodes evaluated to find them (more than theirs when a rule was halved). */
    private record Quadrature(List<Panel> panels, int evaluated) {}

    /** A piece [a, b] of the path with its Gauss–Legendre nodes' attributions, f at both ends, and its own completeness gap. */
    private record Panel(double a, double b, int nodes, double[] attributions, double sum, double fa, double fb) {
        double gap() { return Math.abs(sum - (fb - fa)); }
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
            of = "layer " + (target.layer() + 1) + " " + target.vector() + " unit " + target.unit() + " after timestep " + t;
        }
        Problem problem = new Problem(network, vocab, target, tokens, t + 1, outputIndex, vectorSlot); // steps after t do not affect f
        List<String> chars = new ArrayList<>();
        for (char ch : read.toCharArray()) chars.add(String.valueOf(ch));

        if (!ig) {
            Evaluation at1 = evaluate(problem, new double[] {1, 0});
            double[] g = Arrays.copyOf(at1.gradients()[0], read.length());
            double sum = 0;
            for (double v : g) sum += v;
            return new Attribution(method, null, 1, steps, null, null, List.copyOf(chars), t, of, g, at1.f()[0], at1.f()[1], sum, null, null, null, null);
        }
        Quadrature q = integrate(problem, steps);
        List<Panel> panels = q.panels();
        double[] attributions = new double[read.length()];
        double sum = 0;
        int nodes = 0;
        for (Panel p : panels) {
            for (int k = 0; k < p.attributions().length; k++) attributions[k] += p.attributions()[k];
            nodes += p.nodes();
        }
        for (double v : attributions) sum += v;
        double value = panels.get(panels.size() - 1).fb(), baseline = panels.get(0).fa();
        double gap = Math.abs(sum - (value - baseline)), error = gap / Math.max(Math.abs(value - baseline), SCALE_FLOOR);
        return new Attribution(method, GAUSS_LEGENDRE, nodes, steps, panels.size(), q.evaluated(), List.copyOf(chars), t, of,
                attributions, value, baseline, sum, gap, error, error <= TOLERANCE, TOLERANCE);
    }

    /**
     * The path [0, 1] cut into Gauss–Legendre panels: first one of {@code steps} nodes; then, while the
     * whole gap is over the tolerance, the panels whose gap is over their width's share of it are halved
     * (the worst first, as many as the node budget allows), each half with {@link #PANEL_NODES} nodes. When
     * the budget runs out or f proves rough all along the path first, the panels with the smallest whole gap seen are the answer.
     */
    private static Quadrature integrate(Problem problem, int steps) {
        List<Panel> panels = new ArrayList<>(evaluatePanels(problem, List.of(new double[] {0, 1}), steps, true, null));
        int nodes = steps;
        double value = panels.get(0).fb(), baseline = panels.get(0).fa();
        double allowed = TOLERANCE * Math.max(Math.abs(value - baseline), SCALE_FLOOR);
        // a node that lands on a step of f before its panel is small enough weighs a huge gradient: the gap can grow before it shrinks
        List<Panel> best = panels;
        double bestGap = Double.POSITIVE_INFINITY;
        while (true) {
            double sum = 0;
            for (Panel p : panels) sum += p.sum();
            double gap = Math.abs(sum - (value - baseline));
            if (gap < bestGap) {
                best = panels;
                bestGap = gap;
            }
            if (gap <= allowed) return new Quadrature(panels, nodes);
            List<Panel> worst = new ArrayList<>();
            for (Panel p : panels) if (p.gap() > allowed * (p.b() - p.a()) && p.b() - p.a() > 1e-6) worst.add(p);
            // a few steps in f leave a few panels to halve; a path along which f jumps back and forth hundreds of times (a long
            // input read far past what the model was trained on) leaves more at every round, and halving will not find them all
            if (worst.size() > ROUGH_PANELS) return new Quadrature(best, nodes);
            worst.sort(Comparator.comparingDouble((Panel p) -> p.gap() / (p.b() - p.a())).reversed());
            int fit = Math.min(worst.size(), (steps + MAX_REFINING_NODES - nodes) / (2 * PANEL_NODES));
            if (fit == 0) return new Quadrature(best, nodes);
            List<double[]> halves = new ArrayList<>();
            List<Panel> split = worst.subList(0, fit);
            for (Panel p : split) {
                double mid = (p.a() + p.b()) / 2;
                halves.add(new double[] {p.a(), mid});
                halves.add(new double[] {mid, p.b()});
            }
            List<Panel> children = evaluatePanels(problem, halves, PANEL_NODES, false, split);
            List<Panel> next = new ArrayList<>(); // in order along the path; the children come in the order of split
            for (Panel p : panels) {
                int k = split.indexOf(p);
                if (k < 0) next.add(p);
                else next.addAll(children.subList(2 * k, 2 * k + 2));
            }
            panels = next;
            nodes += fit * 2 * PANEL_NODES;
        }
    }

    /**
     * The panels {a, b} with {@code n} nodes each, evaluated in one batch. f at the ends: at first
     * ({@code withEnds}) 0 and 1 get rows of their own; else the ranges are the halves of {@code parents},
     * in order, whose outer ends keep the parent's f and whose midpoint gets a row.
     */
    private static List<Panel> evaluatePanels(Problem problem, List<double[]> ranges, int n, boolean withEnds, List<Panel> parents) {
        double[][] rule = GaussLegendre.on01(n);
        List<Double> alphas = new ArrayList<>();
        for (double[] r : ranges) for (int i = 0; i < n; i++) alphas.add(r[0] + (r[1] - r[0]) * rule[0][i]);
        int endRows = alphas.size();
        if (withEnds) {
            alphas.add(0.0);
            alphas.add(1.0);
        } else {
            for (int k = 0; k < ranges.size(); k += 2) alphas.add(ranges.get(k)[1]); // each halved panel's midpoint
        }
        double[] all = new double[alphas.size()];
        for (int i = 0; i < all.length; i++) all[i] = alphas.get(i);
        Evaluation e = evaluate(problem, all);
        List<Panel> out = new ArrayList<>();
        for (int p = 0; p < ranges.size(); p++) {
            double a = ranges.get(p)[0], b = ranges.get(p)[1];
            double[] attributions = new double[problem.length()];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double w = (b - a) * rule[1][i];
                double[] g = e.gradients()[p * n + i];
                for (int k = 0; k < attributions.length; k++) attributions[k] += w * g[k];
            }
            for (double v : attributions) sum += v;
            double fa, fb;
            if (withEnds) {
                fa = e.f()[endRows];
                fb = e.f()[endRows + 1];
            } else {
                Panel parent = parents.get(p / 2);
                double mid = e.f()[endRows + p / 2];
                fa = p % 2 == 0 ? parent.fa() : mid;
                fb = p % 2 == 0 ? mid : parent.fb();
            }
            out.add(new Panel(a, b, n, attributions, sum, fa, fb));
        }
        return out;
    }

    /** f and x_k · ∂f/∂x_k at α·x for each α: [row][k] for the characters k ≤ t, and f per row. */
    private record Evaluation(double[][] gradients, double[] f) {}

    private static Evaluation evaluate(Problem p, double[] alphas) {
        Network network = p.network();
        Target target = p.target();
        int t = target.t(), rows = alphas.length, length = p.length(), size = p.vocab().size();
        int[] tokens = p.tokens();
        double[][][] x = new double[rows][length][size];
        for (int r = 0; r < rows; r++) for (int k = 0; k < length; k++) x[r][k][tokens[k]] = alphas[r];
        ForwardPass pass = network.newPass(rows).keepInputGradients();
        network.forward(x, pass);
        for (int k = 0; k < length; k++) pass.outputGradient(k).zero();
        double[] f = new double[rows];
        if (target.isOutput()) {
            // f = log p_c:  df/dlogits = onehot(c) − p
            DMatrixRMaj d = pass.outputGradient(t);
            for (int r = 0; r < rows; r++) {
                f[r] = Math.log(Math.max(pass.probability(t, r, p.outputIndex()), 1e-300));
                for (int v = 0; v < size; v++) d.set(r, v, (v == p.outputIndex() ? 1 : 0) - pass.probability(t, r, v));
            }
        } else {
            int v = network.cell(target.layer()).vectors().indexOf(target.vector());
            for (int r = 0; r < rows; r++) f[r] = pass.step(t, target.layer()).value(v, r, target.unit());
        }
        int slot = p.vectorSlot();
        network.backward(pass, new Gradients(network.parameters()), target.isOutput() ? null : (step, layer, dState) -> {
            // f is the unit itself: df/d(unit after t) = 1, added where backpropagation reaches that state
            if (step == t && layer == target.layer()) for (int r = 0; r < rows; r++) dState[slot].add(r, target.unit(), 1);
        });
        double[][] gradients = new double[rows][length];
        for (int k = 0; k < length; k++) {
            DMatrixRMaj g = pass.inputGradient(k);
            // x_k is one-hot: x_k · ∂f/∂x_k is the gradient's entry for the character read
            for (int r = 0; r < rows; r++) gradients[r][k] = g.get(r, tokens[k]);
        }
        return new Evaluation(gradients, f);
    }
}
