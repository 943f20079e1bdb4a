package lstmexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.io.Datasets;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.model.Parameter;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    static Trainer trainer(Task task) {
        return new Trainer(task, Datasets.read(task, Split.TRAIN), Datasets.read(task, Split.TEST), Datasets.read(task, Split.GENERALIZATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"counter", "selective_counter", "state_memorizer", "copy_machine"})
    void everyTaskIsLearnedWithDefaultSettings(String name) {
        Task task = Tasks.byName(name).orElseThrow();
        TrainingResult result = trainer(task).train(TrainingConfig.defaults(task).withSeed(1));
        TrainingSummary summary = result.summary();
        assertEquals("learned", summary.stopReason());
        assertEquals(1.0, summary.testAccuracy());
        assertNotNull(summary.sequencesToLearn());
        assertTrue(summary.sequencesToLearn() <= summary.sequences());
        // the generalization accuracy is the returned network's on the generalization split, not on the test set it learned
        EncodedSequences generalization = EncodedSequences.of(task, Datasets.read(task, Split.GENERALIZATION));
        assertEquals(Evaluator.sequenceAccuracy(result.network(), generalization), summary.generalizationAccuracy());
        assertEquals(1.0, Evaluator.sequenceAccuracy(result.network(), EncodedSequences.of(task, Datasets.read(task, Split.TEST))));
        // stopped at the second perfect evaluation in a row
        List<CurvePoint> curve = summary.curve();
        assertEquals(1.0, curve.get(curve.size() - 1).testAccuracy());
        assertEquals(1.0, curve.get(curve.size() - 2).testAccuracy());
    }

    /** The engine's promise: default settings learn every task for every seed from 1 to 5. */
    @ParameterizedTest
    @ValueSource(strings = {"counter", "selective_counter", "state_memorizer", "copy_machine"})
    void everyTaskIsLearnedForSeedsOneToFive(String name) {
        Task task = Tasks.byName(name).orElseThrow();
        Trainer trainer = trainer(task);
        for (long seed = 2; seed <= 5; seed++) { // seed 1 is covered above
            TrainingSummary summary = trainer.train(TrainingConfig.defaults(task).withSeed(seed).withThreads(2)).summary();
            assertEquals(1.0, summary.testAccuracy(), name + " seed " + seed + " stopped: " + summary.stopReason());
        }
    }

    @Test
    void trainsOnAfterLearnedAndStopsLearned() {
        Task task = Tasks.byName("state_memorizer").orElseThrow();
        TrainingSummary once = trainer(task).train(TrainingConfig.defaults(task)).summary();
        TrainingSummary on = trainer(task).train(TrainingConfig.defaults(task).withAfterLearned(200)).summary();
        assertEquals("learned", on.stopReason());
        assertEquals(once.sequencesToLearn(), on.sequencesToLearn(), "the same run up to the first 100%");
        assertTrue(on.steps() >= once.steps() + 200, once.steps() + " then " + on.steps());
        assertEquals(1.0, on.testAccuracy());
        List<CurvePoint> curve = on.curve();
        assertEquals(1.0, curve.get(curve.size() - 1).testAccuracy());
        assertEquals(1.0, curve.get(curve.size() - 2).testAccuracy());
    }

    /**
     * The counter of the story counts on past its training lengths (N ≤ 10). Stopped at its first 100%
     * it barely does (9% of N 11..20 for seed 1); trained on as its gallery model is, it does.
     */
    @Test
    void theGalleryCounterGeneralisesPastItsTrainingRange() {
        Task task = Tasks.byName("counter").orElseThrow();
        Trainer trainer = trainer(task);
        double[] accuracies = new double[5];
        for (int seed = 1; seed <= 5; seed++)
            accuracies[seed - 1] = trainer.train(TrainingConfig.defaults(task).withSeed(seed).withThreads(2)
                    .withAfterLearned(task.stepsAfterLearned())).summary().generalizationAccuracy();
        assertTrue(accuracies[0] >= 0.5, "seed 1, the gallery's: " + accuracies[0]);
        double[] sorted = accuracies.clone();
        java.util.Arrays.sort(sorted);
        assertTrue(sorted[2] >= 0.3, "median over seeds 1..5: " + java.util.Arrays.toString(accuracies));
        double stoppedAtOnce = trainer.train(TrainingConfig.defaults(task)).summary().generalizationAccuracy();
        assertTrue(accuracies[0] > stoppedAtOnce + 0.3, "training on helps: " + stoppedAtOnce + " then " + accuracies[0]);
    }

    @Test
    void sameSeedSameWeights() {
        Task task = Tasks.byName("counter").orElseThrow();
        TrainingConfig config = TrainingConfig.defaults(task).withSteps(30);
        List<Parameter> a = trainer(task).train(config).network().parameters();
        List<Parameter> b = trainer(task).train(config).network().parameters();
        for (int k = 0; k < a.size(); k++) assertTrue(a.get(k).value().data.length > 0 && java.util.Arrays.equals(a.get(k).value().data, b.get(k).value().data));
    }

    @Test
    void twoThreadsComputeTheSameUpdatesAsOne() {
        Task task = Tasks.byName("copy_machine").orElseThrow();
        TrainingConfig config = TrainingConfig.defaults(task).withSteps(20);
        List<Parameter> one = trainer(task).train(config).network().parameters();
        List<Parameter> two = trainer(task).train(config.withThreads(2)).network().parameters();
        for (int k = 0; k < one.size(); k++)
            for (int i = 0; i < one.get(k).size(); i++)
                assertEquals(one.get(k).value().data[i], two.get(k).value().data[i], 1e-9, one.get(k).name());
    }

    @Test
    void aSmallModelsBatchesRunAsOneShareOnTwoThreads() {
        // state_memorizer's 1 × 10 LSTM: every batch is below the work worth splitting, so two threads train to the same bits as one
        Task task = Tasks.byName("state_memorizer").orElseThrow();
        TrainingConfig config = TrainingConfig.defaults(task).withSteps(20);
        List<Parameter> one = trainer(task).train(config).network().parameters();
        List<Parameter> two = trainer(task).train(config.withThreads(2)).network().parameters();
        for (int k = 0; k < one.size(); k++)
            for (int i = 0; i < one.get(k).size(); i++)
                assertEquals(one.get(k).value().data[i], two.get(k).value().data[i], 0.0, one.get(k).name());
    }

    @Test
    void batchesAreSplitByTheirWork() {
        Network small = new Network(new NetworkConfig("lstm", 7, 10, 1)), copy = new Network(new NetworkConfig("lstm", 7, 20, 2));
        // timesteps × layers × hidden²: 320 × 1 × 100 = 32,000 is one share, 640 × 100 = 64,000 too, 656 × 100 = 65,600 two
        assertEquals(1, DataParallel.shares(small, 320, 2));
        assertEquals(1, DataParallel.shares(small, 640, 2));
        assertEquals(2, DataParallel.shares(small, 656, 2));
        // 255 × 2 × 400 = 204,000: two shares; one thread is one share whatever the work
        assertEquals(2, DataParallel.shares(copy, 255, 2));
        assertEquals(1, DataParallel.shares(copy, 255, 1));
        assertEquals(3, DataParallel.shares(copy, 255, 3));
    }

    @Test
    void fixedStepsRunExactlyThatManyAndReportProgress() {
        Task task = Tasks.byName("state_memorizer").orElseThrow();
        List<Progress> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onProgress(Progress p) { seen.add(p); }
        };
        TrainingSummary summary = trainer(task).train(TrainingConfig.defaults(task).withSteps(45).withEvaluateEvery(20), listener, () -> false).summary();
        assertEquals(45, summary.steps());
        assertEquals("steps", summary.stopReason());
        assertEquals(List.of(20, 40, 45), seen.stream().map(Progress::step).toList());
        assertEquals(1.0, seen.get(2).fraction());
    }

    @Test
    void cancellingStopsTheRun() {
        Task task = Tasks.byName("copy_machine").orElseThrow();
        AtomicInteger checks = new AtomicInteger();
        TrainingSummary summary = trainer(task).train(TrainingConfig.defaults(task), TrainingListener.NONE,
                () -> checks.incrementAndGet() > 5).summary();
        assertEquals("cancelled", summary.stopReason());
        assertEquals(5, summary.steps());
    }

    @Test
    void divergenceIsAClearFailure() {
        Task task = Tasks.byName("counter").orElseThrow();
        TrainingConfig absurd = TrainingConfig.defaults(task).withLearningRate(Double.MAX_VALUE).withSteps(50);
        TrainingFailedException e = assertThrows(TrainingFailedException.class, () -> trainer(task).train(absurd));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }
}
