package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lstmexplorer.task.Task;
import lstmexplorer.trace.Trace;

/**
 * Every layer × vector × unit correlated with every ground-truth variable of the task, ranked by |r|.
 *
 * <p>Alignment: the trace of sequence s reads {@code "\n" + s} minus its last character
 * ({@link TracedSequences}), while {@link Task#variables}, asked through the task the sequences came
 * from ({@link TracedSequences#variables}), gives the values after reading each character of s. Timestep t ≥ 1 read {@code s.charAt(t - 1)}, so it is compared with {@code variables(s)[t - 1]}.
 * Timestep 0, after the start token, is left out: no character of s has been read, the tasks define no
 * value there, and the network's state there is the same for every sequence, so it carries no information.
 *
 * <p>Pairs whose unit or variable is constant over the compared timesteps have no correlation and are
 * left out rather than reported as NaN; {@code constantVariables} names variables left out entirely.
 *
 * @param task              task name
 * @param sequences         number of sequences traced
 * @param samples           timesteps compared (all timesteps but each sequence's first)
 * @param variables         the task's variables with their descriptions
 * @param constantVariables variables that never change over these sequences, so correlate with nothing
 * @param pairs             unit-variable pairs with a defined correlation
 * @param best              the highest-|r| unit for each variable, in the task's variable order
 * @param ranking           the strongest pairs over all variables, by |r| descending, at most the limit asked for
 */
public record ProbeLeaderboard(String task, int sequences, int samples, Map<String, String> variables,
                               List<String> constantVariables, int pairs, List<Probe> best, List<Probe> ranking) {

    /** Variance below which a series counts as constant. */
    private static final double CONSTANT = 1e-20;

    /**
     * Computes the leaderboard over traced task sequences.
     *
     * @param limit how many of the strongest pairs {@code ranking} keeps (at least 1)
     */
    public static ProbeLeaderboard compute(Task task, TracedSequences data, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        if (data.size() == 0) throw new IllegalArgumentException("no sequences to probe");
        int n = data.timesteps() - data.size();
        if (n < 2) throw new IllegalArgumentException("too few timesteps to correlate");

        // the ground truth, one series per variable, aligned with timesteps 1.. of each trace
        Map<String, double[]> truth = new LinkedHashMap<>();
        int offset = 0;
        for (int k = 0; k < data.size(); k++) {
            Map<String, double[]> vars = data.variables(k);
            int steps = data.trace(k).length() - 1;
            for (Map.Entry<String, double[]> e : vars.entrySet()) {
                double[] series = truth.computeIfAbsent(e.getKey(), key -> new double[n]);
                System.arraycopy(e.getValue(), 0, series, offset, steps);
            }
            offset += steps;
        }
        List<String> constant = new ArrayList<>();
        Map<String, double[]> centeredTruth = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : truth.entrySet()) {
            double[] c = centered(e.getValue());
            if (sumOfSquares(c) / n < CONSTANT) constant.add(e.getKey());
            else centeredTruth.put(e.getKey(), c);
        }

        Trace first = data.trace(0);
        int layers = first.layers().size();
        List<Probe> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (String vector : first.layers().get(l).vectors().keySet()) {
                double[][] block = data.series(l, vector);
                for (int u = 0; u < block.length; u++) {
                    double[] x = block[u];
                    double xMean = mean(x);
                    double[] xc = centered(x);
                    double sxx = sumOfSquares(xc);
                    if (sxx / n < CONSTANT) continue;
                    for (Map.Entry<String, double[]> e : centeredTruth.entrySet()) {
                        double[] yc = e.getValue();
                        double sxy = 0;
                        for (int k = 0; k < n; k++) sxy += xc[k] * yc[k];
                        double syy = sumOfSquares(yc);
                        double r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
                        double slope = sxy / sxx;
                        double intercept = mean(truth.get(e.getKey())) - slope * xMean;
                        all.add(new Probe(l, vector, u, e.getKey(), r, r * r, slope, intercept, xMean, n,
                                sentence(layers, l, vector, u, e.getKey(), r)));
                    }
                }
            }
        }
        // by |r|, ties in the order computed (layer, vector, unit, variable), so the result is stable
        Comparator<Probe> strongest = Comparator.comparingDouble((Probe p) -> -Math.abs(p.r()));
        all.sort(strongest);
        List<Probe> best = new ArrayList<>();
        for (String variable : centeredTruth.keySet())
            all.stream().filter(p -> p.variable().equals(variable)).findFirst().ifPresent(best::add);
        return new ProbeLeaderboard(task.name(), data.size(), n, task.variableDescriptions(), List.copyOf(constant),
                all.size(), List.copyOf(best), List.copyOf(all.subList(0, Math.min(limit, all.size()))));
    }

    /** The pairs of one variable within {@link #ranking}, strongest first; empty when none made it. */
    public List<Probe> forVariable(String variable) {
        return ranking.stream().filter(p -> p.variable().equals(variable)).toList();
    }

    /**
     * E.g. "hidden unit 2 tracks count, r = 0.98"; names the layer when there is more than one, counted from 1
     * as the pages head it ("Layer 2, unit 3"), where the API's {@code layer} field counts from 0.
     */
    static String sentence(int layers, int layer, String vector, int unit, String variable, double r) {
        double a = Math.abs(r);
        String verb = a >= 0.9 ? "tracks" : a >= 0.7 ? "follows" : a >= 0.4 ? "partly follows" : "hardly follows";
        String where = layers > 1 ? "layer " + (layer + 1) + " " : "";
        String sign = r < 0 && a >= 0.4 ? " inversely" : "";
        return String.format(Locale.ROOT, "%s%s unit %d %s %s%s, r = %.2f",
                where, vector.replace('_', ' '), unit, verb, variable.replace('_', ' '), sign, r);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    private static double[] centered(double[] v) {
        double m = mean(v);
        double[] c = new double[v.length];
        for (int k = 0; k < v.length; k++) c[k] = v[k] - m;
        return c;
    }

    private static double sumOfSquares(double[] v) {
        double s = 0;
        for (double d : v) s += d * d;
        return s;
    }
}
