package lstmexplorer.service;

/**
 * The body of {@code POST /api/models}: a {@code task} or a {@code dataset} (exactly one); every other
 * field may be left out for the default. {@code window} is for text datasets only. {@code name} is an
 * optional name for people, shown instead of the id. {@code trainMax} and {@code lengths} choose a
 * task's training sizes (1..trainMax, drawn {@code uniform}, {@code short}- or {@code long}-biased);
 * {@code threshold} is the probability at which a character counts as deemed possible (the Dyck
 * languages are scored by it).
 */
public record TrainRequest(String task, String cell, Integer hidden, Integer layers, Double learningRate, Integer batch,
                           Long seed, Double maxSeconds, Integer afterLearned, String dataset, Integer window, String name,
                           Integer trainMax, String lengths, Double threshold) {
    public TrainRequest(String task, String cell, Integer hidden, Integer layers, Double learningRate, Integer batch,
                        Long seed, Double maxSeconds, Integer afterLearned) {
        this(task, cell, hidden, layers, learningRate, batch, seed, maxSeconds, afterLearned, null, null, null, null, null, null);
    }
}
