package lstmexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmexplorer.task.Tasks;
import org.junit.jupiter.api.Test;

/** The stop rule and the bookkeeping of evaluations, without training anything. */
class TrainingRunTest {
    private static final TrainingConfig UNTIL_LEARNED = TrainingConfig.defaults(Tasks.all().get(0)).withEvaluateEvery(10).withMaxSeconds(60);

    /** Runs {@code steps} steps of one 4-sequence batch of 20 characters, evaluating with {@code accuracy} when due. */
    private static void run(TrainingRun run, int steps, double accuracy) {
        for (int k = 0; k < steps; k++) {
            assertFalse(run.shouldStop(1, () -> false), "stopped at step " + run.step() + ": " + run.stopReason());
            run.stepped(4, 20, 0.5);
            if (run.evaluationDue()) run.evaluate(accuracy, null, 1);
        }
    }

    @Test
    void aRunStopsAtItsSecondPerfectEvaluationInARow() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED, false);
        run(run, 20, 0.9);
        run(run, 10, 1.0);
        assertFalse(run.shouldStop(1, () -> false), "one perfect evaluation is not yet learned");
        run(run, 10, 1.0);
        assertTrue(run.shouldStop(1, () -> false));
        assertEquals("learned", run.stopReason());
        TrainingSummary s = run.summary("counter", 2, 1, 0.5);
        assertEquals(40, s.steps());
        assertEquals(160, s.sequences());
        assertEquals(800, s.timesteps());
        assertEquals(120, s.sequencesToLearn(), "the first perfect evaluation, at step 30");
        assertEquals(4, s.curve().size());
    }

    @Test
    void aPerfectEvaluationThatIsNotRepeatedStartsTheCountAgain() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED, false);
        run(run, 10, 1.0);
        run(run, 10, 0.95);
        run(run, 10, 1.0);
        assertFalse(run.shouldStop(1, () -> false));
        run(run, 10, 1.0);
        assertTrue(run.shouldStop(1, () -> false));
        assertEquals(40, run.summary("counter", 1, 1, 1).sequencesToLearn(), "the first 100% is kept, lost or not");
    }

    @Test
    void afterLearnedTrainsOnThatManyStepsAndStopsWhileStillLearned() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED.withAfterLearned(25), false);
        run(run, 20, 1.0); // learned at step 20
        run(run, 25, 1.0);
        assertTrue(run.shouldStop(1, () -> false), "25 steps on and still perfect");
        assertEquals("learned", run.stopReason());
        assertEquals(45, run.step());
    }

    @Test
    void afterLearnedWaitsToBeLearnedAgainWhenItLostIt() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED.withAfterLearned(25), false);
        run(run, 20, 1.0); // learned at step 20
        run(run, 30, 0.9); // steps 21..50: the evaluations at 30, 40 and 50 lose a sequence
        assertFalse(run.shouldStop(1, () -> false), "past the extra steps, but not learned now");
        run(run, 10, 1.0);
        assertFalse(run.shouldStop(1, () -> false), "one perfect evaluation again is not enough");
        run(run, 10, 1.0);
        assertTrue(run.shouldStop(1, () -> false));
        assertEquals("learned", run.stopReason());
        assertEquals(70, run.step());
    }

    @Test
    void aRunOfFixedStepsRunsThemAllEvenWhenLearned() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED.withSteps(25), false);
        run(run, 25, 1.0);
        assertTrue(run.shouldStop(1000, () -> false), "no time limit either");
        assertEquals("steps", run.stopReason());
        assertEquals(1.0, run.fraction(0));
        assertEquals(java.util.List.of(10, 20, 25), run.summary("counter", 1, 1, 1).curve().stream().map(CurvePoint::step).toList(),
                "the last step is evaluated too");
    }

    @Test
    void timeAndCancellingStopARun() {
        TrainingRun timed = new TrainingRun(UNTIL_LEARNED, false);
        run(timed, 5, 0);
        assertTrue(timed.shouldStop(60, () -> false));
        assertEquals("time", timed.stopReason());

        TrainingRun cancelled = new TrainingRun(UNTIL_LEARNED, false);
        assertTrue(cancelled.shouldStop(0, () -> true));
        assertEquals("cancelled", cancelled.stopReason());

        TrainingRun learned = new TrainingRun(UNTIL_LEARNED, false);
        run(learned, 20, 1.0);
        assertTrue(learned.shouldStop(0, () -> { throw new AssertionError("not asked once learned"); }));
        assertEquals("learned", learned.stopReason());
    }

    @Test
    void aLanguageModelIsNeverLearnedAndRunsOutItsTime() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED, true);
        for (int k = 0; k < 50; k++) {
            assertFalse(run.shouldStop(1, () -> false));
            run.stepped(4, 400, 2.0);
            if (run.evaluationDue()) assertEquals(1.5, run.evaluate(1.0, 1.5, 1).bitsPerCharacter());
        }
        assertTrue(run.shouldStop(60, () -> false));
        assertEquals("time", run.stopReason());
        TrainingSummary s = run.summary("text", 60, new Evaluator.NextCharacterScore(1.25, 0.6, 1000));
        assertNull(s.sequencesToLearn(), "every character right is still not learned");
        assertEquals(0.6, s.testAccuracy());
        assertEquals(1.25, s.bitsPerCharacter());
        assertEquals(1.5, s.curve().get(0).bitsPerCharacter());
    }

    @Test
    void progressIsTheShareOfTimeOrOfTheWayToLearned() {
        TrainingRun run = new TrainingRun(UNTIL_LEARNED.withAfterLearned(100), false);
        assertEquals(0.25, run.fraction(15), 1e-12, "a quarter of the time");
        run(run, 10, 1.0);
        assertEquals(0.25, run.fraction(0), 1e-12, "one of two perfect evaluations, half of the way before the extra steps");
        run(run, 10, 1.0); // learned at step 20
        assertEquals(0.5, run.fraction(0), 1e-12);
        run(run, 50, 1.0);
        assertEquals(0.75, run.fraction(0), 1e-12, "half of the extra steps");
        Progress p = new TrainingRun(UNTIL_LEARNED, false).evaluate(0.5, null, 30);
        assertEquals(0.5, p.fraction(), 1e-12);
        assertNull(new TrainingRun(UNTIL_LEARNED, false).stopReason());
    }
}
