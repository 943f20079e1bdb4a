package lstmexplorer.train;

import lstmexplorer.model.Network;

/** The trained network with the story of its training. */
public record TrainingResult(Network network, TrainingSummary summary) {}
