package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lstmexplorer.io.Datasets;
import lstmexplorer.service.Limits;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import org.junit.jupiter.api.Test;

/** Traces of an input or of dataset sequences, and generation. */
class TracesApiTest extends ApiTest {
    @Test
    void tracesAnInput() {
        JsonNode t = s.post("/api/models/counter/trace", "{\"input\":\"\\naaXb\"}").ok();
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
        assertEquals(t, s.get("/api/models/counter/trace?input=" + q("\naaXb")).json());
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
        assertError(s.get("/api/models/counter/trace?input=" + q("a".repeat((int) Limits.INPUT.max() + 1))), 400, "input");
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
    void generatesGreedilyAndSaysWhereTheContinuationGoesWrong() {
        JsonNode g = s.post("/api/models/counter/generate", "{\"prefix\":\"aaX\",\"max\":30}").ok();
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
        assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"" + "a".repeat((int) Limits.INPUT.max() + 1) + "\"}"), 400, "prefix");
        assertError(s.post("/api/models/nope/generate", "{\"prefix\":\"aX\"}"), 404, null);
    }
}
