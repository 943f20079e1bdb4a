package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

/** Every result is a plain record that Jackson turns into JSON as it is, for the web layer. */
class AnalysesTest {
    private final Analyses service = new Analyses();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyResultSerializesToJson() throws Exception {
        TrainedModel model = GalleryModels.get("counter");
        JsonNode probes = json.valueToTree(service.probes(model, 3));
        assertEquals(3, probes.get("ranking").size());
        assertTrue(probes.get("best").get(0).get("sentence").asText().contains("count"));
        assertTrue(probes.get("variables").has("steps_left"));

        JsonNode hypothesis = json.valueToTree(service.hypothesis(model, "\naaaaXbbbb\naa", 0, "hidden", 5, 9, 0.3, 5));
        assertTrue(hypothesis.get("selection").get("units").isArray());
        assertTrue(hypothesis.has("matches") && hypothesis.has("totalMatches"));

        JsonNode intervention = json.valueToTree(service.intervene(model, "aaX",
                List.of(UnitIntervention.forceGate(0, "forget_gate", 2, true, 1)), 20));
        assertEquals("forget_gate", intervention.get("interventions").get(0).get("vector").asText());
        assertTrue(intervention.get("original").get("layers").get(0).get("vectors").has("cell"));
        assertTrue(intervention.has("testAccuracyChange"));
        assertEquals("bb\n", intervention.get("expected").asText());

        JsonNode saturation = json.valueToTree(service.gateSaturation(model));
        assertEquals(30, saturation.get("units").size());

        JsonNode sweep = json.valueToTree(service.lengthSweep(model, 1, 1));
        assertEquals(1, sweep.get("trainRange").get("min").asInt());
        assertEquals(30, sweep.get("points").size());

        JsonNode flow = json.valueToTree(service.gradientFlow(model, "aaXbb\n", 4));
        assertEquals(5, flow.get("layers").get(0).get("states").get(1).get("norms").size());

        SnapshotRecorder recorder = new SnapshotRecorder(3);
        recorder.onEvaluation(new lstmexplorer.train.Progress(20, 640, 0.5, 0.25, 1.0, 0.1), model.network());
        JsonNode snapshot = json.valueToTree(recorder.snapshots().get(0));
        assertFalse(snapshot.has("network"), "weights travel through SnapshotFile, not with the record");
        JsonNode replay = json.valueToTree(service.replay(model, recorder.snapshots(), "\naX"));
        assertEquals(20, replay.get(0).get("step").asInt());
    }

    /** The server's limits are the service layer's to check; these are what an analysis cannot work with at all. */
    @Test
    void parametersAnAnalysisCannotWorkWithAreRefused() {
        TrainedModel model = GalleryModels.get("counter");
        assertThrows(IllegalArgumentException.class, () -> service.probes(model, 0));
        assertThrows(IllegalArgumentException.class, () -> service.hypothesis(model, "", 0, "hidden", 0, 0, 0.5, 5));
        assertThrows(IllegalArgumentException.class, () -> service.intervene(model, "aX", List.of(UnitIntervention.zero(0, "cell", 0, 0)), 0));
        assertThrows(IllegalArgumentException.class, () -> service.gradientFlow(model, "aXb\n", 4));
        TrainedModel foreign = new TrainedModel("state_memorizer", model.vocabulary(), model.network(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> service.gateSaturation(foreign));
        assertTrue(e.getMessage().contains("vocabulary"), e.getMessage());
    }
}
