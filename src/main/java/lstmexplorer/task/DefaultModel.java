package lstmexplorer.task;

/** The network shape a task is meant to be learned with. */
public record DefaultModel(int layers, int hidden) {}
