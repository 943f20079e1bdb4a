package lstmexplorer.service;

/** The body of {@code POST /api/models}; every field but {@code task} may be left out for the task's default. */
public record TrainRequest(String task, String cell, Integer hidden, Integer layers, Double learningRate, Integer batch,
                           Long seed, Double maxSeconds, Integer afterLearned) {}
