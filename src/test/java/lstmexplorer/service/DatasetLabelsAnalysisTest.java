package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Corpus;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A label track added to a dataset after its model's probes were computed is in the next probes, not hidden by the cache. */
class DatasetLabelsAnalysisTest {
    @TempDir Path dir;

    @Test
    void aLabelTrackAddedAfterTheProbesIsInTheNextProbes() throws Exception {
        Corpus code = GalleryService.codeCorpus();
        assertNotNull(code, "this build packages the code corpus");
        DatasetStore datasets = new DatasetStore(dir.resolve("datasets"), Json.newMapper());
        datasets.load();
        String dataset = datasets.create("my sources", "text", code.text().getBytes(StandardCharsets.UTF_8)).id();
        ModelStore store = new ModelStore(dir, Json.newMapper());
        store.load();
        try (JobService jobs = new JobService(1, 1);
             InputStream in = GalleryService.class.getResourceAsStream("/datasets/code/model.json")) {
            TrainedModel read = ModelFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            TrainedModel model = new TrainedModel(dataset, read.vocabulary(), read.network(), read.summary());
            NetworkConfig c = model.network().config();
            store.add(new ModelRecord("mine", dataset, c.cell(), c.hidden(), c.layers(), model.network().parameterCount(),
                    model.vocabulary().chars().stream().map(String::valueOf).toList(), false, ModelStatus.READY, Instant.now(), null,
                    null, null, "imported", null, model, 0));
            ModelAnalysis analysis = new ModelAnalysis(new ModelService(store, jobs, new TaskCatalog(datasets), 10));

            assertFalse(analysis.probes("mine", null).variables().containsKey("third"));
            double[] third = new double[code.text().length()];
            for (int i = 0; i < third.length; i++) third[i] = i % 3;
            datasets.addLabels(dataset, "third", third);
            assertTrue(analysis.probes("mine", null).variables().containsKey("third"), "the new track is probed");
            assertEquals(1, analysis.probes("mine", 1, 0, "cell", "third").ranking().size(), "and ranked");
        }
    }
}
