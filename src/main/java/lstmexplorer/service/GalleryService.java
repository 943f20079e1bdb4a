package lstmexplorer.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model per task, named after the task, trained with the task's defaults (seed 1). On the first
 * start they are trained in the background through the {@link JobService} and saved; afterwards they
 * load from the data directory. A gallery model that is missing, broken or was not finished is
 * trained again.
 */
public final class GalleryService {
    private static final Logger LOG = LoggerFactory.getLogger(GalleryService.class);

    private final ModelService models;
    private final boolean enabled;
    private final Double maxSeconds;

    /**
     * @param enabled    false to leave the gallery out (tests, or a server for user models only)
     * @param maxSeconds overrides the training time limit of gallery runs; null for the task default
     */
    public GalleryService(ModelService models, boolean enabled, Double maxSeconds) {
        this.models = models;
        this.enabled = enabled;
        this.maxSeconds = maxSeconds;
    }

    public boolean enabled() { return enabled; }

    /** Queues training for every gallery model not on disk; returns the ids it queued. */
    public List<String> start() {
        if (!enabled) return List.of();
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
