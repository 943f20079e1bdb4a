package lstmexplorer.web;

import static lstmexplorer.web.OpenApi.integer;
import static lstmexplorer.web.OpenApi.map;
import static lstmexplorer.web.OpenApi.oneOf;
import static lstmexplorer.web.OpenApi.ref;
import static lstmexplorer.web.OpenApi.text;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import lstmexplorer.service.ExportService;
import lstmexplorer.service.Limits;
import lstmexplorer.service.TaskCatalog;
import lstmexplorer.service.TraceEncoding;
import lstmexplorer.service.TracePrecision;

/** Every route of the server, declared here and nowhere else. The API table also produces the OpenAPI document. */
final class Routes {
    private static final String ENCODING = "json: every matrix as nested lists of numbers; f32: as a Float32Matrix (base64 float32, "
            + "a quarter of the size and far quicker to parse: for traces of large models)";
    private Routes() {}

    /** The precision parameter of the trace routes, with the hidden size from which single is the default. */
    private static Map<String, Object> precision() {
        var schema = oneOf(TracePrecision.NAMES, null, "the arithmetic of the forward pass. single: weights, inputs and their products in float32, "
                + "PyTorch's default dtype; double: float64 throughout. Left out: single for models of at least "
                + Limits.SINGLE_PRECISION_HIDDEN + " hidden units (x-singleFromHidden), double below. The answer's precision says which ran");
        schema.put("x-singleFromHidden", Limits.SINGLE_PRECISION_HIDDEN);
        return schema;
    }

    /**
     * The API table.
     *
     * @param openApi answers /openapi.json; it serves a document built from this very table
     */
    static List<Endpoint> api(ApiHandlers h, JobEvents events, Handler openApi) {
        var splits = oneOf(List.of("train", "test", "generalization"), "test", "which dataset split");
        var sliceLayer = integer(Limits.LAYER, "only this layer; below the model's layers");
        var sliceVectors = map("type", "string", "description", "comma-separated vector names, e.g. cell,hidden");
        var sliceUnits = map("type", "string", "description", "comma-separated unit numbers from " + Limits.UNIT.min() + " to "
                + Limits.UNIT.max() + ", below the model's hidden size, e.g. 0,3,4");
        var sliceFrom = integer(Limits.SLICE_FROM, "first timestep (inclusive)");
        var sliceTo = integer(Limits.SLICE_TO, "last timestep (exclusive); clamped to the input length");
        var offset = integer(Limits.OFFSET, null);
        return List.of(
                Endpoint.get("/api/health").tag("server").summary("Server status; ready once the gallery models are")
                        .ok(200, "status", ref("Health")).handler(h::health),
                Endpoint.get("/api/tasks").tag("tasks").summary("The tasks with vocabulary, delimiter, default model, ranges and examples")
                        .ok(200, "tasks", OpenApi.array(ref("Task"), null)).handler(h::tasks),
                Endpoint.get("/api/tasks/{task}/samples").tag("tasks").summary("Sequences of a task's fixed dataset")
                        .pathParam("task", "task name: " + TaskCatalog.taskNames())
                        .query("split", "which split", splits)
                        .query("n", "how many", integer(Limits.SAMPLES, null))
                        .query("offset", "first sequence", offset)
                        .ok(200, "sequences", ref("Samples")).error(400, "bad split, n or offset").error(404, "unknown task")
                        .handler(h::samples),
                Endpoint.get("/api/cells").tag("tasks").summary("The cell types and the vectors each records")
                        .ok(200, "cell types", OpenApi.array(ref("Cell"), null)).handler(h::cells),
                Endpoint.get("/api/scoreboard").tag("tasks").summary("How each cell type did on each task (bench over seeds 1 to 3)")
                        .description("The bench command's results as packaged with this build: the commit and command that made them "
                                + "(runs lists each, when shards or earlier scoreboards were merged) and per task, cell and training range "
                                + "the parameters, timesteps per second, sequences and seconds to learn, accuracies, the median first "
                                + "failing size, per-seed curves.")
                        .ok(200, "the scoreboard", map("type", "object", "properties", map("commit", map("type", "string"),
                                "command", map("type", "string"), "runs", OpenApi.array(map("type", "object"), "commit and command of each part"),
                                "rows", OpenApi.array(map("type", "object"), null))))
                        .error(404, "this build has no scoreboard")
                        .handler(h::scoreboard),
                Endpoint.get("/api/models").tag("models").summary("All models: gallery first in task order, then the others newest first")
                        .ok(200, "models", OpenApi.array(ref("ModelInfo"), null)).handler(h::listModels),
                Endpoint.post("/api/models").tag("models").summary("Start training a new model")
                        .description("Every field but task defaults to the task's default settings. Unknown fields are rejected.")
                        .body("training settings", ref("TrainRequest"))
                        .ok(202, "training queued", ref("Started"))
                        .error(400, "bad field (named, with its allowed range) or unknown field")
                        .error(413, "body over " + Limits.MAX_BODY_BYTES + " bytes").error(415, "body is not application/json")
                        .error(429, "training queue full, " + Limits.DEFAULT_MAX_STORED_MODELS + " stored models already, or the "
                                + "client's limit of trainings at once or per minute (Retry-After says when to try again)")
                        .handler(h::train),
                Endpoint.post("/api/models/import").tag("models").summary("Upload a model file or a PyTorch state_dict export")
                        .description("The body is either our model file (format lstm-explorer/model) or {\"vocab\": [...], \"state_dict\": {...}} "
                                + "with nn.LSTM/nn.GRU/nn.RNN and one nn.Linear decoder. Optional \"task\" links it to a task. Imported models "
                                + "have up to " + Limits.IMPORT.hidden().max() + " hidden units, " + Limits.IMPORT.layers().max() + " layers and "
                                + Limits.IMPORT.vocab().max() + " vocabulary characters; the body is parsed as it streams in.")
                        .query("name", "a display name", text(Limits.NAME, null))
                        .query("task", "attach the model to this task (its data feeds the analyses), in place of the file's \"task\"",
                                oneOf(TaskCatalog.taskNames(), null, null))
                        .body("the model", map("type", "object", "x-max-bytes", Limits.MAX_IMPORT_BYTES,
                                "x-max-hidden", Limits.IMPORT.hidden().max(), "x-max-layers", Limits.IMPORT.layers().max(),
                                "x-max-vocab", Limits.IMPORT.vocab().max()))
                        .ok(201, "imported: the ModelInfo plus ownerToken (send it as X-Owner-Token to delete the model; not shown again)",
                                ref("ModelInfo")).error(400, "not a model file, or outside the limits; field names the tensor or setting at fault")
                        .error(413, "body over " + Limits.MAX_IMPORT_BYTES + " bytes").error(415, "body is not application/json")
                        .error(422, "the vocabulary lacks characters of the model's task")
                        .error(429, "too many stored models, or " + Limits.IMPORT_BUDGET_MB + " MB of uploads already being parsed (Retry-After says when to try again)")
                        .handler(h::importModel),
                Endpoint.get("/api/models/{id}").tag("models").summary("A model with its layers' vectors and training summary")
                        .pathParam("id", "model id").ok(200, "the model", ref("ModelDetail")).error(404, "unknown model")
                        .handler(h::getModel),
                Endpoint.delete("/api/models/{id}").tag("models").summary("Delete a model (cancels its training)")
                        .description("Needs the model's owner token (answered when it was created) or the instructor's in the X-Owner-Token header.")
                        .pathParam("id", "model id").ok(204, "deleted", null)
                        .error(403, "gallery models cannot be deleted; no or wrong X-Owner-Token")
                        .error(404, "unknown model").handler(h::deleteModel),
                Endpoint.get("/api/models/{id}/trace").tag("traces").summary("Trace an input, or sequences of the model's dataset")
                        .description("With input: one timestep per character from the zero state (prepend \"\\n\", the start token, to "
                                + "see the model as in training). With sample: each dataset sequence s is traced as \"\\n\" + s without "
                                + "its final newline, so probabilities[t] predicts s[t].")
                        .pathParam("id", "model id")
                        .query("input", "the text to read", text(Limits.INPUT, null))
                        .query("sample", "trace dataset sequences of this split instead", oneOf(List.of("train", "test", "generalization"), null, null))
                        .query("n", "with sample: how many", integer(Limits.TRACE_SAMPLES, null))
                        .query("offset", "with sample: first sequence", offset)
                        .query("layer", "only this layer", sliceLayer).query("vectors", "only these vectors", sliceVectors)
                        .query("units", "only these units", sliceUnits).query("from", "first timestep", sliceFrom).query("to", "end timestep", sliceTo)
                        .query("encoding", ENCODING, oneOf(TraceEncoding.NAMES, "json", null))
                        .query("precision", "single or double (default by the model's size)", precision())
                        .ok(200, "a Trace (input) or SampleTraces (sample)", map("oneOf", List.of(ref("Trace"), ref("SampleTraces"))))
                        .modelErrors("bad or missing parameter")
                        .error(422, "characters outside the model's vocabulary").handler(h::traceGet),
                Endpoint.post("/api/models/{id}/trace").tag("traces").summary("Trace an input given in the body")
                        .pathParam("id", "model id").body("input and optional slicing", ref("TraceRequest"))
                        .query("encoding", ENCODING, oneOf(TraceEncoding.NAMES, "json", null))
                        .query("precision", "single or double (default by the model's size)", precision())
                        .ok(200, "the trace", ref("Trace")).modelBodyErrors()
                        .handler(h::tracePost),
                Endpoint.post("/api/models/{id}/traces").tag("traces").summary("Trace many inputs in one request")
                        .description("Each input as in POST /trace (one timestep per character from the zero state), all read in one "
                                + "batched pass; the answer lists the traces in the order of the inputs. " + Limits.BATCH_INPUTS.min() + " to " + Limits.BATCH_INPUTS.max()
                                + " inputs, each " + Limits.INPUT.min() + " to " + Limits.INPUT.max() + " characters, at most " + Limits.MAX_BATCH_VALUES
                                + " numbers in all after slicing. An error about one input names it by index (field inputs[k]).")
                        .pathParam("id", "model id").body("inputs and optional slicing", ref("TracesRequest"))
                        .query("precision", "single or double (default by the model's size), for every trace", precision())
                        .ok(200, "the traces", ref("Traces")).modelErrors("bad field (an input named by its index) or unknown field")
                        .error(413, "body over " + Limits.MAX_BODY_BYTES + " bytes").error(415, "body is not application/json")
                        .error(422, "characters outside the model's vocabulary (field inputs[k])").handler(h::tracesPost),
                Endpoint.post("/api/models/{id}/generate").tag("traces").summary("Greedy continuation of a prefix")
                        .description("The model reads \"\\n\" + prefix, then is fed its own most likely character until it predicts "
                                + "\"\\n\" or max characters. expected is the task's correct continuation when the prefix reaches the delimiter.")
                        .pathParam("id", "model id").body("prefix and cap", ref("GenerateRequest"))
                        .ok(200, "the continuation", ref("Generation")).modelBodyErrors()
                        .handler(h::generate),
                Endpoint.get("/api/models/{id}/export").tag("models").summary("Download the model or traces of its dataset")
                        .description("model: our model file; pytorch: {vocab, state_dict} for nn.LSTM/GRU/RNN + nn.Linear (prefixes lstm. and "
                                + "decoder.); echen: the one object Edwin Chen's lstm-explorer reads: chars (the sequences one after "
                                + "another, each with its newline) and cs0, hs0, f_gate0, i_gate0, j_gate0, o_gate0, …1 as [unit][timestep], "
                                + "value t after reading chars[t], each sequence from the zero state after the start token; keys a cell lacks "
                                + "are left out; csv: model,sequence,timestep,char,layer,vector,unit,value.")
                        .pathParam("id", "model id")
                        .query("format", "file format", oneOf(ExportService.FORMATS, "model", null))
                        .query("split", "echen/csv: which split", splits)
                        .query("n", "echen/csv: how many sequences", integer(Limits.EXPORT_SAMPLES, null))
                        .query("offset", "echen/csv: first sequence", offset)
                        .ok(200, "the file (Content-Disposition: attachment)", "application/json", map("type", "object"))
                        .ok(200, "csv", "text/csv", map("type", "string"))
                        .modelErrors("bad format, split or n; pytorch export of a cell PyTorch lacks").handler(h::export),
                Endpoint.get("/api/jobs").tag("jobs").summary("Training jobs of this server run, newest first")
                        .ok(200, "jobs", OpenApi.array(ref("Job"), null)).handler(h::listJobs),
                Endpoint.get("/api/jobs/{id}").tag("jobs").summary("A training job").pathParam("id", "job id")
                        .ok(200, "the job", ref("Job")).error(404, "unknown job").handler(h::getJob),
                Endpoint.delete("/api/jobs/{id}").tag("jobs").summary("Cancel a job (a finished job stays as it was)")
                        .description("A queued job ends at once; a running one stops at its next step and keeps the weights it reached. "
                                + "Needs the model's owner token or the instructor's in the X-Owner-Token header.")
                        .pathParam("id", "job id").ok(202, "the job", ref("Job")).error(403, "no or wrong X-Owner-Token")
                        .error(404, "unknown job").handler(h::cancelJob),
                Endpoint.get("/api/jobs/{id}/events").tag("jobs").summary("Server-Sent Events of a job")
                        .description("event: progress with a Progress (repeats), then exactly one of done, failed, cancelled with the Job. "
                                + "A late subscriber to a finished job gets the final event at once. Comments every 15 s keep the stream alive.")
                        .pathParam("id", "job id")
                        .ok(200, "the event stream", "text/event-stream", map("type", "string"))
                        .error(404, "unknown job").error(429, "too many open event streams")
                        .handler(events::handle),
                Endpoint.get("/openapi.json").tag("server").summary("This document")
                        .ok(200, "OpenAPI 3", map("type", "object")).handler(openApi));
    }

    /** The analysis endpoints: which unit does what, and tests of the claim. */
    static List<Endpoint> analysis(AnalysisHandlers a) {
        String task = "needs a model of a known task (its test set is the data)";
        return List.of(
                Endpoint.get("/api/models/{id}/probes").tag("analysis").summary("Probe leaderboard: which unit tracks which task variable")
                        .description("Every layer × vector × unit correlated (Pearson r, R² of a line) with each ground-truth variable of the "
                                + "task over the test traces, strongest first; best holds the top unit per variable. Cached per model; " + task + ".")
                        .pathParam("id", "model id")
                        .query("limit", "how many pairs to rank", integer(Limits.PROBE_LIMIT, null))
                        .query("layer", "only this layer's units", integer(Limits.LAYER, null))
                        .query("vector", "only this vector's units", map("type", "string", "minLength", 1, "maxLength", 100, "description", "e.g. cell, hidden, forget_gate"))
                        .query("variable", "only pairs with this variable (with layer and vector: every unit of them, by |r|)",
                                map("type", "string", "minLength", 1, "maxLength", 100))
                        .ok(200, "the leaderboard", ref("ProbeLeaderboard"))
                        .modelErrors("bad limit, layer, vector or variable, or the model has no known task").handler(a::probes),
                Endpoint.post("/api/models/{id}/hypothesis").tag("analysis").summary("Hypothesis select and match (as in LSTMVis)")
                        .description("The units of one layer's vector that are ≥ threshold at every timestep from..to of input and below it just "
                                + "before and after; then the places in the test set where that unit set switches on, ranked by overlap "
                                + "(Jaccard index). Timestep t is input character t, as in a trace; " + task + ".")
                        .pathParam("id", "model id").body("the selection", ref("HypothesisRequest"))
                        .ok(200, "the selected units and their matches", ref("Hypothesis"))
                        .modelBodyErrors()
                        .handler(a::hypothesis),
                Endpoint.post("/api/models/{id}/intervene").tag("analysis").summary("Zero, clamp or force units and compare with the unchanged run")
                        .description("Each intervention holds one unit's vector (cell, hidden or a gate) from a timestep on: mode zero, mean (its "
                                + "mean over the test set), value, shut or open (gates). Both runs read \"\\n\" + prefix and generate greedily; "
                                + "timestep 0 is the start token, so prefix character i is timestep i + 1. Test and generalisation accuracy "
                                + "are scored with the same interventions; " + task + ".")
                        .pathParam("id", "model id").body("prefix and interventions", ref("InterventionRequest"))
                        .ok(200, "both runs", ref("InterventionResult"))
                        .modelBodyErrors()
                        .handler(a::intervene),
                Endpoint.get("/api/models/{id}/saturation").tag("analysis").summary("Gate saturation (Karpathy, Johnson & Fei-Fei 2015, fig. 3)")
                        .description("Per layer, gate and unit: the fraction of test timesteps with the gate < 0.1 and > 0.9. Cached per model; " + task + ".")
                        .pathParam("id", "model id").ok(200, "one point per layer, gate and unit", ref("GateSaturation"))
                        .modelErrors("the model has no known task")
                        .handler(a::saturation),
                Endpoint.get("/api/models/{id}/length-sweep").tag("analysis").summary("Sequence accuracy against size, past the training range")
                        .description("counter and selective_counter N 1..30, state_memorizer K 1..40, copy_machine L 1..10; each point has an "
                                + "example sequence (the first one the model gets wrong). Cached per model and parameters; " + task + ".")
                        .pathParam("id", "model id")
                        .query("perSize", "sequences drawn per size", integer(Limits.PER_SIZE, null))
                        .query("seed", "seed of the draws", integer(Limits.SWEEP_SEED, null))
                        .ok(200, "one point per size", ref("LengthSweep"))
                        .modelErrors("bad perSize or seed, or the model has no known task").handler(a::lengthSweep),
                Endpoint.post("/api/models/{id}/gradient-flow").tag("analysis").summary("Gradient flow through time")
                        .description("For target position t of sequence s (read as \"\\n\" + s without its last character), the norms of "
                                + "∂loss_t/∂c_k and ∂loss_t/∂h_k for every k ≤ t and layer. Works for any model.")
                        .pathParam("id", "model id").body("sequence and target", ref("GradientFlowRequest"))
                        .ok(200, "the norms and gradients", ref("GradientFlow"))
                        .modelBodyErrors()
                        .handler(a::gradientFlow),
                Endpoint.get("/api/models/{id}/replay").tag("analysis").summary("Training replay: an input traced with each training snapshot")
                        .description("Models trained by the server keep about 20 snapshots of their weights in their model file (field "
                                + "\"snapshots\"); frames is empty, with a note, for a model without them.")
                        .pathParam("id", "model id")
                        .query("input", "the text to read, exactly as traced (prepend \"\\n\" for the start token)", text(Limits.INPUT, null))
                        .query("layer", "only this layer", integer(Limits.LAYER, "below the model's layers"))
                        .ok(200, "one frame per snapshot, oldest first", ref("Replay"))
                        .modelErrors("missing input or bad layer")
                        .error(422, "characters outside the model's vocabulary").handler(a::replay));
    }

    /** How the network computes: its dynamics, patching between inputs, attribution and unit cards. */
    static List<Endpoint> mechanisms(MechanismHandlers m) {
        String task = "needs a model of a known task (its test set is the data)";
        // what GET /dynamics and its job both take, what the job routes both name, and the unit a card or by-input is of
        UnaryOperator<Endpoint> dynamicsQuery = e -> e.pathParam("id", "model id")
                .query("layer", "the layer the components are of", integer(Limits.LAYER.withDefault(0), null))
                .query("vectors", "comma-separated state vectors, e.g. cell,hidden; default all", map("type", "string"))
                .query("point", "SEQ:T, e.g. 0:3", map("type", "string"));
        UnaryOperator<Endpoint> dynamicsJob = e -> e.pathParam("id", "model id").pathParam("job", "job id");
        UnaryOperator<Endpoint> unitVector = e -> e.pathParam("id", "model id").pathParam("layer", "layer").pathParam("unit", "unit")
                .query("vector", "the vector, default hidden", map("type", "string"));
        return List.of(
                Endpoint.get("/api/models/{id}/dynamics").tag("analysis").summary("State space and fixed points (Sussillo & Barak 2013)")
                        .description("PCA (top 3 components) of the layer's state vectors over the test traces, with up to 20 test sequences "
                                + "projected; and, for every input character x, the fixed (q ≤ 1e-12) and slow (q ≤ 1e-4) points of the one-step map "
                                + "F_x over the whole state (every layer), found by minimising q = ½‖F_x(S) − S‖² from 64 test states, each with "
                                + "its state, projection, Jacobian eigenvalues (EJML), stability and slowest modes' leading units. With point=SEQ:T, "
                                + "also the linearisation at timestep T of test sequence SEQ under the character read next. Cached per model; " + task + ".")
                        .with(dynamicsQuery)
                        .ok(200, "the dynamics", ref("Dynamics"))
                        .modelErrors("bad layer, vectors or point, the model has no known task, or its state has more entries than dynamics searches ("
                                + Limits.DYNAMICS_STATE.max() + ")").handler(m::dynamics),
                Endpoint.post("/api/models/{id}/dynamics/jobs").tag("analysis").summary("Compute the dynamics as a job, with progress")
                        .description("The same answer as GET /dynamics, with the same parameters and errors. Cached: 200 with the result at "
                                + "once. Else 202 with the job (joined when the same dynamics are already being computed); poll "
                                + "GET …/dynamics/jobs/{job}: fraction rises to 1, done of total counts the starts settled in the search, then "
                                + "the inputs linearised, and result holds the dynamics once status is done.")
                        .with(dynamicsQuery)
                        .ok(200, "cached: the job, done, with its result", ref("DynamicsJob"))
                        .ok(202, "started or joined", ref("DynamicsJob"))
                        .modelErrors("as GET /dynamics")
                        .error(429, "the dynamics queue is full (" + Limits.DYNAMICS_QUEUE + " waiting); Retry-After says when to try again")
                        .handler(m::startDynamics),
                Endpoint.get("/api/models/{id}/dynamics/jobs/{job}").tag("analysis").summary("A dynamics job: its progress, then its result")
                        .with(dynamicsJob)
                        .ok(200, "the job", ref("DynamicsJob")).error(404, "no such dynamics job of this model").handler(m::dynamicsJob),
                Endpoint.delete("/api/models/{id}/dynamics/jobs/{job}").tag("analysis").summary("Let a dynamics job go")
                        .description("Once everyone who started or joined it has let it go, a queued job ends at once and a running one at "
                                + "its next iteration (status cancelled); a finished one stays as it was.")
                        .with(dynamicsJob)
                        .ok(202, "the job", ref("DynamicsJob")).error(404, "no such dynamics job of this model").handler(m::cancelDynamics),
                Endpoint.post("/api/models/{id}/patch").tag("analysis").summary("Patch units from a source input into a base input")
                        .description("Both inputs are read after the start token (timestep 0; timestep t reads character t). After the base run "
                                + "computes timestep at, the listed units take the source run's values at sourceAt (vector \"state\": every state "
                                + "vector; units \"all\": every unit), as the cell computes them; then the base reads the rest of its prefix and "
                                + "generates greedily. Works for any model.")
                        .pathParam("id", "model id").body("base, source and patches", ref("PatchRequest"))
                        .ok(200, "the three continuations", ref("PatchResult")).modelBodyErrors()
                        .handler(m::patch),
                Endpoint.post("/api/models/{id}/patch/effects").tag("analysis").summary("Effect map: each unit patched alone at each base timestep")
                        .description("For every unit of the layer's vector and every base timestep t, that unit alone is patched in from the source "
                                + "timestep aligned with t at the end; the effect is log p(source's continuation) − log p(base's continuation), both "
                                + "read teacher-forced after the patched prefix. Works for any model.")
                        .pathParam("id", "model id").body("base, source, layer and vector", ref("EffectsRequest"))
                        .ok(200, "the map", ref("PatchEffects")).modelBodyErrors()
                        .handler(m::effects),
                Endpoint.post("/api/models/{id}/attribution").tag("analysis").summary("Attribution of an output to each character read")
                        .description("Integrated gradients (baseline: the all-zero input; Gauss–Legendre quadrature along the path, cut "
                                + "into panels where needed until the attributions sum to f(input) − f(baseline) within 1%; complete, "
                                + "completenessError and steps say how closely and with how many nodes) or gradient × input, of the log-probability of the character read at "
                                + "t + 1 (or char) or of a state unit's value at t. The input is read after the start token. Works for any model.")
                        .pathParam("id", "model id").body("input, target and method", ref("AttributionRequest"))
                        .ok(200, "one attribution per character read", ref("Attribution")).modelBodyErrors()
                        .handler(m::attribution),
                Endpoint.get("/api/models/{id}/layers/{layer}/units/{unit}/card").tag("analysis").summary("A unit's card")
                        .description("The 10 highest and 10 lowest test contexts (±15 characters), a histogram of its values, the task variable "
                                + "that explains it best with a simulation score (line fitted on half the test sequences, R² on the other half), "
                                + "and test accuracy with the unit held at 0 and at its mean. Cached per model; " + task + ".")
                        .with(unitVector)
                        .ok(200, "the card", ref("UnitCard")).modelErrors("bad layer, unit or vector, or the model has no known task").handler(m::card),
                Endpoint.get("/api/models/{id}/layers/{layer}/units/{unit}/by-input").tag("analysis")
                        .summary("A unit's value by the character it reads")
                        .description("Mean, min and max of one unit's vector over the test timesteps that read each character (the start "
                                + "token left out, as the probes do); with groupBy, split further by that task variable's value there, e.g. "
                                + "the state memorizer's x's after an A apart from those after a B. Cached per model; " + task + ".")
                        .with(unitVector)
                        .query("groupBy", "a variable of the task", map("type", "string"))
                        .ok(200, "one group per character (and variable value)", ref("UnitByInput"))
                        .modelErrors("bad layer, unit, vector or groupBy, or the model has no known task").handler(m::byInput),
                Endpoint.get("/api/models/{id}/units/search").tag("analysis").summary("Units for a variable or a word")
                        .description("The task variables whose name or description mentions q (one character: as a standalone character, "
                                + "case-sensitive), and the probes' units for them, strongest first; " + task + ".")
                        .pathParam("id", "model id")
                        .query("q", "a variable or a word, e.g. count", text(Limits.SEARCH_QUERY, null))
                        .query("limit", "most units", integer(Limits.SEARCH_LIMIT, null))
                        .ok(200, "the ranked units", ref("UnitSearch")).modelErrors("missing q, bad limit, or the model has no known task").handler(m::search));
    }

    /** The route table with the analysis endpoints added before the OpenAPI document's own entry. */
    static List<Endpoint> withAnalysis(List<Endpoint> api, AnalysisHandlers analysis, MechanismHandlers mechanisms) {
        List<Endpoint> added = new ArrayList<>(analysis(analysis));
        added.addAll(mechanisms(mechanisms));
        return before(api, added);
    }

    /** The route table with {@code more} added before the OpenAPI document's own entry. */
    static List<Endpoint> before(List<Endpoint> api, List<Endpoint> more) {
        List<Endpoint> all = new ArrayList<>(api);
        int at = all.size();
        for (int k = 0; k < all.size(); k++) if (all.get(k).path.equals("/openapi.json")) at = k;
        all.addAll(at, more);
        return List.copyOf(all);
    }

    /** The routes most requests take (a script's loop of traces), matched before all others. */
    static final List<String> HOT_PATHS = List.of("/api/models/{id}/trace", "/api/models/{id}/traces");

    /** Registers the API table, the pages, static files and the WebJars. */
    static void register(JavalinConfig config, List<Endpoint> api, Pages pages) {
        // Javalin tries a method's routes in the order they were added, a regex each: the traces, the hot path, go first
        List<Endpoint> ordered = new ArrayList<>(api);
        ordered.sort(Comparator.comparing((Endpoint e) -> !HOT_PATHS.contains(e.path)));
        for (Endpoint e : ordered) config.routes.addHttpHandler(e.method, e.path, e.handler);
        config.routes.get("/", pages::index);
        config.routes.get("/train", pages::train);
        config.routes.get("/import", pages::importPage);
        config.routes.get("/api", pages::api);
        config.routes.get("/compare", pages::compare);
        config.routes.get("/scoreboard", pages::scoreboard);
        config.routes.get("/lab", pages::lab);
        config.routes.get("/datasets", pages::datasets);
        config.routes.get("/tour/{task}", pages::tour);
        config.routes.get("/models/{id}", pages::model);
        config.routes.get("/models/{id}/text", pages::text);
        config.routes.get("/models/{id}/layers/{layer}/units/{unit}", pages::neuron);

        if (Routes.class.getResource("/static") != null) {
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
        }
        config.staticFiles.enableWebjars();
    }

    static boolean isApi(String path) { return path.startsWith("/api/") || path.equals("/openapi.json"); }
}
