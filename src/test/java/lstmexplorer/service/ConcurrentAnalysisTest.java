package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lstmexplorer.analysis.GateSaturation;
import lstmexplorer.analysis.ProbeLeaderboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first analyses of a dataset model, asked for together on a server that has cached nothing, give
 * what they give one after another: the test windows, their traces and their variables are one set,
 * whichever request made them.
 */
class ConcurrentAnalysisTest {
    private static final int THREADS = 6, ROUNDS = 6;
    @TempDir Path dir;

    /** A fresh server's services with the packaged code dataset and its gallery model, nothing computed yet. */
    private record Fresh(JobService jobs, ModelAnalysis analysis) implements AutoCloseable {
        static Fresh start(Path dir) throws Exception {
            DatasetStore datasets = new DatasetStore(dir.resolve("datasets"), Json.newMapper());
            GalleryService.addCodeDataset(datasets);
            datasets.load();
            ModelStore store = new ModelStore(dir, Json.newMapper());
            store.load();
            JobService jobs = new JobService(1, 1);
            ModelService models = new ModelService(store, jobs, new TaskCatalog(datasets), 10);
            assertTrue(new GalleryService(models, false, null).installCode(), "this build packages the code model");
            return new Fresh(jobs, new ModelAnalysis(models));
        }

        @Override public void close() { jobs.close(); }
    }

    /** What a failure shows: the leaderboard's best unit per variable, or that the saturation differs. */
    private static String best(Object answer) {
        if (!(answer instanceof ProbeLeaderboard board)) return "another saturation";
        return board.best().stream().map(p -> p.variable() + ": " + p.vector() + " " + p.unit() + String.format(" r = %.3f", p.r())).toList().toString();
    }

    @Test
    void theFirstProbesOfADatasetModelAskedForAtOnceEqualTheSequentialOnes() throws Exception {
        assertNotNull(GalleryService.codeCorpus(), "this build packages the code corpus");
        ProbeLeaderboard all, linePosition;
        GateSaturation saturation;
        try (Fresh alone = Fresh.start(dir.resolve("sequential"))) {
            all = alone.analysis().probes(GalleryService.CODE, null);
            linePosition = alone.analysis().probes(GalleryService.CODE, 1, 0, "cell", "line_position");
            saturation = alone.analysis().saturation(GalleryService.CODE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try (Fresh fresh = Fresh.start(dir.resolve("round" + round))) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Object>> answers = new ArrayList<>();
                    List<Object> expected = new ArrayList<>();
                    for (int k = 0; k < THREADS; k++) {
                        // as the text view, the probes panel and the saturation panel ask on opening a model
                        Callable<Object> ask = switch (k % 3) {
                            case 0 -> () -> fresh.analysis().probes(GalleryService.CODE, null);
                            case 1 -> () -> fresh.analysis().probes(GalleryService.CODE, 1, 0, "cell", "line_position");
                            default -> () -> fresh.analysis().saturation(GalleryService.CODE);
                        };
                        expected.add(switch (k % 3) { case 0 -> all; case 1 -> linePosition; default -> saturation; });
                        answers.add(pool.submit(() -> {
                            go.await();
                            return ask.call();
                        }));
                    }
                    go.countDown();
                    for (int k = 0; k < THREADS; k++) {
                        Object answer = answers.get(k).get(60, TimeUnit.SECONDS);
                        int r = round, request = k;
                        assertTrue(expected.get(k).equals(answer), () -> "round " + r + ", request " + request + ": " + best(answer)
                                + " instead of " + best(expected.get(request)));
                    }
                    // and what stays cached for the model is the sequential answer too
                    assertEquals(all.best(), fresh.analysis().probes(GalleryService.CODE, null).best(), "round " + round + ", cached");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
