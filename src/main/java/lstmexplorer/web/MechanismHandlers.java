package lstmexplorer.web;

import static lstmexplorer.web.OpenApi.array;
import static lstmexplorer.web.OpenApi.bool;
import static lstmexplorer.web.OpenApi.integer;
import static lstmexplorer.web.OpenApi.map;
import static lstmexplorer.web.OpenApi.nullable;
import static lstmexplorer.web.OpenApi.number;
import static lstmexplorer.web.OpenApi.object;
import static lstmexplorer.web.OpenApi.oneOf;
import static lstmexplorer.web.OpenApi.ref;
import static lstmexplorer.web.OpenApi.str;
import static lstmexplorer.web.OpenApi.text;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lstmexplorer.service.DynamicsJobs;
import lstmexplorer.service.Limits;
import lstmexplorer.service.MechanismAnalysis;

/**
 * The endpoints on how a network computes: dynamics, patching, the effect map, attribution, unit cards
 * and unit search. Read the request, call {@link MechanismAnalysis}, return what it gives.
 */
record MechanismHandlers(Requests requests, MechanismAnalysis analysis, DynamicsJobs dynamicsJobs) {
    record PatchRequest(String base, String source, Integer at, Integer sourceAt, List<MechanismAnalysis.PatchSpec> patches, Integer max) {}

    record EffectsRequest(String base, String source, Integer layer, String vector, List<Integer> units, Integer max) {}

    record AttributionRequest(String input, Integer target, Object of, @com.fasterxml.jackson.annotation.JsonProperty("char") String character,
                              String method, Integer steps) {}


    void dynamics(Context ctx) {
        ctx.json(analysis.dynamics(ctx.pathParam("id"), Requests.intParam(ctx, "layer", Limits.LAYER), Requests.listParam(ctx, "vectors"),
                ctx.queryParam("point")));
    }

    /** 200 with the answer when it is cached, else 202 with the job computing it. */
    void startDynamics(Context ctx) {
        DynamicsJobs.DynamicsJob job = dynamicsJobs.start(ctx.pathParam("id"), Requests.intParam(ctx, "layer", Limits.LAYER),
                Requests.listParam(ctx, "vectors"), ctx.queryParam("point"), ctx.ip());
        ctx.status(job.id() == null ? 200 : 202).json(job);
    }

    void dynamicsJob(Context ctx) { ctx.json(dynamicsJobs.find(ctx.pathParam("id"), ctx.pathParam("job"))); }

    void cancelDynamics(Context ctx) { ctx.status(202).json(dynamicsJobs.cancel(ctx.pathParam("id"), ctx.pathParam("job"))); }

    void patch(Context ctx) {
        PatchRequest r = requests.body(ctx, PatchRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(analysis.patch(ctx.pathParam("id"), r.base(), r.source(), r.at(), r.sourceAt(), r.patches(), r.max()));
    }

    void effects(Context ctx) {
        EffectsRequest r = requests.body(ctx, EffectsRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(analysis.effects(ctx.pathParam("id"), r.base(), r.source(), r.layer(), r.vector(), r.units(), r.max()));
    }

    void attribution(Context ctx) {
        AttributionRequest r = requests.body(ctx, AttributionRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(analysis.attribution(ctx.pathParam("id"), r.input(), r.target(), r.of(), r.character(), r.method(), r.steps()));
    }

    void card(Context ctx) {
        ctx.json(analysis.card(ctx.pathParam("id"), unitPath(ctx, "layer"), ctx.queryParam("vector"), unitPath(ctx, "unit")));
    }

    /** The layer or unit number in a unit's address; a 400 when it is not a whole number. */
    private static int unitPath(Context ctx, String name) {
        Integer value = Requests.pathInt(ctx, name);
        if (value == null)
            throw lstmexplorer.service.ServiceException.badParameter(name, name + " must be a whole number; got '" + ctx.pathParam(name) + "'");
        return value;
    }

    void byInput(Context ctx) {
        ctx.json(analysis.byInput(ctx.pathParam("id"), unitPath(ctx, "layer"), ctx.queryParam("vector"), unitPath(ctx, "unit"),
                ctx.queryParam("groupBy")));
    }

    void search(Context ctx) {
        ctx.json(analysis.search(ctx.pathParam("id"), ctx.queryParam("q"), Requests.intParam(ctx, "limit", Limits.SEARCH_LIMIT)));
    }

    /** The schemas of these endpoints, for the OpenAPI document. */
    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> anInt = map("type", "integer"), txt = str(null), numbers = array(number(null), null);
        Function<String, Map<String, Object>> count = d -> map("type", "integer", "description", d);
        Map<String, Object> layer = integer(Limits.LAYER.withDefault(0), "below the model's layers");
        s.put("Eigenvalue", object(List.of(), "re", number(null), "im", number(null), "modulus", number("|λ|")));
        s.put("Mode", object(List.of(), "eigenvalue", ref("Eigenvalue"), "units", array(object(List.of(), "layer", anInt, "vector", txt,
                "unit", anInt, "weight", number("|entry| / ‖eigenvector‖"), "sign", anInt), "the eigenvector's largest entries, largest first")));
        Map<String, Object> state = object(List.of(), "layers", array(map("type", "object", "additionalProperties", numbers,
                "description", "state vector name → values"), "per layer"));
        s.put("FixedPoint", object(List.of(), "input", str("the character held constant"), "q", number("½‖F(S) − S‖²"),
                "kind", oneOf(List.of("fixed", "slow"), null, "fixed: q ≤ 1e-12; slow: q ≤ 1e-4"),
                "stability", oneOf(List.of("stable", "saddle", "unstable"), null, "stable: every |λ| < 1"), "state", state,
                "projection", array(number(null), "on the principal components"), "eigenvalues", array(ref("Eigenvalue"), "largest |λ| first"),
                "slowestMode", ref("Mode"), "modes", array(ref("Mode"), "the slowest modes"),
                "reached", object(List.of(), "samples", anInt, "examples", array(txt, "contexts that settle here"),
                        "variables", map("type", "object", "additionalProperties", number(null), "description", "task variables averaged over them"))));
        s.put("Dynamics", object(List.of(), "layer", anInt, "vectors", array(txt, null), "stateSize", anInt,
                "pca", object(List.of(), "units", array(txt, null), "components", array(numbers, "[k][unit]"), "explained", numbers),
                "trajectories", array(object(List.of(), "sequence", anInt, "text", txt, "points", array(object(List.of(), "t", anInt, "ch", txt,
                        "xy", numbers, "variables", map("type", "object", "additionalProperties", number(null))), null)), null),
                "starts", anInt, "inputs", array(object(List.of(), "input", txt, "candidates", anInt, "points", array(ref("FixedPoint"), null)), null),
                "point", nullable(object(List.of(), "sequence", anInt, "t", anInt, "context", txt, "input", txt, "q", number(null),
                        "projection", numbers, "state", state, "stability", txt, "eigenvalues", array(ref("Eigenvalue"), null),
                        "slowestMode", ref("Mode"), "modes", array(ref("Mode"), null))),
                "notes", array(txt, "what was left out and why")));
        s.put("DynamicsJob", object(List.of(), "id", nullable(str("the job; null when the answer was cached")), "model", txt,
                "status", oneOf(List.of("queued", "running", "done", "failed", "cancelled"), null, null),
                "stage", str("what it is doing, e.g. searching: starts settled"),
                "done", integer(0, Integer.MAX_VALUE, null, "of total: starts settled while searching, then inputs linearised"),
                "total", anInt, "fraction", number("of the whole work, never falling; 1 when done"),
                "elapsedSeconds", number(null), "error", nullable(txt), "result", nullable(ref("Dynamics"))));
        s.put("PatchSpec", map("type", "object", "additionalProperties", false, "required", List.of("vector"), "properties", map(
                "layer", layer,
                "vector", str("a vector of the cell, or \"state\" for every state vector"),
                "units", map("oneOf", List.of(map("type", "array", "items", integer(Limits.UNIT, null)), oneOf(List.of("all"), "all", null)),
                        "description", "unit numbers, or \"all\""))));
        s.put("PatchRequest", map("type", "object", "additionalProperties", false, "required", List.of("base", "source", "patches"), "properties", map(
                "base", text(Limits.PATCH_INPUT, "read after the start token, e.g. aaX"),
                "source", text(Limits.PATCH_INPUT, "read after the start token, e.g. aaaaaX"),
                "at", integer(Limits.PATCH_INPUT.min(), Limits.PATCH_INPUT.max(), null, "base timestep (0 = start token); default: the last"),
                "sourceAt", integer(Limits.PATCH_INPUT.min(), Limits.PATCH_INPUT.max(), null, "source timestep; default: the last"),
                "patches", map("type", "array", "minItems", Limits.PATCHES.min(), "maxItems", Limits.PATCHES.max(), "items", ref("PatchSpec")),
                "max", integer(Limits.PATCH_GENERATE, "most characters generated"))));
        Map<String, Object> continuation = object(List.of(), "text", txt, "probabilities", array(number(null), "of each chosen character"));
        s.put("PatchResult", object(List.of(), "base", txt, "source", txt, "at", anInt, "sourceAt", anInt, "patches", array(map("type", "object"), null),
                "baseRun", continuation, "sourceRun", continuation, "patchedRun", continuation,
                "expectedBase", nullable(txt), "expectedSource", nullable(txt)));
        s.put("EffectsRequest", map("type", "object", "additionalProperties", false, "required", List.of("base", "source", "vector"), "properties", map(
                "base", text(Limits.EFFECT_INPUT, "read after the start token"),
                "source", text(Limits.PATCH_INPUT, "read after the start token"),
                "layer", layer, "vector", str("a vector of the cell, or \"state\""),
                "units", map("type", "array", "minItems", 1, "maxItems", Limits.UNIT.max() + 1, "items", integer(Limits.UNIT, null),
                        "description", "default: every unit"),
                "max", integer(Limits.PATCH_GENERATE, "most characters of each continuation"))));
        s.put("PatchEffects", object(List.of(), "base", txt, "source", txt, "layer", anInt, "vector", txt, "units", array(anInt, null),
                "read", array(txt, "[t] the base character read"), "sourceAt", array(anInt, "[t] the source timestep patched in; −1: none"),
                "baseContinuation", txt, "sourceContinuation", txt,
                "effects", array(array(nullable(number(null)), null), "[unit][t] log p(source continuation) − log p(base continuation)"),
                "unpatched", number("the same without a patch"), "fullState", number("with every state vector of every layer patched at the last step")));
        s.put("AttributionRequest", map("type", "object", "additionalProperties", false, "required", List.of("input", "target"), "properties", map(
                "input", text(Limits.PREFIX, "read after the start token"),
                "target", integer(Limits.PATCH_INPUT.min(), Limits.PATCH_INPUT.max(), null, "timestep t (0 = start token)"),
                "of", map("oneOf", List.of(oneOf(List.of("output"), "output", "log p of the character read at t + 1 (or char)"),
                        map("type", "object", "additionalProperties", false, "properties", map("layer", layer,
                                "vector", str("a state vector: cell or hidden"), "unit", integer(Limits.UNIT, null))))),
                "char", text(Limits.Range.of(1, 1), "with of output: explain this character's log p"),
                "method", oneOf(MechanismAnalysis.ATTRIBUTION_METHODS, MechanismAnalysis.DEFAULT_ATTRIBUTION, null),
                "steps", integer(Limits.ATTRIBUTION_STEPS, "integrated gradients: the Gauss–Legendre nodes to start with over the whole path; "
                        + "more are added where the answer would not be complete within 1%"))));
        s.put("Attribution", object(List.of(), "method", txt,
                "rule", nullable(str("integrated gradients: gauss_legendre, the path cut into panels of Gauss–Legendre nodes")),
                "steps", count.apply("the nodes the attributions come from: steps when one panel was complete, else the halved panels' nodes; "
                        + "1 for gradient × input"),
                "stepsRequested", count.apply("steps as asked"),
                "panels", nullable(count.apply("the pieces the path [0, 1] was cut into: 1 when the first rule was complete; each piece [a, b] "
                        + "was halved while its attributions did not sum to f(b·input) − f(a·input)")),
                "nodesEvaluated", nullable(count.apply("gradients computed, the halved panels' included: at most steps + " + MechanismAnalysis.ATTRIBUTION_REFINING_NODES)),
                "read", array(txt, null), "target", anInt, "of", txt,
                "attributions", array(number(null), "[k] per character read"), "value", number("f(input)"), "baselineValue", number("f(0)"),
                "sum", number(null),
                "completenessGap", nullable(number("|sum − (value − baselineValue)|")),
                "completenessError", nullable(number("completenessGap / max(|value − baselineValue|, " + MechanismAnalysis.ATTRIBUTION_SCALE_FLOOR + "): relative to "
                        + "how much f changes, but never to less than " + MechanismAnalysis.ATTRIBUTION_SCALE_FLOOR + ", where a relative error means nothing")),
                "complete", nullable(bool("integrated gradients: completenessError ≤ " + MechanismAnalysis.ATTRIBUTION_TOLERANCE + "; false when halving "
                        + "the path stopped short (after " + MechanismAnalysis.ATTRIBUTION_REFINING_NODES + " more nodes, or rounds that no longer "
                        + "helped), and then the attributions are only approximate")),
                "tolerance", nullable(number("integrated gradients: the completenessError within which the answer is complete, "
                        + MechanismAnalysis.ATTRIBUTION_TOLERANCE))));
        Map<String, Object> context = object(List.of(), "sequence", anInt, "t", anInt, "before", txt, "ch", txt, "after", txt, "value", number(null));
        s.put("UnitCard", object(List.of(), "layer", anInt, "vector", txt, "unit", anInt, "samples", anInt, "mean", number(null),
                "min", number(null), "max", number(null), "top", array(context, "highest first"), "bottom", array(context, "lowest first"),
                "histogram", object(List.of(), "min", number(null), "max", number(null), "width", number(null), "counts", array(anInt, null)),
                "explanation", nullable(object(List.of(), "variable", txt, "description", txt, "sentence", txt, "r", number(null),
                        "slope", number(null), "intercept", number(null), "simulationScore", number("held-out R²"),
                        "fitSequences", anInt, "scoredSequences", anInt)),
                "ablation", object(List.of(), "meanValue", number(null), "accuracy", number(null), "zeroAccuracy", number(null),
                        "meanAccuracy", number(null), "nextCharacterAccuracy", number(null), "zeroNextCharacterAccuracy", number(null),
                        "meanNextCharacterAccuracy", number(null))));
        s.put("UnitByInput", object(List.of(), "layer", anInt, "vector", txt, "unit", anInt,
                "groupBy", nullable(str("the task variable the groups are split by")), "sequences", anInt,
                "groups", array(object(List.of(), "ch", str("the character read"), "variable", nullable(number("the variable's value, with groupBy")),
                        "count", anInt, "mean", number(null), "min", number(null), "max", number(null)), "vocabulary order, then the variable's value")));
        s.put("UnitSearch", object(List.of(), "query", txt, "variables", map("type", "object", "additionalProperties", txt),
                "units", array(ref("Probe"), "strongest first"), "known", array(txt, "every variable of the task")));
        return s;
    }
}
