package lstmexplorer.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model per task, named after the task, trained with the task's defaults (seed 1). On the first
 * start they are trained in the background through the {@link JobService} and saved; afterwards they
 * load from the data directory. A gallery model that is missing, broken or was not finished is
 * trained again.
 *
 * <p>A fifth gallery model reads a corpus: {@value #CODE}, an LSTM trained on a frozen snapshot of this
 * project's own Java sources ({@code datasets/code/}). It is trained once by the command in the README
 * and ships in the jar, so no server spends minutes of CPU on it at start; it is copied into the data
 * directory when missing there.
 *
 * @param enabled    false to leave the gallery out (tests, or a server for user models only)
 * @param maxSeconds overrides the training time limit of gallery runs; null for the task default
 */
public record GalleryService(ModelService models, boolean enabled, Double maxSeconds) {
    private static final Logger LOG = LoggerFactory.getLogger(GalleryService.class);
    /** The id of the code corpus and of its gallery model. */
    public static final String CODE = "code";
    private static final String CODE_TEXT = "/datasets/code/java-sources.txt", CODE_MODEL = "/datasets/code/model.json";

    /** Adds the built-in code dataset to a store, when this build packages its text. */
    public static void addCodeDataset(DatasetStore datasets) {
        Corpus code = codeCorpus();
        if (code != null) datasets.addBuiltIn(code);
    }

    /** The code corpus as packaged in the jar, or null in a build without it. */
    public static Corpus codeCorpus() {
        try (InputStream in = GalleryService.class.getResourceAsStream(CODE_TEXT)) {
            if (in == null) return null;
            return new Corpus(CODE, "LSTM Explorer's own Java sources", Corpus.Kind.TEXT,
                    Corpus.normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8)), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + CODE_TEXT, e);
        }
    }

    /** Copies the packaged code model into the store when it is not there; true when it is there afterwards. */
    boolean installCode() {
        ModelRecord r = models.find(CODE).orElse(null);
        if (r != null && r.gallery() && r.status() == ModelStatus.READY && r.hasWeights()) return true;
        try (InputStream in = GalleryService.class.getResourceAsStream(CODE_MODEL)) {
            if (in == null) return false;
            TrainedModel read = ModelFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            TrainedModel model = new TrainedModel(CODE, read.vocabulary(), read.network(), read.summary());
            if (r != null) models.store().remove(CODE);
            NetworkConfig c = model.network().config();
            models.store().add(new ModelRecord(CODE, CODE, c.cell(), c.hidden(), c.layers(), model.network().parameterCount(),
                    model.vocabulary().chars().stream().map(String::valueOf).toList(), true, ModelStatus.READY, Instant.now(), null,
                    null, null, "packaged", model.summary() == null ? null : model.summary().config(), model, 0));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not install the code gallery model", e);
            return false;
        }
    }

    /** Queues training for every gallery model not on disk; returns the ids it queued. */
    public List<String> start() {
        if (!enabled) return List.of();
        installCode();
        List<String> queued = new ArrayList<>();
        // Biggest network first: with one job per core the longest run should not start last.
        List<Task> order = new ArrayList<>(Tasks.gallery());
        order.sort(Comparator.comparingInt((Task t) -> t.defaultModel().layers() * t.defaultModel().hidden()
                * t.defaultModel().hidden()).reversed());
        for (Task task : order) {
            ModelRecord r = models.find(task.name()).orElse(null);
            if (r != null && r.gallery() && r.status() == ModelStatus.READY && r.hasWeights()) continue;
            try {
                if (r != null) models.store().remove(task.name());
            } catch (IOException e) {
                LOG.warn("could not replace gallery model {}", task.name(), e);
                continue;
            }
            TrainingConfig config = TrainingConfig.gallery(task);
            if (maxSeconds != null) config = config.withMaxSeconds(maxSeconds);
            try {
                models.train(task.name(), task, config, true);
                queued.add(task.name());
            } catch (ServiceException e) { // e.g. a training queue too small for the gallery
                LOG.warn("could not queue gallery model {}: {}", task.name(), e.getMessage());
            }
        }
        return queued;
    }

    /** Status of each gallery model, in task order. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        if (!enabled) return status;
        for (Task task : Tasks.gallery())
            status.put(task.name(), models.find(task.name()).map(r -> r.status().id()).orElse("missing"));
        return status;
    }

    /** True when every gallery model is ready (or the gallery is off). */
    public boolean ready() {
        if (!enabled) return true;
        for (Task task : Tasks.gallery())
            if (!models.find(task.name()).map(r -> r.status() == ModelStatus.READY).orElse(false)) return false;
        return true;
    }
}
