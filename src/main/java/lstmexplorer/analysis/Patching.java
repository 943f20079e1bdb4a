package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/**
 * Activation patching between two inputs (an interchange intervention, as in TransformerLens and
 * pyvene): the base input is run with some units replaced, at one timestep, by the values they have in
 * a run over the source input. If the output follows the source, those units carry what differs.
 *
 * <p>Both inputs are read after the start token, so timestep 0 reads it and timestep t reads input
 * character t. The replaced values are substituted as the cell computes them, so everything computed
 * from them afterwards sees the source's values: the rest of that cell's step (an LSTM's hidden state
 * follows a patched cell state), the layers above and the later timesteps.
 */
public final class Patching {
    /** The vector name that stands for every state vector of a cell (cell and hidden for an LSTM). */
    public static final String STATE = "state";

    private Patching() {}

    /**
     * Units to patch.
     *
     * @param vector a vector of the cell, or {@value #STATE}
     * @param units  unit numbers; null for every unit
     */
    public record Patch(int layer, String vector, List<Integer> units) {}

    /**
     * A greedy continuation and the probability of each character it chose.
     *
     * @param text          the generated characters, ending with the newline unless the cap was reached
     * @param probabilities [k] the probability the run gave character k of {@code text} when it chose it
     */
    public record Continuation(String text, double[] probabilities) {}

    /**
     * @param expectedBase   the task's correct continuation of the base, or null
     * @param expectedSource the task's correct continuation of the source, or null
     */
    public record PatchResult(String base, String source, int at, int sourceAt, List<Patch> patches,
                              Continuation baseRun, Continuation sourceRun, Continuation patchedRun,
                              String expectedBase, String expectedSource) {}

    /**
     * The effect of patching each unit alone at each base timestep.
     *
     * @param units      the units, in row order
     * @param read       [t] the base character read at timestep t
     * @param sourceAt   [t] the source timestep patched in at base timestep t (aligned at the end), −1 when there is none
     * @param effects    [unit][t] log p(source's continuation) − log p(base's continuation), both teacher-forced after
     *                   the patched base prefix; null where sourceAt is −1
     * @param unpatched  that difference without a patch
     * @param fullState  that difference with every state vector of every layer patched at the last prefix step:
     *                   the value a patch that carries everything reaches
     */
    public record PatchEffects(String base, String source, int layer, String vector, List<Integer> units, List<String> read,
                               int[] sourceAt, String baseContinuation, String sourceContinuation,
                               Double[][] effects, double unpatched, double fullState) {}

    /** Runs the source, then the base with the patches at {@code at}, and both unpatched; each continues greedily. */
    public static PatchResult patch(TrainedModel model, Task task, String base, String source, int at, int sourceAt,
                                    List<Patch> patches, int maxGenerated) {
        checkStep("at", at, base);
        checkStep("sourceAt", sourceAt, source);
        Network network = model.network();
        Trace sourceTrace = Trace.of(model, Vocabulary.END + source);
        Values values = new Values(network);
        for (Patch p : patches)
            for (int[] target : targets(network, p)) values.put(0, at, target[0], target[1], target[2],
                    sourceTrace.layers().get(target[0]).vectors().get(network.cell(target[0]).vectors().get(target[1]))[sourceAt][target[2]]);
        return new PatchResult(base, source, at, sourceAt, List.copyOf(patches),
                continue_(model, base, null, maxGenerated), continue_(model, source, null, maxGenerated),
                continue_(model, base, values, maxGenerated),
                task == null ? null : task.continuation(base).orElse(null),
                task == null ? null : task.continuation(source).orElse(null));
    }

    /**
     * The effect map: for each unit of {@code vector} in {@code layer} (or {@link #STATE}: the unit in every
     * state vector) and each base timestep t, that unit alone patched in from the source timestep aligned with
     * t at the end (the last prefix steps correspond). All runs go in one batched pass.
     */
    public static PatchEffects effects(TrainedModel model, String base, String source, int layer, String vector,
                                       List<Integer> units, int maxGenerated) {
        Network network = model.network();
        List<Integer> unitList = units == null ? range(network.hidden()) : List.copyOf(units);
        List<int[]> targets = new ArrayList<>();
        for (int u : unitList) targets.addAll(targets(network, new Patch(layer, vector, List.of(u))));
        String baseCont = Interventions.generate(model, base, null, maxGenerated);
        String sourceCont = Interventions.generate(model, source, null, maxGenerated);
        Trace sourceTrace = Trace.of(model, Vocabulary.END + source);
        int steps = base.length() + 1, shift = source.length() - base.length();
        int[] sourceAt = new int[steps];
        for (int t = 0; t < steps; t++) sourceAt[t] = t + shift < 0 ? -1 : t + shift;

        // rows: per (unit, t) one run teacher-forced on each continuation, then the unpatched and the fully patched pair
        Vocabulary vocab = model.vocabulary();
        int[] readSource = vocab.encode(Vocabulary.END + base + sourceCont.substring(0, sourceCont.length() - 1));
        int[] readBase = vocab.encode(Vocabulary.END + base + baseCont.substring(0, baseCont.length() - 1));
        List<int[]> rows = new ArrayList<>();
        Values values = new Values(network);
        List<int[]> cells = new ArrayList<>(); // (unit index, t) per pair of rows
        for (int k = 0; k < unitList.size(); k++) {
            int u = unitList.get(k);
            for (int t = 0; t < steps; t++) {
                if (sourceAt[t] < 0) continue;
                for (int[] target : targets) {
                    if (target[2] != u) continue;
                    double v = value(network, sourceTrace, target, sourceAt[t]);
                    values.put(rows.size(), t, target[0], target[1], target[2], v);
                    values.put(rows.size() + 1, t, target[0], target[1], target[2], v);
                }
                cells.add(new int[] {k, t});
                rows.add(readSource);
                rows.add(readBase);
            }
        }
        int unpatchedRow = rows.size();
        rows.add(readSource);
        rows.add(readBase);
        int fullRow = rows.size();
        for (int[] target : allState(network))
            for (int r = fullRow; r < fullRow + 2; r++) values.put(r, steps - 1, target[0], target[1], target[2],
                    value(network, sourceTrace, target, source.length()));
        rows.add(readSource);
        rows.add(readBase);

        ForwardPass pass = network.newPass(rows.size());
        network.forward(rows.toArray(new int[0][]), pass, values);
        Double[][] effects = new Double[unitList.size()][steps];
        for (int c = 0; c < cells.size(); c++) {
            int row = 2 * c;
            effects[cells.get(c)[0]][cells.get(c)[1]] = logProbability(pass, row, base.length(), sourceCont, vocab)
                    - logProbability(pass, row + 1, base.length(), baseCont, vocab);
        }
        List<String> read = new ArrayList<>();
        for (char ch : (Vocabulary.END + base).toCharArray()) read.add(String.valueOf(ch));
        return new PatchEffects(base, source, layer, vector, unitList, read, sourceAt, baseCont, sourceCont, effects,
                logProbability(pass, unpatchedRow, base.length(), sourceCont, vocab) - logProbability(pass, unpatchedRow + 1, base.length(), baseCont, vocab),
                logProbability(pass, fullRow, base.length(), sourceCont, vocab) - logProbability(pass, fullRow + 1, base.length(), baseCont, vocab));
    }

    /** (layer, vector index, unit) of every value a patch replaces; throws naming a layer, vector or unit the network lacks. */
    static List<int[]> targets(Network network, Patch p) {
        if (p.layer() < 0 || p.layer() >= network.layers())
            throw new IllegalArgumentException("no layer " + p.layer() + "; the model has " + network.layers());
        List<String> vectors = network.cell(p.layer()).vectors();
        List<Integer> vectorIndices = new ArrayList<>();
        if (STATE.equals(p.vector())) for (int v : network.cell(p.layer()).stateVectors()) vectorIndices.add(v);
        else if (vectors.contains(p.vector())) vectorIndices.add(vectors.indexOf(p.vector()));
        else throw new IllegalArgumentException("no vector '" + p.vector() + "' in layer " + p.layer() + "; it has " + vectors + " and " + STATE);
        List<Integer> units = p.units() == null ? range(network.hidden()) : p.units();
        List<int[]> out = new ArrayList<>();
        for (int u : units) {
            if (u < 0 || u >= network.hidden()) throw new IllegalArgumentException("no unit " + u + "; layers have " + network.hidden());
            for (int v : vectorIndices) out.add(new int[] {p.layer(), v, u});
        }
        return out;
    }

    /** Every state unit of every layer. */
    static List<int[]> allState(Network network) {
        List<int[]> out = new ArrayList<>();
        for (int l = 0; l < network.layers(); l++) out.addAll(targets(network, new Patch(l, STATE, null)));
        return out;
    }

    private static double value(Network network, Trace trace, int[] target, int t) {
        return trace.layers().get(target[0]).vectors().get(network.cell(target[0]).vectors().get(target[1]))[t][target[2]];
    }

    /** Σ log p of {@code text} read teacher-forced from timestep {@code from} on (the step after the prefix). */
    private static double logProbability(ForwardPass pass, int row, int from, String text, Vocabulary vocab) {
        double sum = 0;
        for (int k = 0; k < text.length(); k++) sum += Math.log(Math.max(pass.probability(from + k, row, vocab.indexOf(text.charAt(k))), 1e-300));
        return sum;
    }

    /** A greedy continuation after the prefix with the patch (null: none), and its chosen characters' probabilities. */
    private static Continuation continue_(TrainedModel model, String prefix, Intervention patch, int max) {
        String text = Interventions.generate(model, prefix, patch, max);
        Trace trace = Interventions.trace(model, Vocabulary.END + prefix + text.substring(0, text.length() - 1), patch);
        double[] p = new double[text.length()];
        for (int k = 0; k < text.length(); k++)
            p[k] = trace.probabilities()[prefix.length() + k][model.vocabulary().indexOf(text.charAt(k))];
        return new Continuation(text, p);
    }

    private static void checkStep(String name, int t, String input) {
        if (t < 0 || t > input.length())
            throw new IllegalArgumentException(name + " must be a timestep from 0 (the start token) to " + input.length() + "; got " + t);
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < n; u++) out.add(u);
        return out;
    }

    /** Values to hold, per batch row, at one timestep each: the patch as the forward pass takes it. */
    private static final class Values implements Intervention {
        private final int units, vectors;
        private final Map<Long, Double> byKey = new HashMap<>();
        private final Set<Long> touched = new HashSet<>();

        Values(Network network) {
            units = network.hidden();
            int most = 0;
            for (int l = 0; l < network.layers(); l++) most = Math.max(most, network.cell(l).vectors().size());
            vectors = most;
        }

        void put(int row, int t, int layer, int vector, int unit, double value) {
            byKey.put(key(row, t, layer, vector, unit), value);
            touched.add((long) t * 64 + layer);
        }

        private long key(int row, int t, int layer, int vector, int unit) {
            return ((((long) row * 4096 + t) * 64 + layer) * vectors + vector) * units + unit;
        }

        @Override public boolean touches(int timestep, int layer) { return touched.contains((long) timestep * 64 + layer); }

        @Override public double value(int timestep, int layer, int vector, int row, int unit, double computed) {
            Double v = byKey.get(key(row, timestep, layer, vector, unit));
            return v == null ? computed : v;
        }
    }
}
