package lstmexplorer.train;

import lstmexplorer.model.Network;

/** Hears about a training run as it goes. Called on the training thread: return quickly. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** After each evaluation of the test set. */
    default void onProgress(Progress progress) {}

    /** After each evaluation too, with the live network: copy it to keep it. */
    default void onEvaluation(Progress progress, Network network) {}
}
