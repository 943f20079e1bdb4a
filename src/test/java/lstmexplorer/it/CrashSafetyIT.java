package lstmexplorer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

/**
 * kill -9 at random (seeded) moments while models train, finish and are saved and imported: every
 * file the dead server left is whole (the old or the new version, never torn), the next start loads
 * every model, and a training that was running when the server died is reported as interrupted, not
 * lost and not still "training".
 */
class CrashSafetyIT {
    static final long SEED = 20261122L;
    static final int ROUNDS = 5;
    /** Cannot finish in the few seconds before the kill: always running when the server dies. */
    static final String LONG_RUN = "{\"task\":\"counter\",\"hidden\":16,\"maxSeconds\":120,\"learningRate\":0.00001}";
    static final String SHORT_RUN = "{\"task\":\"counter\",\"hidden\":4,\"maxSeconds\":1}";

    @Test
    void killedAtRandomMomentsLeavesWholeFilesAndReportsInterruptedJobs() throws Exception {
        Path data = JarServer.galleryCopy();
        Random random = new Random(SEED);
        Map<String, String> imported = new HashMap<>(); // model id -> its file as the server writes it
        Set<String> created = ConcurrentHashMap.newKeySet();
        List<String> longRuns = new ArrayList<>();
        int interruptedSeen = 0, savedSeen = 0;
        try {
            for (int round = 0; round <= ROUNDS; round++) {
                try (JarServer s = JarServer.start(data, JarServer.NO_LIMITS)) {
                    s.awaitReady(Duration.ofSeconds(60));
                    // what the previous rounds left
                    Path broken = data.resolve("broken");
                    assertFalse(Files.isDirectory(broken) && Files.list(broken).findAny().isPresent(),
                            "files were moved aside as unreadable: " + (Files.isDirectory(broken) ? Files.list(broken).toList() : ""));
                    try (Stream<Path> files = Files.list(data)) {
                        assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "leftover temporary files are cleaned up at start");
                    }
                    Map<String, JsonNode> models = s.modelsById();
                    for (String id : JarServer.assertSettled(created, models)) {
                        assertTrue(models.get(id).get("traceable").asBoolean(), id);
                        assertEquals(200, s.post("/api/models/" + id + "/trace", "{\"input\":\"\\naaXbb\"}").status(), id);
                        savedSeen++;
                    }
                    for (String id : longRuns) {
                        JsonNode m = models.get(id);
                        assertEquals("interrupted", m.get("status").asText(), "a run killed mid-training: " + m);
                        assertTrue(m.hasNonNull("error"), m.toString());
                        interruptedSeen++;
                    }
                    longRuns.clear();
                    assertEquals(5, models.values().stream().filter(m -> m.get("gallery").asBoolean()).count(), "the four task models and the code model");
                    if (round == ROUNDS) break;

                    // work: one long run that will be cut off, short runs that finish and save, imports that save
                    String longId = s.train(LONG_RUN);
                    created.add(longId);
                    longRuns.add(longId);
                    s.killDuring(random, 2200, (stop, workRandom) -> work(s, stop, workRandom, created, imported));
                }
                // the files exactly as the dead server left them, before the next start tidies up
                checkFiles(data, imported);
            }
            assertTrue(interruptedSeen >= ROUNDS, "interrupted runs seen: " + interruptedSeen);
            assertTrue(savedSeen > 0, "some models were saved before a kill");
        } finally {
            JarServer.deleteTree(data);
        }
    }

    /** Short trainings and imports until stopped; connection errors after the kill are expected. */
    private static void work(JarServer s, AtomicBoolean stop, Random random, Set<String> created, Map<String, String> imported) {
        try {
            while (!stop.get()) {
                if (random.nextBoolean()) {
                    JarServer.Response r = s.post("/api/models", SHORT_RUN);
                    if (r.status() == 202) created.add(r.json().get("model").get("id").asText());
                } else {
                    TrainedModel model = randomModel(random);
                    String file = ModelFile.toJson(model);
                    JarServer.Response r = s.post("/api/models/import", file);
                    if (r.status() == 201) {
                        String id = r.json().get("id").asText();
                        synchronized (imported) { imported.put(id, file); }
                        created.add(id);
                    }
                }
                Thread.sleep(random.nextInt(150));
            }
        } catch (RuntimeException | InterruptedException e) {
            // the server was killed under this request
        }
    }

    private static TrainedModel randomModel(Random random) {
        Task task = Tasks.byName("copy_machine").orElseThrow();
        // big enough that writing the file takes a moment
        Network n = Network.initialized(new NetworkConfig("lstm", task.vocabulary().size(), 64, 3), random);
        return new TrainedModel(task.name(), task.vocabulary(), n, null);
    }

    /** Every model file loads; an imported one is byte for byte what was imported; every meta file is whole JSON. */
    private static void checkFiles(Path data, Map<String, String> imported) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".meta.json")) {
                    JsonNode meta = JarServer.JSON.readTree(f.toFile());
                    assertTrue(meta.hasNonNull("status"), name + ": " + meta);
                } else if (name.endsWith(".json")) {
                    TrainedModel model;
                    try {
                        model = ModelFile.load(f);
                    } catch (Exception e) {
                        throw new AssertionError("torn model file " + name + " (" + Files.size(f) + " bytes)", e);
                    }
                    String id = name.substring(0, name.length() - ".json".length());
                    String expected;
                    synchronized (imported) { expected = imported.get(id); }
                    if (expected != null) assertEquals(expected, ModelFile.toJson(model), name + " is not the imported model");
                }
            }
        }
    }
}
