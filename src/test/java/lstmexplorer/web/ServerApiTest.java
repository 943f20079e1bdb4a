package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server itself: health, jobs it does not know, the OpenAPI document, the pages and the static files. */
class ServerApiTest extends ApiTest {
    @Test
    void healthSaysOkReadyAndHowManyModelsTrainAtOnce() {
        JsonNode h = s.get("/api/health").json();
        assertEquals("ok", h.get("status").asText());
        assertTrue(h.get("ready").asBoolean());
        assertTrue(h.get("uptimeSeconds").asDouble() >= 0);
        assertEquals(2, h.get("training").get("workers").asInt());
    }

    @Test
    void aWrongMethodIs405AndAnUnknownPath404() {
        assertError(s.method("PUT", "/api/models/counter"), 405, null);
        assertError(s.method("PATCH", "/api/models"), 405, null);
        assertError(s.get("/api/nothing/here"), 404, null);
    }

    @Test
    void aQueryParameterTheRouteDoesNotTakeIs400NamingIt() {
        // a misspelt parameter would otherwise be ignored and the default answered as if it were the answer
        assertError(s.get("/api/models/counter/length-sweep?max=100"), 400, "max");
        assertTrue(s.get("/api/models/counter/length-sweep?max=100").json().get("detail").asText().contains("[perSize, seed]"));
        assertError(s.get("/api/models/counter/trace?sample=test&n=2&sample_size=5"), 400, "sample_size");
        assertError(s.get("/api/models?status=ready"), 400, "status");
        assertError(s.post("/api/models/counter/generate?max=3", "{\"prefix\": \"aX\"}"), 400, "max");
        assertEquals(200, s.get("/api/models/counter/trace?sample=test&n=2").status(), "declared parameters still pass");
    }

    @Test
    void unknownJobsAre404AndTheJobListIsAList() {
        assertError(s.get("/api/jobs/job-nope"), 404, null);
        assertError(s.delete("/api/jobs/job-nope"), 404, null);
        assertError(s.get("/api/jobs/job-nope/events"), 404, null);
        assertTrue(s.get("/api/jobs").json().isArray());
    }

    @Test
    void openApiDocumentsEveryEndpoint() {
        JsonNode doc = s.get("/openapi.json").json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        JsonNode paths = doc.get("paths");
        List<String> expected = List.of("/api/health", "/api/tasks", "/api/scoreboard", "/api/tasks/{task}/samples", "/api/cells", "/api/models",
                "/api/models/import", "/api/models/{id}", "/api/models/{id}/trace", "/api/models/{id}/generate",
                "/api/models/{id}/export", "/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/events", "/openapi.json");
        for (String p : expected) assertTrue(paths.has(p), p);
        for (String method : List.of("get", "post")) assertTrue(paths.get("/api/models").has(method));
        assertTrue(paths.get("/api/models/{id}").has("delete"));
        JsonNode train = paths.get("/api/models").get("post");
        for (String status : List.of("202", "400", "413", "415", "429"))
            assertTrue(train.get("responses").has(status), "POST /api/models documents " + status);
        JsonNode hidden = doc.get("components").get("schemas").get("TrainRequest").get("properties").get("hidden");
        assertEquals(64, hidden.get("maximum").asInt());
        assertEquals(256, hidden.get("x-maximumForDatasets").asInt(), "dataset models");
        assertTrue(paths.get("/api/models/{id}/trace").get("post").get("responses").has("422"));
        // every $ref points at a schema that exists
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        for (String ref : refs) assertTrue(doc.get("components").get("schemas").has(ref.substring("#/components/schemas/".length())), ref);
    }

    /** The front end reads the limits from here, so every number a request may carry states its minimum and maximum. */
    @Test
    void openApiStatesTheRangeOfEveryParameterAndRequestField() {
        JsonNode doc = s.get("/openapi.json").json();
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> checked = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + path.getKey();
            for (JsonNode p : op.getValue().path("parameters")) assertRanged(p.get("schema"), where + " " + p.get("name").asText(), schemas, checked);
            JsonNode body = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
            if (!body.isMissingNode()) assertRanged(body, where + " body", schemas, checked);
        }));
        for (String field : List.of("hidden", "learningRate", "maxSeconds", "limit", "threshold", "perSize", "interventions", "prefix", "unit"))
            assertTrue(checked.stream().anyMatch(c -> c.endsWith(" " + field) || c.endsWith("." + field)), field + " in " + checked);
        JsonNode train = schemas.get("TrainRequest").get("properties");
        assertEquals(lstmexplorer.service.Limits.TASK_TRAINING.hidden().max(), train.get("hidden").get("maximum").asLong());
        assertTrue(train.get("learningRate").get("exclusiveMinimum").asBoolean());
    }

    @Test
    void everyPageIsServedAsHtmlAndAnUnknownOneIs404() {
        for (String page : List.of("index", "train", "api")) {
            TestServer.Response r = s.get(page.equals("index") ? "/" : "/" + page);
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("text/html"));
            assertTrue(r.body().contains("data-page=\"" + page + "\""), r.body());
        }
        assertTrue(s.get("/api").body().contains("/api/models/{id}/trace"), "the api page lists the endpoints");
        TestServer.Response model = s.get("/models/counter");
        assertEquals(200, model.status());
        assertTrue(model.body().contains("data-model-id=\"counter\""));
        TestServer.Response neuron = s.get("/models/copy_machine/layers/1/units/5");
        assertEquals(200, neuron.status());
        assertTrue(neuron.body().contains("data-layer=\"1\"") && neuron.body().contains("data-unit=\"5\""), neuron.body());
        for (String missing : List.of("/models/nope", "/models/copy_machine/layers/2/units/0", "/models/copy_machine/layers/0/units/6",
                "/models/counter/layers/x/units/0", "/no/such/page")) {
            TestServer.Response r = s.get(missing);
            assertEquals(404, r.status(), missing);
            assertTrue(r.header("Content-Type").startsWith("text/html"), missing);
        }
    }

    @Test
    void servesD3FromTheWebJar() {
        TestServer.Response r = s.get("/webjars/d3/7.9.0/dist/d3.min.js");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").contains("javascript"));
        assertTrue(r.body().length() > 100_000);
    }

    @Test
    void servesTheStaticFilesAsTheyAre() throws Exception {
        java.net.URL root = Server.class.getResource("/static");
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null && root.getProtocol().equals("file"), "static files are on the classpath");
        Path dir = Path.of(root.toURI());
        Path file;
        try (var files = java.nio.file.Files.walk(dir)) {
            file = files.filter(java.nio.file.Files::isRegularFile).filter(f -> f.toString().endsWith(".js")).findFirst().orElseThrow();
        }
        String path = "/static/" + dir.relativize(file).toString().replace('\\', '/');
        TestServer.Response r = s.get(path);
        assertEquals(200, r.status(), path);
        assertEquals(java.nio.file.Files.readString(file), r.body());
        assertEquals(404, s.get("/static/no-such-file.js").status());
    }

    /** Numbers have minimum and maximum, texts with a length limit minLength and maxLength, lists minItems and maxItems where bounded. */
    private static void assertRanged(JsonNode schema, String where, JsonNode schemas, List<String> checked) {
        if (schema.has("$ref")) {
            assertRanged(schemas.get(schema.get("$ref").asText().substring("#/components/schemas/".length())), where, schemas, checked);
            return;
        }
        for (JsonNode alternative : schema.path("oneOf")) assertRanged(alternative, where, schemas, checked);
        String type = schema.path("type").asText();
        switch (type) {
            case "integer", "number" -> {
                assertTrue(schema.has("minimum") && schema.has("maximum"), where + " states its range: " + schema);
                checked.add(where);
            }
            case "string" -> {
                if (schema.has("maxLength") || schema.has("minLength")) {
                    assertTrue(schema.has("minLength") && schema.has("maxLength"), where + " states its length: " + schema);
                    checked.add(where);
                }
            }
            case "array" -> {
                if (schema.has("maxItems")) checked.add(where);
                assertRanged(schema.get("items"), where + "[]", schemas, checked);
            }
            case "object" -> schema.path("properties").fields().forEachRemaining(f ->
                    assertRanged(f.getValue(), where + "." + f.getKey(), schemas, checked));
            default -> { }
        }
    }
}
