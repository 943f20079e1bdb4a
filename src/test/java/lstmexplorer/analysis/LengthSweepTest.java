package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import org.junit.jupiter.api.Test;

class LengthSweepTest {
    private final Analyses service = new Analyses();

    @Test
    void theCounterIsPerfectOnItsTrainingRangeAndTheFailuresAreOneClickAway() {
        Task task = GalleryModels.task("counter");
        LengthSweep sweep = service.lengthSweep(GalleryModels.get("counter"), 20, 1);
        assertEquals(new SizeRange(1, 30), sweep.sizes());
        assertEquals(new SizeRange(1, 10), sweep.trainRange());
        assertEquals(30, sweep.points().size());
        for (LengthSweep.Point p : sweep.points()) {
            // counter sequences are not random: one distinct sequence per N
            assertEquals(1, p.sequences());
            assertEquals(p.size(), task.sizeOf(p.example()));
            assertEquals(p.size() <= 10, p.inTrainingRange());
            assertEquals(p.accuracy() == 1.0, p.exampleCorrect());
            assertEquals(p.exampleExpected().length(), p.examplePredicted().length());
            assertEquals(p.exampleCorrect(), p.exampleExpected().equals(p.examplePredicted()));
            // the model was trained to 100% test accuracy, and the test set covers every N of the range
            if (p.inTrainingRange()) assertEquals(1.0, p.accuracy(), "N = " + p.size());
        }
        // with seed 1 the counter generalises to 9% of N 11..20; by N = 30 it has certainly stopped counting
        LengthSweep.Point last = sweep.points().get(29);
        assertFalse(last.exampleCorrect());
        assertNotEquals(last.exampleExpected(), last.examplePredicted());
        // firstFailing is the smallest size with an error, and the first five such sizes are listed
        List<Integer> wrong = sweep.points().stream().filter(p -> p.accuracy() < 1).map(LengthSweep.Point::size).toList();
        assertEquals(wrong.get(0), sweep.firstFailing());
        assertTrue(sweep.firstFailing() > 10);
        assertEquals(wrong.subList(0, 5), sweep.failing());
    }

    @Test
    void theSweepStopsBeforeTheInputLimit() {
        // counter sequences are 2N + 2 long: N = 4 is 10 characters, N = 5 would be 12
        LengthSweep sweep = LengthSweep.run(GalleryModels.get("counter").network(), GalleryModels.task("counter"), new SizeRange(1, 30), 1, 1, 10, 0.05);
        assertEquals(4, sweep.points().size());
        assertEquals(10, sweep.inputLimit());
        assertEquals(null, sweep.firstFailing());
        assertEquals(List.of(), sweep.failing());
    }

    @Test
    void randomTasksDrawSeveralDistinctSequencesReproducibly() {
        LengthSweep a = service.lengthSweep(GalleryModels.get("state_memorizer"), new SizeRange(1, 12), 30, 5);
        LengthSweep b = service.lengthSweep(GalleryModels.get("state_memorizer"), new SizeRange(1, 12), 30, 5);
        assertEquals(a, b);
        for (LengthSweep.Point p : a.points()) {
            // A or B: at most two distinct sequences per K, and thirty draws find both
            assertEquals(2, p.sequences());
            assertTrue(p.accuracy() == 0 || p.accuracy() == 0.5 || p.accuracy() == 1, p.toString());
        }
        assertEquals(List.of(1, 40), List.of(LengthSweep.defaultSizes(GalleryModels.task("state_memorizer")).min(),
                LengthSweep.defaultSizes(GalleryModels.task("state_memorizer")).max()));
        // at least three times the largest training size (L 1..5)
        assertEquals(new SizeRange(1, 15), LengthSweep.defaultSizes(GalleryModels.task("copy_machine")));
    }

    @Test
    void aSweepNeedsSequencesAndSizesFromOne() {
        assertThrows(IllegalArgumentException.class, () -> service.lengthSweep(GalleryModels.get("counter"), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> service.lengthSweep(GalleryModels.get("counter"), new SizeRange(0, 3), 1, 1));
    }
}
