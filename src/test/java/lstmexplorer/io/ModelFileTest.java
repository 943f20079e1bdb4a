package lstmexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import lstmexplorer.model.CellTypes;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFileTest {
    @TempDir Path dir;

    static List<String> cells() { return CellTypes.names(); }

    @ParameterizedTest
    @MethodSource("cells")
    void saveAndLoadGiveTheSameNetworkForEveryCell(String cell) throws Exception {
        Task task = Tasks.byName("copy_machine").orElseThrow();
        Network net = Network.initialized(new NetworkConfig(cell, task.vocabulary().size(), 4, 2), new Random(1));
        TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), net, null);
        Path file = dir.resolve("m.json");
        ModelFile.save(model, file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(task.name(), loaded.task());
        assertEquals(task.vocabulary(), loaded.vocabulary());
        assertEquals(net.config(), loaded.network().config());
        Trace a = Trace.of(model, "\nabcXab"), b = Trace.of(loaded, "\nabcXab");
        for (int t = 0; t < a.length(); t++)
            for (int k = 0; k < a.vocab().size(); k++) assertEquals(a.probabilities()[t][k], b.probabilities()[t][k], 0.0);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList()); // no temp file left behind
        }
    }

    @Test
    void trainingSummaryRoundTrips() throws Exception {
        Task task = Tasks.byName("counter").orElseThrow();
        TrainingResult r = new Trainer(task, Datasets.read(task, Datasets.Split.TRAIN), Datasets.read(task, Datasets.Split.TEST),
                Datasets.read(task, Datasets.Split.GENERALIZATION)).train(TrainingConfig.defaults(task).withSteps(40));
        TrainedModel loaded = ModelFile.read(ModelFile.toJson(new TrainedModel(task.name(), task.vocabulary(), r.network(), r.summary())));
        assertEquals(r.summary(), loaded.summary());
    }

    @Test
    void badFilesAreClearErrors() {
        assertMessage("not valid JSON", "{");
        assertMessage("JSON object", "[1,2]");
        assertMessage("unknown model format", "{\"format\": \"x\"}");
        assertMessage("single characters", "{\"vocab\": [\"ab\"], \"state_dict\": {\"x\": [1]}}");
        String good = ModelFile.toJson(new TrainedModel("counter", Tasks.byName("counter").orElseThrow().vocabulary(),
                Network.initialized(new NetworkConfig("lstm", 4, 2, 1), new Random(1)), null));
        assertMessage("missing weight layers.0.W_h", good.replace("\"layers.0.W_h\"", "\"nope\""));
        assertMessage("layers.0.b: expected 1 rows of 8", good.replaceFirst("\"layers.0.b\" : \\[ \\[", "\"layers.0.b\" : [ [ 1.0, "));
        assertMessage("unsupported model file version", good.replace("\"version\" : 1", "\"version\" : 99"));
    }

    @Test
    void anUploadHandsBackItsDatasetAndIsHeldToTheBoundsThatNamesIt() throws Exception {
        String file = ModelFile.toJson(new TrainedModel(null, Tasks.byName("counter").orElseThrow().vocabulary(),
                Network.initialized(new NetworkConfig("lstm", 4, 3, 1), new Random(1)), null));
        ShapeBounds wide = new ShapeBounds(8, 2, 10), narrow = new ShapeBounds(2, 2, 10);
        ModelFile.Upload plain = ModelFile.readUpload(stream(file), wide, narrow);
        assertEquals(null, plain.dataset());
        assertEquals(3, plain.model().network().config().hidden());
        // "dataset" after the weights: the reader has streamed them before it knows which bounds apply
        String withDataset = file.substring(0, file.lastIndexOf('}')) + ", \"dataset\": \"code-1\"}";
        ModelFile.Upload ofDataset = ModelFile.readUpload(stream(withDataset), narrow, wide);
        assertEquals("code-1", ofDataset.dataset());
        assertEquals(3, ofDataset.model().network().config().hidden());
        ModelFormatException refused = assertThrows(ModelFormatException.class, () -> ModelFile.readUpload(stream(withDataset), wide, narrow));
        assertEquals("hidden", refused.field());
        ModelFormatException notAnId = assertThrows(ModelFormatException.class,
                () -> ModelFile.readUpload(stream(file.replaceFirst("\\{", "{\"dataset\": 7,")), wide, wide));
        assertEquals("dataset", notAnId.field());
    }

    private static java.io.InputStream stream(String json) {
        return new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void saveReplacesAtomicallyAndKeepsTheOldFileOnFailure() throws Exception {
        Path file = dir.resolve("m.json");
        TrainedModel model = new TrainedModel("counter", Tasks.byName("counter").orElseThrow().vocabulary(),
                Network.initialized(new NetworkConfig("lstm", 4, 2, 1), new Random(1)), null);
        ModelFile.save(model, file);
        String before = Files.readString(file);
        Path blocker = dir.resolve("sub");
        Files.writeString(blocker, "a file where a directory should be");
        assertThrows(java.io.IOException.class, () -> ModelFile.save(model, blocker.resolve("m.json")));
        assertEquals(before, Files.readString(file));
        assertFalse(Files.exists(blocker.resolve("m.json")));
        assertTrue(ModelFile.load(file).network().config().equals(model.network().config()));
    }

    private static void assertMessage(String expected, String json) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
