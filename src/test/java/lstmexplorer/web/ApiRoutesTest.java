package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.PyTorchStateDict;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every API route: the happy path and each class of error it can answer. */
class ApiRoutesTest {
    @TempDir static Path dataDir;
    static TestServer s;
    static TrainedModel counter, copy;

    @BeforeAll
    static void start() throws Exception {
        counter = TestServer.randomModel("counter", "lstm", 10, 1, 3);
        copy = TestServer.randomModel("copy_machine", "lstm", 6, 2, 4);
        TestServer.seed(dataDir, "counter", counter);
        TestServer.seed(dataDir, "copy_machine", copy);
        TrainedModel plain = TestServer.randomModel("counter", "gru", 3, 1, 5);
        TestServer.seed(dataDir, "plain-00000001", new TrainedModel(null, plain.vocabulary(), plain.network(), null));
        s = new TestServer(TestServer.options(dataDir));
    }

    @AfterAll
    static void stop() { s.close(); }

    static String q(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static void assertError(TestServer.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error"), r.body());
        assertTrue(body.hasNonNull("detail"), r.body());
        assertFalse(r.body().contains("at lstmexplorer."), "no stack trace: " + r.body());
        if (field != null) assertEquals(field, body.path("field").asText(), r.body());
    }

    // --- server, tasks, cells

    @Test
    void health() {
        JsonNode h = s.get("/api/health").json();
        assertEquals("ok", h.get("status").asText());
        assertTrue(h.get("ready").asBoolean());
        assertTrue(h.get("uptimeSeconds").asDouble() >= 0);
        assertEquals(2, h.get("training").get("workers").asInt());
    }

    @Test
    void tasks() {
        JsonNode tasks = s.get("/api/tasks").json();
        assertEquals(Tasks.names().size(), tasks.size());
        JsonNode c = tasks.get(0);
        assertEquals("counter", c.get("name").asText());
        assertEquals(List.of("\n", "X", "a", "b"), strings(c.get("vocab")));
        assertEquals("X", c.get("delimiter").asText());
        assertEquals(10, c.get("defaultModel").get("hidden").asInt());
        assertEquals(1, c.get("trainRange").get("min").asInt());
        assertEquals(20, c.get("generalizationRange").get("max").asInt());
        assertEquals(3, c.get("examples").size());
        for (JsonNode e : c.get("examples")) assertTrue(Tasks.byName("counter").orElseThrow().isValid(e.asText()));
        assertTrue(c.get("variables").has("count"));
    }

    @Test
    void samples() {
        JsonNode r = s.get("/api/tasks/counter/samples?split=test&n=3&offset=5").json();
        assertEquals(200, r.get("total").asInt());
        List<String> expected = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.TEST).subList(5, 8);
        assertEquals(expected, strings(r.get("sequences")));
        assertEquals(10, s.get("/api/tasks/copy_machine/samples").json().get("sequences").size());
        assertError(s.get("/api/tasks/counter/samples?split=validation"), 400, "split");
        assertError(s.get("/api/tasks/counter/samples?n=0"), 400, "n");
        assertError(s.get("/api/tasks/counter/samples?n=abc"), 400, "n");
        assertError(s.get("/api/tasks/counter/samples?offset=201"), 400, "offset");
        assertError(s.get("/api/tasks/nope/samples"), 404, null);
    }

    @Test
    void cells() {
        JsonNode cells = s.get("/api/cells").json();
        assertEquals("lstm", cells.get(0).get("name").asText());
        assertEquals(List.of("input_gate", "forget_gate", "output_gate", "candidate", "cell", "hidden"), strings(cells.get(0).get("vectors")));
    }

    @Test
    void scoreboard() {
        JsonNode board = s.get("/api/scoreboard").json();
        assertTrue(board.has("commit") && board.has("command"), "it says what made it");
        JsonNode rows = board.get("rows");
        assertTrue(rows.isArray() && rows.size() > 0);
        assertTrue(rows.get(0).has("task") && rows.get(0).has("cell"));
    }

    // --- models

    @Test
    void listsGalleryFirstInTaskOrder() {
        JsonNode list = s.get("/api/models").json();
        assertEquals("counter", list.get(0).get("id").asText());
        assertEquals("copy_machine", list.get(1).get("id").asText());
        JsonNode c = list.get(0);
        assertTrue(c.get("gallery").asBoolean());
        assertEquals("ready", c.get("status").asText());
        assertEquals(counter.network().parameterCount(), c.get("parameters").asInt());
        assertTrue(c.get("traceable").asBoolean());
    }

    @Test
    void modelDetail() {
        JsonNode m = s.get("/api/models/copy_machine").json();
        assertEquals("copy_machine", m.get("id").asText());
        assertEquals(2, m.get("layers").asInt());
        assertEquals(2, m.get("vectors").size());
        assertEquals("hidden", m.get("vectors").get(1).get(5).asText());
        assertTrue(m.get("training").isNull());
        assertError(s.get("/api/models/nope"), 404, null);
        assertError(s.get("/api/models/..%2F..%2Fetc"), 404, null);
        assertError(s.get("/api/models/UPPER"), 404, null);
    }

    @Test
    void trainsANewModel() throws Exception {
        TestServer.Response r = s.post("/api/models", "{\"task\":\"counter\",\"hidden\":4,\"maxSeconds\":20,\"seed\":2}");
        assertEquals(202, r.status(), r.body());
        JsonNode model = r.json().get("model"), job = r.json().get("job");
        assertTrue(model.get("id").asText().matches("counter-[0-9a-f]{8}"), model.toString());
        assertEquals(4, model.get("hidden").asInt());
        assertEquals("lstm", model.get("cell").asText());
        assertEquals(model.get("id").asText(), job.get("modelId").asText());
        JsonNode done = s.awaitJob(job.get("id").asText(), Duration.ofSeconds(60));
        assertEquals("done", done.get("status").asText(), done.toString());
        assertFalse(done.get("curve").isEmpty());
        JsonNode detail = s.get("/api/models/" + model.get("id").asText()).json();
        assertEquals("ready", detail.get("status").asText());
        assertEquals(2, detail.get("training").get("config").get("seed").asInt());
        assertEquals(4, detail.get("training").get("config").get("hidden").asInt());
        assertEquals(204, s.delete("/api/models/" + model.get("id").asText()).status());
    }

    @Test
    void rejectsBadTrainingRequests() {
        assertError(s.post("/api/models", "{}"), 400, "task");
        assertError(s.post("/api/models", "{\"task\":\"nope\"}"), 400, "task");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"cell\":\"transformer\"}"), 400, "cell");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":65}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":0}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":2.5}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":\"8\"}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"layers\":4}"), 400, "layers");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"batch\":257}"), 400, "batch");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"learningRate\":0}"), 400, "learningRate");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"learningRate\":1.5}"), 400, "learningRate");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"maxSeconds\":601}"), 400, "maxSeconds");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"seed\":-1}"), 400, "seed");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"afterLearned\":-1}"), 400, "afterLearned");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"afterLearned\":100001}"), 400, "afterLearned");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"seed\":2147483648}"), 400, "seed");
        TestServer.Response unknown = s.post("/api/models", "{\"task\":\"counter\",\"epochs\":3}");
        assertError(unknown, 400, "epochs");
        assertTrue(unknown.json().get("detail").asText().contains("maxSeconds"), "lists the known fields");
        assertError(s.post("/api/models", "{\"task\":"), 400, null);
        assertError(s.post("/api/models", "[1,2]"), 400, null);
        assertError(s.post("/api/models", ""), 400, null);
        assertError(s.post("/api/models", "text/plain", "{\"task\":\"counter\"}"), 415, null);
        assertError(s.post("/api/models", null, "{\"task\":\"counter\"}"), 415, null);
        String huge = "{\"task\":\"counter\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        assertError(s.post("/api/models", huge), 413, null);
        assertEquals(3, s.get("/api/models").json().size(), "no model was created by a refused request");
    }

    @Test
    void deletes() {
        String id = s.post("/api/models/import", ModelFile.toJson(TestServer.randomModel("counter", "lstm", 2, 1, 9))).json().get("id").asText();
        assertEquals(204, s.delete("/api/models/" + id).status());
        assertError(s.get("/api/models/" + id), 404, null);
        assertError(s.delete("/api/models/" + id), 404, null);
        assertError(s.delete("/api/models/counter"), 403, null);
        assertEquals(200, s.get("/api/models/counter").status());
    }

    @Test
    void wrongMethodIs405() {
        assertError(s.method("PUT", "/api/models/counter"), 405, null);
        assertError(s.method("PATCH", "/api/models"), 405, null);
        assertError(s.get("/api/nothing/here"), 404, null);
    }

    // --- import and export

    @Test
    void importsOurFormatAndPyTorch() {
        TrainedModel m = TestServer.randomModel("state_memorizer", "lstm", 5, 1, 11);
        TestServer.Response r = s.post("/api/models/import?name=" + q("my memorizer"), ModelFile.toJson(m));
        assertEquals(201, r.status(), r.body());
        JsonNode info = r.json();
        assertTrue(info.get("id").asText().startsWith("state_memorizer-"));
        assertEquals("my memorizer", info.get("name").asText());
        assertEquals("imported", info.get("source").asText());
        assertFalse(info.get("gallery").asBoolean());

        TestServer.Response p = s.post("/api/models/import", PyTorchStateDict.write(m, "rnn.", "fc."));
        assertEquals(201, p.status(), p.body());
        String id = p.json().get("id").asText();
        // same weights, same trace
        JsonNode t1 = s.get("/api/models/" + info.get("id").asText() + "/trace?input=" + q("\nab")).json();
        JsonNode t2 = s.get("/api/models/" + id + "/trace?input=" + q("\nab")).json();
        assertEquals(t1.get("probabilities").get(2).get(1).asDouble(), t2.get("probabilities").get(2).get(1).asDouble(), 1e-12);

        assertEquals(204, s.delete("/api/models/" + id).status());
        assertEquals(204, s.delete("/api/models/" + info.get("id").asText()).status());
    }

    @Test
    void refusesBadImports() {
        assertError(s.post("/api/models/import", "{\"format\":\"something\"}"), 400, null);
        assertError(s.post("/api/models/import", "not json"), 400, null);
        assertError(s.post("/api/models/import", "text/plain", ModelFile.toJson(counter)), 415, null);
        assertError(s.post("/api/models/import", ModelFile.toJson(TestServer.randomModel("counter", "lstm", 65, 1, 1))), 400, "hidden");
        // the model claims the copy task but cannot read its characters
        String claimsCopy = ModelFile.toJson(counter).replace("\"task\" : \"counter\"", "\"task\" : \"copy_machine\"");
        TestServer.Response r = s.post("/api/models/import", claimsCopy);
        assertError(r, 422, "vocab");
        assertTrue(r.json().get("characters").size() > 0);
        assertError(s.post("/api/models/import?name=" + q("x".repeat(101)), ModelFile.toJson(counter)), 400, "name");
    }

    @Test
    void exportsTheModelFileAndPyTorch() {
        TestServer.Response r = s.get("/api/models/counter/export?format=model");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Disposition").contains("counter.json"));
        TrainedModel back = ModelFile.read(r.body());
        assertEquals(counter.network().parameters().get(0).value().get(2, 3), back.network().parameters().get(0).value().get(2, 3));
        assertEquals(200, s.get("/api/models/counter/export").status(), "model is the default format");

        JsonNode pt = s.get("/api/models/counter/export?format=pytorch").json();
        assertEquals(40, pt.get("state_dict").get("lstm.weight_ih_l0").size());
        assertEquals(4, pt.get("state_dict").get("decoder.weight").size());
        assertEquals(200, s.get("/api/models/plain-00000001/export?format=pytorch").status(), "GRU models export too");
        String peephole = s.post("/api/models/import", ModelFile.toJson(TestServer.randomModel("counter", "peephole", 2, 1, 8))).json().get("id").asText();
        assertError(s.get("/api/models/" + peephole + "/export?format=pytorch"), 400, "format");
        assertEquals(204, s.delete("/api/models/" + peephole).status());
    }

    @Test
    void exportsCsv() {
        TestServer.Response r = s.get("/api/models/counter/export?format=csv&split=train&n=2&offset=1");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/csv"));
        String[] lines = r.body().split("\n");
        assertEquals("model,sequence,timestep,char,layer,vector,unit,value", lines[0]);
        List<String> train = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.TRAIN);
        int steps = train.get(1).length() + train.get(2).length();
        assertEquals(1 + steps * 6 * 10, lines.length);
        String[] first = lines[1].split(",");
        assertEquals(List.of("counter", "1", "0", "\\n", "0", "input_gate", "0"), List.of(first).subList(0, 7));
        assertEquals(Trace.of(counter, "\n").layers().get(0).vectors().get("input_gate")[0][0], Double.parseDouble(first[7]), 1e-15);
    }

    @Test
    void refusesBadExports() {
        assertError(s.get("/api/models/counter/export?format=pdf"), 400, "format");
        assertError(s.get("/api/models/counter/export?format=csv&split=nope"), 400, "split");
        assertError(s.get("/api/models/counter/export?format=csv&n=201"), 400, "n");
        assertError(s.get("/api/models/plain-00000001/export?format=csv"), 400, "sample");
        assertError(s.get("/api/models/nope/export"), 404, null);
    }

    // --- traces

    @Test
    void tracesAnInput() {
        TestServer.Response r = s.post("/api/models/counter/trace", "{\"input\":\"\\naaXb\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode t = r.json();
        assertEquals("\naaXb", t.get("input").asText());
        assertEquals(List.of("\n", "X", "a", "b"), strings(t.get("vocab")));
        JsonNode layer = t.get("layers").get(0);
        assertEquals("lstm", layer.get("cell").asText());
        assertEquals(6, layer.get("vectors").size());
        JsonNode cell = layer.get("vectors").get("cell");
        assertEquals(5, cell.size(), "one row per timestep");
        assertEquals(10, cell.get(0).size(), "one value per unit");
        Trace expected = Trace.of(counter, "\naaXb");
        assertEquals(expected.layers().get(0).vectors().get("cell")[3][7], cell.get(3).get(7).asDouble(), 0);
        assertEquals(5, t.get("probabilities").size());
        double sum = 0;
        for (JsonNode p : t.get("probabilities").get(2)) sum += p.asDouble();
        assertEquals(1, sum, 1e-9);
        // the GET form gives the same
        assertEquals(r.json(), s.get("/api/models/counter/trace?input=" + q("\naaXb")).json());
    }

    @Test
    void tracesAreGzippedForClientsThatAcceptIt() throws Exception {
        String path = "/api/models/counter/trace?input=" + q("\naaaXbbb");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base() + path)).header("Accept-Encoding", "gzip").build();
        var response = s.client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null));
        byte[] plain;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            plain = in.readAllBytes();
        }
        assertEquals(s.get(path).body(), new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void slicesATrace() {
        JsonNode t = s.get("/api/models/copy_machine/trace?input=" + q("\nabcX") + "&layer=1&vectors=cell,hidden&units=0,5&from=1&to=3").json();
        assertEquals(1, t.get("from").asInt());
        assertEquals(3, t.get("to").asInt());
        assertEquals(1, t.get("layers").size());
        JsonNode layer = t.get("layers").get(0);
        assertEquals(1, layer.get("layer").asInt());
        assertEquals(List.of("cell", "hidden"), fieldNames(layer.get("vectors")));
        assertEquals(2, layer.get("vectors").get("hidden").size());
        assertEquals(2, layer.get("vectors").get("hidden").get(0).size());
        Trace full = Trace.of(copy, "\nabcX");
        assertEquals(full.layers().get(1).vectors().get("hidden")[2][5], layer.get("vectors").get("hidden").get(1).get(1).asDouble(), 0);
        assertEquals(2, t.get("probabilities").size());
        JsonNode body = s.post("/api/models/copy_machine/trace", "{\"input\":\"\\nabcX\",\"layer\":1,\"vectors\":[\"cell\",\"hidden\"],\"units\":[0,5],\"from\":1,\"to\":3}").json();
        assertEquals(t, body);
        // to past the end is clamped
        assertEquals(5, s.get("/api/models/copy_machine/trace?input=" + q("\nabcX") + "&to=99").json().get("to").asInt());
    }

    @Test
    void refusesBadTraces() {
        TestServer.Response vocab = s.post("/api/models/counter/trace", "{\"input\":\"aaZXbq\"}");
        assertError(vocab, 422, "input");
        assertEquals(List.of("Z", "q"), strings(vocab.json().get("characters")));
        assertTrue(vocab.json().get("detail").asText().contains("'Z'"));
        TestServer.Response emoji = s.post("/api/models/counter/trace", "{\"input\":\"a\uD83D\uDE00b\"}");
        assertError(emoji, 422, "input");
        assertEquals(List.of("\uD83D\uDE00"), strings(emoji.json().get("characters")), "one character, not two halves");
        assertError(s.get("/api/models/counter/trace?input=" + q("a".repeat(1001))), 400, "input");
        assertError(s.post("/api/models/counter/trace", "{\"input\":\"\"}"), 400, "input");
        assertError(s.post("/api/models/counter/trace", "{}"), 400, "input");
        assertError(s.post("/api/models/counter/trace", "{\"input\":\"ab\",\"colour\":1}"), 400, "colour");
        assertError(s.post("/api/models/counter/trace", "{\"input\":5}"), 400, "input");
        assertError(s.get("/api/models/counter/trace?input=ab&layer=1"), 400, "layer");
        assertError(s.get("/api/models/counter/trace?input=ab&layer=x"), 400, "layer");
        assertError(s.get("/api/models/counter/trace?input=ab&vectors=reset_gate"), 400, "vectors");
        assertError(s.get("/api/models/counter/trace?input=ab&units=10"), 400, "units");
        assertError(s.get("/api/models/counter/trace?input=ab&units=a"), 400, "units");
        assertError(s.get("/api/models/counter/trace?input=ab&from=3&to=2"), 400, "to");
        assertError(s.post("/api/models/counter/trace", "{\"input\":\"ab\",\"from\":-1}"), 400, "from");
        assertError(s.get("/api/models/counter/trace"), 400, "input");
        assertError(s.get("/api/models/counter/trace?input=ab&sample=test"), 400, "sample");
        assertError(s.get("/api/models/nope/trace?input=ab"), 404, null);
        assertError(s.post("/api/models/counter/trace", "text/plain", "{\"input\":\"ab\"}"), 415, null);
    }

    @Test
    void tracesDatasetSequences() {
        JsonNode r = s.get("/api/models/counter/trace?sample=generalization&n=2&offset=4").json();
        assertEquals("counter", r.get("model").asText());
        assertEquals("generalization", r.get("split").asText());
        List<String> gen = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.GENERALIZATION);
        assertEquals(gen.subList(4, 6), strings(r.get("sequences")));
        JsonNode t = r.get("traces").get(1);
        String s5 = gen.get(5);
        assertEquals("\n" + s5.substring(0, s5.length() - 1), t.get("input").asText());
        assertEquals(s5.length(), t.get("probabilities").size(), "probabilities[t] predicts s[t]");
        assertEquals(5, s.get("/api/models/counter/trace?sample=test").json().get("traces").size());
        assertError(s.get("/api/models/counter/trace?sample=test&n=51"), 400, "n");
        assertError(s.get("/api/models/counter/trace?sample=dev"), 400, "split");
        assertError(s.get("/api/models/plain-00000001/trace?sample=test"), 400, "sample");
    }

    @Test
    void generates() {
        TestServer.Response r = s.post("/api/models/counter/generate", "{\"prefix\":\"aaX\",\"max\":30}");
        assertEquals(200, r.status(), r.body());
        JsonNode g = r.json();
        assertEquals("aaX", g.get("prefix").asText());
        assertEquals("bb\n", g.get("expected").asText());
        String continuation = g.get("continuation").asText();
        assertEquals(continuation.length(), g.get("steps").size());
        assertTrue(continuation.length() <= 30);
        assertEquals(continuation.endsWith("\n") ? "end" : "cap", g.get("stoppedBecause").asText());
        for (int i = 0; i < continuation.length(); i++) {
            JsonNode step = g.get("steps").get(i);
            assertEquals(String.valueOf(continuation.charAt(i)), step.get("char").asText());
            assertEquals(4, step.get("probabilities").size());
        }
        // the first step is the model's prediction after reading "\n" + prefix
        double[] p = Trace.of(counter, "\naaX").probabilities()[3];
        assertEquals(p[2], g.get("steps").get(0).get("probabilities").get(2).asDouble(), 1e-12);
        if (continuation.equals("bb\n")) assertTrue(g.get("firstWrong").isNull());
        else assertTrue(g.get("firstWrong").isInt());

        assertTrue(s.post("/api/models/counter/generate", "{\"prefix\":\"aaa\",\"max\":5}").json().get("expected").isNull(),
                "no delimiter yet: no expected continuation");
        assertTrue(s.post("/api/models/plain-00000001/generate", "{\"prefix\":\"aX\",\"max\":5}").json().get("expected").isNull(),
                "no task: no expected continuation");
        assertEquals(200, s.post("/api/models/counter/generate", "{\"prefix\":\"\"}").status(), "an empty prefix starts from the start token");
    }

    @Test
    void refusesBadGenerations() {
        assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"aXc\"}"), 422, "prefix");
        assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"aX\",\"max\":0}"), 400, "max");
        assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"aX\",\"max\":1001}"), 400, "max");
        assertError(s.post("/api/models/counter/generate", "{\"max\":3}"), 400, "prefix");
        assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"aX\",\"temperature\":1}"), 400, "temperature");
        assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"" + "a".repeat(1001) + "\"}"), 400, "prefix");
        assertError(s.post("/api/models/nope/generate", "{\"prefix\":\"aX\"}"), 404, null);
    }

    // --- jobs

    @Test
    void unknownJobs() {
        assertError(s.get("/api/jobs/job-nope"), 404, null);
        assertError(s.delete("/api/jobs/job-nope"), 404, null);
        assertError(s.get("/api/jobs/job-nope/events"), 404, null);
        assertTrue(s.get("/api/jobs").json().isArray());
    }

    // --- documentation, pages, static files

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

    @Test
    void pages() {
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
    void servesStaticFiles() throws Exception {
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

    // --- helpers

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            if (node.has("$ref")) refs.add(node.get("$ref").asText());
            node.forEach(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
