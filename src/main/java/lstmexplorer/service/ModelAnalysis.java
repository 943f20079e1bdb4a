package lstmexplorer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import lstmexplorer.analysis.Analyses;
import lstmexplorer.analysis.GateSaturation;
import lstmexplorer.analysis.GradientFlow;
import lstmexplorer.analysis.Hypothesis;
import lstmexplorer.analysis.InterventionResult;
import lstmexplorer.analysis.LengthSweep;
import lstmexplorer.analysis.Probe;
import lstmexplorer.analysis.ProbeLeaderboard;
import lstmexplorer.analysis.ReplayFrame;
import lstmexplorer.analysis.TracedSequences;
import lstmexplorer.analysis.UnitIntervention;
import lstmexplorer.train.Snapshot;

/**
 * The analyses of {@link Analyses} for models of the store, by id. Each method checks its parameters
 * ({@link Validator}) and resolves the request ({@link AnalysisRequests}) before anything runs, so a
 * bad parameter is a 400 naming the field and its range, characters outside the vocabulary a 422, an
 * unknown model a 404 and a model without weights a 409; then it runs the analysis, or takes it from
 * the {@link ModelCache} where the result depends only on the model (probes, saturation, sweeps, unit
 * means, snapshots).
 */
public final class ModelAnalysis {
    /** How an intervention picks the value it holds. */
    public static final List<String> MODES = AnalysisRequests.MODES;
    private static final int CACHE_ENTRIES = 64;

    /**
     * One requested change to a unit.
     *
     * @param mode  zero (hold 0), mean (hold the unit's mean over the test set), value (hold {@code value}),
     *              shut / open (hold a gate at 0 / 1)
     * @param value only with mode value
     * @param from  first timestep changed; default 0
     */
    public record UnitChange(Integer layer, String vector, Integer unit, String mode, Double value, Integer from) {}

    /** What the intervention endpoint answers: {@link InterventionResult} with the traces as the trace endpoint gives them. */
    public record Intervention(List<UnitIntervention> interventions, String prefix, TraceView original, TraceView intervened,
                               String originalGenerated, String intervenedGenerated, String expected,
                               double originalTestAccuracy, double intervenedTestAccuracy, double testAccuracyChange,
                               double originalGeneralizationAccuracy, double intervenedGeneralizationAccuracy) {}

    /** One replay frame with its trace as the trace endpoint gives it. */
    public record Frame(int step, long sequences, double loss, double testAccuracy, TraceView trace) {}

    /** The training replay of an input; {@code frames} is empty when the model file has no snapshots. */
    public record Replay(String model, String input, int snapshots, String note, List<Frame> frames) {}

    private final ModelService models;
    private final AnalysisRequests requests;
    private final Analyses analysis;
    /** Bytes of traced test sets the cache holds; the analyses' results themselves are small. */
    private static final long TRACED_BYTES = 384L << 20;
    private final ModelCache cache = new ModelCache(CACHE_ENTRIES, TRACED_BYTES);

    public ModelAnalysis(ModelService models) {
        this.models = models;
        this.requests = new AnalysisRequests(models);
        this.analysis = new Analyses(models.tasks());
    }

    /** The strongest {@code limit} (left out: the default) unit–variable pairs; the whole ranking is computed once per revision. */
    public ProbeLeaderboard probes(String id, Integer limit) {
        return probes(id, limit, null, null, null);
    }

    /**
     * As {@link #probes(String, Integer)}, the ranking narrowed to one layer, vector and variable where
     * given (each null: all): with all three, every unit of that layer and vector by |r| for that variable.
     */
    public ProbeLeaderboard probes(String id, Integer limit, Integer layer, String vector, String variable) {
        ModelRecord r = requests.withTask(id);
        int n = Validator.check("limit", limit, Limits.PROBE_LIMIT);
        if (layer != null) Validator.layer("layer", layer, r);
        if (vector != null) Validator.vector("vector", vector, r);
        ProbeLeaderboard all = allProbes(r);
        if (variable != null && !all.variables().containsKey(variable))
            throw ServiceException.badParameter("variable", "variable must be one of " + all.variables().keySet() + "; got '" + variable + "'");
        List<Probe> ranked = all.ranking().stream()
                .filter(p -> (layer == null || p.layer() == layer) && (vector == null || p.vector().equals(vector))
                        && (variable == null || p.variable().equals(variable)))
                .limit(n).toList();
        return new ProbeLeaderboard(all.task(), all.sequences(), all.samples(), all.variables(), all.constantVariables(),
                all.pairs(), all.best(), ranked);
    }

    /** The whole probe ranking of a model with a task, computed once per revision. */
    ProbeLeaderboard allProbes(ModelRecord r) {
        // every pair, so that a ranking narrowed to one layer, vector and variable has all their units
        return cached(r, "probes", () -> run(() -> analysis.probes(r.model(), traced(r), Integer.MAX_VALUE)));
    }

    public Hypothesis hypothesis(String id, String input, Integer layer, String vector, Integer from, Integer to,
                                 Double threshold, Integer limit) {
        ModelRecord r = requests.withTask(id);
        Validator.text("input", input, Limits.INPUT, r.model().vocabulary());
        int l = Validator.layer("layer", layer, r);
        String v = Validator.vector("vector", vector, r);
        if (from == null) throw ServiceException.badParameter("from", "from is required: the first timestep of the range, 0 to " + (input.length() - 1));
        Validator.check("from", from, 0, input.length() - 1);
        if (to == null) throw ServiceException.badParameter("to", "to is required: the last timestep of the range (inclusive), " + from + " to " + (input.length() - 1));
        Validator.check("to", to, from, input.length() - 1);
        double level = Validator.check("threshold", threshold, Limits.THRESHOLD);
        int n = Validator.check("limit", limit, Limits.MATCH_LIMIT);
        return run(() -> analysis.hypothesis(r.model(), traced(r), input, l, v, from, to, level, n));
    }

    public Intervention intervene(String id, String prefix, List<UnitChange> changes, Integer max) {
        ModelRecord r = requests.withTask(id);
        Validator.text("prefix", prefix, Limits.PREFIX, r.model().vocabulary());
        int cap = Validator.check("max", max, Limits.INTERVENTION_GENERATE);
        List<UnitIntervention> list = requests.interventions(r, changes, () -> unitMeans(r));
        InterventionResult result = run(() -> analysis.intervene(r.model(), prefix, list, cap));
        return new Intervention(result.interventions(), result.prefix(),
                TraceService.view(result.original(), r, Slice.ALL), TraceService.view(result.intervened(), r, Slice.ALL),
                result.originalGenerated(), result.intervenedGenerated(), result.expected(),
                result.originalTestAccuracy(), result.intervenedTestAccuracy(), result.testAccuracyChange(),
                result.originalGeneralizationAccuracy(), result.intervenedGeneralizationAccuracy());
    }

    public GateSaturation saturation(String id) {
        ModelRecord r = requests.withTask(id);
        return cache.get(r, "saturation", () -> run(() -> GateSaturation.compute(traced(r).traces())));
    }

    public LengthSweep lengthSweep(String id, Integer perSize, Integer seed) {
        ModelRecord r = requests.withTask(id);
        int n = Validator.check("perSize", perSize, Limits.PER_SIZE), s = Validator.check("seed", seed, Limits.SWEEP_SEED);
        return cache.get(r, "sweep|" + n + "|" + s, () -> run(() -> analysis.lengthSweep(r.model(), null, n, s, (int) Limits.INPUT.max())));
    }

    public GradientFlow gradientFlow(String id, String sequence, Integer target) {
        ModelRecord r = models.requireWeights(id);
        Validator.text("sequence", sequence, Limits.INPUT, r.model().vocabulary());
        if (target == null)
            throw ServiceException.badParameter("target", "target is required: a position from 0 to " + (sequence.length() - 1));
        Validator.check("target", target, 0, sequence.length() - 1);
        return run(() -> analysis.gradientFlow(r.model(), sequence, target));
    }

    public Replay replay(String id, String input, Integer layer) {
        ModelRecord r = models.requireWeights(id);
        Validator.text("input", input, Limits.INPUT, r.model().vocabulary());
        if (layer != null) Validator.layer("layer", layer, r);
        List<Snapshot> snapshots = snapshots(r);
        if (snapshots.isEmpty())
            return new Replay(r.id(), input, 0, "this model has no training snapshots: only models trained by this version of "
                    + "the server keep them; train a new one to watch its units form", List.of());
        Slice slice = new Slice(layer, null, null, null, null);
        List<Frame> frames = new ArrayList<>();
        for (ReplayFrame f : run(() -> analysis.replay(r.model(), snapshots, input)))
            frames.add(new Frame(f.step(), f.sequences(), f.loss(), f.testAccuracy(), TraceService.view(f.trace(), r, slice)));
        return new Replay(r.id(), input, snapshots.size(), null, frames);
    }

    /** The snapshots kept in the model's file, read once per revision; empty when it has none. */
    List<Snapshot> snapshots(ModelRecord r) {
        // none is not remembered (null is not cached): the job service adds them to the file just after saving the model
        List<Snapshot> snapshots = cache.get(r, "snapshots", () -> {
            List<Snapshot> read = models.store().snapshots(r.id());
            return read.isEmpty() ? null : read;
        });
        return snapshots == null ? List.of() : snapshots;
    }

    /** Per layer and vector, each unit's mean over the test traces, as the probes compute it. */
    private List<Map<String, double[]>> unitMeans(ModelRecord r) {
        return cache.get(r, "means", () -> traced(r).unitMeans());
    }

    /**
     * The test set of the model's task traced once per revision, for every analysis that reads it; kept
     * while it is at most a quarter of {@link #TRACED_BYTES} (a 2 × 256 LSTM's counter test set is 66 MB).
     */
    TracedSequences traced(ModelRecord r) {
        return cache.get(r, ofData(r, "traced-test"), () -> run(() -> analysis.testTraces(r.model())));
    }

    /**
     * The cache key of a result read from the model's test data with its variables: a dataset's label
     * tracks are part of them, so a track added or replaced makes a new key, and the next request sees it.
     */
    private String ofData(ModelRecord r, String what) {
        DatasetStore datasets = models.tasks().datasets();
        long labels = datasets == null ? 0 : datasets.labelRevision(r.task());
        return labels == 0 ? what : what + "|labels " + labels;
    }

    /** The model, which must have weights and a known task whose vocabulary it reads (its test data is the data). */
    ModelRecord withTask(String id) { return requests.withTask(id); }

    /** Runs an analysis; a check it makes that this class did not is still a 400 with its message. */
    static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(e.getMessage());
        }
    }

    /** The value for this model revision, computed once (see {@link ModelCache#get}). */
    <T> T cached(ModelRecord r, String what, Supplier<T> compute) { return cache.get(r, ofData(r, what), compute); }

    /** The value kept for this model revision, or null when there is none. */
    <T> T peek(ModelRecord r, String what) { return cache.peek(r, ofData(r, what)); }
}
