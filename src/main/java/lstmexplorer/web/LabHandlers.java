package lstmexplorer.web;

import static lstmexplorer.web.OpenApi.array;
import static lstmexplorer.web.OpenApi.integer;
import static lstmexplorer.web.OpenApi.map;
import static lstmexplorer.web.OpenApi.oneOf;
import static lstmexplorer.web.OpenApi.ref;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.service.ClientJobs;
import lstmexplorer.service.LabRequest;
import lstmexplorer.service.LabService;
import lstmexplorer.service.Limits;
import lstmexplorer.service.OwnerTokens;
import lstmexplorer.service.ServiceException;
import lstmexplorer.service.TaskCatalog;

/** The counting lab's endpoints: start a lab, follow it, stop it, export it. */
record LabHandlers(Requests requests, LabService labs, ClientJobs clientJobs, OwnerTokens tokens) {
    void start(Context ctx) {
        LabRequest request = requests.body(ctx, LabRequest.class, Limits.MAX_BODY_BYTES);
        LabService.Started started = clientJobs.start(ctx.ip(), () -> labs.start(request, ctx.ip()), s -> s.lab().jobId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lab", started.lab());
        body.put("ownerToken", started.ownerToken());
        ctx.status(202).json(body);
    }

    void get(Context ctx) { ctx.json(labs.require(ctx.pathParam("id"))); }

    void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        labs.require(id);
        if (!tokens.allows(id, ctx.header(OwnerTokens.HEADER)))
            throw ServiceException.forbidden("only the browser or client that started lab '" + id + "' may stop it: send its owner token "
                    + "(returned when the lab was started) in the " + OwnerTokens.HEADER + " header");
        ctx.status(202).json(labs.cancel(id));
    }

    void export(Context ctx) {
        String id = ctx.pathParam("id");
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        switch (format) {
            case "json" -> {
                LabService.Lab lab = labs.require(id);
                ctx.header("Content-Disposition", "attachment; filename=\"" + id + ".json\"");
                ctx.json(lab);
            }
            case "csv" -> {
                String csv = labs.csv(id);
                ctx.header("Content-Disposition", "attachment; filename=\"" + id + ".csv\"");
                ctx.contentType("text/csv; charset=utf-8").result(csv);
            }
            default -> throw ServiceException.badParameter("format", "format must be one of [json, csv]; got '" + format + "'");
        }
    }

    static List<Endpoint> endpoints(LabHandlers h) {
        return List.of(
                Endpoint.post("/api/labs").tag("lab").summary("Start a counting lab: one task, several cells and seeds")
                        .description("Trains every cell × seed in turn as one job of the training queue (it counts as one job against the "
                                + "client's limit), sweeps each model from size 1 to at least 3 × trainMax (stopping at the input limit) and "
                                + "probes its best counting unit. Each run is kept as a user model that the lab's ownerToken can delete.")
                        .body("the lab", ref("LabRequest")).ok(202, "queued: the lab and its ownerToken", map("type", "object"))
                        .error(400, "bad field (named, with its range) or unknown field")
                        .error(413, "body over " + Limits.MAX_BODY_BYTES + " bytes").error(415, "body is not application/json")
                        .error(429, "training queue full, too many stored models, or the client's limits (Retry-After)")
                        .handler(h::start),
                Endpoint.get("/api/labs/{id}").tag("lab").summary("A lab: its runs, per-cell summary and the published findings beside it")
                        .pathParam("id", "lab id").ok(200, "the lab", ref("Lab")).error(404, "unknown lab").handler(h::get),
                Endpoint.delete("/api/labs/{id}").tag("lab").summary("Stop a lab (its finished runs stay)")
                        .description("Needs the lab's owner token or the instructor's in the X-Owner-Token header.")
                        .pathParam("id", "lab id").ok(202, "the lab", ref("Lab")).error(403, "no or wrong X-Owner-Token")
                        .error(404, "unknown lab").handler(h::cancel),
                Endpoint.get("/api/labs/{id}/export").tag("lab").summary("A lab's results as JSON or CSV")
                        .description("csv: one row per run and swept size: task, train_max, lengths, threshold, cell, seed, model, status, "
                                + "learned, test_accuracy, sequences_to_learn, first_failing, size, accuracy.")
                        .pathParam("id", "lab id").query("format", "file format", oneOf(List.of("json", "csv"), "json", null))
                        .ok(200, "the file (Content-Disposition: attachment)", "application/json", ref("Lab"))
                        .ok(200, "csv", "text/csv", map("type", "string"))
                        .error(400, "bad format").error(404, "unknown lab").handler(h::export));
    }

    /** The lab's schemas for the OpenAPI document. */
    static void schemas(Map<String, Object> s) { // s is the document's mutable schema map
        var anInt = map("type", "integer");
        s.put("LabRequest", map("type", "object", "additionalProperties", false, "required", List.of("task", "cells"), "properties", map(
                "task", oneOf(TaskCatalog.taskNames(), null, null),
                "cells", map("type", "array", "minItems", Limits.LAB_CELLS.min(), "maxItems", Limits.LAB_CELLS.max(), "uniqueItems", true,
                        "items", oneOf(TaskCatalog.cellNames(), null, null)),
                "seeds", map("type", "array", "minItems", Limits.LAB_SEEDS.min(), "maxItems", Limits.LAB_SEEDS.max(), "uniqueItems", true,
                        "items", integer(Limits.SEED, null), "default", LabService.DEFAULT_SEEDS),
                "trainMax", integer(Limits.TRAIN_MAX, "default: the task's training range"),
                "lengths", oneOf(TaskCatalog.lengthDistributions(), "uniform", null),
                "maxSeconds", OpenApi.number(Limits.TASK_TRAINING.maxSeconds(), 60, "time limit of each run"),
                "threshold", OpenApi.threshold())));
        s.put("LabRun", OpenApi.object(List.of(), "cell", map("type", "string"), "seed", anInt, "modelId", map("type", "string", "nullable", true),
                "status", oneOf(List.of("queued", "training", "sweeping", "done", "failed", "cancelled"), null, null),
                "learned", map("type", "boolean"), "testAccuracy", map("type", "number", "nullable", true),
                "firstFailing", map("type", "integer", "nullable", true, "description", "smallest size with an error; null when none"),
                "failing", array(anInt, "the first five failing sizes"),
                "accuracy", array(array(map("type", "number"), "[size, accuracy]"), "the length sweep"),
                "playgroundInput", map("type", "string", "nullable", true, "description", "the first failing sequence up to its delimiter"),
                "countingUnit", map("type", "object", "nullable", true, "description", "the unit that tracks the task's first variable best")));
        s.put("Lab", OpenApi.object(List.of(), "id", map("type", "string"), "jobId", map("type", "string"),
                "status", oneOf(List.of("queued", "running", "done", "failed", "cancelled"), null, null),
                "task", map("type", "string"), "trainMax", anInt, "lengths", map("type", "string"), "threshold", map("type", "number"),
                "trainRange", ref("Range"), "sweepSizes", ref("Range"), "done", anInt, "total", anInt,
                "runs", array(ref("LabRun"), null), "summary", array(map("type", "object"), "per cell: seedsLearned, firstFailingMedian, Min, Max"),
                "findings", array(map("type", "object"), "claim, source, verdict (agrees, disagrees, not tested), detail")));
    }
}
