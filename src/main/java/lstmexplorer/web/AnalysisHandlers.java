package lstmexplorer.web;

import static lstmexplorer.web.OpenApi.array;
import static lstmexplorer.web.OpenApi.bool;
import static lstmexplorer.web.OpenApi.integer;
import static lstmexplorer.web.OpenApi.map;
import static lstmexplorer.web.OpenApi.nullable;
import static lstmexplorer.web.OpenApi.number;
import static lstmexplorer.web.OpenApi.object;
import static lstmexplorer.web.OpenApi.ref;
import static lstmexplorer.web.OpenApi.str;
import static lstmexplorer.web.OpenApi.text;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.service.Limits;
import lstmexplorer.service.ModelAnalysis;

/**
 * The analysis endpoints ("find the neuron"): probes, hypothesis matching, interventions, gate
 * saturation, the length sweep, gradient flow and training replay. Check the input, call
 * {@link ModelAnalysis}, return what it gives. {@link Routes#analysis} is their part of the route table.
 */
record AnalysisHandlers(Requests requests, ModelAnalysis analysis) {
    record HypothesisRequest(String input, Integer layer, String vector, Integer from, Integer to, Double threshold, Integer limit) {}

    record InterventionRequest(String prefix, List<ModelAnalysis.UnitChange> interventions, Integer max) {}

    record GradientFlowRequest(String sequence, Integer target) {}


    void probes(Context ctx) {
        ctx.json(analysis.probes(ctx.pathParam("id"), Requests.intParam(ctx, "limit", Limits.PROBE_LIMIT),
                Requests.intParam(ctx, "layer", Limits.LAYER), ctx.queryParam("vector"), ctx.queryParam("variable")));
    }

    void hypothesis(Context ctx) {
        HypothesisRequest r = requests.body(ctx, HypothesisRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(analysis.hypothesis(ctx.pathParam("id"), r.input(), r.layer(), r.vector(), r.from(), r.to(), r.threshold(), r.limit()));
    }

    void intervene(Context ctx) {
        InterventionRequest r = requests.body(ctx, InterventionRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(analysis.intervene(ctx.pathParam("id"), r.prefix(), r.interventions(), r.max()));
    }

    void saturation(Context ctx) { ctx.json(analysis.saturation(ctx.pathParam("id"))); }

    void lengthSweep(Context ctx) {
        ctx.json(analysis.lengthSweep(ctx.pathParam("id"), Requests.intParam(ctx, "perSize", Limits.PER_SIZE),
                Requests.intParam(ctx, "seed", Limits.SWEEP_SEED)));
    }

    void gradientFlow(Context ctx) {
        GradientFlowRequest r = requests.body(ctx, GradientFlowRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(analysis.gradientFlow(ctx.pathParam("id"), r.sequence(), r.target()));
    }

    void replay(Context ctx) {
        ctx.json(analysis.replay(ctx.pathParam("id"), ctx.queryParam("input"), Requests.intParam(ctx, "layer", Limits.LAYER)));
    }

    /** The schemas of the analysis endpoints, for the OpenAPI document. */
    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> anInt = map("type", "integer"), text = str(null);
        Map<String, Object> layer = integer(Limits.LAYER.withDefault(0), "below the model's layers");
        s.put("Probe", object(List.of(), "layer", anInt, "vector", text, "unit", anInt, "variable", text,
                "r", number("Pearson correlation"), "rSquared", number("R² of the least-squares line"),
                "slope", number("variable ≈ slope · value + intercept"), "intercept", number(null),
                "mean", number("the unit's mean value over the compared timesteps"), "samples", anInt,
                "sentence", str("e.g. \"hidden unit 2 tracks count, r = 0.98\"")));
        s.put("ProbeLeaderboard", object(List.of(), "task", text, "sequences", anInt, "samples", anInt,
                "variables", map("type", "object", "additionalProperties", text, "description", "variable → what it means"),
                "constantVariables", array(text, "variables that never change in the test set"), "pairs", anInt,
                "best", array(ref("Probe"), "the top unit of each variable"), "ranking", array(ref("Probe"), "strongest pairs first")));
        s.put("HypothesisRequest", map("type", "object", "additionalProperties", false,
                "required", List.of("input", "vector", "from", "to", "threshold"), "properties", map(
                        "input", text(Limits.INPUT, "the text as traced"),
                        "layer", layer,
                        "vector", str("a vector of the model's cell, e.g. hidden"),
                        "from", integer(Limits.TIMESTEP, "first timestep, < input length"),
                        "to", integer(Limits.TIMESTEP, "last timestep, inclusive, from..input length - 1"),
                        "threshold", number(Limits.THRESHOLD, null, "the \"on\" level, e.g. 0.5"),
                        "limit", integer(Limits.MATCH_LIMIT, "most matches"))));
        s.put("HypothesisSelection", object(List.of(), "input", text, "layer", anInt, "vector", text, "from", anInt, "to", anInt,
                "threshold", number(null), "text", str("the characters of the range"), "units", array(anInt, "the units that fit")));
        s.put("HypothesisMatch", object(List.of(), "sequence", anInt, "input", text, "from", anInt, "to", anInt,
                "text", text, "before", text, "after", text, "unitsOn", anInt, "jaccard", number("overlap with the selected set")));
        s.put("Hypothesis", object(List.of(), "selection", ref("HypothesisSelection"), "matches", array(ref("HypothesisMatch"), null),
                "totalMatches", anInt));
        s.put("UnitChange", map("type", "object", "additionalProperties", false, "required", List.of("vector", "unit"), "properties", map(
                "layer", layer,
                "vector", str("cell, hidden or a gate (…_gate)"),
                "unit", integer(Limits.UNIT, "below the model's hidden size"),
                "mode", map("type", "string", "enum", ModelAnalysis.MODES, "default", "zero",
                        "description", "zero; mean (over the test set); value; shut / open (gates only)"),
                "value", number(Limits.HELD_VALUE, null, "with mode value; a gate's from " + (int) Limits.HELD_GATE.min() + " to "
                        + (int) Limits.HELD_GATE.max()),
                "from", integer(Limits.INTERVENTION_FROM, "first timestep changed; 0 is the start token"))));
        s.put("InterventionRequest", map("type", "object", "additionalProperties", false, "required", List.of("prefix", "interventions"),
                "properties", map(
                        "prefix", text(Limits.PREFIX, "read after the start token, e.g. aaaX"),
                        "interventions", map("type", "array", "minItems", Limits.INTERVENTIONS.min(), "maxItems", Limits.INTERVENTIONS.max(),
                                "items", ref("UnitChange")),
                        "max", integer(Limits.INTERVENTION_GENERATE, "most characters generated"))));
        s.put("UnitIntervention", object(List.of(), "layer", anInt, "vector", text, "unit", anInt, "value", number("the value held"), "from", anInt));
        s.put("InterventionResult", object(List.of(), "interventions", array(ref("UnitIntervention"), null), "prefix", text,
                "original", ref("Trace"), "intervened", ref("Trace"),
                "originalGenerated", text, "intervenedGenerated", text, "expected", nullable(str("the task's correct continuation"))
                , "originalTestAccuracy", number(null), "intervenedTestAccuracy", number(null), "testAccuracyChange", number("−1..1"),
                "originalGeneralizationAccuracy", number(null), "intervenedGeneralizationAccuracy", number(null)));
        s.put("GateUnit", object(List.of(), "layer", anInt, "gate", text, "unit", anInt,
                "leftSaturated", number("fraction of timesteps < 0.1"), "rightSaturated", number("fraction of timesteps > 0.9")));
        s.put("GateSaturation", object(List.of(), "timesteps", anInt, "low", number(null), "high", number(null),
                "units", array(ref("GateUnit"), null)));
        s.put("SweepPoint", object(List.of(), "size", anInt, "sequences", anInt, "accuracy", number(null), "inTrainingRange", bool(null),
                "example", str("the first sequence the model gets wrong, else the first"), "exampleCorrect", bool(null),
                "exampleExpected", text, "examplePredicted", text));
        s.put("LengthSweep", object(List.of(), "task", text, "sizeName", text, "trainRange", ref("Range"), "generalizationRange", ref("Range"),
                "sizes", ref("Range"), "seed", anInt, "points", array(ref("SweepPoint"), null),
                "firstFailing", map("type", "integer", "nullable", true, "description", "the smallest size with an error; null when all are right"),
                "failing", array(anInt, "the first five sizes with an error"),
                "threshold", number("probability at which a character counted as deemed possible (dyck1, dyck2)"),
                "inputLimit", map("type", "integer", "description", "the sweep stops before a size whose sequences would be longer")));
        s.put("GradientFlowRequest", map("type", "object", "additionalProperties", false, "required", List.of("sequence", "target"),
                "properties", map(
                        "sequence", text(Limits.INPUT, "e.g. aaaXbbb\\n"),
                        "target", integer(Limits.TIMESTEP, "position t, < sequence length"))));
        s.put("GradientFlow", object(List.of(), "sequence", text, "target", anInt, "read", str("characters read at timesteps 0..t"),
                "expected", text, "loss", number(null), "layers", array(object(List.of(), "layer", anInt, "cell", text,
                        "states", array(object(List.of(), "vector", text, "norms", array(number(null), "[k], k = 0..t"),
                                "gradients", array(array(number(null), null), "[k][unit]")), null)), null)));
        s.put("Replay", object(List.of(), "model", text, "input", text, "snapshots", anInt,
                "note", nullable(str("why there are no frames")),
                "frames", array(object(List.of(), "step", anInt, "sequences", anInt, "loss", number(null), "testAccuracy", number(null),
                        "trace", ref("Trace")), null)));
        return s;
    }
}
