package lstmexplorer.service;

import java.util.List;

/**
 * The body of {@code POST /api/labs}: one task, 1 to 9 cell types, 1 to 5 seeds, the training range and
 * distribution, the time limit of each run and the threshold of set scoring. Every field but
 * {@code task} and {@code cells} may be left out (seeds 1, 2, 3; the task's range, uniform; 60 s; 0.05).
 */
public record LabRequest(String task, List<String> cells, List<Long> seeds, Integer trainMax, String lengths,
                         Double maxSeconds, Double threshold) {}
