package lstmexplorer.web;

import static lstmexplorer.web.OpenApi.array;
import static lstmexplorer.web.OpenApi.bool;
import static lstmexplorer.web.OpenApi.integer;
import static lstmexplorer.web.OpenApi.map;
import static lstmexplorer.web.OpenApi.object;
import static lstmexplorer.web.OpenApi.oneOf;
import static lstmexplorer.web.OpenApi.ref;
import static lstmexplorer.web.OpenApi.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.service.DatasetStore;
import lstmexplorer.service.Limits;
import lstmexplorer.service.ModelService;
import lstmexplorer.service.OwnerTokens;
import lstmexplorer.service.ServiceException;
import lstmexplorer.service.TextViewService;

/**
 * The dataset endpoints: upload a text or lines as {@code text/plain}, list, read samples, add label
 * tracks, delete. Creating a dataset answers with its owner token (once); adding labels and deleting
 * need it in {@code X-Owner-Token}, as for models. {@link #endpoints} is their part of the route table.
 */
final class DatasetHandlers {
    /** Body of POST /api/models/{id}/text; every field may be left out but unit. */
    record TextViewRequest(String input, Integer layer, String vector, Integer unit) {}

    private final DatasetStore datasets;
    private final ModelService models;
    private final OwnerTokens tokens;
    private final ObjectMapper json;
    private final Requests requests;
    private final TextViewService textView;

    DatasetHandlers(DatasetStore datasets, ModelService models, OwnerTokens tokens, ObjectMapper json) {
        this.requests = new Requests(json);
        this.textView = new TextViewService(models);
        this.datasets = datasets;
        this.models = models;
        this.tokens = tokens;
        this.json = json;
    }

    void create(Context ctx) {
        String kind = ctx.queryParam("kind");
        DatasetStore.kind(kind); // an unknown kind is refused before the body is read
        byte[] body = Requests.bytes(ctx, Limits.MAX_DATASET_BYTES, "text/plain");
        DatasetStore.DatasetInfo info = datasets.create(ctx.queryParam("name"), kind, body);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = new LinkedHashMap<>(json.convertValue(info, Map.class));
        try {
            answer.put("ownerToken", tokens.issue(info.id()));
        } catch (IOException e) {
            datasets.delete(info.id());
            throw new UncheckedIOException("could not write to the data directory", e);
        }
        ctx.status(201).json(answer);
    }

    void list(Context ctx) { ctx.json(datasets.list()); }

    void textView(Context ctx) {
        TextViewRequest r = requests.body(ctx, TextViewRequest.class, Limits.MAX_BODY_BYTES);
        ctx.json(textView.view(ctx.pathParam("id"), r.input(), r.layer(), r.vector(), r.unit()));
    }

    void get(Context ctx) { ctx.json(datasets.require(ctx.pathParam("id"))); }

    void samples(Context ctx) {
        String split = ctx.queryParam("split") == null ? "test" : ctx.queryParam("split");
        ctx.json(datasets.samples(ctx.pathParam("id"), split, Requests.intParam(ctx, "n", Limits.SAMPLES),
                Requests.intParam(ctx, "offset", Limits.OFFSET)));
    }

    void labels(Context ctx) {
        String id = ctx.pathParam("id");
        DatasetStore.DatasetInfo info = datasets.require(id);
        requireOwner(info, ctx, "add labels to");
        String text = Requests.text(ctx, Limits.MAX_LABELS_BYTES);
        double[] values;
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isArray())
                throw ServiceException.badParameter("labels", "the body must be a JSON array with one number per character");
            values = new double[node.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = node.get(i);
                if (!v.isNumber())
                    throw ServiceException.badParameter("labels", "every label must be a finite number; entry " + i + " is " + v);
                values[i] = v.asDouble();
            }
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        ctx.status(201).json(datasets.addLabels(id, ctx.queryParam("name"), values));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        DatasetStore.DatasetInfo info = datasets.require(id);
        requireOwner(info, ctx, "delete");
        List<String> users = models.list().stream().filter(m -> id.equals(m.task())).map(m -> m.id()).toList();
        if (!users.isEmpty())
            throw ServiceException.conflict("dataset '" + id + "' is the data of the models " + users + "; delete them first");
        datasets.delete(id);
        try {
            tokens.forget(id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the dataset files", e);
        }
        ctx.status(204);
    }

    private void requireOwner(DatasetStore.DatasetInfo info, Context ctx, String action) {
        if (info.gallery()) throw ServiceException.forbidden("'" + info.id() + "' is a gallery dataset; it cannot be changed");
        if (!tokens.allows(info.id(), ctx.header(OwnerTokens.HEADER)))
            throw ServiceException.forbidden("only the browser or client that uploaded '" + info.id() + "' may " + action
                    + " it: send its owner token (returned by the upload) in the " + OwnerTokens.HEADER + " header");
    }

    /** Their part of the route table. */
    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/datasets").tag("datasets").summary("The datasets: the gallery's first, then uploads newest first")
                        .ok(200, "datasets", array(ref("Dataset"), null)).handler(this::list),
                Endpoint.post("/api/datasets").tag("datasets").summary("Upload a text or a list of sequences")
                        .description("The body is the raw UTF-8 text (Content-Type: text/plain), up to " + Limits.MAX_DATASET_BYTES
                                + " bytes. kind=text: one continuous corpus, trained in windows; the last 10% is the test split. "
                                + "kind=lines: one sequence per line; a seeded 10% of the lines is the test split. Line ends \\r\\n "
                                + "and \\r are read as \\n; a byte order mark is dropped. At most " + Limits.MAX_DATASET_VOCAB
                                + " distinct characters, each a single UTF-16 unit. Nothing is stored unless every check passes.")
                        .query("name", "a display name", OpenApi.text(Limits.NAME, null))
                        .query("kind", "text or lines", oneOf(List.of("text", "lines"), null, null))
                        .body("the text", "text/plain", map("type", "string", "x-maxBytes", Limits.MAX_DATASET_BYTES,
                                "x-maxDistinctCharacters", Limits.MAX_DATASET_VOCAB))
                        .ok(201, "stored: the Dataset plus ownerToken (send it as X-Owner-Token to add labels or delete; not shown again)",
                                ref("Dataset"))
                        .error(400, "missing name, unknown kind, empty or whitespace-only text, invalid UTF-8, a NUL byte, fewer than "
                                + Limits.MIN_TEXT_CHARACTERS + " characters (text) or " + Limits.MIN_LINES + " lines (lines), a line over "
                                + Limits.INPUT.max() + " characters")
                        .error(413, "body over " + Limits.MAX_DATASET_BYTES + " bytes").error(415, "body is not text/plain")
                        .error(422, "more than " + Limits.MAX_DATASET_VOCAB + " distinct characters (the count is named), or characters "
                                + "outside the Basic Multilingual Plane")
                        .error(429, Limits.MAX_DATASETS + " datasets stored already").handler(this::create),
                Endpoint.get("/api/datasets/{id}").tag("datasets").summary("A dataset: size, vocabulary, split, label tracks")
                        .pathParam("id", "dataset id").ok(200, "the dataset", ref("Dataset")).error(404, "unknown dataset").handler(this::get),
                Endpoint.get("/api/datasets/{id}/samples").tag("datasets").summary("Sequences of a split as a model reads them")
                        .description("A text in windows of " + Limits.DEFAULT_WINDOW + " characters; a lines dataset line by line, each with its newline.")
                        .pathParam("id", "dataset id")
                        .query("split", "which split", oneOf(List.of("train", "test"), "test", null))
                        .query("n", "how many", integer(Limits.SAMPLES, null))
                        .query("offset", "first sequence", integer(Limits.OFFSET, null))
                        .ok(200, "sequences", ref("DatasetSamples")).error(400, "bad split, n or offset").error(404, "unknown dataset")
                        .handler(this::samples),
                Endpoint.post("/api/datasets/{id}/labels").tag("datasets").summary("Add a label track: your own variable for the probes")
                        .description("A JSON array with one finite number per character in the order of the dataset (for lines: line "
                                + "after line without the newlines). The probes, the neuron view and select & match then rank units "
                                + "against it too. Posting a name again replaces that track; at most " + Limits.MAX_LABEL_TRACKS + " tracks.")
                        .pathParam("id", "dataset id")
                        .query("name", "the track's name: a lower-case letter, then a-z, 0-9, _", OpenApi.text(Limits.LABEL_NAME, null))
                        .body("the labels", array(OpenApi.number(Limits.LABEL_VALUE, null, null), null))
                        .ok(201, "the dataset with the track", ref("Dataset"))
                        .error(400, "bad name, wrong length, a value that is not a finite number").error(403, "no or wrong X-Owner-Token")
                        .error(404, "unknown dataset").error(413, "body over " + Limits.MAX_LABELS_BYTES + " bytes")
                        .error(415, "body is not application/json").handler(this::labels),
                Endpoint.delete("/api/datasets/{id}").tag("datasets").summary("Delete a dataset")
                        .description("Needs the owner token answered by the upload in the X-Owner-Token header. A dataset that models "
                                + "were trained on stays until they are deleted.")
                        .pathParam("id", "dataset id").ok(204, "deleted", null)
                        .error(403, "gallery dataset, or no or wrong X-Owner-Token").error(404, "unknown dataset")
                        .error(409, "models were trained on it").handler(this::delete),
                Endpoint.post("/api/models/{id}/text").tag("traces").summary("One unit over a long text (the text view)")
                        .description("The model reads \"\\n\" and then the text as one stream, its state carried, and values[t] is the "
                                + "unit after reading text[t]. Without input, the text is the start of the model's test split (its "
                                + "dataset's, or its task's test sequences one after another). Up to " + Limits.TEXT_VIEW.max()
                                + " characters; min and max are those of the values.")
                        .pathParam("id", "model id").body("the text and the unit", ref("TextViewRequest"))
                        .ok(200, "the unit's values", ref("TextView"))
                        .error(400, "bad layer, vector or unit, or an input too long").error(404, "unknown model")
                        .error(409, "the model has no weights yet").error(413, "body over " + Limits.MAX_BODY_BYTES + " bytes")
                        .error(415, "body is not application/json").error(422, "characters outside the model's vocabulary")
                        .handler(this::textView));
    }

    /** The schemas of the dataset endpoints, for the OpenAPI document. */
    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> anInt = map("type", "integer");
        s.put("Dataset", object(List.of("id", "name", "kind"), "id", str("<name>-<8 hex>"), "name", str(null),
                "kind", oneOf(List.of("text", "lines"), null, null), "characters", anInt,
                "sequences", map("type", "integer", "description", "lines of a lines dataset; 1 for a text"),
                "vocab", array(str(null), "the distinct characters, \"\\n\" first"),
                "splits", object(List.of(), "train", anInt, "test", anInt), "splitUnit", oneOf(List.of("characters", "lines"), null, null),
                "labels", array(str(null), "names of the label tracks"), "createdAt", str(null),
                "gallery", bool("ships with the server; cannot be changed or deleted"),
                "ownerToken", str("only in the answer to the upload")));
        s.put("TextViewRequest", map("type", "object", "additionalProperties", false, "required", List.of("unit"), "properties", map(
                "input", OpenApi.text(Limits.TEXT_VIEW, "the text; default: the start of the model's test split"),
                "layer", integer(Limits.LAYER.withDefault(0), null),
                "vector", str("a vector of the model's cell; default hidden"),
                "unit", integer(Limits.UNIT, null))));
        s.put("TextView", object(List.of(), "model", str(null), "source", oneOf(List.of("test", "input"), null, null),
                "text", str(null), "layer", anInt, "vector", str(null), "unit", anInt,
                "values", array(map("type", "number"), "[t]: after reading text[t]"), "min", map("type", "number"),
                "max", map("type", "number")));
        s.put("DatasetSamples", object(List.of(), "dataset", str(null), "split", str(null), "total", anInt, "offset", anInt,
                "sequences", array(str(null), null)));
        return s;
    }
}
