package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import lstmexplorer.io.Datasets;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The echen export read as Edwin Chen's lstm-explorer reads it (app.js): one object, {@code data["chars"]},
 * and {@code data[vector + layerIndex][unit][t]} zipped with the characters, so every row is as long as chars.
 */
class EchenExportTest {
    static final List<String> ECHEN_VECTORS = List.of("cs", "hs", "f_gate", "i_gate", "j_gate", "o_gate");

    static final TrainedModel copy = TestServer.randomModel("copy_machine", "lstm", 6, 2, 4);
    static final TrainedModel gru = TestServer.randomModel("counter", "gru", 3, 1, 5);

    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("copy_machine", copy, "counter", gru));

    @Test
    void isTheOneObjectTheOriginalExplorerReads() {
        JsonNode data = s.get("/api/models/copy_machine/export?format=echen&split=test&n=3&offset=2").json();
        assertTrue(data.isObject(), "one object, not a list of sequences");
        List<String> tests = Datasets.read(Tasks.byName("copy_machine").orElseThrow(), Datasets.Split.TEST);
        String stream = tests.get(2) + tests.get(3) + tests.get(4);

        JsonNode chars = data.get("chars");
        assertEquals(stream.length(), chars.size());
        StringBuilder read = new StringBuilder();
        for (JsonNode ch : chars) read.append(ch.asText());
        assertEquals(stream, read.toString(), "the sequences one after another, each with its newline");

        for (int layerIndex = 0; layerIndex < 2; layerIndex++) {
            for (String vector : ECHEN_VECTORS) {
                JsonNode units = data.get(vector + layerIndex);
                assertEquals(6, units.size(), vector + layerIndex + ": one list per unit");
                for (JsonNode overTime : units) assertEquals(chars.size(), overTime.size(), vector + layerIndex + ": as long as chars");
            }
        }
        assertFalse(data.has("cs2"), "no third layer");

        // value [u][t] is unit u after reading chars[t], each sequence read from the zero state after the start token
        int second = tests.get(2).length();
        Trace t = Trace.of(copy, "\n" + tests.get(3));
        assertEquals(t.layers().get(1).vectors().get("cell")[1][4], data.get("cs1").get(4).get(second).asDouble(), 1e-12);
        assertEquals(t.layers().get(0).vectors().get("candidate")[3][5], data.get("j_gate0").get(5).get(second + 2).asDouble(), 1e-12);
        assertEquals(t.layers().get(0).vectors().get("hidden")[tests.get(3).length()][0],
                data.get("hs0").get(0).get(second + tests.get(3).length() - 1).asDouble(), 1e-12, "the final newline's step is kept");
    }

    @Test
    void leavesOutTheKeysACellLacks() {
        JsonNode data = s.get("/api/models/counter/export?format=echen&n=2").json();
        List<String> tests = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.TEST);
        assertEquals(tests.get(0).length() + tests.get(1).length(), data.get("chars").size());
        assertEquals(3, data.get("hs0").size());
        assertEquals(data.get("chars").size(), data.get("hs0").get(2).size());
        assertEquals(data.get("chars").size(), data.get("j_gate0").get(0).size(), "the GRU's candidate");
        for (String missing : List.of("cs0", "f_gate0", "i_gate0", "o_gate0"))
            assertFalse(data.has(missing), "a GRU has no " + missing);
    }
}
