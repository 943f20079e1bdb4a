package lstmexplorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lstmexplorer.service.ExportService;
import lstmexplorer.service.GalleryService;
import lstmexplorer.service.GenerateService;
import lstmexplorer.service.JobService;
import lstmexplorer.service.JobSnapshot;
import lstmexplorer.service.Limits;
import lstmexplorer.service.ModelService;
import lstmexplorer.service.Rendered;
import lstmexplorer.service.ServiceException;
import lstmexplorer.service.Slice;
import lstmexplorer.service.TaskCatalog;
import lstmexplorer.service.TraceEncoding;
import lstmexplorer.service.TracePrecision;
import lstmexplorer.service.TraceService;
import lstmexplorer.service.TrainRequest;

/** The JSON API's handlers: check the input, call a service, return what it gives; started is when the server started, for its uptime. */
record ApiHandlers(Requests requests, TaskCatalog tasks, ModelService models, JobService jobs, GalleryService gallery,
                   TraceService traces, GenerateService generator, ExportService exports, OwnerAccess owners, Instant started) {
    /** Body of POST /api/models/{id}/trace; {@code vectors} and {@code units} may be lists or comma-separated strings. */
    record TraceRequest(String input, Integer layer, JsonNode vectors, JsonNode units, Integer from, Integer to) {}

    /** Body of POST /api/models/{id}/traces: the inputs, sliced as in {@link TraceRequest}. */
    record TracesRequest(JsonNode inputs, Integer layer, JsonNode vectors, JsonNode units, Integer from, Integer to) {}

    record GenerateRequest(String prefix, Integer max) {}

    private static final String VERSION = Objects.requireNonNullElse(ApiHandlers.class.getPackage().getImplementationVersion(), "dev");
    /** The packaged scoreboard, or null (the endpoint answers 404). */
    private static final byte[] SCOREBOARD = resource("/scoreboard.json");

    /** The handlers of a server starting now. */
    ApiHandlers(Requests requests, TaskCatalog tasks, ModelService models, JobService jobs, GalleryService gallery,
                TraceService traces, GenerateService generator, ExportService exports, OwnerAccess owners) {
        this(requests, tasks, models, jobs, gallery, traces, generator, exports, owners, Instant.now());
    }

    private static byte[] resource(String name) {
        try (var in = ApiHandlers.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    String version() { return VERSION; }

    void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("ready", gallery.ready());
        body.put("version", VERSION);
        body.put("uptimeSeconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        body.put("gallery", gallery.status());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("workers", jobs.workers());
        training.put("queued", jobs.queued());
        training.put("queueCapacity", jobs.queueCapacity());
        body.put("training", training);
        ctx.json(body);
    }

    void tasks(Context ctx) { ctx.json(tasks.tasks()); }

    /** The cell scoreboard the bench command produced (a resource of the build), as it is. */
    void scoreboard(Context ctx) {
        if (SCOREBOARD == null) throw new ServiceException(ServiceException.Kind.NOT_FOUND, "not found", "this build has no scoreboard");
        ctx.contentType("application/json").result(SCOREBOARD);
    }

    void samples(Context ctx) {
        String split = ctx.queryParam("split") == null ? "test" : ctx.queryParam("split");
        ctx.json(tasks.samples(ctx.pathParam("task"), split, Requests.intParam(ctx, "n", Limits.SAMPLES),
                Requests.intParam(ctx, "offset", Limits.OFFSET)));
    }

    void cells(Context ctx) { ctx.json(TaskCatalog.cells()); }

    void listModels(Context ctx) { ctx.json(models.list()); }

    void getModel(Context ctx) { ctx.json(models.detail(ctx.pathParam("id"))); }

    void deleteModel(Context ctx) {
        owners.delete(ctx);
        ctx.status(204);
    }

    void train(Context ctx) {
        TrainRequest request = requests.body(ctx, TrainRequest.class, Limits.MAX_BODY_BYTES);
        ctx.status(202).json(owners.train(ctx, () -> models.train(request, ctx.ip())));
    }

    void importModel(Context ctx) throws IOException {
        try (InputStream body = Requests.stream(ctx, Limits.MAX_IMPORT_BYTES)) {
            try {
                ctx.status(201).json(owners.imported(models.importModel(body, ctx.contentLength(), ctx.queryParam("name"), ctx.queryParam("task"))));
            } catch (RuntimeException e) {
                // refused part-way through the stream: the rest is read first, so a client that sends it all before reading gets this answer
                Requests.finishRefused(ctx, body);
                throw e;
            }
        }
    }

    void listJobs(Context ctx) {
        List<JobSnapshot> all = new ArrayList<>(jobs.all());
        all.sort(Comparator.comparing(JobSnapshot::createdAt).reversed());
        ctx.json(all);
    }

    void getJob(Context ctx) { ctx.json(jobs.require(ctx.pathParam("id"))); }

    void cancelJob(Context ctx) {
        ctx.status(202).json(owners.cancel(ctx));
    }

    void traceGet(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        Slice slice = new Slice(Requests.intParam(ctx, "layer", Limits.LAYER), Requests.listParam(ctx, "vectors"),
                Requests.ints("units", Requests.listParam(ctx, "units")), Requests.intParam(ctx, "from", Limits.SLICE_FROM),
                Requests.intParam(ctx, "to", Limits.SLICE_TO));
        String input = ctx.queryParam("input"), sample = ctx.queryParam("sample");
        TraceEncoding encoding = TraceEncoding.of(ctx.queryParam("encoding"));
        TracePrecision precision = TracePrecision.of(ctx.queryParam("precision"));
        Rendered json;
        if (sample != null) {
            if (input != null) throw ServiceException.badParameter("sample", "give either input or sample, not both");
            json = traces.samplesJson(id, sample, Requests.intParam(ctx, "n", Limits.TRACE_SAMPLES),
                    Requests.intParam(ctx, "offset", Limits.OFFSET), slice, encoding, precision);
        } else {
            if (input == null) throw ServiceException.badParameter("input", "give input=<text> or sample=train|test|generalization");
            json = traces.traceJson(id, input, slice, encoding, precision);
        }
        send(ctx, json);
    }

    /**
     * Writes a rendered response straight to the connection (gzip when the client takes it), without
     * copying it through a result stream: traces are the hot path.
     */
    static void send(Context ctx, Rendered rendered) throws IOException {
        String accept = ctx.header("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        byte[] body = gzip ? rendered.gzip() : rendered.json();
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("application/json");
        res.setHeader("Vary", "Accept-Encoding");
        if (gzip) res.setHeader("Content-Encoding", "gzip");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    void tracePost(Context ctx) throws IOException {
        TraceEncoding encoding = TraceEncoding.of(ctx.queryParam("encoding"));
        TracePrecision precision = TracePrecision.of(ctx.queryParam("precision"));
        TraceRequest r = requests.body(ctx, TraceRequest.class, Limits.MAX_BODY_BYTES);
        send(ctx, traces.traceJson(ctx.pathParam("id"), r.input(), slice(r.layer(), r.vectors(), r.units(), r.from(), r.to()),
                encoding, precision));
    }

    void tracesPost(Context ctx) throws IOException {
        TracePrecision precision = TracePrecision.of(ctx.queryParam("precision"));
        TracesRequest r = requests.body(ctx, TracesRequest.class, Limits.MAX_BODY_BYTES);
        send(ctx, traces.batchJson(ctx.pathParam("id"), inputs(r.inputs()), slice(r.layer(), r.vectors(), r.units(), r.from(), r.to()),
                precision));
    }

    /** The slicing fields of a trace request body. */
    private static Slice slice(Integer layer, JsonNode vectors, JsonNode units, Integer from, Integer to) {
        return new Slice(layer, strings("vectors", vectors), Requests.ints("units", strings("units", units)), from, to);
    }

    /** A JSON list of strings, each element checked, so that an error names its index. */
    private static List<String> inputs(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (!node.isArray()) throw ServiceException.badParameter("inputs", "inputs must be a list of strings");
        List<String> out = new ArrayList<>();
        for (int k = 0; k < node.size(); k++) {
            if (!node.get(k).isTextual()) throw ServiceException.badParameter("inputs[" + k + "]", "inputs[" + k + "] must be a string; got "
                    + node.get(k).getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            out.add(node.get(k).asText());
        }
        return out;
    }

    /** A list of strings or numbers, or one comma-separated string. */
    private static List<String> strings(String field, JsonNode node) {
        if (node == null || node.isNull()) return null;
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            for (String s : node.asText().split(",")) if (!s.isBlank()) out.add(s.trim());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual() && !item.isIntegralNumber())
                    throw ServiceException.badParameter(field, field + " must be a list of names or numbers, or a comma-separated string");
                out.add(item.asText());
            }
        } else {
            throw ServiceException.badParameter(field, field + " must be a list or a comma-separated string");
        }
        return out;
    }

    void generate(Context ctx) {
        GenerateRequest r = requests.body(ctx, GenerateRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(generator.generate(ctx.pathParam("id"), r.prefix(), r.max()));
    }

    void export(Context ctx) {
        ExportService.Download d = exports.export(ctx.pathParam("id"), ctx.queryParam("format") == null ? "model" : ctx.queryParam("format"),
                ctx.queryParam("split") == null ? "test" : ctx.queryParam("split"),
                Requests.intParam(ctx, "n", Limits.EXPORT_SAMPLES), Requests.intParam(ctx, "offset", Limits.OFFSET));
        ctx.header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
        ctx.contentType(d.contentType()).result(d.body());
    }
}
