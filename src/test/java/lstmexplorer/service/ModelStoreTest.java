package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir Path dir;

    static TrainedModel model(String taskName) {
        Task task = Tasks.byName(taskName).orElseThrow();
        return new TrainedModel(task.name(), task.vocabulary(),
                Network.initialized(new NetworkConfig("lstm", task.vocabulary().size(), 3, 1), new Random(1)), null);
    }

    @Test
    void idsNeverReachTheFileSystemUnchecked() {
        ModelStore store = new ModelStore(dir, Json.newMapper());
        for (String bad : List.of("", "../x", "..", "a/b", "a\\b", "UPPER", "a.b", "x".repeat(65), "a b", "%2e%2e", "é"))
            assertFalse(ModelStore.validId(bad), bad);
        for (String good : List.of("counter", "counter-0a1b2c3d", "a_b", "x".repeat(64))) assertTrue(ModelStore.validId(good), good);
        ServiceException e = assertThrows(ServiceException.class, () -> store.modelFile("../outside"));
        assertEquals(ServiceException.Kind.BAD_REQUEST, e.kind());
        assertEquals(dir.toAbsolutePath().normalize(), store.modelFile("ok-1").getParent());
        assertTrue(store.find("../outside").isEmpty());
        assertEquals(ServiceException.Kind.NOT_FOUND, assertThrows(ServiceException.class, () -> store.require("../x")).kind());
    }

    @Test
    void loadsGoodFilesAndMovesBrokenOnesAside() throws Exception {
        ModelFile.save(model("counter"), dir.resolve("counter.json"));
        ModelFile.save(model("copy_machine"), dir.resolve("copy_machine-00000001.json"));
        Files.writeString(dir.resolve("counter-00000002.json"), "not json at all");
        Files.writeString(dir.resolve("counter-00000003.json"), "{\"format\": \"lstm-explorer/model\", \"version\": 1, \"vocab\": [\"a\"], "
                + "\"config\": {\"cell\": \"lstm\", \"hidden\": 2, \"layers\": 1}, \"weights\": {}}");
        Files.writeString(dir.resolve("counter.json.99.tmp"), "partial");
        Files.writeString(dir.resolve("Not An Id.json"), "{}");

        ModelStore store = new ModelStore(dir, Json.newMapper());
        ModelStore.LoadReport report = store.load();
        assertEquals(List.of("copy_machine-00000001", "counter"), report.loaded());
        assertEquals(2, report.movedAside().size(), report.toString());
        assertTrue(Files.exists(dir.resolve("broken/counter-00000002.json")));
        assertTrue(Files.exists(dir.resolve("broken/counter-00000003.json")));
        assertTrue(report.movedAside().get(1).contains("missing weight"), report.movedAside().toString());
        assertFalse(Files.exists(dir.resolve("counter.json.99.tmp")));
        assertTrue(Files.exists(dir.resolve("Not An Id.json")), "files that are not models are left alone");

        ModelRecord counter = store.require("counter");
        assertTrue(counter.gallery(), "named after its task");
        assertEquals(ModelStatus.READY, counter.status());
        assertEquals("file", counter.source());
        assertFalse(store.require("copy_machine-00000001").gallery());
    }

    @Test
    void aModelStillTrainingWhenTheServerStoppedIsInterrupted() throws Exception {
        ModelStore store = loaded();
        store.add(training("counter-0000000a", 4, Instant.parse("2025-01-01T00:00:00Z")));
        assertTrue(Files.exists(dir.resolve("counter-0000000a.meta.json")));
        assertFalse(Files.exists(dir.resolve("counter-0000000a.json")));

        ModelRecord r = loaded().require("counter-0000000a");
        assertEquals(ModelStatus.INTERRUPTED, r.status());
        assertEquals(4, r.config().hidden(), "the requested settings are kept for a retry");
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), r.createdAt());
        assertEquals(ModelStatus.INTERRUPTED, loaded().require("counter-0000000a").status(), "and says so on every later start");
    }

    @Test
    void weightsAreWrittenBeforeTheMetaThatPointsAtThem() throws Exception {
        ModelStore store = loaded();
        store.add(training("counter-0000000b", 3, Instant.now()));
        long before = store.require("counter-0000000b").revision();
        store.update("counter-0000000b", r -> r.withModel(model("counter"), 0).withStatus(ModelStatus.READY, null));
        ModelRecord r = store.require("counter-0000000b");
        assertTrue(r.revision() > before);
        assertTrue(Files.exists(dir.resolve("counter-0000000b.json")));
        ModelStore again = loaded();
        assertEquals(ModelStatus.READY, again.require("counter-0000000b").status());
        assertTrue(again.remove("counter-0000000b"));
        assertFalse(Files.exists(dir.resolve("counter-0000000b.json")));
        assertFalse(Files.exists(dir.resolve("counter-0000000b.meta.json")));
    }

    /** A store of the directory, read as the server reads it at start. */
    private ModelStore loaded() throws java.io.IOException {
        ModelStore store = new ModelStore(dir, Json.newMapper());
        store.load();
        return store;
    }

    /** A counter model that is still training, with no weights yet. */
    private static ModelRecord training(String id, int hidden, Instant createdAt) {
        Task task = Tasks.byName("counter").orElseThrow();
        return new ModelRecord(id, "counter", "lstm", hidden, 1, 100, List.of("\n", "X", "a", "b"), false, ModelStatus.TRAINING,
                createdAt, "job-1", null, null, "trained", TrainingConfig.defaults(task).withHidden(hidden), null, 0);
    }
}
