package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training jobs over HTTP: live events, cancelling, a full queue. */
class JobsTest {
    @TempDir Path dataDir;

    @Test
    void eventStreamFollowsARealJobToDoneForEveryListener() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            JsonNode started = s.post("/api/models", "{\"task\":\"selective_counter\",\"maxSeconds\":30}").json();
            String job = started.get("job").get("id").asText(), model = started.get("model").get("id").asText();
            String url = s.base() + "/api/jobs/" + job + "/events";
            // two browsers watching the same job
            CompletableFuture<List<SseEvents.Event>> first = CompletableFuture.supplyAsync(() -> read(s, url));
            CompletableFuture<List<SseEvents.Event>> second = CompletableFuture.supplyAsync(() -> read(s, url));
            for (List<SseEvents.Event> events : List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS))) {
                SseEvents.Event last = events.get(events.size() - 1);
                assertEquals("done", last.name(), events.toString());
                assertEquals("done", last.data().get("status").asText());
                assertEquals(model, last.data().get("modelId").asText());
                List<SseEvents.Event> progress = events.subList(0, events.size() - 1);
                assertFalse(progress.isEmpty(), "progress before the end");
                int step = 0;
                for (SseEvents.Event e : progress) {
                    assertEquals("progress", e.name());
                    assertTrue(e.data().get("step").asInt() > step, "steps increase");
                    step = e.data().get("step").asInt();
                    for (String field : List.of("sequences", "loss", "testAccuracy", "elapsedSeconds", "fraction"))
                        assertTrue(e.data().has(field), field);
                }
                assertEquals(last.data().get("progress").get("step").asInt(), step, "the last progress is the job's final progress");
            }
            JsonNode m = s.get("/api/models/" + model).json();
            assertEquals("ready", m.get("status").asText(), "the model is saved before done is announced");
            assertEquals(1.0, m.get("testAccuracy").asDouble());
            // a late subscriber gets the final event at once
            List<SseEvents.Event> late = read(s, url);
            assertEquals(1, late.size());
            assertEquals("done", late.get(0).name());
        }
    }

    private static List<SseEvents.Event> read(TestServer s, String url) {
        try {
            return SseEvents.readAll(s.client, url, Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A job that would run for a minute: big network, a task that takes long to learn. */
    static final String LONG_JOB = "{\"task\":\"copy_machine\",\"hidden\":48,\"layers\":3,\"maxSeconds\":60,\"learningRate\":0.0001}";

    @Test
    void cancelsRunningAndQueuedJobs() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir).withWorkers(1))) {
            JsonNode a = s.post("/api/models", LONG_JOB).json(), b = s.post("/api/models", LONG_JOB).json();
            String jobA = a.get("job").get("id").asText(), jobB = b.get("job").get("id").asText();
            assertEquals("queued", s.get("/api/jobs/" + jobB).json().get("status").asText());

            TestServer.Response cancelB = s.delete("/api/jobs/" + jobB);
            assertEquals(202, cancelB.status());
            assertEquals("cancelled", cancelB.json().get("status").asText(), "a queued job ends at once");
            JsonNode modelB = s.get("/api/models/" + b.get("model").get("id").asText()).json();
            assertEquals("cancelled", modelB.get("status").asText());
            assertFalse(modelB.get("traceable").asBoolean());

            awaitProgress(s, jobA);
            CompletableFuture<List<SseEvents.Event>> events = CompletableFuture.supplyAsync(() -> read(s, s.base() + "/api/jobs/" + jobA + "/events"));
            Thread.sleep(200);
            assertEquals(202, s.delete("/api/jobs/" + jobA).status());
            List<SseEvents.Event> list = events.get(30, TimeUnit.SECONDS);
            assertEquals("cancelled", list.get(list.size() - 1).name());
            JsonNode modelA = s.get("/api/models/" + a.get("model").get("id").asText()).json();
            assertEquals("cancelled", modelA.get("status").asText());
            assertTrue(modelA.get("traceable").asBoolean(), "a cancelled run keeps the weights it reached");
            assertEquals(200, s.get("/api/models/" + modelA.get("id").asText() + "/trace?input=%0Aab").status());
            // cancelling a finished job changes nothing
            assertEquals("cancelled", s.delete("/api/jobs/" + jobA).json().get("status").asText());
        }
    }

    @Test
    void fullQueueAnswers429AndLeavesNoModelBehind() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir).withWorkers(1).withQueueCapacity(1))) {
            JsonNode a = s.post("/api/models", LONG_JOB).json();
            awaitRunning(s, a.get("job").get("id").asText());
            JsonNode b = s.post("/api/models", LONG_JOB).json();
            TestServer.Response c = s.post("/api/models", LONG_JOB);
            assertEquals(429, c.status(), c.body());
            assertTrue(c.json().get("detail").asText().contains("queue is full"));
            assertEquals(2, s.get("/api/models").json().size());
            // once a place frees up, training is accepted again
            s.delete("/api/jobs/" + b.get("job").get("id").asText());
            assertEquals(202, s.post("/api/models", LONG_JOB).status());
        }
    }

    @Test
    void tooManyStoredModelsAnswers429() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir).withMaxStoredModels(1))) {
            String model = lstmexplorer.io.ModelFile.toJson(TestServer.randomModel("counter", "lstm", 2, 1, 1));
            assertEquals(201, s.post("/api/models/import", model).status());
            TestServer.Response r = s.post("/api/models/import", model);
            assertEquals(429, r.status());
            assertTrue(r.json().get("detail").asText().contains("delete some"));
            assertEquals(429, s.post("/api/models", "{\"task\":\"counter\"}").status());
        }
    }

    static void awaitRunning(TestServer s, String job) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (s.get("/api/jobs/" + job).json().get("status").asText().equals("running")) return;
            Thread.sleep(25);
        }
        throw new AssertionError("job " + job + " never started");
    }

    static void awaitProgress(TestServer s, String job) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (!s.get("/api/jobs/" + job).json().get("progress").isNull()) return;
            Thread.sleep(25);
        }
        throw new AssertionError("job " + job + " made no progress");
    }
}
