package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lstmexplorer.trace.Trace;

/** LSTMVis-style hypothesis selection over one trace, and matching of the selected units over many. */
public final class HypothesisSearch {
    private static final int CONTEXT = 5;

    private HypothesisSearch() {}

    /**
     * The units of a layer's vector that are ≥ {@code threshold} at every timestep of [from, to] and
     * &lt; {@code threshold} at {@code from − 1} and {@code to + 1} (each only where that timestep exists).
     *
     * @throws IllegalArgumentException for a layer, vector or range the trace does not have
     */
    public static HypothesisSelection select(Trace trace, int layer, String vector, int from, int to, double threshold) {
        double[][] values = values(trace, layer, vector);
        if (from < 0 || to < from || to >= values.length)
            throw new IllegalArgumentException("range " + from + ".." + to + " is not within the " + values.length + " timesteps");
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException("threshold must be a number");
        List<Integer> units = new ArrayList<>();
        for (int u = 0; u < values[0].length; u++) {
            boolean fits = true;
            for (int t = from; t <= to && fits; t++) fits = values[t][u] >= threshold;
            if (fits && from > 0) fits = values[from - 1][u] < threshold;
            if (fits && to + 1 < values.length) fits = values[to + 1][u] < threshold;
            if (fits) units.add(u);
        }
        return new HypothesisSelection(trace.input(), layer, vector, from, to, threshold,
                trace.input().substring(from, to + 1), List.copyOf(units));
    }

    /**
     * Every maximal run of timesteps, in every trace, at which all selected units are on, ranked as
     * {@link Hypothesis#matches} says. A selection without units matches nothing.
     *
     * @param limit how many matches to return (at least 1)
     */
    public static Hypothesis match(HypothesisSelection selection, List<Trace> traces, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        List<HypothesisMatch> matches = new ArrayList<>();
        List<Integer> selected = selection.units();
        if (!selected.isEmpty()) {
            for (int k = 0; k < traces.size(); k++) {
                Trace trace = traces.get(k);
                double[][] values = values(trace, selection.layer(), selection.vector());
                int t = 0;
                while (t < values.length) {
                    if (!allOn(values[t], selected, selection.threshold())) { t++; continue; }
                    int from = t;
                    while (t + 1 < values.length && allOn(values[t + 1], selected, selection.threshold())) t++;
                    int to = t++;
                    boolean itself = trace.input().equals(selection.input()) && from == selection.from() && to == selection.to();
                    if (!itself) matches.add(match(k, trace, values, from, to, selected.size(), selection.threshold()));
                }
            }
        }
        int length = selection.to() - selection.from();
        matches.sort(Comparator.comparingDouble((HypothesisMatch m) -> -m.jaccard())
                .thenComparingInt(m -> Math.abs((m.to() - m.from()) - length)));
        return new Hypothesis(selection, List.copyOf(matches.subList(0, Math.min(limit, matches.size()))), matches.size());
    }

    private static HypothesisMatch match(int k, Trace trace, double[][] values, int from, int to, int selected, double threshold) {
        int on = 0;
        for (int u = 0; u < values[0].length; u++) {
            boolean always = true;
            for (int t = from; t <= to && always; t++) always = values[t][u] >= threshold;
            if (always) on++;
        }
        String in = trace.input();
        // every selected unit is on throughout, so selected ⊆ on and the Jaccard index is |selected| / |on|
        return new HypothesisMatch(k, in, from, to, in.substring(from, to + 1),
                in.substring(Math.max(0, from - CONTEXT), from), in.substring(to + 1, Math.min(in.length(), to + 1 + CONTEXT)),
                on, selected / (double) on);
    }

    private static boolean allOn(double[] step, List<Integer> units, double threshold) {
        for (int u : units) if (step[u] < threshold) return false;
        return true;
    }

    static double[][] values(Trace trace, int layer, String vector) {
        if (layer < 0 || layer >= trace.layers().size())
            throw new IllegalArgumentException("no layer " + layer + "; the model has " + trace.layers().size());
        double[][] values = trace.layers().get(layer).vectors().get(vector);
        if (values == null)
            throw new IllegalArgumentException("no vector '" + vector + "' in layer " + layer + "; it has "
                    + trace.layers().get(layer).vectors().keySet());
        if (values.length == 0) throw new IllegalArgumentException("the trace is empty");
        return values;
    }
}
