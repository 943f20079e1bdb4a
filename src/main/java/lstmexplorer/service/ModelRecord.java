package lstmexplorer.service;

import java.time.Instant;
import java.util.List;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;

/**
 * One entry of the model store, immutable: replaced as a whole when anything about the model changes.
 *
 * @param task     the task name, or null for an imported model of unknown task
 * @param jobId    the training job while there is one in this server's lifetime
 * @param source   {@code trained}, {@code imported} or {@code file} (found in the data directory)
 * @param config   the training settings asked for, when the model was trained here
 * @param model    the weights, or null while training and after a failure
 * @param revision changes whenever the weights change, so caches keyed on it never serve stale results
 */
public record ModelRecord(String id, String task, String cell, int hidden, int layers, int parameters, List<String> vocab,
                          boolean gallery, ModelStatus status, Instant createdAt, String jobId, String error, String name,
                          String source, TrainingConfig config, TrainedModel model, long revision) {
    public ModelRecord {
        vocab = List.copyOf(vocab);
    }

    public boolean hasWeights() { return model != null; }

    public ModelRecord withStatus(ModelStatus s, String err) {
        return new ModelRecord(id, task, cell, hidden, layers, parameters, vocab, gallery, s, createdAt, jobId, err, name, source, config, model, revision);
    }

    public ModelRecord withModel(TrainedModel m, long rev) {
        return new ModelRecord(id, task, cell, hidden, layers, parameters, vocab, gallery, status, createdAt, jobId, error, name, source, config, m, rev);
    }
}
