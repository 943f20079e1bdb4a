package lstmexplorer.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import lstmexplorer.analysis.AnalysisService;
import lstmexplorer.analysis.GateSaturation;
import lstmexplorer.analysis.GradientFlow;
import lstmexplorer.analysis.Hypothesis;
import lstmexplorer.analysis.InterventionResult;
import lstmexplorer.analysis.LengthSweep;
import lstmexplorer.analysis.ProbeLeaderboard;
import lstmexplorer.analysis.ReplayFrame;
import lstmexplorer.analysis.Snapshot;
import lstmexplorer.analysis.SnapshotFile;
import lstmexplorer.analysis.UnitIntervention;
import lstmexplorer.io.ModelFormatException;
import lstmexplorer.model.CellTypes;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;

/**
 * The analyses of {@link AnalysisService} for models of the store, by id: every parameter is checked
 * here first, so a bad one is a 400 naming the field and its range, characters outside the vocabulary
 * a 422, an unknown model a 404 and a model without weights a 409. Results that depend only on the
 * model (probes, saturation, sweeps, unit means, snapshots) are kept in a small per-instance cache
 * keyed on the model's revision, so new weights never see an old result.
 */
public final class ModelAnalysis {
    public static final int DEFAULT_PROBE_LIMIT = 20;
    public static final int DEFAULT_MATCH_LIMIT = 20;
    public static final int DEFAULT_PER_SIZE = 20, DEFAULT_SWEEP_SEED = 1;
    public static final int DEFAULT_GENERATED = 60;
    public static final int MAX_INTERVENTIONS = 16;
    /** How an intervention picks the value it holds. */
    public static final List<String> MODES = List.of("zero", "mean", "value", "shut", "open");
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
    private final AnalysisService analysis = new AnalysisService();
    private final LinkedHashMap<String, Object> cache = new LinkedHashMap<>(32, 0.75f, true);

    public ModelAnalysis(ModelService models) { this.models = models; }

    public ProbeLeaderboard probes(String id, int limit) {
        ModelRecord r = withTask(id);
        TaskCatalog.check("limit", limit, 1, AnalysisService.MAX_LIMIT);
        ProbeLeaderboard all = cached(r, "probes", () -> run(() -> analysis.probes(r.model(), AnalysisService.MAX_LIMIT)));
        return new ProbeLeaderboard(all.task(), all.sequences(), all.samples(), all.variables(), all.constantVariables(),
                all.pairs(), all.best(), all.ranking().subList(0, Math.min(limit, all.ranking().size())));
    }

    public Hypothesis hypothesis(String id, String input, Integer layer, String vector, Integer from, Integer to,
                                 Double threshold, int limit) {
        ModelRecord r = withTask(id);
        TraceService.checkInput("input", input, r.model(), 1);
        int l = layer(r, layer);
        String v = vector(r, "vector", vector);
        if (from == null) throw ServiceException.badParameter("from", "from is required: the first timestep of the range, 0 to " + (input.length() - 1));
        TaskCatalog.check("from", from, 0, input.length() - 1);
        if (to == null) throw ServiceException.badParameter("to", "to is required: the last timestep of the range (inclusive), " + from + " to " + (input.length() - 1));
        TaskCatalog.check("to", to, from, input.length() - 1);
        if (threshold == null || !Double.isFinite(threshold) || threshold < -100 || threshold > 100)
            throw ServiceException.badParameter("threshold", "threshold must be a number from -100 to 100, e.g. 0.5; got " + threshold);
        TaskCatalog.check("limit", limit, 1, AnalysisService.MAX_LIMIT);
        return run(() -> analysis.hypothesis(r.model(), input, l, v, from, to, threshold, limit));
    }

    public Intervention intervene(String id, String prefix, List<UnitChange> changes, Integer max) {
        ModelRecord r = withTask(id);
        if (prefix == null) throw ServiceException.badParameter("prefix", "prefix is required (it may be empty), e.g. aaaX");
        TraceService.checkInput("prefix", prefix, r.model(), 0);
        if (prefix.length() > AnalysisService.MAX_TEXT)
            throw ServiceException.badParameter("prefix", "prefix must have 0 to " + AnalysisService.MAX_TEXT + " characters");
        int cap = max == null ? DEFAULT_GENERATED : max;
        TaskCatalog.check("max", cap, 1, AnalysisService.MAX_GENERATED);
        if (changes == null || changes.isEmpty())
            throw ServiceException.badParameter("interventions", "interventions must list 1 to " + MAX_INTERVENTIONS + " changes");
        if (changes.size() > MAX_INTERVENTIONS)
            throw ServiceException.badParameter("interventions", "interventions must list 1 to " + MAX_INTERVENTIONS + " changes; got " + changes.size());
        List<UnitIntervention> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < changes.size(); k++) {
            UnitIntervention i = resolve(r, changes.get(k), "interventions[" + k + "]");
            if (!seen.add(i.layer() + "|" + i.vector() + "|" + i.unit()))
                throw ServiceException.badParameter("interventions[" + k + "]", "layer " + i.layer() + " " + i.vector() + " unit "
                        + i.unit() + " is changed twice");
            list.add(i);
        }
        InterventionResult result = run(() -> analysis.intervene(r.model(), prefix, list, cap));
        return new Intervention(result.interventions(), result.prefix(),
                TraceService.view(result.original(), r, Slice.ALL), TraceService.view(result.intervened(), r, Slice.ALL),
                result.originalGenerated(), result.intervenedGenerated(), result.expected(),
                result.originalTestAccuracy(), result.intervenedTestAccuracy(), result.testAccuracyChange(),
                result.originalGeneralizationAccuracy(), result.intervenedGeneralizationAccuracy());
    }

    private UnitIntervention resolve(ModelRecord r, UnitChange c, String field) {
        if (c == null) throw ServiceException.badParameter(field, field + " must be an object {layer, vector, unit, mode, value, from}");
        int layer = c.layer() == null ? 0 : c.layer();
        TaskCatalog.check(field + ".layer", layer, 0, r.layers() - 1);
        String vector = vector(r, field + ".vector", c.vector());
        if (c.unit() == null) throw ServiceException.badParameter(field + ".unit", field + ".unit is required: 0 to " + (r.hidden() - 1));
        TaskCatalog.check(field + ".unit", c.unit(), 0, r.hidden() - 1);
        int from = c.from() == null ? 0 : c.from();
        TaskCatalog.check(field + ".from", from, 0, AnalysisService.MAX_TEXT + AnalysisService.MAX_GENERATED);
        String mode = c.mode() == null ? (c.value() != null ? "value" : "zero") : c.mode().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode))
            throw ServiceException.badParameter(field + ".mode", field + ".mode must be one of " + MODES + "; got '" + c.mode() + "'");
        boolean gate = UnitIntervention.isGate(vector);
        if ((mode.equals("shut") || mode.equals("open")) && !gate)
            throw ServiceException.badParameter(field + ".mode", field + ".mode " + mode + " is for gates; " + vector + " is not a gate");
        if (c.value() != null && !mode.equals("value"))
            throw ServiceException.badParameter(field + ".value", field + ".value goes with mode value only; got mode " + mode);
        double value = switch (mode) {
            case "zero", "shut" -> 0;
            case "open" -> 1;
            case "mean" -> unitMeans(r).get(layer).get(vector)[c.unit()];
            default -> {
                if (c.value() == null || !Double.isFinite(c.value()))
                    throw ServiceException.badParameter(field + ".value", field + ".value is required with mode value: a number"
                            + (gate ? " from 0 to 1" : " from -100 to 100"));
                double lo = gate ? 0 : -100, hi = gate ? 1 : 100;
                if (c.value() < lo || c.value() > hi)
                    throw ServiceException.badParameter(field + ".value", field + ".value must be from " + fmt(lo) + " to " + fmt(hi)
                            + (gate ? " for a gate" : "") + "; got " + c.value());
                yield c.value();
            }
        };
        return new UnitIntervention(layer, vector, c.unit(), value, from);
    }

    public GateSaturation saturation(String id) {
        ModelRecord r = withTask(id);
        return cached(r, "saturation", () -> run(() -> analysis.gateSaturation(r.model())));
    }

    public LengthSweep lengthSweep(String id, int perSize, long seed) {
        ModelRecord r = withTask(id);
        TaskCatalog.check("perSize", perSize, 1, AnalysisService.MAX_PER_SIZE);
        TaskCatalog.check("seed", seed, Limits.MIN_SEED, Limits.MAX_SEED);
        return cached(r, "sweep|" + perSize + "|" + seed, () -> run(() -> analysis.lengthSweep(r.model(), perSize, seed)));
    }

    public GradientFlow gradientFlow(String id, String sequence, Integer target) {
        ModelRecord r = models.requireWeights(id);
        TraceService.checkInput("sequence", sequence, r.model(), 1);
        if (target == null)
            throw ServiceException.badParameter("target", "target is required: a position from 0 to " + (sequence.length() - 1));
        TaskCatalog.check("target", target, 0, sequence.length() - 1);
        return run(() -> analysis.gradientFlow(r.model(), sequence, target));
    }

    public Replay replay(String id, String input, Integer layer) {
        ModelRecord r = models.requireWeights(id);
        TraceService.checkInput("input", input, r.model(), 1);
        if (layer != null) TaskCatalog.check("layer", layer, 0, r.layers() - 1);
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
        List<Snapshot> snapshots = cached(r, "snapshots", () -> {
            Path file = models.store().modelFile(r.id());
            try {
                List<Snapshot> read = Files.exists(file) ? SnapshotFile.load(file) : List.of();
                return read.isEmpty() ? null : read;
            } catch (IOException | ModelFormatException e) {
                return null;
            }
        });
        return snapshots == null ? List.of() : snapshots;
    }

    /** Per layer and vector, each unit's mean over the test traces, as the probes compute it. */
    private List<Map<String, double[]>> unitMeans(ModelRecord r) {
        return cached(r, "means", () -> analysis.unitMeans(r.model()));
    }

    private ModelRecord withTask(String id) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel m = r.model();
        if (m.task() == null || Tasks.byName(m.task()).isEmpty())
            throw ServiceException.badRequest("model '" + id + "' has no known task, so there is no test data to analyse it on; "
                    + "this analysis needs a model of one of " + Tasks.names());
        Task task = Tasks.byName(m.task()).get();
        if (!task.vocabulary().equals(m.vocabulary()))
            throw ServiceException.badRequest("model '" + id + "' reads another vocabulary than its task " + task.name()
                    + ", so the task's test data cannot be analysed with it");
        return r;
    }

    private static int layer(ModelRecord r, Integer layer) {
        int l = layer == null ? 0 : layer;
        TaskCatalog.check("layer", l, 0, r.layers() - 1);
        return l;
    }

    private static String vector(ModelRecord r, String field, String vector) {
        List<String> known = CellTypes.vectors(r.cell());
        if (vector == null || !known.contains(vector))
            throw ServiceException.badParameter(field, field + " must be one of " + known + " for a " + r.cell() + " model; got "
                    + (vector == null ? "nothing" : "'" + vector + "'"));
        return vector;
    }

    /** Runs an analysis; a check it makes that this class did not is still a 400 with its message. */
    private static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(e.getMessage());
        }
    }

    /** The value for this model revision, computed once; a null value is not kept, so it is computed again next time. */
    @SuppressWarnings("unchecked")
    private <T> T cached(ModelRecord r, String what, Supplier<T> compute) {
        String key = r.id() + "|" + r.revision() + "|" + what;
        synchronized (cache) {
            Object hit = cache.get(key);
            if (hit != null) return (T) hit;
        }
        T value = compute.get(); // outside the lock: two requests may both compute, and both get the same answer
        if (value == null) return null;
        synchronized (cache) {
            cache.put(key, value);
            while (cache.size() > CACHE_ENTRIES) cache.remove(cache.keySet().iterator().next());
        }
        return value;
    }

    private static String fmt(double d) { return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d); }
}
