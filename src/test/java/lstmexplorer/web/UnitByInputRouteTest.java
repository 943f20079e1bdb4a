package lstmexplorer.web;

import static lstmexplorer.web.ApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lstmexplorer.analysis.TracedSequences;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A unit's value by the character it reads, over the test set: the tours' gate and memory claims rest on it. */
class UnitByInputRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("memory", TestServer.randomModel("state_memorizer", "lstm", 4, 1, 7)));

    /** The means recomputed from the test traces the traces endpoint answers, timestep 1 on as the probes read them. */
    @Test
    void meansByCharacterAndStateEqualTheTestTracesAveraged() throws Exception {
        Task task = Tasks.byName("state_memorizer").orElseThrow();
        List<String> test = Datasets.read(task, Split.TEST);
        List<String> inputs = test.stream().map(TracedSequences::modelInput).toList();
        JsonNode traces = s.post("/api/models/memory/traces", JSON.writeValueAsString(Map.of("inputs", inputs, "vectors", "input_gate")))
                .json().get("traces");
        Map<String, double[]> sums = new TreeMap<>();
        for (int k = 0; k < test.size(); k++) {
            double[] state = task.variables(test.get(k)).get("state");
            JsonNode gate = traces.get(k).get("layers").get(0).get("vectors").get("input_gate");
            for (int t = 1; t < inputs.get(k).length(); t++) {
                double[] sum = sums.computeIfAbsent(inputs.get(k).charAt(t) + "|" + state[t - 1], x -> new double[2]);
                sum[0]++;
                sum[1] += gate.get(t).get(2).asDouble();
            }
        }
        JsonNode answer = s.get("/api/models/memory/layers/0/units/2/by-input?vector=input_gate&groupBy=state").ok();
        assertEquals(test.size(), answer.get("sequences").asInt());
        assertEquals("state", answer.get("groupBy").asText());
        assertEquals(sums.size(), answer.get("groups").size(), answer.toString());
        for (JsonNode g : answer.get("groups")) {
            double[] sum = sums.get(g.get("ch").asText() + "|" + g.get("variable").asDouble());
            assertEquals(sum[0], g.get("count").asInt(), g.toString());
            assertEquals(sum[1] / sum[0], g.get("mean").asDouble(), 1e-9, g.toString());
            assertTrue(g.get("min").asDouble() <= g.get("mean").asDouble() + 1e-12 && g.get("mean").asDouble() <= g.get("max").asDouble() + 1e-12);
        }
        assertTrue(sums.containsKey("x|1.0") && sums.containsKey("x|-1.0"), "the x's after an A and after a B are groups of their own");
    }

    @Test
    void withoutGroupByEachCharacterIsOneGroupInVocabularyOrder() {
        JsonNode answer = s.get("/api/models/memory/layers/0/units/0/by-input?vector=cell").json();
        StringBuilder chars = new StringBuilder();
        for (JsonNode g : answer.get("groups")) {
            chars.append(g.get("ch").asText());
            assertTrue(g.get("variable").isNull());
        }
        StringBuilder vocab = new StringBuilder();
        for (JsonNode ch : s.get("/api/models/memory").json().get("vocab")) if (!ch.asText().equals("\n")) vocab.append(ch.asText());
        // every character but the newline is read after the start token (a sequence's last newline is what it predicts)
        assertEquals(vocab.toString(), chars.toString(), "each character read is one group, in the order of the vocabulary");
    }

    @Test
    void badFieldsAreNamed() {
        assertError(s.get("/api/models/memory/layers/0/units/4/by-input"), 400, "unit");
        assertError(s.get("/api/models/memory/layers/1/units/0/by-input"), 400, "layer");
        assertError(s.get("/api/models/memory/layers/0/units/0/by-input?vector=nope"), 400, "vector");
        assertError(s.get("/api/models/memory/layers/0/units/0/by-input?groupBy=nope"), 400, "groupBy");
        assertError(s.get("/api/models/memory/layers/x/units/0/by-input"), 400, "layer");
        assertEquals(404, s.get("/api/models/none/layers/0/units/0/by-input").status());
    }

    @Test
    void theTourPagesAreServedForTheToursThereAre() {
        for (String task : new String[] {"counter", "selective_counter", "state_memorizer", "copy_machine"})
            assertEquals(200, s.get("/tour/" + task).status(), task);
        TestServer.Response missing = s.get("/tour/anbn");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("no tour of"), missing.body());
        assertEquals(404, s.get("/tour/..%2Fpages%2Fnetwork").status());
    }
}
