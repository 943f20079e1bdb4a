package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.PyTorchStateDict;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

/** Models: listing, detail, training, deleting, importing and exporting. */
class ModelsApiTest extends ApiTest {
    @Test
    void listsTheGalleryFirstInTaskOrder() {
        JsonNode list = s.get("/api/models").json();
        assertEquals("counter", list.get(0).get("id").asText());
        assertEquals("copy_machine", list.get(1).get("id").asText());
        JsonNode c = list.get(0);
        assertTrue(c.get("gallery").asBoolean());
        assertEquals("ready", c.get("status").asText());
        assertEquals(counter.network().parameterCount(), c.get("parameters").asInt());
        assertTrue(c.get("traceable").asBoolean());
    }

    @Test
    void aModelShowsItsLayersVectorsAndTraining() {
        JsonNode m = s.get("/api/models/copy_machine").json();
        assertEquals("copy_machine", m.get("id").asText());
        assertEquals(2, m.get("layers").asInt());
        assertEquals(2, m.get("vectors").size());
        assertEquals("hidden", m.get("vectors").get(1).get(5).asText());
        assertTrue(m.get("training").isNull());
        assertError(s.get("/api/models/nope"), 404, null);
        assertError(s.get("/api/models/..%2F..%2Fetc"), 404, null);
        assertError(s.get("/api/models/UPPER"), 404, null);
    }

    @Test
    void trainsANewModel() throws Exception {
        TestServer.Response r = s.post("/api/models", "{\"task\":\"counter\",\"hidden\":4,\"maxSeconds\":20,\"seed\":2}");
        assertEquals(202, r.status(), r.body());
        JsonNode model = r.json().get("model"), job = r.json().get("job");
        assertTrue(model.get("id").asText().matches("counter-[0-9a-f]{8}"), model.toString());
        assertEquals(4, model.get("hidden").asInt());
        assertEquals("lstm", model.get("cell").asText());
        assertEquals(model.get("id").asText(), job.get("modelId").asText());
        JsonNode done = s.awaitJob(job.get("id").asText(), Duration.ofSeconds(60));
        assertEquals("done", done.get("status").asText(), done.toString());
        assertFalse(done.get("curve").isEmpty());
        JsonNode detail = s.get("/api/models/" + model.get("id").asText()).json();
        assertEquals("ready", detail.get("status").asText());
        assertEquals(2, detail.get("training").get("config").get("seed").asInt());
        assertEquals(4, detail.get("training").get("config").get("hidden").asInt());
        assertEquals(204, s.delete("/api/models/" + model.get("id").asText()).status());
    }

    @Test
    void rejectsBadTrainingRequests() {
        assertError(s.post("/api/models", "{}"), 400, "task");
        assertError(s.post("/api/models", "{\"task\":\"nope\"}"), 400, "task");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"cell\":\"transformer\"}"), 400, "cell");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":65}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":0}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":2.5}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"hidden\":\"8\"}"), 400, "hidden");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"layers\":4}"), 400, "layers");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"batch\":257}"), 400, "batch");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"learningRate\":0}"), 400, "learningRate");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"learningRate\":1.5}"), 400, "learningRate");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"maxSeconds\":601}"), 400, "maxSeconds");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"seed\":-1}"), 400, "seed");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"afterLearned\":-1}"), 400, "afterLearned");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"afterLearned\":100001}"), 400, "afterLearned");
        assertError(s.post("/api/models", "{\"task\":\"counter\",\"seed\":2147483648}"), 400, "seed");
        TestServer.Response unknown = s.post("/api/models", "{\"task\":\"counter\",\"epochs\":3}");
        assertError(unknown, 400, "epochs");
        assertTrue(unknown.json().get("detail").asText().contains("maxSeconds"), "lists the known fields");
        assertError(s.post("/api/models", "{\"task\":"), 400, null);
        assertError(s.post("/api/models", "[1,2]"), 400, null);
        assertError(s.post("/api/models", ""), 400, null);
        assertError(s.post("/api/models", "text/plain", "{\"task\":\"counter\"}"), 415, null);
        assertError(s.post("/api/models", null, "{\"task\":\"counter\"}"), 415, null);
        String huge = "{\"task\":\"counter\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        assertError(s.post("/api/models", huge), 413, null);
        assertEquals(3, s.get("/api/models").json().size(), "no model was created by a refused request");
    }

    @Test
    void deletesAModelOnceButNeverAGalleryModel() {
        String id = s.post("/api/models/import", ModelFile.toJson(TestServer.randomModel("counter", "lstm", 2, 1, 9))).json().get("id").asText();
        assertEquals(204, s.delete("/api/models/" + id).status());
        assertError(s.get("/api/models/" + id), 404, null);
        assertError(s.delete("/api/models/" + id), 404, null);
        assertError(s.delete("/api/models/counter"), 403, null);
        assertEquals(200, s.get("/api/models/counter").status());
    }

    @Test
    void importsOurFormatAndPyTorch() {
        TrainedModel m = TestServer.randomModel("state_memorizer", "lstm", 5, 1, 11);
        TestServer.Response r = s.post("/api/models/import?name=" + q("my memorizer"), ModelFile.toJson(m));
        assertEquals(201, r.status(), r.body());
        JsonNode info = r.json();
        assertTrue(info.get("id").asText().startsWith("state_memorizer-"));
        assertEquals("my memorizer", info.get("name").asText());
        assertEquals("imported", info.get("source").asText());
        assertFalse(info.get("gallery").asBoolean());

        TestServer.Response p = s.post("/api/models/import", PyTorchStateDict.write(m, "rnn.", "fc."));
        assertEquals(201, p.status(), p.body());
        String id = p.json().get("id").asText();
        // same weights, same trace
        JsonNode t1 = s.get("/api/models/" + info.get("id").asText() + "/trace?input=" + q("\nab")).json();
        JsonNode t2 = s.get("/api/models/" + id + "/trace?input=" + q("\nab")).json();
        assertEquals(t1.get("probabilities").get(2).get(1).asDouble(), t2.get("probabilities").get(2).get(1).asDouble(), 1e-12);

        assertEquals(204, s.delete("/api/models/" + id).status());
        assertEquals(204, s.delete("/api/models/" + info.get("id").asText()).status());
    }

    @Test
    void refusesBadImports() {
        assertError(s.post("/api/models/import", "{\"format\":\"something\"}"), 400, null);
        assertError(s.post("/api/models/import", "not json"), 400, null);
        assertError(s.post("/api/models/import", "text/plain", ModelFile.toJson(counter)), 415, null);
        assertError(s.post("/api/models/import", ModelFile.toJson(TestServer.randomModel("counter", "lstm", 1, 5, 1))), 400, "layers");
        // refused from the config alone, before a 2,000-unit network is allocated
        assertError(s.post("/api/models/import", ModelFile.toJson(counter).replaceFirst("\"hidden\" : \\d+", "\"hidden\" : 2000")), 400, "hidden");
        // the model claims the copy task but cannot read its characters
        String claimsCopy = ModelFile.toJson(counter).replace("\"task\" : \"counter\"", "\"task\" : \"copy_machine\"");
        TestServer.Response r = s.post("/api/models/import", claimsCopy);
        assertError(r, 422, "vocab");
        assertTrue(r.json().get("characters").size() > 0);
        assertError(s.post("/api/models/import?name=" + q("x".repeat(101)), ModelFile.toJson(counter)), 400, "name");
    }

    @Test
    void exportsTheModelFileAndPyTorch() {
        TestServer.Response r = s.get("/api/models/counter/export?format=model");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Disposition").contains("counter.json"));
        TrainedModel back = ModelFile.read(r.body());
        assertEquals(counter.network().parameters().get(0).value().get(2, 3), back.network().parameters().get(0).value().get(2, 3));
        assertEquals(200, s.get("/api/models/counter/export").status(), "model is the default format");

        JsonNode pt = s.get("/api/models/counter/export?format=pytorch").json();
        assertEquals(40, pt.get("state_dict").get("lstm.weight_ih_l0").size());
        assertEquals(4, pt.get("state_dict").get("decoder.weight").size());
        assertEquals(200, s.get("/api/models/plain-00000001/export?format=pytorch").status(), "GRU models export too");
        String peephole = s.post("/api/models/import", ModelFile.toJson(TestServer.randomModel("counter", "peephole", 2, 1, 8))).json().get("id").asText();
        assertError(s.get("/api/models/" + peephole + "/export?format=pytorch"), 400, "format");
        assertEquals(204, s.delete("/api/models/" + peephole).status());
    }

    @Test
    void exportsTracesAsCsv() {
        TestServer.Response r = s.get("/api/models/counter/export?format=csv&split=train&n=2&offset=1");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/csv"));
        String[] lines = r.body().split("\n");
        assertEquals("model,sequence,timestep,char,layer,vector,unit,value", lines[0]);
        List<String> train = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.TRAIN);
        int steps = train.get(1).length() + train.get(2).length();
        assertEquals(1 + steps * 6 * 10, lines.length);
        String[] first = lines[1].split(",");
        assertEquals(List.of("counter", "1", "0", "\\n", "0", "input_gate", "0"), List.of(first).subList(0, 7));
        assertEquals(Trace.of(counter, "\n").layers().get(0).vectors().get("input_gate")[0][0], Double.parseDouble(first[7]), 1e-15);
    }

    @Test
    void refusesBadExports() {
        assertError(s.get("/api/models/counter/export?format=pdf"), 400, "format");
        assertError(s.get("/api/models/counter/export?format=csv&split=nope"), 400, "split");
        assertError(s.get("/api/models/counter/export?format=csv&n=201"), 400, "n");
        assertError(s.get("/api/models/plain-00000001/export?format=csv"), 400, "sample");
        assertError(s.get("/api/models/nope/export"), 404, null);
    }
}
