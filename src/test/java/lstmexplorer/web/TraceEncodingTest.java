package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ?encoding=f32: the same trace, every matrix as base64 little-endian float32 with its shape; JSON stays the default. */
class TraceEncodingTest {
    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("copy_machine", TestServer.randomModel("copy_machine", "lstm", 7, 2, 5)));

    /** A Float32Matrix as doubles, after checking its shape against the JSON matrix. */
    static void assertSameMatrix(JsonNode json, JsonNode f32) {
        assertEquals("f32", f32.get("encoding").asText());
        int rows = f32.get("shape").get(0).asInt(), cols = f32.get("shape").get(1).asInt();
        assertEquals(json.size(), rows);
        assertEquals(json.get(0).size(), cols);
        ByteBuffer data = ByteBuffer.wrap(Base64.getDecoder().decode(f32.get("data").asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4 * rows * cols, data.remaining());
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) assertEquals((float) json.get(r).get(c).asDouble(), data.getFloat(), 0f, "[" + r + "][" + c + "]");
    }

    @Test
    void f32CarriesTheSameNumbersAsJson() {
        String input = URLEncoder.encode("\nabcXabc", StandardCharsets.UTF_8);
        JsonNode json = s.get("/api/models/copy_machine/trace?input=" + input).json();
        JsonNode f32 = s.get("/api/models/copy_machine/trace?encoding=f32&input=" + input).ok();
        assertEquals(json.get("input"), f32.get("input"));
        assertSameMatrix(json.get("probabilities"), f32.get("probabilities"));
        for (int l = 0; l < 2; l++)
            for (String v : new String[] {"cell", "hidden", "forget_gate", "input_gate", "output_gate", "candidate"})
                assertSameMatrix(json.get("layers").get(l).get("vectors").get(v), f32.get("layers").get(l).get("vectors").get(v));
        assertEquals(json, s.get("/api/models/copy_machine/trace?encoding=json&input=" + input).json(), "json is the default");

        JsonNode post = s.post("/api/models/copy_machine/trace?encoding=f32", "{\"input\": \"\\nabcXabc\", \"layer\": 1, \"units\": [0, 6]}").json();
        assertSameMatrix(sliceColumns(json.get("layers").get(1).get("vectors").get("cell"), 0, 6), post.get("layers").get(0).get("vectors").get("cell"));
        JsonNode samples = s.get("/api/models/copy_machine/trace?sample=test&n=2&encoding=f32").json();
        assertEquals("f32", samples.get("traces").get(1).get("probabilities").get("encoding").asText());

        TestServer.Response bad = s.get("/api/models/copy_machine/trace?encoding=f64&input=" + input);
        assertEquals(400, bad.status());
        assertEquals("encoding", bad.json().get("field").asText());
        assertTrue(bad.json().get("detail").asText().contains("f32"));
    }

    private static JsonNode sliceColumns(JsonNode m, int... columns) {
        var out = TestServer.JSON.createArrayNode();
        for (JsonNode row : m) {
            var r = out.addArray();
            for (int c : columns) r.add(row.get(c));
        }
        return out;
    }

    @Test
    void theDocumentDescribesTheEncoding() {
        JsonNode doc = s.get("/openapi.json").json();
        JsonNode params = doc.get("paths").get("/api/models/{id}/trace").get("get").get("parameters");
        boolean found = false;
        for (JsonNode p : params)
            if (p.get("name").asText().equals("encoding")) {
                found = true;
                assertEquals("json", p.get("schema").get("default").asText());
            }
        assertTrue(found, "encoding is a documented parameter");
        assertTrue(doc.get("components").get("schemas").has("Float32Matrix"));
    }
}
