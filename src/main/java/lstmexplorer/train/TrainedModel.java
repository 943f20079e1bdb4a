package lstmexplorer.train;

import lstmexplorer.model.Network;
import lstmexplorer.task.Vocabulary;

/**
 * A network with what it needs to be used: its vocabulary, the task it was trained on (null for an
 * imported model of unknown task) and its training summary (null when it was not trained here).
 */
public record TrainedModel(String task, Vocabulary vocabulary, Network network, TrainingSummary summary) {
    public TrainedModel {
        if (vocabulary.size() != network.vocabSize())
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " characters but the network reads " + network.vocabSize());
    }
}
