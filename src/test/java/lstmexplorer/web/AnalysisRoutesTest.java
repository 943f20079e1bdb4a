package lstmexplorer.web;

import static lstmexplorer.web.ApiTest.assertError;
import static lstmexplorer.web.ApiTest.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.SnapshotFile;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analysis endpoints: each one's happy path and an error of each class it can answer, on models
 * trained as the gallery trains them (task defaults, seed 1), so the probes must find the counting and
 * state units and clamping the counting unit must break the counter.
 */
class AnalysisRoutesTest {
    @RegisterExtension
    static final TestServer s = TestServer.perClass(dataDir -> {
        TestServer.seed(dataDir, "counter", train("counter", null));
        TestServer.seed(dataDir, "state_memorizer", train("state_memorizer", null));
        // a trained model that kept its training snapshots, as the job service saves them
        lstmexplorer.analysis.SnapshotRecorder recorder = new lstmexplorer.analysis.SnapshotRecorder();
        TrainedModel replayed = train("counter", recorder);
        SnapshotFile.save(replayed, recorder.snapshots(), dataDir.resolve("counter-0000aaaa.json"));
        TestServer.seed(dataDir, "plain-00000001", TestServer.taskless("gru", 3, 1, 5));
    });

    static TrainedModel train(String name, TrainingListener listener) {
        Task task = Tasks.byName(name).orElseThrow();
        TrainingConfig config = TrainingConfig.defaults(task).withSeed(1).withThreads(1);
        TrainingResult result = new Trainer(task, Datasets.read(task, Split.TRAIN), Datasets.read(task, Split.TEST),
                Datasets.read(task, Split.GENERALIZATION)).train(config, listener == null ? TrainingListener.NONE : listener, () -> false);
        return new TrainedModel(task.name(), task.vocabulary(), result.network(), result.summary());
    }

    static JsonNode best(JsonNode board, String variable) {
        for (JsonNode p : board.get("best")) if (p.get("variable").asText().equals(variable)) return p;
        throw new AssertionError("no best unit for " + variable + ": " + board.get("best"));
    }

    // --- probes

    @Test
    void probesFindTheCounterAndTheStateUnit() {
        JsonNode counter = s.get("/api/models/counter/probes?limit=5").json();
        assertEquals("counter", counter.get("task").asText());
        assertEquals(5, counter.get("ranking").size());
        JsonNode count = best(counter, "count");
        assertTrue(Math.abs(count.get("r").asDouble()) >= 0.9, count.toString());
        assertTrue(count.get("sentence").asText().contains("tracks"), count.toString());

        JsonNode state = best(s.get("/api/models/state_memorizer/probes").json(), "state");
        assertTrue(Math.abs(state.get("r").asDouble()) >= 0.9, state.toString());
    }

    @Test
    void refusesBadProbes() {
        assertError(s.get("/api/models/counter/probes?limit=0"), 400, "limit");
        assertError(s.get("/api/models/counter/probes?limit=x"), 400, "limit");
        assertError(s.get("/api/models/nope/probes"), 404, null);
        assertError(s.get("/api/models/plain-00000001/probes"), 400, null); // no task, so no test data
    }

    // --- interventions

    @Test
    void clampingTheCountingUnitBreaksTheCounter() {
        JsonNode count = best(s.get("/api/models/counter/probes").json(), "count");
        String body = "{\"prefix\":\"aaaaX\",\"interventions\":[{\"layer\":" + count.get("layer").asInt() + ",\"vector\":\""
                + count.get("vector").asText() + "\",\"unit\":" + count.get("unit").asInt() + ",\"mode\":\"mean\",\"from\":0}]}";
        JsonNode result = s.post("/api/models/counter/intervene", body).ok();
        assertEquals(1.0, result.get("originalTestAccuracy").asDouble());
        assertTrue(result.get("intervenedTestAccuracy").asDouble() < 0.5, result.toString());
        assertEquals("bbbb\n", result.get("originalGenerated").asText());
        assertEquals("bbbb\n", result.get("expected").asText());
        assertNotEquals(result.get("originalGenerated").asText(), result.get("intervenedGenerated").asText());
        assertEquals(count.get("mean").asDouble(), result.get("interventions").get(0).get("value").asDouble(), 1e-9,
                "mode mean holds the unit's test-set mean");
        assertEquals("\naaaaXbbbb", result.get("original").get("input").asText());
        assertTrue(result.get("intervened").get("layers").get(0).get("vectors").has("hidden"));
    }

    @Test
    void forcesGatesAndHoldsValues() {
        JsonNode result = s.post("/api/models/counter/intervene", "{\"prefix\":\"aaX\",\"max\":5,\"interventions\":["
                + "{\"vector\":\"forget_gate\",\"unit\":0,\"mode\":\"open\",\"from\":2},"
                + "{\"vector\":\"cell\",\"unit\":1,\"value\":0.25}]}").json();
        assertEquals(1.0, result.get("interventions").get(0).get("value").asDouble());
        assertEquals(0.25, result.get("interventions").get(1).get("value").asDouble());
        JsonNode cell = result.get("intervened").get("layers").get(0).get("vectors").get("cell");
        for (JsonNode step : cell) assertEquals(0.25, step.get(1).asDouble(), 1e-12);
    }

    @Test
    void refusesBadInterventions() {
        String path = "/api/models/counter/intervene";
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"interventions\":[]}"), 400, "interventions");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"interventions\":[{\"vector\":\"cell\",\"unit\":99}]}"), 400, "interventions[0].unit");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"interventions\":[{\"vector\":\"hidden\",\"unit\":0,\"mode\":\"open\"}]}"), 400,
                "interventions[0].mode");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"interventions\":[{\"vector\":\"forget_gate\",\"unit\":0,\"value\":2}]}"), 400,
                "interventions[0].value");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"interventions\":[{\"vector\":\"bogus\",\"unit\":0}]}"), 400, "interventions[0].vector");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"interventions\":[{\"vector\":\"cell\",\"unit\":0},{\"vector\":\"cell\",\"unit\":0}]}"),
                400, "interventions[1]");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"oops\":1,\"interventions\":[{\"vector\":\"cell\",\"unit\":0}]}"), 400, "oops");
        assertError(s.post(path, "{\"prefix\":\"aaX\",\"max\":0,\"interventions\":[{\"vector\":\"cell\",\"unit\":0}]}"), 400, "max");
        assertError(s.post(path, "{\"prefix\":\"acX\",\"interventions\":[{\"vector\":\"cell\",\"unit\":0}]}"), 422, "prefix");
        assertError(s.post("/api/models/nope/intervene", "{\"prefix\":\"aX\",\"interventions\":[{\"vector\":\"cell\",\"unit\":0}]}"), 404, null);
        assertError(s.post(path, "text/plain", "{}"), 415, null);
    }

    // --- hypothesis

    @Test
    void selectsUnitsAndMatchesThemElsewhere() {
        // threshold low enough that some units are on during the a's and off around them
        JsonNode h = s.post("/api/models/counter/hypothesis",
                "{\"input\":\"\\naaaXbbb\",\"vector\":\"hidden\",\"from\":1,\"to\":3,\"threshold\":0.0,\"limit\":3}").json();
        JsonNode sel = h.get("selection");
        assertEquals("aaa", sel.get("text").asText());
        assertTrue(sel.get("units").isArray());
        assertTrue(h.get("matches").size() <= 3);
        for (JsonNode m : h.get("matches")) {
            double j = m.get("jaccard").asDouble();
            assertTrue(j > 0 && j <= 1, m.toString());
        }
    }

    @Test
    void refusesBadHypotheses() {
        String path = "/api/models/counter/hypothesis";
        assertError(s.post(path, "{\"input\":\"\\naaXbb\",\"vector\":\"hidden\",\"from\":3,\"to\":2,\"threshold\":0.5}"), 400, "to");
        assertError(s.post(path, "{\"input\":\"\\naaXbb\",\"vector\":\"hidden\",\"from\":9,\"to\":9,\"threshold\":0.5}"), 400, "from");
        assertError(s.post(path, "{\"input\":\"\\naaXbb\",\"vector\":\"hidden\",\"from\":1,\"to\":2}"), 400, "threshold");
        assertError(s.post(path, "{\"input\":\"\\naaXbb\",\"vector\":\"hidden\",\"layer\":1,\"from\":1,\"to\":2,\"threshold\":0.5}"), 400, "layer");
        assertError(s.post(path, "{\"input\":\"\\naaXbb\",\"vector\":\"nope\",\"from\":1,\"to\":2,\"threshold\":0.5}"), 400, "vector");
        assertError(s.post(path, "{\"input\":\"\\naaQbb\",\"vector\":\"hidden\",\"from\":1,\"to\":2,\"threshold\":0.5}"), 422, "input");
        assertError(s.post("/api/models/nope/hypothesis", "{\"input\":\"a\",\"vector\":\"hidden\",\"from\":0,\"to\":0,\"threshold\":0.5}"), 404, null);
    }

    // --- saturation

    @Test
    void gateSaturationFractionsAreFractions() {
        JsonNode sat = s.get("/api/models/counter/saturation").json();
        assertEquals(0.1, sat.get("low").asDouble());
        assertEquals(0.9, sat.get("high").asDouble());
        JsonNode units = sat.get("units");
        assertEquals(3 * 10, units.size(), "three gates × ten units");
        for (JsonNode u : units) {
            double left = u.get("leftSaturated").asDouble(), right = u.get("rightSaturated").asDouble();
            assertTrue(left >= 0 && right >= 0 && left + right <= 1 + 1e-12, u.toString());
        }
        assertError(s.get("/api/models/nope/saturation"), 404, null);
        assertError(s.get("/api/models/plain-00000001/saturation"), 400, null);
    }

    // --- length sweep

    @Test
    void lengthSweepShowsWhereTheCounterStops() {
        JsonNode sweep = s.get("/api/models/counter/length-sweep?perSize=1&seed=3").json();
        JsonNode points = sweep.get("points");
        assertEquals(30, points.size());
        assertEquals(1, sweep.get("trainRange").get("min").asInt());
        for (JsonNode p : points) {
            if (p.get("inTrainingRange").asBoolean()) assertEquals(1.0, p.get("accuracy").asDouble(), p.toString());
            assertTrue(p.get("example").asText().endsWith("\n"));
        }
        assertError(s.get("/api/models/counter/length-sweep?perSize=0"), 400, "perSize");
        assertError(s.get("/api/models/counter/length-sweep?seed=-1"), 400, "seed");
        assertError(s.get("/api/models/nope/length-sweep"), 404, null);
    }

    // --- gradient flow

    @Test
    void gradientFlowThroughTime() {
        JsonNode g = s.post("/api/models/counter/gradient-flow", "{\"sequence\":\"aaaXbbb\\n\",\"target\":6}").json();
        assertEquals("\naaaXbb", g.get("read").asText());
        assertEquals("b", g.get("expected").asText());
        JsonNode states = g.get("layers").get(0).get("states");
        List<String> vectors = new ArrayList<>();
        for (JsonNode st : states) {
            vectors.add(st.get("vector").asText());
            assertEquals(7, st.get("norms").size());
            for (JsonNode n : st.get("norms")) assertTrue(n.asDouble() >= 0);
        }
        assertTrue(vectors.containsAll(List.of("cell", "hidden")), vectors.toString());
        // works without a task too
        assertEquals(200, s.post("/api/models/plain-00000001/gradient-flow", "{\"sequence\":\"aXb\\n\",\"target\":2}").status());
        assertError(s.post("/api/models/counter/gradient-flow", "{\"sequence\":\"aXb\",\"target\":3}"), 400, "target");
        assertError(s.post("/api/models/counter/gradient-flow", "{\"sequence\":\"aXb\"}"), 400, "target");
        assertError(s.post("/api/models/counter/gradient-flow", "{\"sequence\":\"aZb\",\"target\":1}"), 422, "sequence");
        assertError(s.post("/api/models/nope/gradient-flow", "{\"sequence\":\"aXb\",\"target\":1}"), 404, null);
    }

    // --- replay

    @Test
    void replaysTrainingFromTheSnapshotsInTheModelFile() throws Exception {
        List<Snapshot> kept = SnapshotFile.load(s.dataDir().resolve("counter-0000aaaa.json"));
        assertFalse(kept.isEmpty());
        JsonNode replay = s.get("/api/models/counter-0000aaaa/replay?layer=0&input=" + q("\naaXbb")).json();
        assertEquals(kept.size(), replay.get("snapshots").asInt());
        JsonNode frames = replay.get("frames");
        assertEquals(kept.size(), frames.size());
        for (int k = 1; k < frames.size(); k++)
            assertTrue(frames.get(k).get("step").asInt() > frames.get(k - 1).get("step").asInt(), "oldest first");
        assertEquals(6, frames.get(0).get("trace").get("probabilities").size());

        JsonNode none = s.get("/api/models/counter/replay?input=" + q("\naX")).json();
        assertEquals(0, none.get("frames").size());
        assertTrue(none.get("note").asText().contains("no training snapshots"));

        assertError(s.get("/api/models/counter/replay"), 400, "input");
        assertError(s.get("/api/models/counter/replay?layer=2&input=a"), 400, "layer");
        assertError(s.get("/api/models/counter/replay?input=" + q("aQ")), 422, "input");
        assertError(s.get("/api/models/nope/replay?input=a"), 404, null);
    }

    @Test
    void modelsTrainedByTheServerKeepTheirSnapshots() throws Exception {
        JsonNode started = s.post("/api/models", "{\"task\":\"counter\",\"maxSeconds\":3,\"seed\":2}").json();
        String id = started.get("model").get("id").asText();
        assertEquals("done", s.awaitJob(started.get("job").get("id").asText(), java.time.Duration.ofSeconds(60)).get("status").asText());
        JsonNode replay = s.get("/api/models/" + id + "/replay?input=" + q("\naaXbb")).json();
        assertTrue(replay.get("frames").size() >= 2, replay.toString().substring(0, 200));
        assertTrue(replay.get("frames").size() <= lstmexplorer.analysis.SnapshotRecorder.DEFAULT_CAPACITY);
        // still an ordinary model file
        lstmexplorer.io.ModelFile.load(s.dataDir().resolve(id + ".json"));
        s.delete("/api/models/" + id);
    }

    // --- documentation

    @Test
    void everyAnalysisIsInTheOpenApiDocumentAndTheApiPage() {
        JsonNode paths = s.get("/openapi.json").json().get("paths");
        String page = s.get("/api").body();
        for (String p : List.of("/api/models/{id}/probes", "/api/models/{id}/hypothesis", "/api/models/{id}/intervene",
                "/api/models/{id}/saturation", "/api/models/{id}/length-sweep", "/api/models/{id}/gradient-flow", "/api/models/{id}/replay")) {
            assertTrue(paths.has(p), p);
            assertTrue(page.contains(p), "the api page lists " + p);
        }
        assertTrue(paths.get("/api/models/{id}/intervene").get("post").get("responses").has("422"));
        JsonNode schemas = s.get("/openapi.json").json().get("components").get("schemas");
        List<String> refs = new ArrayList<>();
        ApiTest.collectRefs(s.get("/openapi.json").json(), refs);
        for (String ref : refs) assertTrue(schemas.has(ref.substring(ref.lastIndexOf('/') + 1)), "unresolved " + ref);
    }
}
