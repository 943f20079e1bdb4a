package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import lstmexplorer.service.Limits;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /api/models/{id}/traces: many inputs in one request, each answered as the single trace would be. */
class BatchTracesTest {
    static final TrainedModel copy = TestServer.randomModel("copy_machine", "lstm", 6, 2, 4);

    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("copy_machine", copy));

    static String body(List<String> inputs, String slicing) {
        ObjectNode b = TestServer.JSON.createObjectNode();
        ArrayNode list = b.putArray("inputs");
        inputs.forEach(list::add);
        String json = b.toString();
        return slicing.isEmpty() ? json : json.substring(0, json.length() - 1) + "," + slicing + "}";
    }

    static void assertError(TestServer.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertEquals(field, r.json().path("field").asText(), r.body());
        assertTrue(r.json().path("detail").asText().contains(field), r.body());
    }

    @Test
    void tracesEveryInputInOrderAsTheSingleTraceDoes() {
        List<String> inputs = List.of("\nabXab", "\nc", "\nabcabXabcab", "\nbX");
        JsonNode traces = s.post("/api/models/copy_machine/traces", body(inputs, "")).ok().get("traces");
        assertEquals(inputs.size(), traces.size());
        for (int k = 0; k < inputs.size(); k++) {
            JsonNode t = traces.get(k);
            assertEquals(inputs.get(k), t.get("input").asText());
            Trace alone = Trace.of(copy, inputs.get(k));
            int last = inputs.get(k).length() - 1;
            assertEquals(last + 1, t.get("layers").get(1).get("vectors").get("cell").size());
            assertEquals(alone.layers().get(1).vectors().get("cell")[last][3],
                    t.get("layers").get(1).get("vectors").get("cell").get(last).get(3).asDouble(), 1e-12);
            assertEquals(alone.probabilities()[0][2], t.get("probabilities").get(0).get(2).asDouble(), 1e-12);
            JsonNode single = s.post("/api/models/copy_machine/trace", body(List.of(), "").replace("\"inputs\":[]",
                    "\"input\":" + TestServer.JSON.valueToTree(inputs.get(k)))).json();
            assertEquals(single.get("layers"), t.get("layers"), "as POST /trace answers");
        }
    }

    @Test
    void slicesEveryTraceAlike() {
        TestServer.Response r = s.post("/api/models/copy_machine/traces",
                body(List.of("\nabXab", "\nabcXabc"), "\"layer\":1,\"vectors\":\"cell,hidden\",\"units\":[0,4],\"from\":1,\"to\":4"));
        assertEquals(200, r.status(), r.body());
        for (JsonNode t : r.json().get("traces")) {
            assertEquals(1, t.get("layers").size());
            assertEquals(1, t.get("layers").get(0).get("layer").asInt());
            assertEquals(List.of("cell", "hidden"), List.copyOf(iterable(t.get("layers").get(0).get("vectors").fieldNames())));
            assertEquals(3, t.get("layers").get(0).get("vectors").get("hidden").size());
            assertEquals(2, t.get("layers").get(0).get("vectors").get("hidden").get(0).size());
            assertEquals(1, t.get("from").asInt());
        }
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void anErrorNamesTheIndexOfTheBadInput() {
        String path = "/api/models/copy_machine/traces";
        assertError(s.post(path, body(List.of("\nab", "\nab", "\nabZ"), "")), 422, "inputs[2]");
        assertError(s.post(path, body(List.of("\nab", "x".repeat((int) Limits.INPUT.max() + 1)), "")), 400, "inputs[1]");
        assertError(s.post(path, body(List.of("\nab", ""), "")), 400, "inputs[1]");
        assertError(s.post(path, "{\"inputs\": [\"\\nab\", 7]}"), 400, "inputs[1]");
        assertError(s.post(path, "{\"inputs\": [null]}"), 400, "inputs[0]");
        assertError(s.post(path, "{\"inputs\": []}"), 400, "inputs");
        assertError(s.post(path, "{\"inputs\": \"\\nab\"}"), 400, "inputs");
        assertError(s.post(path, "{\"layer\": 0}"), 400, "inputs");
        assertError(s.post(path, body(java.util.Collections.nCopies((int) Limits.BATCH_INPUTS.max() + 1, "\nab"), "")), 400, "inputs");
        assertError(s.post(path, body(List.of("\nab"), "\"layer\":2")), 400, "layer");
        assertError(s.post(path, body(List.of("\nab"), "\"vectors\":[\"reset_gate\"]")), 400, "vectors");
        TestServer.Response unknown = s.post(path, body(List.of("\nab"), "\"input\":\"ab\""));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals(404, s.post("/api/models/nope/traces", body(List.of("\nab"), "")).status());
        assertEquals(200, s.post(path, body(java.util.Collections.nCopies((int) Limits.BATCH_INPUTS.max(), "\nab"), "")).status(), "200 inputs are fine");
    }

    @Test
    void anAnswerTooLargeIsRefusedBeforeTracing() {
        // 200 inputs of 1,000 characters, 2 layers × 6 vectors × 6 units + 4 probabilities: 15.2 million numbers
        String longInput = "\n" + "abcX".repeat(249) + "abc";
        TestServer.Response r = s.post("/api/models/copy_machine/traces", body(java.util.Collections.nCopies((int) Limits.BATCH_INPUTS.max(), longInput), ""));
        assertError(r, 400, "inputs");
        assertTrue(r.json().get("detail").asText().contains(String.valueOf(Limits.MAX_BATCH_VALUES)), r.body());
        assertEquals(200, s.post("/api/models/copy_machine/traces", body(java.util.Collections.nCopies((int) Limits.BATCH_INPUTS.max(), longInput),
                "\"layer\":0,\"vectors\":\"cell\",\"units\":[1]")).status(), "sliced, the same inputs fit");
    }

    @Test
    void isInTheOpenApiDocument() {
        JsonNode doc = s.get("/openapi.json").json();
        JsonNode op = doc.get("paths").get("/api/models/{id}/traces").get("post");
        assertEquals("#/components/schemas/TracesRequest", op.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asText());
        assertEquals(Limits.BATCH_INPUTS.max(), doc.get("components").get("schemas").get("TracesRequest").get("properties").get("inputs").get("maxItems").asInt());
        assertFalse(op.get("responses").has("500"));
    }
}
