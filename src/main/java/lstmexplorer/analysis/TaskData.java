package lstmexplorer.analysis;

import java.util.List;
import java.util.Optional;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;

/**
 * Where the analyses find a model's task and its sequences: the built-in tasks with their packaged
 * splits, and, through the server's catalogue, the users' datasets.
 */
public interface TaskData {
    /** The task a model was trained on; empty when it names none this server knows. */
    Optional<Task> taskOf(TrainedModel model);

    /** The sequences of a split. A dataset has no generalization set: its split is empty. */
    default List<String> sequences(Task task, Split split) {
        if (task instanceof CorpusTask corpus)
            return switch (split) {
                case TRAIN -> corpus.trainSequences();
                case TEST -> corpus.testSequences();
                case GENERALIZATION -> List.of();
            };
        return Datasets.read(task, split);
    }

    /** The built-in tasks only. */
    TaskData PACKAGED = model -> model.task() == null ? Optional.empty() : Tasks.byName(model.task());
}
