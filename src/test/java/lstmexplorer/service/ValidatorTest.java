package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmexplorer.service.Limits.Range;
import lstmexplorer.service.Limits.Real;
import lstmexplorer.task.Vocabulary;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    private static ServiceException refused(Runnable check) {
        return assertThrows(ServiceException.class, check::run);
    }

    @Test
    void aLeftOutValueTakesTheDefaultAndAGivenOneMustBeInRange() {
        Range samples = Limits.SAMPLES;
        assertEquals(samples.fallback().intValue(), Validator.check("n", null, samples));
        assertEquals(samples.max(), Validator.check("n", (int) samples.max(), samples));
        ServiceException e = refused(() -> Validator.check("n", (int) samples.max() + 1, samples));
        assertEquals(ServiceException.Kind.BAD_REQUEST, e.kind());
        assertEquals("n", e.extra().get("field"));
        assertEquals("n must be from 1 to 200; got 201", e.getMessage());
        assertTrue(refused(() -> Validator.check("layers", null, Range.of(1, 3))).getMessage().contains("layers is required"));
    }

    @Test
    void aNumberRangeMayLeaveOutItsMinimum() {
        Real rate = Limits.TASK_TRAINING.learningRate();
        assertEquals(1.0, Validator.check("learningRate", 1.0, rate));
        assertEquals("learningRate must be in (0, 1]; got 0.0", refused(() -> Validator.check("learningRate", 0.0, rate)).getMessage());
        refused(() -> Validator.check("learningRate", Double.NaN, rate));
        assertEquals(1.0, Validator.check("maxSeconds", 1.0, Limits.TASK_TRAINING.maxSeconds()), "its minimum is allowed");
        assertEquals("maxSeconds must be from 1 to 600; got 601.0",
                refused(() -> Validator.check("maxSeconds", 601.0, Limits.TASK_TRAINING.maxSeconds())).getMessage());
    }

    @Test
    void aTextHasALengthAndOnlyCharactersTheModelKnows() {
        Vocabulary vocab = Vocabulary.of("\nabX");
        assertEquals("", Validator.text("prefix", "", Limits.PREFIX, vocab));
        assertEquals("input must have 1 to " + Limits.INPUT.max() + " characters; got 0", refused(() -> Validator.text("input", "", Limits.INPUT, vocab)).getMessage());
        refused(() -> Validator.text("input", "a".repeat((int) Limits.INPUT.max() + 1), Limits.INPUT, vocab));
        ServiceException e = refused(() -> Validator.text("input", "abz", Limits.INPUT, vocab));
        assertEquals(ServiceException.Kind.UNPROCESSABLE, e.kind());
        assertEquals(java.util.List.of("z"), e.extra().get("characters"));
        assertTrue(refused(() -> Validator.text("input", null, Limits.INPUT, vocab)).getMessage().contains("input is required"));
    }

    @Test
    void theBoundsDocumentedBeforeAModelIsKnownCoverEveryKindOfModel() {
        for (Limits.Training kind : java.util.List.of(Limits.TASK_TRAINING, Limits.DATASET_TRAINING)) {
            assertTrue(kind.layers().max() - 1 <= Limits.LAYER.max());
            assertTrue(kind.hidden().max() - 1 <= Limits.UNIT.max());
        }
        assertEquals(Limits.IMPORT.hidden().max() - 1, Limits.UNIT.max(), "imported models are the widest");
        assertEquals(Math.max(Limits.TASK_TRAINING.layers().max(), Limits.IMPORT.layers().max()) - 1, Limits.LAYER.max());
        assertEquals(Limits.INPUT.max(), Limits.PREFIX.max(), "a prefix is an input that may be empty");
    }
}
