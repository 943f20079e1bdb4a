package lstmexplorer.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.EncodedSequences;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import lstmexplorer.train.TrainedModel;

/** The gallery models, trained once per test JVM as the server trains them (a few seconds each). */
final class GalleryModels {
    private static final Map<String, TrainedModel> MODELS = new HashMap<>();

    private GalleryModels() {}

    static synchronized TrainedModel get(String taskName) {
        return MODELS.computeIfAbsent(taskName, name -> train(task(name), TrainingConfig.gallery(task(name)), TrainingListener.NONE));
    }

    static Task task(String name) { return Tasks.byName(name).orElseThrow(); }

    static TrainedModel train(Task task, TrainingConfig config, TrainingListener listener) {
        TrainingResult result = new Trainer(task, Datasets.read(task, Split.TRAIN), Datasets.read(task, Split.TEST),
                Datasets.read(task, Split.GENERALIZATION)).train(config, listener, () -> false);
        return new TrainedModel(task.name(), task.vocabulary(), result.network(), result.summary());
    }

    static List<String> test(String taskName) { return Datasets.read(task(taskName), Split.TEST); }

    static EncodedSequences encodedTest(String taskName) { return EncodedSequences.of(task(taskName), test(taskName)); }
}
