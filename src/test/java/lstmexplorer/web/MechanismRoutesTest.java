package lstmexplorer.web;

import static lstmexplorer.web.ApiTest.assertError;
import static lstmexplorer.web.ApiTest.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import lstmexplorer.analysis.Attribution;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dynamics, patching, the effect map, attribution, unit cards and unit search over REST: each happy path and each bad field. */
class MechanismRoutesTest {
    @RegisterExtension
    static final TestServer s = TestServer.perClass(dataDir -> {
        TestServer.seed(dataDir, "counter", train("counter"));
        TestServer.seed(dataDir, "plain-00000001", TestServer.taskless("gru", 3, 2, 5));
        // imported models of the counter task: one that knows more characters than the task, one whose state is too large to search
        Vocabulary wider = Vocabulary.of("\nXab{}#");
        TestServer.seed(dataDir, "wide-00000001", new TrainedModel("counter", wider,
                Network.initialized(new NetworkConfig("lstm", wider.size(), 6, 2), new Random(3)), null));
        TestServer.seed(dataDir, "large-00000001", TestServer.randomModel("counter", "lstm", 130, 1, 4));
    });

    static TrainedModel train(String name) {
        Task task = Tasks.byName(name).orElseThrow();
        TrainingResult result = new Trainer(task, Datasets.read(task, Split.TRAIN), Datasets.read(task, Split.TEST),
                Datasets.read(task, Split.GENERALIZATION)).train(TrainingConfig.gallery(task), TrainingListener.NONE, () -> false);
        return new TrainedModel(task.name(), task.vocabulary(), result.network(), result.summary());
    }

    /** The dynamics as a job: progress up to done, the same answer as the synchronous endpoint, then the cached answer at once. */
    @Test
    void dynamicsRunsAsAJobWhoseProgressGoesToDoneWithTheSameAnswer() throws Exception {
        String path = "/api/models/counter/dynamics/jobs?vectors=cell";
        JsonNode started = startDynamics(path);
        String job = started.get("id").asText();
        JsonNode polled = awaitDynamics("counter", started);
        assertEquals("done", polled.get("status").asText(), polled.toString());
        assertEquals(1.0, polled.get("fraction").asDouble());
        assertEquals(polled.get("total").asInt(), polled.get("done").asInt());
        JsonNode result = polled.get("result");
        assertEquals(List.of("cell"), ApiTest.strings(result.get("vectors")));
        assertEquals(4, result.get("inputs").size());
        assertEquals(result, s.get("/api/models/counter/dynamics?vectors=cell").json(), "the job's answer is the synchronous one");

        TestServer.Response cached = s.post(path, "");
        assertEquals(200, cached.status(), cached.body());
        assertTrue(cached.json().get("id").isNull(), cached.body());
        assertEquals(result, cached.json().get("result"));

        assertError(s.post("/api/models/counter/dynamics/jobs?vectors=forget_gate", ""), 400, "vectors");
        assertError(s.post("/api/models/counter/dynamics/jobs?point=" + q("a:b"), ""), 400, "point");
        assertError(s.post("/api/models/counter/dynamics/jobs?layer=1", ""), 400, "layer");
        assertError(s.post("/api/models/large-00000001/dynamics/jobs", ""), 400, null);
        assertError(s.post("/api/models/nope/dynamics/jobs", ""), 404, null);
        assertError(s.get("/api/models/counter/dynamics/jobs/job-00000000"), 404, null);
        assertError(s.get("/api/models/wide-00000001/dynamics/jobs/" + job), 404, null);
        assertError(s.delete("/api/models/counter/dynamics/jobs/job-00000000", null), 404, null);
        TestServer.Response kept = s.delete("/api/models/counter/dynamics/jobs/" + job, null);
        assertEquals(202, kept.status(), kept.body());
        assertEquals("done", kept.json().get("status").asText(), "a finished job stays as it was");
    }

    /** Starts a dynamics job: a 202 with the job, queued or running. */
    static JsonNode startDynamics(String path) {
        TestServer.Response started = s.post(path, "");
        assertEquals(202, started.status(), started.body());
        assertTrue(java.util.Set.of("queued", "running").contains(started.json().get("status").asText()), started.body());
        return started.json();
    }

    /** Polls a dynamics job until it is finished: its fraction never falls, and it has no result before the end. */
    static JsonNode awaitDynamics(String model, JsonNode job) throws InterruptedException {
        double fraction = 0;
        long end = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (java.util.Set.of("queued", "running").contains(job.get("status").asText())) {
            assertTrue(System.nanoTime() < end, "not finished: " + job);
            assertTrue(job.get("fraction").asDouble() >= fraction, "the fraction fell: " + job);
            fraction = job.get("fraction").asDouble();
            assertTrue(job.get("result").isNull(), "no result before the end: " + job);
            Thread.sleep(20);
            job = s.get("/api/models/" + model + "/dynamics/jobs/" + job.get("id").asText()).json();
        }
        return job;
    }

    /** A job everyone has let go stops, and the next request starts afresh. */
    @Test
    void aDynamicsJobLetGoEndsCancelledOrDoneAndIsNotCachedWhenCancelled() throws Exception {
        String path = "/api/models/wide-00000001/dynamics/jobs?layer=1";
        String job = startDynamics(path).get("id").asText();
        TestServer.Response joined = s.post(path, "");
        assertEquals(job, joined.json().get("id").asText(), "the same dynamics share one job");
        assertEquals(202, s.delete("/api/models/wide-00000001/dynamics/jobs/" + job, null).status());
        JsonNode after = s.get("/api/models/wide-00000001/dynamics/jobs/" + job).json();
        assertTrue(java.util.Set.of("queued", "running", "done").contains(after.get("status").asText()), "one asker still waits: " + after);
        s.delete("/api/models/wide-00000001/dynamics/jobs/" + job, null);
        after = awaitDynamics("wide-00000001", after);
        assertTrue(java.util.Set.of("done", "cancelled").contains(after.get("status").asText()), after.toString());
        if (after.get("status").asText().equals("cancelled")) {
            assertTrue(after.get("result").isNull(), after.toString());
            TestServer.Response again = s.post(path, "");
            assertEquals(202, again.status(), "nothing was cached: " + again.body());
            assertTrue(!again.json().get("id").asText().equals(job), again.body());
        }
    }

    @Test
    void dynamicsGivesComponentsFixedPointsAndTheLinearisationAtAPointAndIsCached() {
        TestServer.Response r = s.get("/api/models/counter/dynamics?vectors=cell,hidden&point=0:3");
        JsonNode d = r.ok();
        assertEquals(3, d.get("pca").get("explained").size());
        assertEquals(20, d.get("trajectories").size());
        assertEquals(4, d.get("inputs").size());
        JsonNode point = d.get("inputs").get(0).get("points").get(0);
        assertTrue(point.get("state").get("layers").get(0).has("cell"), point.toString());
        assertEquals(10, point.get("state").get("layers").get(0).get("hidden").size());
        assertTrue(point.get("slowestMode").get("units").get(0).has("vector"));
        assertEquals(3, d.get("point").get("t").asInt());
        assertEquals(r.body(), s.get("/api/models/counter/dynamics?vectors=cell,hidden&point=0:3").body(), "the same answer from the cache");

        assertError(s.get("/api/models/counter/dynamics?vectors=forget_gate"), 400, "vectors");
        assertError(s.get("/api/models/counter/dynamics?point=" + q("a:b")), 400, "point");
        assertError(s.get("/api/models/counter/dynamics?point=99999:0"), 400, "point");
        assertError(s.get("/api/models/counter/dynamics?point=0:500"), 400, "point");
        assertError(s.get("/api/models/counter/dynamics?layer=1"), 400, "layer");
        assertError(s.get("/api/models/plain-00000001/dynamics"), 400, null);
        assertError(s.get("/api/models/nope/dynamics"), 404, null);
    }

    @Test
    void patchingTheFullStateMakesTheBaseContinueAsTheSource() {
        JsonNode p = s.post("/api/models/counter/patch", "{\"base\":\"aaX\",\"source\":\"aaaaaX\",\"at\":3,\"sourceAt\":6,"
                + "\"patches\":[{\"layer\":0,\"vector\":\"state\",\"units\":\"all\"}]}").ok();
        assertEquals("bb\n", p.get("baseRun").get("text").asText());
        assertEquals("bbbbb\n", p.get("sourceRun").get("text").asText());
        assertEquals(p.get("sourceRun"), p.get("patchedRun"));
        assertEquals("bbbbb\n", p.get("expectedSource").asText());
        // at and sourceAt default to the last prefix steps
        assertEquals(p.get("patchedRun"), s.post("/api/models/counter/patch", "{\"base\":\"aaX\",\"source\":\"aaaaaX\","
                + "\"patches\":[{\"vector\":\"state\"}]}").json().get("patchedRun"));
        // works on a model without a task
        assertEquals(200, s.post("/api/models/plain-00000001/patch", "{\"base\":\"ab\",\"source\":\"ba\",\"max\":5,"
                + "\"patches\":[{\"layer\":1,\"vector\":\"hidden\",\"units\":[0,2]}]}").status());
    }

    @Test
    void badPatchFieldsAreNamedAndNothingIsStored() throws IOException {
        long files = files(), models = s.get("/api/models").json().size();
        String ok = "\"base\":\"aaX\",\"source\":\"aaaaaX\"";
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"at\":4,\"patches\":[{\"vector\":\"cell\"}]}"), 400, "at");
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"sourceAt\":7,\"patches\":[{\"vector\":\"cell\"}]}"), 400, "sourceAt");
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"patches\":[{\"vector\":\"cell\",\"units\":[10]}]}"), 400, "patches[0].units[0]");
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"patches\":[{\"vector\":\"reset_gate\"}]}"), 400, "patches[0].vector");
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"patches\":[{\"vector\":\"cell\",\"layer\":1}]}"), 400, "patches[0].layer");
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"patches\":[]}"), 400, "patches");
        assertError(s.post("/api/models/counter/patch", "{" + ok + ",\"patches\":[{\"vector\":\"cell\"}],\"extra\":1}"), 400, "extra");
        assertError(s.post("/api/models/counter/patch", "{\"base\":\"aaQ\",\"source\":\"aX\",\"patches\":[{\"vector\":\"cell\"}]}"), 422, "base");
        assertError(s.post("/api/models/counter/patch/effects", "{" + ok + ",\"vector\":\"reset_gate\"}"), 400, "vector");
        assertError(s.post("/api/models/counter/patch/effects", "{" + ok + ",\"vector\":\"cell\",\"units\":[3,99]}"), 400, "units[1]");
        assertError(s.post("/api/models/counter/patch/effects", "{\"base\":\"" + "a".repeat(201) + "\",\"source\":\"aX\",\"vector\":\"cell\"}"), 400, "base");
        String in = "\"input\":\"aaXbb\"";
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":5}"), 400, "target");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"steps\":0}"), 400, "steps");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"steps\":513}"), 400, "steps");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"method\":\"saliency\"}"), 400, "method");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"of\":{\"layer\":0,\"vector\":\"forget_gate\",\"unit\":0}}"), 400, "of.vector");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"of\":{\"vector\":\"cell\",\"unit\":10}}"), 400, "of.unit");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"of\":{\"vector\":\"cell\",\"unit\":1,\"x\":1}}"), 400, "of.x");
        assertError(s.post("/api/models/counter/attribution", "{" + in + ",\"target\":2,\"bogus\":1}"), 400, "bogus");
        assertError(s.get("/api/models/counter/layers/0/units/10/card"), 400, "unit");
        assertError(s.get("/api/models/counter/layers/0/units/1/card?vector=reset_gate"), 400, "vector");
        assertError(s.get("/api/models/counter/units/search"), 400, "q");
        assertEquals(files, files());
        assertEquals(models, s.get("/api/models").json().size());
    }

    @Test
    void theEffectMapAttributionCardAndSearch() {
        TestServer.Response e = s.post("/api/models/counter/patch/effects", "{\"base\":\"aaX\",\"source\":\"aaaaaX\",\"vector\":\"cell\"}");
        assertEquals(200, e.status(), e.body());
        assertEquals(10, e.json().get("effects").size());
        assertEquals(4, e.json().get("effects").get(0).size());
        assertTrue(e.json().get("fullState").asDouble() > e.json().get("unpatched").asDouble());

        TestServer.Response a = s.post("/api/models/counter/attribution", "{\"input\":\"aaaXbbb\",\"target\":6,\"steps\":64}");
        assertEquals(200, a.status(), a.body());
        assertEquals(8, a.json().get("attributions").size());
        assertTrue(a.json().get("completenessError").asDouble() < 0.01, a.body());
        assertTrue(a.json().get("complete").asBoolean(), a.body());
        assertEquals(Attribution.TOLERANCE, a.json().get("tolerance").asDouble(), "the page says 'within' what the server checked");
        assertEquals("gauss_legendre", a.json().get("rule").asText());
        assertEquals(64, a.json().get("stepsRequested").asInt());
        assertTrue(a.json().get("steps").asInt() >= 1 && a.json().get("nodesEvaluated").asInt() >= a.json().get("steps").asInt(), a.body());
        TestServer.Response u = s.post("/api/models/counter/attribution", "{\"input\":\"aaaXbbb\",\"target\":4,\"of\":{\"layer\":0,\"vector\":\"cell\",\"unit\":2},"
                + "\"method\":\"gradient_x_input\"}");
        assertEquals(200, u.status(), u.body());
        assertTrue(u.json().get("completenessError").isNull());
        assertTrue(u.json().get("complete").isNull());
        assertTrue(u.json().get("tolerance").isNull());

        JsonNode card = s.get("/api/models/counter/layers/0/units/3/card?vector=cell").json();
        assertEquals(10, card.get("top").size());
        assertEquals(20, card.get("histogram").get("counts").size());
        assertTrue(card.get("explanation").has("simulationScore"));
        assertTrue(card.get("ablation").has("zeroAccuracy"));

        JsonNode found = s.get("/api/models/counter/units/search?q=count&limit=3").json();
        assertTrue(found.get("variables").has("count"));
        assertTrue(found.get("units").size() >= 1 && found.get("units").size() <= 4, found.toString());
    }

    /** A model that reads more characters than its task: each analysis reads the task's test data with the model's own numbering. */
    @Test
    void aModelWithMoreCharactersThanItsTaskIsAnalysedOnTheTasksTestData() {
        TestServer.Response d = s.get("/api/models/wide-00000001/dynamics?point=0:2");
        assertEquals(200, d.status(), d.body());
        assertEquals(4, d.json().get("inputs").size(), "the task's characters are searched, not the three it never reads");
        assertTrue(d.json().get("notes").toString().contains("never reads 3"), d.json().get("notes").toString());
        assertEquals(24, d.json().get("stateSize").asInt());

        TestServer.Response card = s.get("/api/models/wide-00000001/layers/1/units/2/card");
        assertEquals(200, card.status(), card.body());
        double accuracy = card.json().get("ablation").get("nextCharacterAccuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, card.body());

        TestServer.Response patch = s.post("/api/models/wide-00000001/patch",
                "{\"base\":\"aaX\",\"source\":\"aaaaX\",\"patches\":[{\"layer\":0,\"vector\":\"state\"},{\"layer\":1,\"vector\":\"state\"}]}");
        assertEquals(200, patch.status(), patch.body());
        assertEquals(patch.json().get("sourceRun").get("text"), patch.json().get("patchedRun").get("text"), patch.body());
        TestServer.Response a = s.post("/api/models/wide-00000001/attribution", "{\"input\":\"aaXbb\",\"target\":4}");
        assertEquals(200, a.status(), a.body());
        assertTrue(a.json().get("completenessError").asDouble() < 0.01, a.body());

        TestServer.Response held = s.post("/api/models/wide-00000001/intervene",
                "{\"prefix\":\"aaX\",\"interventions\":[{\"layer\":0,\"vector\":\"cell\",\"unit\":1,\"mode\":\"zero\"}]}");
        assertEquals(200, held.status(), held.body());
        TestServer.Response sweep = s.get("/api/models/wide-00000001/length-sweep?perSize=2");
        assertEquals(200, sweep.status(), sweep.body());
        assertTrue(sweep.json().get("points").size() > 10, sweep.body());
    }

    @Test
    void dynamicsOfAStateTooLargeToSearchSaysWhy() {
        TestServer.Response d = s.get("/api/models/large-00000001/dynamics");
        assertEquals(400, d.status(), d.body());
        assertTrue(d.body().contains("260 entries") && d.body().contains("up to 256"), d.body());
        assertEquals(200, s.get("/api/models/large-00000001/layers/0/units/129/card").status(), "the unit card works at any size");
    }

    private static long files() throws IOException {
        try (Stream<Path> all = Files.walk(s.dataDir())) { return all.count(); }
    }
}
