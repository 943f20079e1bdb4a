package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CountingTaskTest {
    private final Task task = new CountingTask();

    @Test
    void generatesNAsThenXThenNBs() {
        assertEquals("aaaXbbb\n", task.generate(3, new Random(1)));
        assertEquals("aXb\n", task.generate(1, new Random(1)));
    }

    @Test
    void countsMatchAndDelimiterSitsAfterTheAs() {
        for (String s : TaskContractTest.samples(task, 2, 1000)) {
            int n = task.sizeOf(s);
            assertEquals(n, s.chars().filter(ch -> ch == 'a').count());
            assertEquals(n, s.chars().filter(ch -> ch == 'b').count());
            assertEquals(n, task.delimiterIndex(s));
        }
    }

    @Test
    void rejectsBrokenSequences() {
        assertTrue(task.isValid("aaXbb\n"));
        assertFalse(task.isValid("aaXb\n"));
        assertFalse(task.isValid("aXbb\n"));
        assertFalse(task.isValid("Xb\n"));
        assertFalse(task.isValid("X\n"));
        assertFalse(task.isValid("aaXbb"));
        assertFalse(task.isValid("aaXbb\n\n"));
        assertFalse(task.isValid("abXab\n"));
        assertFalse(task.isValid("aaYbb\n"));
    }

    @Test
    void variablesOnAHandWrittenExample() {
        Map<String, double[]> v = task.variables("aaXbb\n");
        assertArrayEquals(new double[] {1, 2, 2, 1, 0, 0}, v.get("count"));
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1}, v.get("phase"));
        assertArrayEquals(new double[] {3, 4, 3, 2, 1, 0}, v.get("steps_left"));
    }

    @Test
    void variablesAreDefinedOnAPrefix() {
        Map<String, double[]> v = task.variables("aaaXb");
        assertArrayEquals(new double[] {1, 2, 3, 3, 2}, v.get("count"));
        assertArrayEquals(new double[] {3, 4, 5, 4, 3}, v.get("steps_left"));
    }

    /** steps_left after the delimiter is the exact number of characters still to be read. */
    @Test
    void stepsLeftCountsDownToTheEnd() {
        String s = task.generate(7, new Random(3));
        double[] stepsLeft = task.variables(s).get("steps_left");
        for (int t = task.delimiterIndex(s); t < s.length(); t++) assertEquals(s.length() - 1 - t, stepsLeft[t]);
    }
}
