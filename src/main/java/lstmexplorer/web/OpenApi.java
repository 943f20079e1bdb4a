package lstmexplorer.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lstmexplorer.service.Limits.Range;
import lstmexplorer.service.Limits.Real;
import lstmexplorer.service.Limits;
import lstmexplorer.service.TaskCatalog;
import lstmexplorer.service.TracePrecision;

/** The OpenAPI 3 document, built from the route table and the schemas below. */
final class OpenApi {
    private OpenApi() {}

    static Map<String, Object> ref(String schema) { return Map.of("$ref", "#/components/schemas/" + schema); }

    static Map<String, Object> str(String description) { return map("type", "string", "description", description); }

    static Map<String, Object> integer(long min, long max, Object dflt, String description) {
        Map<String, Object> m = map("type", "integer", "minimum", min, "maximum", max, "description", description);
        if (dflt != null) m.put("default", dflt);
        return m;
    }

    /** An integer parameter or field with its range and default from {@link Limits}. */
    static Map<String, Object> integer(Range range, String description) {
        return integer(range.min(), range.max(), range.fallback(), description);
    }

    /** A number with its range and default from {@link Limits}. */
    static Map<String, Object> number(Real range, Object dflt, String description) {
        Map<String, Object> m = map("type", "number", "minimum", range.min(), "maximum", range.max(), "description", description);
        if (range.minExclusive()) m.put("exclusiveMinimum", true);
        Object d = dflt != null ? dflt : range.fallback();
        if (d != null) m.put("default", d);
        return m;
    }

    /** A string whose length {@link Limits} bounds. */
    static Map<String, Object> text(Range length, String description) {
        return map("type", "string", "minLength", length.min(), "maxLength", length.max(), "description", description);
    }

    static Map<String, Object> number(String description) { return map("type", "number", "description", description); }

    /** The set-scoring threshold, in (0, 1): both ends excluded. */
    static Map<String, Object> threshold() {
        Map<String, Object> m = number(Limits.POSSIBLE_THRESHOLD, null,
                "probability at which a character counts as deemed possible; dyck1 and dyck2 are scored by it");
        m.put("exclusiveMaximum", true);
        return m;
    }

    static Map<String, Object> bool(String description) { return map("type", "boolean", "description", description); }

    static Map<String, Object> array(Object items, String description) { return map("type", "array", "items", items, "description", description); }

    static Map<String, Object> oneOf(List<String> values, String dflt, String description) {
        Map<String, Object> m = map("type", "string", "enum", values, "description", description);
        if (dflt != null) m.put("default", dflt);
        return m;
    }

    static Map<String, Object> nullable(Map<String, Object> schema) {
        Map<String, Object> m = new LinkedHashMap<>(schema);
        m.put("nullable", true);
        return m;
    }

    static Map<String, Object> object(List<String> required, Object... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) props.put((String) properties[i], properties[i + 1]);
        Map<String, Object> m = map("type", "object", "properties", props);
        if (!required.isEmpty()) m.put("required", required);
        return m;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A [rows][cols] matrix of a trace: nested lists, or with ?encoding=f32 a Float32Matrix. */
    private static Map<String, Object> matrix(String description) {
        return map("description", description, "oneOf", List.of(array(array(map("type", "number"), null), "encoding=json (the default)"),
                ref("Float32Matrix")));
    }

    static Map<String, Object> document(List<Endpoint> endpoints, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            String path = e.path;
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", e.summary);
            if (!e.description.isEmpty()) op.put("description", e.description);
            op.put("tags", List.of(e.tag));
            op.put("operationId", e.method.name().toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"));
            List<Object> params = new ArrayList<>();
            for (Endpoint.Param p : e.params)
                params.add(map("name", p.name(), "in", p.in(), "required", p.required(), "description", p.description(), "schema", p.schema()));
            if (!params.isEmpty()) op.put("parameters", params);
            if (e.bodySchema != null)
                op.put("requestBody", map("required", true, "description", e.bodyDescription,
                        "content", Map.of(e.bodyContentType, Map.of("schema", e.bodySchema))));
            Map<String, Object> responses = new LinkedHashMap<>();
            for (Endpoint.Response r : e.responses) {
                Map<String, Object> resp = map("description", r.description());
                if (r.schema() != null) resp.put("content", Map.of(r.contentType(), Map.of("schema", r.schema())));
                responses.put(String.valueOf(r.status()), resp);
            }
            op.put("responses", responses);
            item.put(e.method.name().toLowerCase(Locale.ROOT), op);
        }
        return map("openapi", "3.0.3",
                "info", map("title", "LSTM Explorer API", "version", version, "description",
                        "Train small recurrent networks on synthetic sequence tasks and look at every gate at every timestep. "
                                + "Every error is JSON {\"error\", \"detail\"} (plus \"field\" for a bad parameter and \"characters\" "
                                + "for characters outside a model's vocabulary). Every parameter and field states its limits as "
                                + "minimum and maximum (minLength and maxLength for texts); imported models may have up to "
                                + Limits.IMPORT.hidden().max() + " hidden units, " + Limits.IMPORT.layers().max() + " layers and "
                                + Limits.IMPORT.vocab().max() + " vocabulary characters (training: " + Limits.TASK_TRAINING.hidden().max()
                                + " and " + Limits.TASK_TRAINING.layers().max() + "); beyond them: at most "
                                + Limits.DEFAULT_MAX_STORED_MODELS + " stored models (by default), JSON bodies ≤ "
                                + Limits.MAX_BODY_BYTES + " bytes (model uploads ≤ " + Limits.MAX_IMPORT_BYTES + " bytes)."),
                "servers", List.of(map("url", "/")),
                "paths", paths,
                "components", map("schemas", schemas()));
    }

    /** The endpoints as simple rows for the api page. */
    static List<Map<String, Object>> rows(List<Endpoint> endpoints) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Endpoint e : endpoints) {
            List<String> params = new ArrayList<>();
            for (Endpoint.Param p : e.params) params.add(p.name() + " (" + p.in() + "): " + p.description());
            List<String> responses = new ArrayList<>();
            for (Endpoint.Response r : e.responses) responses.add(r.status() + " " + r.description());
            rows.add(map("method", e.method.name(), "path", e.path, "summary", e.summary, "description", e.description,
                    "tag", e.tag, "params", params, "responses", responses));
        }
        return rows;
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        List<String> statuses = List.of("training", "ready", "failed", "cancelled", "interrupted");
        Limits.Training training = Limits.TASK_TRAINING, datasetTraining = Limits.DATASET_TRAINING;
        s.put("Error", object(List.of("error", "detail"),
                "error", str("short title, e.g. \"bad parameter\""),
                "detail", str("what is wrong and what is allowed"),
                "field", str("the offending field or parameter, for 400 and 422"),
                "characters", array(str(null), "for 422: the characters outside the vocabulary"),
                "vocab", array(str(null), "for 422: the model's vocabulary")));
        s.put("Health", object(List.of("status", "ready", "version", "uptimeSeconds"),
                "status", str("always \"ok\""), "ready", bool("true once every gallery model is ready"),
                "version", str(null), "uptimeSeconds", number(null),
                "gallery", map("type", "object", "additionalProperties", str(null), "description", "status of each gallery model"),
                "training", object(List.of(), "workers", integer(1, 1024, null, "jobs training at once"),
                        "queued", integer(0, 100000, null, "jobs waiting"), "queueCapacity", integer(0, 100000, null, "jobs that may wait"))));
        s.put("Range", object(List.of("min", "max"), "min", integer(0, Integer.MAX_VALUE, null, null), "max", integer(0, Integer.MAX_VALUE, null, null)));
        s.put("Task", object(List.of(),
                "name", oneOf(TaskCatalog.taskNames(), null, null), "description", str(null), "sizeName", str("what the size parameter counts"),
                "vocab", array(str(null), "single characters; \"\\n\" is the start and end token"),
                "delimiter", str("the characters any of which is the delimiter, after which the rest is determined; empty for a task "
                        + "whose next character is never determined (dyck1, dyck2), which is scored at every position on the set of characters deemed possible"),
                "defaultModel", object(List.of(), "layers", integer(training.layers().min(), training.layers().max(), null, null),
                        "hidden", integer(training.hidden().min(), training.hidden().max(), null, null),
                        "afterLearned", integer(training.afterLearned().min(), training.afterLearned().max(), null,
                                "steps the gallery model trained on once learned; a suggestion for afterLearned")),
                "trainRange", ref("Range"), "generalizationRange", ref("Range"),
                "examples", array(str(null), "three sequences"),
                "variables", map("type", "object", "additionalProperties", str(null), "description", "ground-truth variables and what they mean"),
                "splits", map("type", "object", "additionalProperties", map("type", "integer"), "description", "sequences per split")));
        s.put("Samples", object(List.of(), "task", str(null), "split", str(null), "total", integer(0, 100000, null, null),
                "offset", integer(0, 100000, null, null), "sequences", array(str(null), "each ends in \"\\n\"")));
        s.put("Cell", object(List.of(), "name", oneOf(TaskCatalog.cellNames(), null, null), "description", str(null),
                "vectors", array(str(null), "names of the per-unit vectors a trace records, ending with hidden")));
        s.put("Progress", object(List.of(), "step", integer(0, Integer.MAX_VALUE, null, null), "sequences", integer(0, Long.MAX_VALUE, null, null),
                "loss", number("mean cross-entropy since the last evaluation"),
                "testAccuracy", number("share of test sequences predicted perfectly; for a dataset model the next-character accuracy"),
                "elapsedSeconds", number(null), "fraction", number("0..1, how far along the run is"),
                "bitsPerCharacter", nullable(number("dataset models: held-out bits per character"))));
        s.put("CurvePoint", object(List.of(), "step", map("type", "integer"), "sequences", map("type", "integer"), "loss", number(null),
                "testAccuracy", number(null), "seconds", number(null), "bitsPerCharacter", nullable(number("dataset models"))));
        s.put("TrainingConfig", object(List.of(), "cell", str(null), "hidden", map("type", "integer"), "layers", map("type", "integer"),
                "learningRate", number(null), "batch", map("type", "integer"), "seed", map("type", "integer"), "maxSeconds", number(null),
                "steps", map("type", "integer"), "evaluateEvery", map("type", "integer"), "clip", number(null), "threads", map("type", "integer"),
                "window", map("type", "integer", "description", "text datasets: the training window; 0 otherwise"),
                "trainMax", map("type", "integer", "description", "largest size trained on (0 in older files: the task's own range)"),
                "lengths", oneOf(TaskCatalog.lengthDistributions(), null, "how training sizes were drawn"),
                "threshold", number("probability at which a character counted as deemed possible (scores dyck1 and dyck2)")));
        s.put("TrainingSummary", object(List.of(), "task", str(null), "config", ref("TrainingConfig"), "steps", map("type", "integer"),
                "sequences", map("type", "integer"), "timesteps", map("type", "integer"), "seconds", number(null),
                "testAccuracy", number(null), "generalizationAccuracy", number(null),
                "sequencesToLearn", nullable(map("type", "integer")), "secondsToLearn", nullable(number(null)),
                "stopReason", oneOf(List.of("learned", "steps", "time", "cancelled"), null, null), "curve", array(ref("CurvePoint"), null),
                "bitsPerCharacter", nullable(number("dataset models: held-out bits per character on the test split")),
                "nextCharAccuracy", nullable(number("dataset models: share of test characters predicted right (argmax)"))));
        s.put("ModelInfo", object(List.of("id", "status"),
                "id", str("gallery models are named after their task; others are <task>-<8 hex>"), "task", nullable(str(null)),
                "cell", str(null), "hidden", map("type", "integer"), "layers", map("type", "integer"), "parameters", map("type", "integer"),
                "vocab", array(str(null), null), "gallery", bool(null), "status", oneOf(statuses, null, null),
                "testAccuracy", nullable(number(null)), "generalizationAccuracy", nullable(number(null)),
                "steps", nullable(map("type", "integer", "description", "training steps the weights had; a stopped run's are those it reached")),
                "createdAt", str("ISO-8601 instant"), "jobId", nullable(str(null)), "progress", nullable(ref("Progress")),
                "queue", nullable(ref("QueuePlace")),
                "error", nullable(str(null)), "name", nullable(str("given when training or importing it; shown instead of the id")),
                "source", oneOf(List.of("trained", "imported", "file"), null, null),
                "traceable", bool("has weights: can be traced, generated from and exported"),
                "datasetKind", nullable(oneOf(List.of("text", "lines"), null, "set when the model was trained on a dataset (task is its id)")),
                "bitsPerCharacter", nullable(number("dataset models: held-out bits per character"))));
        Map<String, Object> detail = new LinkedHashMap<>(object(List.of(),
                "vectors", array(array(str(null), null), "per layer: the vector names"),
                "training", nullable(ref("TrainingSummary"))));
        s.put("ModelDetail", map("allOf", List.of(ref("ModelInfo"), detail)));
        s.put("TrainRequest", map("type", "object", "additionalProperties", false, "properties", map(
                "task", oneOf(TaskCatalog.taskNames(), null, "a task, or else a dataset"),
                "dataset", str("a dataset id (GET /api/datasets), instead of a task"),
                "window", integer(Limits.WINDOW, "text datasets: the length of the training windows (BPTT)"),
                "cell", oneOf(TaskCatalog.cellNames(), "lstm", null),
                "hidden", withDatasetMaximum(integer(training.hidden(), "default: the task's; at most " + training.hidden().max()
                        + " for a task, " + datasetTraining.hidden().max() + " for a dataset"), datasetTraining.hidden().max()),
                "layers", integer(training.layers(), "default: the task's"),
                "learningRate", number(training.learningRate(), 0.01, null),
                "batch", integer(training.batch().min(), training.batch().max(), 32, null),
                "seed", integer(training.seed().min(), training.seed().max(), 1, null),
                "maxSeconds", withDatasetMaximum(number(training.maxSeconds(), 60, "at most " + (int) training.maxSeconds().max()
                        + " for a task, where training stops earlier once it is learned; at most "
                        + (int) datasetTraining.maxSeconds().max() + " for a dataset, which trains for all of it"),
                        datasetTraining.maxSeconds().max()),
                "afterLearned", integer(training.afterLearned().min(), training.afterLearned().max(), 0,
                        "steps to train on once the task is learned, stopping when it is learned again; the counters then "
                        + "generalise further (the task's defaultModel.afterLearned is what its gallery model used)"),
                "name", map("type", "string", "minLength", Limits.NAME.min(), "maxLength", Limits.NAME.max(),
                        "description", "optional name shown instead of the id; a blank one is no name"),
                "trainMax", integer(Limits.TRAIN_MAX,
                        "tasks: train on sizes 1..trainMax (default: the task's training range); other ranges are generated from the datasets' seeds"),
                "lengths", oneOf(TaskCatalog.lengthDistributions(), "uniform", "how training sizes are drawn: uniformly, or biased to short or long ones"),
                "threshold", threshold())));
        s.put("QueuePlace", object(List.of("position", "waiting", "startsInSeconds"),
                "position", integer(1, Integer.MAX_VALUE, null, "1 = next to start; the queue takes turns between clients"),
                "waiting", integer(1, Integer.MAX_VALUE, null, "jobs waiting in all"),
                "startsInSeconds", number("estimate from the running jobs and the length of recent runs")));
        s.put("Job", object(List.of("id", "modelId", "status"), "id", str(null), "modelId", str(null),
                "status", oneOf(List.of("queued", "running", "done", "failed", "cancelled"), null, null),
                "progress", nullable(ref("Progress")), "error", nullable(str(null)), "curve", array(ref("CurvePoint"), null),
                "createdAt", str(null), "startedAt", nullable(str(null)), "finishedAt", nullable(str(null)),
                "queue", nullable(ref("QueuePlace"))));
        s.put("Started", object(List.of("model", "job", "ownerToken"), "model", ref("ModelInfo"), "job", ref("Job"),
                "ownerToken", str("send it as X-Owner-Token to stop or delete this model; it is not shown again")));
        s.put("Float32Matrix", object(List.of("encoding", "shape", "data"), "encoding", oneOf(List.of("f32"), null, null),
                "shape", array(map("type", "integer"), "[rows, cols]"),
                "data", map("type", "string", "format", "byte", "description", "base64 of rows × cols little-endian float32, "
                        + "row after row: in a browser new Float32Array(Uint8Array.from(atob(data), c => c.charCodeAt(0)).buffer)")));
        s.put("TraceLayer", object(List.of(), "layer", map("type", "integer"), "cell", str(null),
                "units", array(map("type", "integer"), "present when only some units were asked for"),
                "vectors", map("type", "object", "additionalProperties", matrix("[timestep][unit]"))));
        s.put("Trace", object(List.of(), "vocab", array(str(null), null), "input", str(null),
                "from", map("type", "integer"), "to", map("type", "integer", "description", "timesteps [from, to) of the input"),
                "precision", oneOf(TracePrecision.NAMES, null, "the arithmetic the forward pass ran in"),
                "layers", array(ref("TraceLayer"), null), "probabilities", matrix("[timestep][vocab]: the next character after reading timestep t")));
        s.put("SampleTraces", object(List.of(), "model", str(null), "split", str(null), "total", map("type", "integer"),
                "offset", map("type", "integer"), "sequences", array(str(null), null), "traces", array(ref("Trace"), null)));
        Map<String, Object> listOrString = map("oneOf", List.of(str(null), array(map("type", "string"), null)));
        Map<String, Object> slicing = map(
                "layer", integer(Limits.LAYER, "only this layer; below the model's layers"),
                "vectors", listOrString,
                "units", map("oneOf", List.of(str("comma-separated unit numbers"), array(integer(Limits.UNIT, null), null)),
                        "description", "only these units; below the model's hidden size"),
                "from", integer(Limits.SLICE_FROM, "first timestep (inclusive)"),
                "to", integer(Limits.SLICE_TO, "end timestep (exclusive); clamped to the input length"));
        Map<String, Object> single = map("input", text(Limits.INPUT, null));
        single.putAll(slicing);
        s.put("TraceRequest", map("type", "object", "additionalProperties", false, "required", List.of("input"), "properties", single));
        Map<String, Object> batch = map("inputs", map("type", "array", "minItems", Limits.BATCH_INPUTS.min(), "maxItems", Limits.BATCH_INPUTS.max(),
                "items", text(Limits.INPUT, null)));
        batch.putAll(slicing);
        s.put("TracesRequest", map("type", "object", "additionalProperties", false, "required", List.of("inputs"), "properties", batch));
        s.put("Traces", object(List.of("traces"), "traces", array(ref("Trace"), "one per input, in the same order")));
        s.put("GenerateRequest", map("type", "object", "additionalProperties", false, "required", List.of("prefix"), "properties", map(
                "prefix", text(Limits.PREFIX, null),
                "max", integer(Limits.GENERATE, "the most characters to generate"))));
        s.put("Generation", object(List.of(), "prefix", str(null), "continuation", str(null),
                "stoppedBecause", oneOf(List.of("end", "cap"), null, null),
                "steps", array(object(List.of(), "char", str(null), "probabilities", array(map("type", "number"), "[vocab]")), null),
                "expected", nullable(str("the task's correct continuation")),
                "firstWrong", nullable(map("type", "integer", "description", "index into continuation of the first wrong character"))));
        s.putAll(AnalysisHandlers.schemas());
        s.putAll(DatasetHandlers.schemas());
        s.putAll(MechanismHandlers.schemas());
        LabHandlers.schemas(s);
        return s;
    }

    static List<String> list(String... s) { return Arrays.asList(s); }

    /** A schema whose maximum is for task models, with the higher one of dataset models as {@code x-maximumForDatasets}. */
    private static Map<String, Object> withDatasetMaximum(Map<String, Object> schema, Object datasetMaximum) {
        Map<String, Object> out = new LinkedHashMap<>(schema);
        out.put("x-maximumForDatasets", datasetMaximum);
        return out;
    }
}
