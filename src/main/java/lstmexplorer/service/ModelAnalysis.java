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
import lstmexplorer.analysis.Analyses;
import lstmexplorer.analysis.GateSaturation;
import lstmexplorer.analysis.GradientFlow;
import lstmexplorer.analysis.Hypothesis;
import lstmexplorer.analysis.InterventionResult;
import lstmexplorer.analysis.LengthSweep;
import lstmexplorer.analysis.ProbeLeaderboard;
import lstmexplorer.analysis.ReplayFrame;
import lstmexplorer.train.Snapshot;
import lstmexplorer.io.SnapshotFile;
import lstmexplorer.analysis.UnitIntervention;
import lstmexplorer.io.ModelFormatException;
import lstmexplorer.service.Limits.Range;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;

/**
 * The analyses of {@link Analyses} for models of the store, by id: every parameter is checked
 * here first, so a bad one is a 400 naming the field and its range, characters outside the vocabulary
 * a 422, an unknown model a 404 and a model without weights a 409. Results that depend only on the
 * model (probes, saturation, sweeps, unit means, snapshots) are kept in a small per-instance cache
 * keyed on the model's revision, so new weights never see an old result.
 */
public final class ModelAnalysis {
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
    private final Analyses analysis;
    private final LinkedHashMap<String, Object> cache = new LinkedHashMap<>(32, 0.75f, true);

    public ModelAnalysis(ModelService models) {
        this.models = models;
        this.analysis = new Analyses(models.tasks());
    }

    /** The strongest {@code limit} (left out: the default) unit–variable pairs; the whole ranking is computed once per revision. */
    public ProbeLeaderboard probes(String id, Integer limit) {
        ModelRecord r = withTask(id);
        int n = Validator.check("limit", limit, Limits.PROBE_LIMIT);
        ProbeLeaderboard all = allProbes(r);
        return new ProbeLeaderboard(all.task(), all.sequences(), all.samples(), all.variables(), all.constantVariables(),
                all.pairs(), all.best(), all.ranking().subList(0, Math.min(n, all.ranking().size())));
    }

    /** The whole probe ranking of a model with a task, computed once per revision. */
    ProbeLeaderboard allProbes(ModelRecord r) {
        return cached(r, "probes", () -> run(() -> analysis.probes(r.model(), (int) Limits.PROBE_LIMIT.max())));
    }

    public Hypothesis hypothesis(String id, String input, Integer layer, String vector, Integer from, Integer to,
                                 Double threshold, Integer limit) {
        ModelRecord r = withTask(id);
        Validator.text("input", input, Limits.INPUT, r.model().vocabulary());
        int l = Validator.layer("layer", layer, r);
        String v = Validator.vector("vector", vector, r);
        if (from == null) throw ServiceException.badParameter("from", "from is required: the first timestep of the range, 0 to " + (input.length() - 1));
        Validator.check("from", from, 0, input.length() - 1);
        if (to == null) throw ServiceException.badParameter("to", "to is required: the last timestep of the range (inclusive), " + from + " to " + (input.length() - 1));
        Validator.check("to", to, from, input.length() - 1);
        double level = Validator.check("threshold", threshold, Limits.THRESHOLD);
        int n = Validator.check("limit", limit, Limits.MATCH_LIMIT);
        return run(() -> analysis.hypothesis(r.model(), input, l, v, from, to, level, n));
    }

    public Intervention intervene(String id, String prefix, List<UnitChange> changes, Integer max) {
        ModelRecord r = withTask(id);
        Validator.text("prefix", prefix, Limits.PREFIX, r.model().vocabulary());
        int cap = Validator.check("max", max, Limits.INTERVENTION_GENERATE);
        Range count = Limits.INTERVENTIONS;
        if (changes == null || !count.contains(changes.size()))
            throw ServiceException.badParameter("interventions", "interventions must list " + count.min() + " to " + count.max() + " changes"
                    + (changes == null ? "" : "; got " + changes.size()));
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
        int layer = Validator.layer(field + ".layer", c.layer(), r);
        String vector = Validator.vector(field + ".vector", c.vector(), r);
        int unit = Validator.unit(field + ".unit", c.unit(), r);
        int from = Validator.check(field + ".from", c.from(), Limits.INTERVENTION_FROM);
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
            case "mean" -> unitMeans(r).get(layer).get(vector)[unit];
            default -> Validator.check(field + ".value", c.value(), gate ? Limits.HELD_GATE : Limits.HELD_VALUE);
        };
        return new UnitIntervention(layer, vector, unit, value, from);
    }

    public GateSaturation saturation(String id) {
        ModelRecord r = withTask(id);
        return cached(r, "saturation", () -> run(() -> analysis.gateSaturation(r.model())));
    }

    public LengthSweep lengthSweep(String id, Integer perSize, Integer seed) {
        ModelRecord r = withTask(id);
        int n = Validator.check("perSize", perSize, Limits.PER_SIZE), s = Validator.check("seed", seed, Limits.SWEEP_SEED);
        return cached(r, "sweep|" + n + "|" + s, () -> run(() -> analysis.lengthSweep(r.model(), null, n, s, (int) Limits.INPUT.max())));
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

    /** The model, which must have weights and a known task whose vocabulary it reads (its test data is the data). */
    ModelRecord withTask(String id) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel m = r.model();
        Task task = models.taskOf(r).orElseThrow(() -> ServiceException.badRequest("model '" + id + "' has no known task or "
                + "dataset, so there is no test data to analyse it on; this analysis needs a model of one of " + Tasks.names()
                + " or of a dataset"));
        if (!task.vocabulary().equals(m.vocabulary()))
            throw ServiceException.badRequest("model '" + id + "' reads another vocabulary than its task " + task.name()
                    + ", so the task's test data cannot be analysed with it");
        return r;
    }

    /** Runs an analysis; a check it makes that this class did not is still a 400 with its message. */
    static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(e.getMessage());
        }
    }

    /** The value for this model revision, computed once; a null value is not kept, so it is computed again next time. */
    @SuppressWarnings("unchecked")
    <T> T cached(ModelRecord r, String what, Supplier<T> compute) {
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
}
