package lstmexplorer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import lstmexplorer.TestTexts;
import org.junit.jupiter.api.Test;

/**
 * kill -9 at random (seeded) moments while datasets are uploaded and models train on them: every dataset
 * the server answered 201 for is still there after the next start with exactly the text it was given,
 * no dataset is half there (a text without its description, a torn description, a temporary file), and
 * a training on a dataset that the kill cut off is reported as interrupted, with its dataset intact.
 */
class DatasetCrashSafetyIT {
    static final long SEED = 20261201L;
    static final int ROUNDS = 4, MAX_UPLOADS = 40;

    @Test
    void killedWhileUploadingAndTrainingOnDatasetsLosesNothingSaved() throws Exception {
        Path data = Files.createTempDirectory("lstm-explorer-it-datasets-");
        Path datasets = data.resolve("datasets");
        Random random = new Random(SEED);
        Map<String, String> uploaded = new ConcurrentHashMap<>(); // dataset id -> the text the server accepted
        Set<String> models = ConcurrentHashMap.newKeySet();
        List<String> longRuns = new ArrayList<>();
        int interruptedSeen = 0, readySeen = 0;
        try {
            for (int round = 0; round <= ROUNDS; round++) {
                try (JarServer s = JarServer.start(data, JarServer.NO_LIMITS, "--no-gallery")) {
                    s.awaitReady(Duration.ofSeconds(60));
                    try (Stream<Path> files = Files.list(datasets)) {
                        List<String> left = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
                        assertTrue(left.isEmpty(), "leftover temporary files are cleaned up at start: " + left);
                    }
                    assertEquals(Set.of(), orphanTexts(datasets), "a text without its description is removed at start");
                    Map<String, JsonNode> listed = new HashMap<>();
                    for (JsonNode d : s.get("/api/datasets").json()) listed.put(d.get("id").asText(), d);
                    for (Map.Entry<String, String> e : uploaded.entrySet()) {
                        JsonNode d = listed.get(e.getKey());
                        assertNotNull(d, "dataset " + e.getKey() + " was answered 201, then lost");
                        assertEquals(e.getValue().length(), d.get("characters").asInt(), e.getKey());
                        assertEquals(e.getValue(), Files.readString(datasets.resolve(e.getKey() + ".txt")), e.getKey() + "'s text");
                        assertEquals(200, s.get("/api/datasets/" + e.getKey() + "/samples?split=test&n=2").status());
                    }
                    Map<String, JsonNode> byId = s.modelsById();
                    for (String id : JarServer.assertSettled(models, byId)) {
                        JarServer.Response text = s.post("/api/models/" + id + "/text", "{\"vector\":\"hidden\",\"unit\":0}");
                        assertEquals(200, text.status(), id + ": " + text.body());
                        readySeen++;
                    }
                    for (String id : longRuns) {
                        assertEquals("interrupted", byId.get(id).get("status").asText(), "a run killed mid-training: " + byId.get(id));
                        interruptedSeen++;
                    }
                    longRuns.clear();
                    if (round == ROUNDS) break;

                    // work: one long training on a dataset that will be cut off, uploads and short trainings that finish
                    String first = upload(s, new Random(random.nextLong()), uploaded);
                    assertNotNull(first, "an upload before any kill is accepted");
                    String longId = s.train("{\"dataset\":\"" + first + "\",\"hidden\":32,\"maxSeconds\":120}");
                    models.add(longId);
                    longRuns.add(longId);
                    s.killDuring(random, 2500, (stop, workRandom) -> work(s, stop, workRandom, uploaded, models));
                }
                checkFiles(datasets, uploaded);
            }
            assertTrue(interruptedSeen >= ROUNDS, "interrupted runs seen: " + interruptedSeen);
            assertTrue(uploaded.size() > ROUNDS, "uploads answered 201: " + uploaded.size());
        } finally {
            JarServer.deleteTree(data);
        }
    }

    /** Uploads and short trainings on them until stopped; connection errors after the kill are expected. */
    private static void work(JarServer s, AtomicBoolean stop, Random random, Map<String, String> uploaded, Set<String> models) {
        try {
            while (!stop.get()) {
                // uploads while there is room (50 datasets at most), and short trainings on them
                if (uploaded.isEmpty() || (random.nextInt(3) > 0 && uploaded.size() < MAX_UPLOADS)) {
                    upload(s, random, uploaded);
                } else {
                    List<String> ids = new ArrayList<>(uploaded.keySet());
                    String id = ids.get(random.nextInt(ids.size()));
                    JarServer.Response r = s.post("/api/models", "{\"dataset\":\"" + id + "\",\"hidden\":8,\"maxSeconds\":1}");
                    if (r.status() == 202) models.add(r.json().get("model").get("id").asText());
                }
                Thread.sleep(random.nextInt(100));
            }
        } catch (RuntimeException | InterruptedException e) {
            // the server was killed under this request
        }
    }

    /** Uploads a seeded text like source code, big enough that writing it takes a moment; its id if accepted. */
    private static String upload(JarServer s, Random random, Map<String, String> uploaded) {
        String text = TestTexts.code(2000 + random.nextInt(4000), random.nextLong());
        JarServer.Response r = s.send("POST", "/api/datasets?name=crash&kind=text", "text/plain; charset=utf-8",
                text.getBytes(StandardCharsets.UTF_8), Map.of());
        if (r.status() != 201) return null;
        String id = r.json().get("id").asText();
        uploaded.put(id, text);
        return id;
    }

    /** Texts the dead server left without a description: an upload cut off between its two writes. */
    private static Set<String> orphanTexts(Path datasets) throws Exception {
        try (Stream<Path> files = Files.list(datasets)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            Set<String> orphans = new java.util.TreeSet<>();
            for (String n : names)
                if (n.endsWith(".txt") && !names.contains(n.substring(0, n.length() - 4) + ".json")) orphans.add(n);
            return orphans;
        }
    }

    /**
     * The files as the dead server left them: every description is whole JSON whose text is there with its
     * character count, and every accepted upload is among them with its exact text.
     */
    private static void checkFiles(Path datasets, Map<String, String> uploaded) throws Exception {
        try (Stream<Path> files = Files.list(datasets)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json") || name.endsWith(".labels.json")) continue;
                JsonNode meta;
                try {
                    meta = JarServer.JSON.readTree(f.toFile());
                } catch (Exception e) {
                    throw new AssertionError("torn dataset description " + name + " (" + Files.size(f) + " bytes)", e);
                }
                String id = meta.get("id").asText();
                assertEquals(name, id + ".json");
                Path text = datasets.resolve(id + ".txt");
                assertTrue(Files.exists(text), "a description without its text: " + name);
                assertEquals(meta.get("characters").asInt(), Files.readString(text).length(), id + ": a torn text");
            }
        }
        for (Map.Entry<String, String> e : uploaded.entrySet()) {
            assertTrue(Files.exists(datasets.resolve(e.getKey() + ".json")), e.getKey() + " answered 201 but has no description on disk");
            assertEquals(e.getValue(), Files.readString(datasets.resolve(e.getKey() + ".txt")), e.getKey());
        }
        assertFalse(uploaded.isEmpty());
    }
}
