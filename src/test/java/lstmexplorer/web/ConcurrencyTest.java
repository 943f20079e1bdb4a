package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many browsers at once: traces stay correct and reads stay quick while training runs. */
class ConcurrencyTest {
    @TempDir Path dataDir;

    @Test
    void manySimultaneousTracesWhileAJobTrains() throws Exception {
        TrainedModel model = TestServer.randomModel("copy_machine", "lstm", 20, 2, 21);
        TestServer.seed(dataDir, "copy_machine", model);
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            String job = s.post("/api/models", JobsTest.LONG_JOB).json().get("job").get("id").asText();
            JobsTest.awaitRunning(s, job);

            int threads = 16, perThread = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> results = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int thread = k;
                results.add(pool.submit(() -> {
                    long slowest = 0;
                    for (int i = 0; i < perThread; i++) {
                        // every request a different input, so each one runs a forward pass
                        String input = "\n" + "abcabcabcabc".substring(0, 1 + (thread * perThread + i) % 12) + "X";
                        long t0 = System.nanoTime();
                        TestServer.Response r = i % 2 == 0
                                ? s.get("/api/models/copy_machine/trace?input=" + URLEncoder.encode(input, StandardCharsets.UTF_8))
                                : s.post("/api/models/copy_machine/trace", TestServer.JSON.writeValueAsString(java.util.Map.of("input", input)));
                        slowest = Math.max(slowest, System.nanoTime() - t0);
                        assertEquals(200, r.status(), r.body());
                        JsonNode t = r.json();
                        double[][] expected = Trace.of(model, input).layers().get(1).vectors().get("cell");
                        JsonNode cell = t.get("layers").get(1).get("vectors").get("cell");
                        assertEquals(expected.length, cell.size());
                        int last = expected.length - 1;
                        assertEquals(expected[last][7], cell.get(last).get(7).asDouble(), 0, "trace of " + input);
                        // status reads are answered while training goes on
                        if (i % 5 == 0) assertEquals(200, s.get("/api/jobs/" + job).status());
                    }
                    return slowest;
                }));
            }
            long slowest = 0;
            for (Future<Long> f : results) slowest = Math.max(slowest, f.get(120, TimeUnit.SECONDS));
            pool.shutdown();
            assertEquals("running", s.get("/api/jobs/" + job).json().get("status").asText(), "training went on meanwhile");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest) < 5000, "no request waited for training: slowest " + slowest / 1e6 + " ms");
            assertEquals(202, s.delete("/api/jobs/" + job).status());
        }
    }
}
