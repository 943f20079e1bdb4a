package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lstmexplorer.TestTexts;
import lstmexplorer.service.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Uploading datasets: what is stored, every refusal (storing nothing), ownership, restart, training and analysing. */
public class DatasetRoutesTest {
    @RegisterExtension
    static final TestServer s = TestServer.perClass();

    static TestServer.Response upload(String name, String kind, String body) {
        return s.post("/api/datasets?name=" + ApiTest.q(name) + "&kind=" + kind, "text/plain; charset=utf-8", body);
    }

    static List<String> files() throws IOException {
        Path dir = s.dataDir().resolve("datasets");
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> list = Files.list(dir)) { return list.map(p -> p.getFileName().toString()).sorted().toList(); }
    }

    @Test
    void openApiDescribesTheUploadBodyAsTextPlain() {
        JsonNode body = s.get("/openapi.json").json().get("paths").get("/api/datasets").get("post").get("requestBody").get("content");
        List<String> types = new ArrayList<>();
        body.fieldNames().forEachRemaining(types::add);
        assertEquals(List.of("text/plain"), types, body.toString());
        assertEquals(Limits.MAX_DATASET_BYTES, body.get("text/plain").get("schema").get("x-maxBytes").asLong());
        // the endpoints that read JSON still say so
        JsonNode labels = s.get("/openapi.json").json().get("paths").get("/api/datasets/{id}/labels").get("post").get("requestBody");
        assertTrue(labels.get("content").has("application/json"), labels.toString());
    }

    @Test
    void aTextIsStoredWithItsSplitAndVocabulary() {
        String text = TestTexts.code(200, 1);
        TestServer.Response r = upload("my code", "text", text);
        assertEquals(201, r.status(), r.body());
        JsonNode d = r.json();
        assertTrue(d.get("id").asText().startsWith("my-code-"), r.body());
        assertEquals("text", d.get("kind").asText());
        assertEquals(text.length(), d.get("characters").asInt());
        assertEquals(1, d.get("sequences").asInt());
        int test = (int) Math.round(text.length() * 0.1);
        assertEquals(text.length() - test, d.get("splits").get("train").asInt());
        assertEquals(test, d.get("splits").get("test").asInt());
        assertEquals("\n", d.get("vocab").get(0).asText());
        assertFalse(d.get("ownerToken").asText().isEmpty());

        String id = d.get("id").asText();
        assertEquals(text.length(), s.get("/api/datasets/" + id).json().get("characters").asInt());
        assertTrue(s.get("/api/datasets").body().contains(id));
        JsonNode samples = s.get("/api/datasets/" + id + "/samples?split=test&n=2").json();
        assertEquals(text.substring(text.length() - test, text.length() - test + Limits.DEFAULT_WINDOW),
                samples.get("sequences").get(0).asText());
        ApiTest.assertError(s.get("/api/datasets/" + id + "/samples?split=generalization"), 400, "split");
        ApiTest.assertError(s.get("/api/datasets/nope-00000000"), 404, null);
    }

    @Test
    void linesAreSplitBySeededLinesAndCrLfIsANewline() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) sb.append("ab".repeat(1 + i % 5)).append("\r\n");
        TestServer.Response first = upload("pairs", "lines", sb.toString()), second = upload("pairs", "lines", sb.toString());
        assertEquals(201, first.status(), first.body());
        JsonNode d = first.json();
        assertEquals(40, d.get("sequences").asInt());
        assertEquals(4, d.get("splits").get("test").asInt());
        assertEquals("lines", d.get("splitUnit").asText());
        assertFalse(first.body().contains("\\r"), "\\r\\n is read as \\n: " + first.body());
        // the same upload splits the same way
        String a = s.get("/api/datasets/" + d.get("id").asText() + "/samples?split=test&n=10").json().get("sequences").toString();
        String b = s.get("/api/datasets/" + second.json().get("id").asText() + "/samples?split=test&n=10").json().get("sequences").toString();
        assertEquals(a, b);
        assertTrue(a.contains("\\n"), a);
    }

    @Test
    void everyBadUploadIsRefusedAndStoresNothing() throws IOException {
        List<String> before = files();
        StringBuilder tooMany = new StringBuilder();
        for (int c = 0x100; c < 0x100 + 300; c++) tooMany.append((char) c);
        String longLine = "a".repeat((int) Limits.INPUT.max()) + "\n" + "b\n".repeat(20);
        List<TestServer.Response> refused = new ArrayList<>();
        refused.add(expect(upload("x", "text", ""), 400, null));
        refused.add(expect(upload("x", "text", " \n\t \n"), 400, null));
        refused.add(expect(upload("x", "text", "short text"), 400, null));
        refused.add(expect(upload("x", "lines", "a\nb\nc\n"), 400, null));
        refused.add(expect(upload("x", "lines", longLine), 400, null));
        refused.add(expect(upload("x", "text", "ab\0cd".repeat(300)), 400, null));
        refused.add(expect(upload("x", "novel", TestTexts.code(100, 2)), 400, "kind"));
        refused.add(expect(upload("", "text", TestTexts.code(100, 2)), 400, "name"));
        refused.add(expect(s.post("/api/datasets?name=x&kind=text", "application/json", TestTexts.code(100, 2)), 415, null));
        TestServer.Response vocab = expect(upload("x", "text", tooMany.toString().repeat(4)), 422, null);
        assertTrue(vocab.json().get("detail").asText().contains("301 distinct characters"), vocab.body());
        // invalid UTF-8: a lone continuation byte
        byte[] bad = (TestTexts.code(100, 2) + "\u0080").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base() + "/api/datasets?name=x&kind=text"))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bad)).build();
        try {
            var response = s.client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("UTF-8"), response.body());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        TestServer.Response big = upload("x", "text", "a".repeat(Limits.MAX_DATASET_BYTES + 1));
        assertEquals(413, big.status(), big.body());
        for (TestServer.Response r : refused) assertFalse(r.body().contains("at lstmexplorer."), r.body());
        assertEquals(before, files(), "a refused upload leaves the data directory as it was");
    }

    private static TestServer.Response expect(TestServer.Response r, int status, String field) {
        ApiTest.assertError(r, status, field);
        return r;
    }

    @Test
    void datasetsSurviveARestartAndAHalfWrittenOneIsRemoved(@TempDir Path dir) throws IOException {
        String id, text = TestTexts.code(150, 4);
        try (TestServer first = new TestServer(TestServer.options(dir))) {
            TestServer.Response r = first.post("/api/datasets?name=kept&kind=text", "text/plain", text);
            assertEquals(201, r.status(), r.body());
            id = r.json().get("id").asText();
        }
        // a crash between writing a text and its description leaves a text alone
        Files.writeString(dir.resolve("datasets").resolve("orphan-00000000.txt"), text);
        try (TestServer second = new TestServer(TestServer.options(dir))) {
            JsonNode d = second.get("/api/datasets/" + id).json();
            assertEquals(text.length(), d.get("characters").asInt(), d.toString());
            assertEquals(text.substring(0, 100), second.get("/api/datasets/" + id + "/samples?split=train&n=1").json()
                    .get("sequences").get(0).asText());
            assertEquals(404, second.get("/api/datasets/orphan-00000000").status());
            assertFalse(Files.exists(dir.resolve("datasets").resolve("orphan-00000000.txt")));
        }
    }

    @Test
    void fiftyDatasetsAreTheMost(@TempDir Path dir) throws IOException {
        String lines = "ab\n".repeat(Limits.MIN_LINES);
        try (TestServer server = new TestServer(TestServer.options(dir))) {
            for (int k = 0; k < Limits.MAX_DATASETS; k++)
                assertEquals(201, server.post("/api/datasets?name=d" + k + "&kind=lines", "text/plain", lines).status());
            List<String> before;
            try (Stream<Path> list = Files.list(dir.resolve("datasets"))) { before = list.map(Path::toString).sorted().toList(); }
            TestServer.Response refused = server.post("/api/datasets?name=one-more&kind=lines", "text/plain", lines);
            ApiTest.assertError(refused, 429, null);
            assertNotNull(refused.header("Retry-After"));
            try (Stream<Path> list = Files.list(dir.resolve("datasets"))) { assertEquals(before, list.map(Path::toString).sorted().toList()); }
        }
    }

    @Test
    void labelsAndDeletionNeedTheOwnerToken() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append("x".repeat(1 + i % 4)).append('\n');
        JsonNode d = upload("labelled", "lines", sb.toString()).json();
        String id = d.get("id").asText(), token = d.get("ownerToken").asText();
        int characters = 0;
        for (int i = 0; i < 20; i++) characters += 1 + i % 4;
        StringBuilder labels = new StringBuilder("[");
        for (int i = 0; i < characters; i++) labels.append(i == 0 ? "" : ",").append(i % 3);
        String body = labels.append(']').toString();

        ApiTest.assertError(s.post("/api/datasets/" + id + "/labels?name=third", body), 403, null);
        ApiTest.assertError(withToken("/api/datasets/" + id + "/labels?name=third", "[1,2]", token), 400, "labels");
        ApiTest.assertError(withToken("/api/datasets/" + id + "/labels?name=third", body.replace("[0,", "[1e999,"), token), 400, null);
        ApiTest.assertError(withToken("/api/datasets/" + id + "/labels?name=indent", body, token), 400, "name");
        TestServer.Response ok = withToken("/api/datasets/" + id + "/labels?name=third", body, token);
        assertEquals(201, ok.status(), ok.body());
        assertEquals("[\"third\"]", ok.json().get("labels").toString());

        ApiTest.assertError(s.delete("/api/datasets/" + id, "wrong"), 403, null);
        assertEquals(204, s.delete("/api/datasets/" + id, token).status());
        assertEquals(404, s.get("/api/datasets/" + id).status());
        assertTrue(files().stream().noneMatch(f -> f.startsWith(id)), files().toString());
    }

    private static TestServer.Response withToken(String path, String json, String token) {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base() + path))
                .header("Content-Type", "application/json").header("X-Owner-Token", token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
        try {
            var r = s.client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new TestServer.Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDatasetModelTrainsInBitsPerCharacterAndIsAnalysed() throws Exception {
        String id = upload("code to train", "text", TestTexts.code(300, 3)).json().get("id").asText();
        ApiTest.assertError(s.post("/api/models", "{\"dataset\":\"" + id + "\",\"hidden\":257}"), 400, "hidden");
        ApiTest.assertError(s.post("/api/models", "{\"dataset\":\"" + id + "\",\"window\":5}"), 400, "window");
        ApiTest.assertError(s.post("/api/models", "{\"dataset\":\"" + id + "\",\"maxSeconds\":1801}"), 400, "maxSeconds");
        ApiTest.assertError(s.post("/api/models", "{\"dataset\":\"" + id + "\",\"afterLearned\":5}"), 400, "afterLearned");
        ApiTest.assertError(s.post("/api/models", "{\"dataset\":\"nope-1\"}"), 400, "dataset");
        ApiTest.assertError(s.post("/api/models", "{\"task\":\"counter\",\"window\":50}"), 400, "window");
        ApiTest.assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":65}"), 400, "hidden");

        TestServer.Response started = s.post("/api/models", "{\"dataset\":\"" + id + "\",\"hidden\":8,\"window\":20,\"batch\":8,\"maxSeconds\":4,\"seed\":2}");
        assertEquals(202, started.status(), started.body());
        String model = started.json().get("model").get("id").asText();
        JsonNode job = s.awaitJob(started.json().get("job").get("id").asText(), Duration.ofSeconds(60));
        assertEquals("done", job.get("status").asText(), job.toString());
        JsonNode curve = job.get("curve");
        assertTrue(curve.size() >= 2, job.toString());
        double first = curve.get(0).get("bitsPerCharacter").asDouble(), last = curve.get(curve.size() - 1).get("bitsPerCharacter").asDouble();
        assertTrue(last < first, "bits per character fall: " + first + " → " + last);

        JsonNode detail = s.get("/api/models/" + model).json();
        assertEquals("text", detail.get("datasetKind").asText());
        JsonNode summary = detail.get("training");
        assertEquals("time", summary.get("stopReason").asText(), "no learned stop");
        assertEquals(20, summary.get("config").get("window").asInt());
        double bits = summary.get("bitsPerCharacter").asDouble();
        assertTrue(bits > 0 && bits < Math.log(detail.get("vocab").size()) / Math.log(2), "better than uniform: " + bits);
        assertEquals(summary.get("nextCharAccuracy").asDouble(), detail.get("testAccuracy").asDouble(), 1e-12);
        assertTrue(detail.get("generalizationAccuracy").isNull());

        JsonNode probes = s.get("/api/models/" + model + "/probes?limit=5").json();
        assertTrue(probes.get("variables").has("line_position"), probes.toString());
        assertTrue(probes.get("variables").has("indent"), probes.toString());
        assertEquals(5, probes.get("ranking").size());
        assertEquals(200, s.get("/api/models/" + model + "/saturation").status());
        ApiTest.assertError(s.get("/api/models/" + model + "/length-sweep"), 400, null);
        JsonNode samples = s.get("/api/models/" + model + "/trace?sample=test&n=2").json();
        assertEquals(2, samples.get("traces").size());
        assertEquals(Limits.DEFAULT_WINDOW, samples.get("traces").get(0).get("input").asText().length(), "the start token and the window less its last character");
        JsonNode generated = s.post("/api/models/" + model + "/generate", "{\"prefix\":\"if (\",\"max\":120}").json();
        assertEquals(120, generated.get("continuation").asText().length(), "a text runs on past its newlines: " + generated);
        JsonNode intervened = s.post("/api/models/" + model + "/intervene",
                "{\"prefix\":\"call(\",\"interventions\":[{\"vector\":\"hidden\",\"unit\":0,\"mode\":\"zero\"}],\"max\":20}").json();
        assertTrue(intervened.get("originalTestAccuracy").asDouble() > 0, intervened.toString());
        assertEquals(200, s.get("/api/models/" + model + "/export?format=csv&n=1").status());

        // the text view: one unit over the test text as one stream, the same values a trace gives
        JsonNode view = s.post("/api/models/" + model + "/text", "{\"vector\":\"cell\",\"unit\":3}").json();
        assertEquals("test", view.get("source").asText());
        assertEquals(view.get("text").asText().length(), view.get("values").size());
        String piece = "call(\"s1\");\n";
        JsonNode pieceView = s.post("/api/models/" + model + "/text", "{\"input\":" + TestServer.JSON.writeValueAsString(piece)
                + ",\"vector\":\"cell\",\"unit\":3}").json();
        JsonNode trace = s.post("/api/models/" + model + "/trace", "{\"input\":" + TestServer.JSON.writeValueAsString("\n" + piece)
                + ",\"vectors\":\"cell\",\"units\":\"3\"}").json();
        for (int t = 0; t < piece.length(); t++)
            assertEquals(trace.get("layers").get(0).get("vectors").get("cell").get(t + 1).get(0).asDouble(),
                    pieceView.get("values").get(t).asDouble(), 1e-9, "after reading character " + t);
        ApiTest.assertError(s.post("/api/models/" + model + "/text", "{\"input\":\"é\",\"unit\":0}"), 422, "input");
        ApiTest.assertError(s.post("/api/models/" + model + "/text", "{\"input\":\"" + "a".repeat(20_001) + "\",\"unit\":0}"), 400, "input");
        ApiTest.assertError(s.post("/api/models/" + model + "/text", "{\"unit\":99}"), 400, "unit");

        // a model trained elsewhere gets the same suite when imported with its dataset
        String exported = s.get("/api/models/" + model + "/export?format=pytorch").body();
        TestServer.Response imported = s.post("/api/models/import", exported.replaceFirst("\\{", "{\"dataset\":\"" + id + "\","));
        assertEquals(201, imported.status(), imported.body());
        assertEquals("text", imported.json().get("datasetKind").asText());
        JsonNode again = s.get("/api/models/" + imported.json().get("id").asText() + "/probes?limit=5").json();
        assertEquals(probes.get("ranking").get(0).get("r").asDouble(), again.get("ranking").get(0).get("r").asDouble(), 1e-9);
        var counter = TestServer.randomModel("counter", "lstm", 4, 1, 1);
        String foreign = lstmexplorer.io.ModelFile.toJson(new lstmexplorer.train.TrainedModel(null, counter.vocabulary(), counter.network(), null));
        TestServer.Response refused = s.post("/api/models/import", foreign.replaceFirst("\\{", "{\"dataset\":\"" + id + "\","));
        ApiTest.assertError(refused, 422, "vocab");
        assertTrue(refused.json().get("characters").toString().contains("("), refused.body());
        ApiTest.assertError(s.post("/api/models/import", foreign.replaceFirst("\\{", "{\"dataset\":\"nope-1\",")), 400, "dataset");

        // a dataset models were trained on stays until they are gone
        String token = s.ownerTokens.get(id);
        assertNotNull(token);
        ApiTest.assertError(s.delete("/api/datasets/" + id, token), 409, null);
        assertEquals(200, s.get("/api/datasets/" + id).status());
    }
}
