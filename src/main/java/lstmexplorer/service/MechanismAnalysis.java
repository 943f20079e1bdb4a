package lstmexplorer.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lstmexplorer.analysis.Attribution;
import lstmexplorer.analysis.Dynamics;
import lstmexplorer.analysis.Patching;
import lstmexplorer.analysis.StateLayout;
import lstmexplorer.analysis.TracedSequences;
import lstmexplorer.analysis.UnitByInput;
import lstmexplorer.analysis.UnitCard;
import lstmexplorer.analysis.UnitSearch;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.model.Cell;
import lstmexplorer.model.CellTypes;
import lstmexplorer.task.Task;
import lstmexplorer.train.TrainedModel;

/**
 * How a model of the store computes, by id: its dynamics, patching between two inputs, attribution and
 * unit cards. Every field is checked here first (a 400 naming it, a 422 for characters outside the
 * vocabulary); results that depend only on the model revision (dynamics, unit cards) are cached with
 * the other analyses' results in {@link ModelAnalysis}.
 */
public final class MechanismAnalysis {
    /** Dynamics searches from this seed's draw of starting states, so one revision always shows the same points. */
    public static final long DYNAMICS_SEED = 1;

    /**
     * One patch as a request gives it.
     *
     * @param units a list of unit numbers, or "all" (also when left out)
     */
    public record PatchSpec(Integer layer, String vector, Object units) {}

    private final ModelService models;
    private final ModelAnalysis analyses;

    public MechanismAnalysis(ModelService models, ModelAnalysis analyses) {
        this.models = models;
        this.analyses = analyses;
    }

    /**
     * PCA of a layer's state over the test traces and the fixed points of the one-step map.
     *
     * @param vectors state vectors of the layer; null for all of them
     * @param point   {@code SEQ:T}, a test sequence and timestep to linearise at; null for none
     */
    public Dynamics dynamics(String id, Integer layer, List<String> vectors, String point) {
        DynamicsQuery query = dynamicsQuery(id, layer, vectors, point);
        return analyses.cached(query.model(), query.key(), () -> query.compute(Dynamics.Progress.NONE));
    }

    /**
     * One dynamics computation, every field checked: the model revision, the cache key of its answer, and
     * the computation itself.
     */
    record DynamicsQuery(ModelRecord model, String key, java.util.function.Function<Dynamics.Progress, Dynamics> computation) {
        Dynamics compute(Dynamics.Progress progress) { return ModelAnalysis.run(() -> computation.apply(progress)); }
    }

    /** The dynamics answer already computed for this query, or null. */
    Dynamics cachedDynamics(DynamicsQuery query) { return analyses.peek(query.model(), query.key()); }

    /** Keeps a dynamics answer computed elsewhere (by a job) as {@link #dynamics} would have. */
    void keepDynamics(DynamicsQuery query, Dynamics result) { analyses.cached(query.model(), query.key(), () -> result); }

    DynamicsQuery dynamicsQuery(String id, Integer layer, List<String> vectors, String point) {
        ModelRecord r = analyses.withTask(id);
        int l = Validator.layer("layer", layer, r);
        Cell cell = r.model().network().cell(l);
        List<String> state = new ArrayList<>();
        for (int v : cell.stateVectors()) state.add(cell.vectors().get(v));
        List<String> chosen = vectors == null ? state : vectors;
        if (chosen.isEmpty()) throw ServiceException.badParameter("vectors", "vectors must name at least one of " + state);
        for (String v : chosen)
            if (!state.contains(v))
                throw ServiceException.badParameter("vectors", "vectors must be among the state vectors " + state + " of a " + r.cell()
                        + " model (the state the map carries); got '" + v + "'");
        if (new HashSet<>(chosen).size() != chosen.size()) throw ServiceException.badParameter("vectors", "vectors lists a vector twice");
        int stateSize = new StateLayout(r.model().network()).size();
        if (!Limits.DYNAMICS_STATE.contains(stateSize))
            throw ServiceException.badRequest("model '" + r.id() + "' carries a state of " + stateSize + " entries (" + r.model().network().layers()
                    + " layer(s) × " + state.size() + " state vector(s) × " + r.hidden() + " units); dynamics searches fixed points of states of up to "
                    + Limits.DYNAMICS_STATE.max() + " entries, since every step of the search takes a " + stateSize + " × " + stateSize
                    + " Jacobian; the probes, traces and unit cards work at any size");
        Dynamics.PointRequest at = point == null ? null : point(point);
        Task task = task(r).orElseThrow(() -> ServiceException.badRequest("model '" + r.id() + "' reads other characters than its task, "
                + "so this analysis cannot run on the task's test data"));
        List<String> test = models.tasks().sequences(task, Split.TEST);
        if (at != null) {
            Validator.check("point", at.sequence(), 0, test.size() - 1);
            Validator.check("point", at.t(), 0, test.get(at.sequence()).length() - 1);
        }
        String key = "dynamics|" + l + "|" + String.join(",", chosen) + "|" + point;
        return new DynamicsQuery(r, key, progress -> Dynamics.compute(r.model(), task, test, l, chosen, at, DYNAMICS_SEED, progress));
    }

    private static Dynamics.PointRequest point(String point) {
        String[] parts = point.split(":", -1);
        try {
            if (parts.length == 2) return new Dynamics.PointRequest(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            // named below
        }
        throw ServiceException.badParameter("point", "point must be SEQ:T, a test sequence number and a timestep, e.g. 0:3; got '" + point + "'");
    }

    /** Runs the base with units patched in from the source at one timestep; both inputs are read after the start token. */
    public Patching.PatchResult patch(String id, String base, String source, Integer at, Integer sourceAt, List<PatchSpec> patches, Integer max) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel m = r.model();
        Validator.text("base", base, Limits.PATCH_INPUT, m.vocabulary());
        Validator.text("source", source, Limits.PATCH_INPUT, m.vocabulary());
        int t = at == null ? base.length() : (int) Validator.check("at", at, 0, base.length());
        int ts = sourceAt == null ? source.length() : (int) Validator.check("sourceAt", sourceAt, 0, source.length());
        if (patches == null || patches.isEmpty())
            throw ServiceException.badParameter("patches", "patches must list 1 to " + Limits.PATCHES.max() + " {layer, vector, units}");
        Validator.check("patches", patches.size(), Limits.PATCHES);
        List<Patching.Patch> resolved = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < patches.size(); k++) {
            Patching.Patch p = resolve(r, patches.get(k), "patches[" + k + "]");
            if (!seen.add(p.layer() + "|" + p.vector()))
                throw ServiceException.badParameter("patches[" + k + "]", "layer " + p.layer() + " " + p.vector() + " is patched twice; list its units once");
            resolved.add(p);
        }
        int cap = Validator.check("max", max, Limits.PATCH_GENERATE);
        Task task = task(r).orElse(null);
        return ModelAnalysis.run(() -> Patching.patch(m, task, base, source, t, ts, resolved, cap));
    }

    /** The effect map of one layer's vector: each unit alone at each base timestep. */
    public Patching.PatchEffects effects(String id, String base, String source, Integer layer, String vector, List<Integer> units, Integer max) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel m = r.model();
        Validator.text("base", base, Limits.EFFECT_INPUT, m.vocabulary());
        Validator.text("source", source, Limits.PATCH_INPUT, m.vocabulary());
        int l = Validator.layer("layer", layer, r);
        String v = patchVector(r, "vector", vector);
        if (units != null) {
            if (units.isEmpty()) throw ServiceException.badParameter("units", "units must list at least one unit from 0 to " + (r.hidden() - 1));
            for (int k = 0; k < units.size(); k++) Validator.unit("units[" + k + "]", units.get(k), r);
            if (new HashSet<>(units).size() != units.size()) throw ServiceException.badParameter("units", "units lists a unit twice");
        }
        int cap = Validator.check("max", max, Limits.PATCH_GENERATE);
        return ModelAnalysis.run(() -> Patching.effects(m, base, source, l, v, units, cap));
    }

    /**
     * The attribution of one output to each character read.
     *
     * @param of        "output" (or left out) for the log-probability of the next character, or {layer, vector, unit}
     * @param character with an output target: the character to explain instead of the one read at t + 1
     */
    /** The attribution methods a request may name, and the one it gets when it names none. */
    public static final List<String> ATTRIBUTION_METHODS = Attribution.METHODS;
    public static final String DEFAULT_ATTRIBUTION = Attribution.INTEGRATED_GRADIENTS;
    /** Integrated gradients' completeness: within this fraction of the change in f, never measured against less than the floor, with at most this many nodes more than asked for. */
    public static final double ATTRIBUTION_TOLERANCE = Attribution.TOLERANCE, ATTRIBUTION_SCALE_FLOOR = Attribution.SCALE_FLOOR;
    public static final int ATTRIBUTION_REFINING_NODES = Attribution.MAX_REFINING_NODES;

    public Attribution attribution(String id, String input, Integer target, Object of, String character, String method, Integer steps) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel m = r.model();
        Validator.text("input", input, Limits.PREFIX, m.vocabulary());
        if (target == null) throw ServiceException.badParameter("target", "target is required: a timestep from 0 to " + input.length());
        String how = method == null ? DEFAULT_ATTRIBUTION : method;
        if (!ATTRIBUTION_METHODS.contains(how))
            throw ServiceException.badParameter("method", "method must be one of " + ATTRIBUTION_METHODS + "; got '" + method + "'");
        int n = Validator.check("steps", steps, Limits.ATTRIBUTION_STEPS);
        Attribution.Target t;
        if (of == null || "output".equals(of)) {
            Character ch = null;
            if (character != null) {
                if (character.length() != 1) throw ServiceException.badParameter("char", "char must be one character of the vocabulary");
                Validator.text("char", character, Limits.INPUT, m.vocabulary());
                ch = character.charAt(0);
            }
            int last = ch == null ? input.length() - 1 : input.length();
            if (last < 0) throw ServiceException.badParameter("input", "input must have a character after timestep 0 to score, or give char");
            Validator.check("target", target, 0, last);
            t = Attribution.Target.output(target, ch);
        } else if (of instanceof Map<?, ?> unit) {
            for (Object key : unit.keySet())
                if (!List.of("layer", "vector", "unit").contains(String.valueOf(key)))
                    throw ServiceException.badParameter("of." + key, "unknown field 'of." + key + "'; of is \"output\" or {layer, vector, unit}");
            if (character != null) throw ServiceException.badParameter("char", "char goes with of \"output\" only");
            int l = Validator.layer("of.layer", integer(unit.get("layer"), "of.layer"), r);
            Object vector = unit.get("vector");
            Cell cell = m.network().cell(l);
            List<String> state = new ArrayList<>();
            for (int v : cell.stateVectors()) state.add(cell.vectors().get(v));
            if (!(vector instanceof String) || !state.contains(vector))
                throw ServiceException.badParameter("of.vector", "of.vector must be a state vector of the cell, one of " + state + "; got "
                        + (vector == null ? "nothing" : "'" + vector + "'"));
            int u = Validator.unit("of.unit", integer(unit.get("unit"), "of.unit"), r);
            Validator.check("target", target, 0, input.length());
            t = Attribution.Target.unit(target, l, (String) vector, u);
        } else {
            throw ServiceException.badParameter("of", "of must be \"output\" or {\"layer\", \"vector\", \"unit\"}; got " + of);
        }
        Attribution.Target chosen = t;
        return ModelAnalysis.run(() -> Attribution.compute(m.network(), m.vocabulary(), input, chosen, how, n));
    }

    /** One unit's card over the test data of the model's task. */
    public UnitCard card(String id, Integer layer, String vector, Integer unit) {
        TestUnit t = testUnit(id, layer, vector, unit);
        return analyses.cached(t.r(), "card|" + t.key(), () -> ModelAnalysis.run(() ->
                UnitCard.compute(t.r().model(), t.task(), analyses.traced(t.r()), t.layer(), t.vector(), t.unit())));
    }

    /** One unit's value by the character it reads (and, with groupBy, by a task variable's value) over the test data. */
    public UnitByInput byInput(String id, Integer layer, String vector, Integer unit, String groupBy) {
        TestUnit t = testUnit(id, layer, vector, unit);
        if (groupBy != null && !t.task().variableDescriptions().containsKey(groupBy))
            throw ServiceException.badParameter("groupBy", "groupBy must be a variable of the task, one of "
                    + t.task().variableDescriptions().keySet() + "; got '" + groupBy + "'");
        return analyses.cached(t.r(), "by-input|" + t.key() + "|" + groupBy, () -> ModelAnalysis.run(() ->
                UnitByInput.compute(t.task(), analyses.traced(t.r()), t.layer(), t.vector(), t.unit(), groupBy)));
    }

    /** A unit of a model read over its task's test data, each field checked (the vector defaults to hidden). */
    private record TestUnit(ModelRecord r, Task task, int layer, String vector, int unit) {
        String key() { return layer + "|" + vector + "|" + unit; }
    }

    private TestUnit testUnit(String id, Integer layer, String vector, Integer unit) {
        ModelRecord r = analyses.withTask(id);
        int l = Validator.layer("layer", layer, r);
        String v = Validator.vector("vector", vector == null ? "hidden" : vector, r);
        int u = Validator.unit("unit", unit, r);
        Task task = task(r).orElseThrow(() -> ServiceException.badRequest("model '" + r.id() + "' reads other characters than its task, "
                + "so this analysis cannot run on the task's test data"));
        return new TestUnit(r, task, l, v, u);
    }

    /** Units ranked for a variable or a word, from the probes. */
    public UnitSearch search(String id, String q, Integer limit) {
        ModelRecord r = analyses.withTask(id);
        if (q == null || q.isBlank()) throw ServiceException.badParameter("q", "q is required: a variable or a word, e.g. count");
        Validator.check("q", q.length(), Limits.SEARCH_QUERY);
        int n = Validator.check("limit", limit, Limits.SEARCH_LIMIT);
        return ModelAnalysis.run(() -> UnitSearch.rank(analyses.allProbes(r), q, n));
    }


    private Patching.Patch resolve(ModelRecord r, PatchSpec p, String field) {
        if (p == null) throw ServiceException.badParameter(field, field + " must be an object {layer, vector, units}");
        int layer = Validator.layer(field + ".layer", p.layer(), r);
        String vector = patchVector(r, field + ".vector", p.vector());
        List<Integer> units;
        if (p.units() == null || "all".equals(p.units())) units = null;
        else if (p.units() instanceof List<?> list) {
            if (list.isEmpty()) throw ServiceException.badParameter(field + ".units", field + ".units must list at least one unit, or be \"all\"");
            units = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) units.add(Validator.unit(field + ".units[" + k + "]", integer(list.get(k), field + ".units[" + k + "]"), r));
            if (new HashSet<>(units).size() != units.size()) throw ServiceException.badParameter(field + ".units", field + ".units lists a unit twice");
        } else {
            throw ServiceException.badParameter(field + ".units", field + ".units must be a list of unit numbers or \"all\"; got " + p.units());
        }
        return new Patching.Patch(layer, vector, units);
    }

    /** A vector of the model's cell, or "state" for all its state vectors. */
    private static String patchVector(ModelRecord r, String field, String vector) {
        if (Patching.STATE.equals(vector)) return vector;
        List<String> known = new ArrayList<>(CellTypes.vectors(r.cell()));
        if (vector == null || !known.contains(vector)) {
            known.add(Patching.STATE);
            throw ServiceException.badParameter(field, field + " must be one of " + known + " for a " + r.cell() + " model; got "
                    + (vector == null ? "nothing" : "'" + vector + "'"));
        }
        return vector;
    }

    private static Integer integer(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Integer i) return i;
        throw ServiceException.badParameter(field, field + " must be a whole number; got " + value);
    }

    /** The model's task or dataset when it is known and the model reads all its characters (it may read more). */
    private Optional<Task> task(ModelRecord r) {
        return models.taskOf(r).filter(t -> t.vocabulary().chars().stream().allMatch(r.model().vocabulary()::contains));
    }
}
