package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;
import lstmexplorer.task.Task;
import lstmexplorer.train.EncodedSequences;
import lstmexplorer.train.Evaluator;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/**
 * One unit's dashboard (as Neuronpedia's and OpenAI's automated interpretability write them): where it
 * is most and least active over the test data, the distribution of its values, the task variable that
 * explains it best with a held-out simulation score, and what removing it costs.
 *
 * @param samples     test timesteps seen (each sequence's start token left out, as the probes do)
 * @param top         the {@value #CONTEXTS} highest values, each with the text around it
 * @param bottom      the {@value #CONTEXTS} lowest values
 * @param explanation the best-correlated task variable, or null when the task has no varying one
 * @param ablation    test accuracy with the unit as it is, held at 0 and held at its mean
 */
public record UnitCard(int layer, String vector, int unit, int samples, double mean, double min, double max,
                       List<Context> top, List<Context> bottom, Histogram histogram, Explanation explanation, Ablation ablation) {
    public static final int CONTEXTS = 10, RADIUS = 15, BINS = 20;

    /**
     * @param before up to {@value #RADIUS} characters read before timestep t
     * @param ch     the character read at t, where the value is
     * @param after  up to {@value #RADIUS} characters read after it
     */
    public record Context(int sequence, int t, String before, String ch, String after, double value) {}

    /** {@code counts[k]} values in [min + k·width, min + (k + 1)·width), the last bin closed. */
    public record Histogram(double min, double max, double width, int[] counts) {}

    /**
     * The variable → unit line fitted on half of the test sequences (the even-numbered) and scored as R² on
     * the other half: how well the explanation simulates the unit on data it was not fitted to (1 is perfect;
     * 0 or below is no better than the unit's mean).
     *
     * @param r               Pearson r over all test timesteps
     * @param slope           of the fitted line: unit ≈ slope · variable + intercept
     * @param simulationScore held-out R²
     */
    public record Explanation(String variable, String description, String sentence, double r, double slope, double intercept,
                              double simulationScore, int fitSequences, int scoredSequences) {}

    /**
     * Sequence accuracy (every character after the delimiter right) and next-character accuracy (every
     * position) on the test set, as the model is and with the unit held at 0 and at its mean from the first
     * timestep on.
     */
    public record Ablation(double meanValue, double accuracy, double zeroAccuracy, double meanAccuracy,
                           double nextCharacterAccuracy, double zeroNextCharacterAccuracy, double meanNextCharacterAccuracy) {}

    /** The card of one unit over the traced test sequences of the model's task. */
    public static UnitCard compute(TrainedModel model, Task task, TracedSequences data, int layer, String vector, int unit) {
        Network network = model.network();
        if (task == null) throw new IllegalArgumentException("a unit card needs the model's task: its test data and variables");
        if (layer < 0 || layer >= network.layers()) throw new IllegalArgumentException("no layer " + layer + "; the model has " + network.layers());
        if (!network.cell(layer).vectors().contains(vector))
            throw new IllegalArgumentException("no vector '" + vector + "' in layer " + layer + "; it has " + network.cell(layer).vectors());
        if (unit < 0 || unit >= network.hidden()) throw new IllegalArgumentException("no unit " + unit + "; layers have " + network.hidden());

        List<Context> all = new ArrayList<>();
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < data.size(); k++) {
            Trace trace = data.trace(k);
            double[][] values = trace.layers().get(layer).vectors().get(vector);
            String read = trace.input();
            for (int t = 1; t < values.length; t++) {
                double v = values[t][unit];
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                all.add(new Context(k, t, read.substring(Math.max(0, t - RADIUS), t), String.valueOf(read.charAt(t)),
                        read.substring(t + 1, Math.min(read.length(), t + 1 + RADIUS)), v));
            }
        }
        if (all.isEmpty()) throw new IllegalArgumentException("no test timesteps to describe the unit on");
        double mean = sum / all.size();
        List<Context> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(Context::value).reversed());
        List<Context> top = distinct(sorted);
        Collections.reverse(sorted);
        List<Context> bottom = distinct(sorted);

        double width = max > min ? (max - min) / BINS : 1;
        int[] counts = new int[BINS];
        for (Context c : all) counts[Math.min(BINS - 1, (int) ((c.value() - min) / width))]++;

        Explanation explanation = explain(task, data, layer, vector, unit);

        EncodedSequences test = ModelEncoding.of(task, sequences(data), model.vocabulary(), EncodedSequences.DEFAULT_THRESHOLD);
        Intervention zero = Interventions.of(network, List.of(UnitIntervention.zero(layer, vector, unit, 0)));
        Intervention held = Interventions.of(network, List.of(UnitIntervention.clamp(layer, vector, unit, mean, 0)));
        double[] as = accuracies(network, test, null), zeroed = accuracies(network, test, zero), meaned = accuracies(network, test, held);
        Ablation ablation = new Ablation(mean, as[0], zeroed[0], meaned[0], as[1], zeroed[1], meaned[1]);
        return new UnitCard(layer, vector, unit, all.size(), mean, min, max, top, bottom,
                new Histogram(min, max, width, counts), explanation, ablation);
    }

    /**
     * The first {@value #CONTEXTS} contexts in this order whose text differs: a test sequence drawn several times
     * (the counter's test set holds ten strings) would otherwise fill the list with one context at one value.
     */
    private static List<Context> distinct(List<Context> ordered) {
        Set<String> seen = new HashSet<>();
        List<Context> out = new ArrayList<>();
        for (Context c : ordered) {
            if (out.size() == CONTEXTS) break;
            if (seen.add(c.before() + '\u0000' + c.ch() + '\u0000' + c.after())) out.add(c);
        }
        return List.copyOf(out);
    }

    /** The variable with the largest |r|, its line fitted on the even-numbered sequences and scored on the odd. */
    private static Explanation explain(Task task, TracedSequences data, int layer, String vector, int unit) {
        Explanation best = null;
        for (Map.Entry<String, String> variable : task.variableDescriptions().entrySet()) {
            // (unit, variable) pairs per half: [0] fit, [1] scored
            List<double[]> fit = new ArrayList<>(), scored = new ArrayList<>(), both = new ArrayList<>();
            for (int k = 0; k < data.size(); k++) {
                double[] truth = data.variables(k).get(variable.getKey());
                if (truth == null) continue;
                double[][] values = data.trace(k).layers().get(layer).vectors().get(vector);
                for (int t = 1; t < values.length && t - 1 < truth.length; t++) {
                    double[] pair = {values[t][unit], truth[t - 1]};
                    (k % 2 == 0 ? fit : scored).add(pair);
                    both.add(pair);
                }
            }
            double r = correlation(both);
            if (!Double.isFinite(r)) continue;
            // unit ≈ slope · variable + intercept, least squares on the fit half
            double[] line = line(fit);
            double simulation = Double.NaN;
            if (line != null && !scored.isEmpty()) {
                double m = 0;
                for (double[] p : scored) m += p[0] / scored.size();
                double res = 0, tot = 0;
                for (double[] p : scored) {
                    double predicted = line[0] * p[1] + line[1];
                    res += (p[0] - predicted) * (p[0] - predicted);
                    tot += (p[0] - m) * (p[0] - m);
                }
                simulation = tot == 0 ? (res == 0 ? 1 : Double.NEGATIVE_INFINITY) : 1 - res / tot;
            }
            if (!Double.isFinite(simulation)) simulation = Double.NaN;
            if (best == null || Math.abs(r) > Math.abs(best.r())) {
                int layers = data.trace(0).layers().size();
                best = new Explanation(variable.getKey(), variable.getValue(), ProbeLeaderboard.sentence(layers, layer, vector, unit, variable.getKey(), r),
                        r, line == null ? 0 : line[0], line == null ? 0 : line[1], Double.isNaN(simulation) ? 0 : simulation,
                        (data.size() + 1) / 2, data.size() / 2);
            }
        }
        return best;
    }

    /** Pearson r of pairs (x = [0], y = [1]); NaN when either is constant. */
    private static double correlation(List<double[]> pairs) {
        int n = pairs.size();
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (double[] p : pairs) { mx += p[0] / n; my += p[1] / n; }
        double sxy = 0, sxx = 0, syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        if (sxx / n < 1e-20 || syy / n < 1e-20) return Double.NaN;
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Least squares y[0] ≈ a·y[1] + b; null when the variable is constant on these pairs. */
    private static double[] line(List<double[]> pairs) {
        int n = pairs.size();
        if (n < 2) return null;
        double mu = 0, mv = 0;
        for (double[] p : pairs) { mu += p[0] / n; mv += p[1] / n; }
        double suv = 0, svv = 0;
        for (double[] p : pairs) {
            suv += (p[0] - mu) * (p[1] - mv);
            svv += (p[1] - mv) * (p[1] - mv);
        }
        if (svv / n < 1e-20) return null;
        double a = suv / svv;
        return new double[] {a, mu - a * mv};
    }

    private static List<String> sequences(TracedSequences data) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < data.size(); k++) out.add(data.sequence(k));
        return out;
    }

    /**
     * From one pass under an intervention (null: none): the sequence accuracy, and the fraction of test
     * positions whose most probable next character is the right one.
     */
    static double[] accuracies(Network network, EncodedSequences data, Intervention intervention) {
        ForwardPass pass = network.newPass(Math.max(1, data.size()));
        network.forward(data.inputs(), pass, intervention);
        long right = 0, total = 0, sequences = 0;
        for (int r = 0; r < data.size(); r++) {
            if (Evaluator.firstWrong(pass, r, data, r) < 0) sequences++;
            for (int t = 0; t < data.targets()[r].length; t++) {
                total++;
                if (pass.argmax(t, r) == data.targets()[r][t]) right++;
            }
        }
        return new double[] {data.size() == 0 ? 0 : sequences / (double) data.size(), total == 0 ? 0 : right / (double) total};
    }
}
