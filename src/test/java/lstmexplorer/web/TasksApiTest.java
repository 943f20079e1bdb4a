package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import lstmexplorer.io.Datasets;
import lstmexplorer.task.Tasks;
import org.junit.jupiter.api.Test;

/** The tasks, their datasets, the cell types and the scoreboard. */
class TasksApiTest extends ApiTest {
    @Test
    void tasksComeWithVocabularyDelimiterDefaultModelRangesAndExamples() {
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
    void samplesArePagesOfATasksFixedDataset() {
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
    void cellsListTheVectorsEachRecords() {
        JsonNode cells = s.get("/api/cells").json();
        assertEquals("lstm", cells.get(0).get("name").asText());
        assertEquals(List.of("input_gate", "forget_gate", "output_gate", "candidate", "cell", "hidden"), strings(cells.get(0).get("vectors")));
    }

    @Test
    void theScoreboardIsTheBenchResultsPackagedWithTheBuild() {
        JsonNode board = s.get("/api/scoreboard").json();
        assertTrue(board.has("commit") && board.has("command"), "it says what made it");
        JsonNode rows = board.get("rows");
        assertTrue(rows.isArray() && rows.size() > 0);
        assertTrue(rows.get(0).has("task") && rows.get(0).has("cell"));
    }
}
