package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainedModel;

/** Traces one input with each snapshot of a run, to watch units form over training time. */
public final class TrainingReplay {
    private TrainingReplay() {}

    /**
     * @param model     the trained model, for its vocabulary and task
     * @param snapshots its snapshots, oldest first; each must have the model's network shape
     * @param input     the text exactly as the model reads it (as for {@link Trace#of(TrainedModel, String)})
     */
    public static List<ReplayFrame> trace(TrainedModel model, List<Snapshot> snapshots, String input) {
        List<ReplayFrame> frames = new ArrayList<>(snapshots.size());
        for (Snapshot s : snapshots) {
            if (!s.network().config().equals(model.network().config()))
                throw new IllegalArgumentException("snapshot at step " + s.step() + " has shape " + s.network().config()
                        + ", the model " + model.network().config());
            TrainedModel then = new TrainedModel(model.task(), model.vocabulary(), s.network(), model.summary());
            frames.add(new ReplayFrame(s.step(), s.sequences(), s.loss(), s.testAccuracy(), Trace.of(then, input)));
        }
        return List.copyOf(frames);
    }
}
