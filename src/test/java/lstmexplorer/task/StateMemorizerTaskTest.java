package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateMemorizerTaskTest {
    private final Task task = new StateMemorizerTask();

    @Test
    void answerRepeatsTheFirstLetterAfterKXs() {
        for (String s : TaskContractTest.samples(task, 2, 1000)) {
            int k = task.sizeOf(s);
            assertEquals(k, s.chars().filter(ch -> ch == 'x').count(), s);
            assertEquals(k + 1, task.delimiterIndex(s), s);
            assertEquals(Character.toLowerCase(s.charAt(0)), s.charAt(k + 2), s);
            assertEquals(k + 4, s.length(), s);
        }
    }

    @Test
    void bothStatesAreEquallyLikely() {
        Random random = new Random(3);
        int as = 0;
        for (int i = 0; i < 10_000; i++) if (task.generate(random).charAt(0) == 'A') as++;
        assertEquals(0.5, as / 10_000.0, 0.02);
    }

    @Test
    void rejectsBrokenSequences() {
        assertTrue(task.isValid("AxxYa\n"));
        assertTrue(task.isValid("BxYb\n"));
        assertFalse(task.isValid("AxxYb\n"), "wrong answer");
        assertFalse(task.isValid("AxxYA\n"), "upper-case answer");
        assertFalse(task.isValid("AYa\n"), "no x's");
        assertFalse(task.isValid("xxYa\n"), "no state");
        assertFalse(task.isValid("AxxYa"), "no newline");
        assertFalse(task.isValid("AxxXa\n"), "wrong delimiter");
    }

    @Test
    void variablesOnHandWrittenExamples() {
        Map<String, double[]> a = task.variables("AxxYa\n");
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, a.get("state"));
        assertArrayEquals(new double[] {0, 1, 2, 2, 2, 2}, a.get("x_seen"));
        Map<String, double[]> b = task.variables("BxYb\n");
        assertArrayEquals(new double[] {-1, -1, -1, -1, -1}, b.get("state"));
        assertArrayEquals(new double[] {0, 1, 1, 1, 1}, b.get("x_seen"));
    }
}
