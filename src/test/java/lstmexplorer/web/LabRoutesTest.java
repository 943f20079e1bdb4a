package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counting lab over HTTP: a tiny lab runs to the end, bad requests are refused and queue nothing. */
class LabRoutesTest {
    @TempDir Path dataDir;

    @Test
    void aTinyLabTrainsSweepsAndSummarisesEveryRun() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            TestServer.Response started = s.post("/api/labs",
                    "{\"task\":\"anbn\",\"cells\":[\"lstm\",\"gru\"],\"seeds\":[1,2],\"trainMax\":4,\"maxSeconds\":20}");
            assertEquals(202, started.status(), started.body());
            String id = started.json().get("lab").get("id").asText();
            String token = started.json().get("ownerToken").asText();
            JsonNode lab = waitFor(s, id);
            assertEquals("done", lab.get("status").asText(), lab.toString());
            assertEquals(4, lab.get("total").asInt());
            assertEquals(4, lab.get("done").asInt());
            assertEquals(4, lab.get("trainMax").asInt());
            assertEquals(12, lab.get("sweepSizes").get("max").asInt(), "3 × trainMax");
            for (JsonNode run : lab.get("runs")) {
                assertEquals("done", run.get("status").asText(), run.toString());
                String model = run.get("modelId").asText();
                JsonNode m = s.get("/api/models/" + model).json();
                assertEquals("ready", m.get("status").asText());
                assertEquals(4, m.get("training").get("config").get("trainMax").asInt());
                assertEquals(12, run.get("accuracy").size(), "anbn sizes 1..12 are far below the input limit");
                JsonNode first = run.get("firstFailing");
                if (!first.isNull()) {
                    // the first failing size is the first size of the sweep with an accuracy below 1
                    int size = first.asInt();
                    for (JsonNode p : run.get("accuracy")) if (p.get(0).asInt() < size) assertEquals(1.0, p.get(1).asDouble());
                    assertTrue(run.get("playgroundInput").asText().matches("a+b"), run.toString());
                }
                assertFalse(run.get("countingUnit").isNull());
                // the lab's token opens the lab's models
                TestServer.Response deleted = s.delete("/api/models/" + model, token);
                assertEquals(204, deleted.status(), deleted.body());
            }
            JsonNode summary = lab.get("summary");
            assertEquals(List.of("lstm", "gru"), List.of(summary.get(0).get("cell").asText(), summary.get(1).get("cell").asText()));
            assertEquals(2, summary.get(0).get("finished").asInt());
            JsonNode weiss = lab.get("findings").get(0);
            assertTrue(weiss.get("source").asText().startsWith("Weiss, Goldberg & Yahav 2018"));
            assertTrue(List.of("agrees", "disagrees").contains(weiss.get("verdict").asText()), weiss.toString());
            TestServer.Response csv = s.get("/api/labs/" + id + "/export?format=csv");
            assertEquals(200, csv.status());
            assertTrue(csv.body().startsWith("task,train_max,lengths,threshold,cell,seed,model,"));
            assertEquals(1 + 4 * 12, csv.body().split("\n").length);
            assertEquals(id, s.get("/api/labs/" + id + "/export?format=json").json().get("id").asText());
            assertEquals(400, s.get("/api/labs/" + id + "/export?format=xml").status());
            assertEquals(404, s.get("/api/labs/lab-nope").status());
        }
    }

    @Test
    void badLabAndTrainingRequestsAreRefusedNamingTheFieldAndQueueNothing() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            String[][] bad = {
                    {"/api/models", "{\"task\":\"anbn\",\"trainMax\":0}", "trainMax"},
                    {"/api/models", "{\"task\":\"anbn\",\"trainMax\":101}", "trainMax"},
                    {"/api/models", "{\"task\":\"anbn\",\"lengths\":\"medium\"}", "lengths"},
                    {"/api/models", "{\"task\":\"dyck1\",\"threshold\":0}", "threshold"},
                    {"/api/models", "{\"task\":\"dyck1\",\"threshold\":1}", "threshold"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[]}", "cells"},
                    {"/api/labs", "{\"task\":\"anbn\"}", "cells"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\",\"rnn\",\"peephole\",\"cifg\",\"gru\",\"mgu\",\"gru1\",\"gru2\",\"gru3\",\"lstm\"]}", "cells"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"seeds\":[1,2,3,4,5,6]}", "seeds"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"seeds\":[]}", "seeds"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"trainMax\":101}", "trainMax"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"lengths\":\"longest\"}", "lengths"},
                    {"/api/labs", "{\"task\":\"dyck2\",\"cells\":[\"lstm\"],\"threshold\":1.5}", "threshold"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"maxSeconds\":0}", "maxSeconds"},
                    {"/api/labs", "{\"task\":\"nope\",\"cells\":[\"lstm\"]}", "task"},
                    {"/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstn\"]}", "cells"},
            };
            for (String[] b : bad) {
                TestServer.Response r = s.post(b[0], b[1]);
                assertEquals(400, r.status(), b[1] + " → " + r.body());
                assertTrue(r.json().get("detail").asText().contains(b[2]), r.body());
            }
            assertEquals(0, s.get("/api/jobs").json().size(), "nothing was queued");
            assertEquals(0, s.get("/api/models").json().size(), "no model was made");
        }
    }

    @Test
    void aLabSurvivesARestartAndOneTheServerStoppedSaysSo() throws Exception {
        String id, token;
        JsonNode before;
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            TestServer.Response started = s.post("/api/labs", "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"seeds\":[1],\"trainMax\":3,\"maxSeconds\":5}");
            assertEquals(202, started.status(), started.body());
            id = started.json().get("lab").get("id").asText();
            token = started.json().get("ownerToken").asText();
            before = waitFor(s, id);
            assertEquals("done", before.get("status").asText(), before.toString());
        }
        Path file = dataDir.resolve("labs").resolve(id + ".json");
        assertTrue(Files.exists(file), "the lab is a file in the data directory");
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            JsonNode after = s.get("/api/labs/" + id).json();
            for (String field : List.of("status", "runs", "summary", "findings", "createdAt", "trainMax", "cells", "seeds"))
                assertEquals(before.get(field), after.get(field), field);
            assertEquals(s.get("/api/labs/" + id + "/export?format=csv").status(), 200);
            // its owner token still stops it (it is done, so nothing changes) and opens its model
            assertEquals(202, s.delete("/api/labs/" + id, token).status());
            String model = after.get("runs").get(0).get("modelId").asText();
            assertEquals("ready", s.get("/api/models/" + model).json().get("status").asText());
        }

        // as a kill would leave it: the lab running, its run in training, a write never finished beside it
        ObjectNode killed = (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
        killed.put("status", "running");
        ((ObjectNode) killed.get("runs").get(0)).put("status", "training");
        Files.writeString(file, killed.toString());
        Path partial = dataDir.resolve("labs").resolve(id + ".json12345.tmp");
        Files.writeString(partial, "{\"id\": \"lab-");
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            JsonNode lab = s.get("/api/labs/" + id).json();
            assertEquals("failed", lab.get("status").asText(), lab.toString());
            assertTrue(lab.get("error").asText().contains("server stopped"), lab.toString());
            JsonNode run = lab.get("runs").get(0);
            assertEquals("failed", run.get("status").asText());
            assertTrue(run.get("error").asText().contains("server stopped"), run.toString());
            assertEquals(before.get("runs").get(0).get("modelId"), run.get("modelId"), "the run keeps its model");
            assertFalse(Files.exists(partial), "the unfinished write is removed");
        }
    }

    static JsonNode waitFor(TestServer s, String id) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode lab = s.get("/api/labs/" + id).json();
            if (List.of("done", "failed", "cancelled").contains(lab.get("status").asText())) return lab;
            Thread.sleep(200);
        }
        throw new AssertionError("lab " + id + " did not finish");
    }
}
