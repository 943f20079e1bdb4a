package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lstmexplorer.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is lost across a restart; a broken file is set aside without stopping the rest. */
class RestartTest {
    @TempDir Path dataDir;

    @Test
    void modelsSurviveARestartAndABrokenFileIsMovedAside() throws Exception {
        String trained, imported, interrupted;
        JsonNode trace, detail;
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            JsonNode started = s.post("/api/models", "{\"task\":\"counter\",\"hidden\":4,\"seed\":3}").json();
            trained = started.get("model").get("id").asText();
            assertEquals("done", s.awaitJob(started.get("job").get("id").asText(), Duration.ofSeconds(60)).get("status").asText());
            imported = s.post("/api/models/import?name=kept", ModelFile.toJson(TestServer.randomModel("state_memorizer", "gru", 3, 2, 2)))
                    .json().get("id").asText();
            trace = s.get("/api/models/" + trained + "/trace?input=%0AaaXb").json();
            detail = s.get("/api/models/" + trained).json();
            JsonNode longJob = s.post("/api/models", JobsTest.LONG_JOB).json();
            interrupted = longJob.get("model").get("id").asText();
            JobsTest.awaitRunning(s, longJob.get("job").get("id").asText());
        } // stopped while the long job trains

        Files.writeString(dataDir.resolve("counter-0badf11e.json"), "{\"format\": \"lstm-explorer/model\", \"version\": 1, \"vocab\": [");
        Files.writeString(dataDir.resolve("copy_machine-00000abc.json.123.tmp"), "half a write");

        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            JsonNode again = s.get("/api/models/" + trained).json();
            assertEquals("ready", again.get("status").asText());
            assertEquals(detail.get("training"), again.get("training"), "training summary kept");
            assertEquals(detail.get("createdAt"), again.get("createdAt"));
            assertEquals(trace, s.get("/api/models/" + trained + "/trace?input=%0AaaXb").json(), "same weights, same trace");
            JsonNode imp = s.get("/api/models/" + imported).json();
            assertEquals("kept", imp.get("name").asText());
            assertEquals("gru", imp.get("cell").asText());

            JsonNode stopped = s.get("/api/models/" + interrupted).json();
            assertEquals("interrupted", stopped.get("status").asText());
            assertTrue(stopped.get("error").asText().contains("stopped"));

            assertEquals(404, s.get("/api/models/counter-0badf11e").status());
            assertTrue(Files.exists(dataDir.resolve("broken/counter-0badf11e.json")), "moved aside, not deleted");
            assertFalse(Files.exists(dataDir.resolve("counter-0badf11e.json")));
            assertEquals(1, s.server.loadReport().movedAside().size());
            assertTrue(s.server.loadReport().movedAside().get(0).contains("counter-0badf11e.json"));
            assertFalse(Files.exists(dataDir.resolve("copy_machine-00000abc.json.123.tmp")), "leftover temp file cleaned up");
            assertEquals(3, s.get("/api/models").json().size());
        }
    }
}
