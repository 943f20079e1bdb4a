package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API tests share: a server with three models (random weights under the gallery's ids
 * counter and copy_machine, and a GRU without a task) and helpers to check its answers. Each subclass
 * tests one resource against a server of its own.
 */
abstract class ApiTest {
    static final TrainedModel counter = TestServer.randomModel("counter", "lstm", 10, 1, 3);
    static final TrainedModel copy = TestServer.randomModel("copy_machine", "lstm", 6, 2, 4);

    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("counter", counter, "copy_machine", copy,
            "plain-00000001", TestServer.taskless("gru", 3, 1, 5)));

    static String q(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static void assertError(TestServer.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error"), r.body());
        assertTrue(body.hasNonNull("detail"), r.body());
        assertFalse(r.body().contains("at lstmexplorer."), "no stack trace: " + r.body());
        if (field != null) assertEquals(field, body.path("field").asText(), r.body());
    }

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
