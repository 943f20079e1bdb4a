package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lstmexplorer.service.GalleryService;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gallery trains on the first start, shows progress meanwhile, and loads from disk afterwards. */
class GalleryTest {
    @TempDir Path dataDir;

    @Test
    void trainsOnFirstStartAndLoadsAfterwards() throws Exception {
        // learning is what is checked, not speed: on a machine busy with other work the default time limit can run out first
        ServerOptions options = TestServer.options(dataDir).withGallery(true).withGalleryMaxSeconds(600.0);
        try (TestServer s = new TestServer(options)) {
            JsonNode first = s.get("/api/models").json();
            assertEquals(galleryIds(), ids(first));
            boolean anyTraining = false;
            for (JsonNode m : first) {
                assertTrue(m.get("gallery").asBoolean());
                anyTraining |= m.get("status").asText().equals("training");
            }
            assertTrue(anyTraining, "shown as training until ready");
            assertFalse(s.get("/api/health").json().get("ready").asBoolean());

            long t0 = System.nanoTime();
            while (!s.get("/api/health").json().get("ready").asBoolean()) {
                assertTrue(System.nanoTime() - t0 < 900e9, "gallery ready in time");
                Thread.sleep(100);
            }
            for (JsonNode m : s.get("/api/models").json()) {
                assertEquals("ready", m.get("status").asText());
                if (m.get("id").asText().equals(GalleryService.CODE))
                    assertTrue(m.get("bitsPerCharacter").asDouble() < 3, "the code model, as shipped: " + m);
                else assertEquals(1.0, m.get("testAccuracy").asDouble(), m.get("id").asText() + " learned its task");
                assertTrue(Files.exists(dataDir.resolve(m.get("id").asText() + ".json")));
            }
            assertEquals(403, s.delete("/api/models/counter").status());
        }
        try (TestServer s = new TestServer(options)) {
            assertTrue(s.get("/api/health").json().get("ready").asBoolean(), "ready at once from disk");
            assertEquals(0, s.get("/api/jobs").json().size(), "nothing retrained");
            assertEquals(galleryIds(), ids(s.get("/api/models").json()), "the gallery's tasks and the code model, each once");
        }
    }

    /** The gallery's task models, then the code model the jar ships. */
    private static List<String> galleryIds() {
        List<String> ids = new java.util.ArrayList<>(Tasks.gallery().stream().map(Task::name).toList());
        ids.add(GalleryService.CODE);
        return ids;
    }

    private static List<String> ids(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(m -> m.get("id").asText()).toList();
    }
}
