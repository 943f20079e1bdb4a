package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectiveCountingTaskTest {
    private final Task task = new SelectiveCountingTask();

    @Test
    void countsMatchAndXsOnlySitBetweenAs() {
        for (String s : TaskContractTest.samples(task, 2, 1000)) {
            int n = task.sizeOf(s);
            long xs = s.chars().filter(ch -> ch == 'X').count();
            assertEquals(n, s.chars().filter(ch -> ch == 'a').count(), s);
            assertEquals(n, s.chars().filter(ch -> ch == 'b').count(), s);
            assertTrue(xs <= n - 1, s);
            assertEquals(n + xs, task.delimiterIndex(s), s);
            assertTrue(s.startsWith("a"), s);
            assertTrue(s.substring(0, task.delimiterIndex(s)).endsWith("a"), s);
            assertFalse(s.contains("XX"), s);
        }
    }

    @Test
    void aGapHoldsAnXThirtyPercentOfTheTime() {
        Random random = new Random(3);
        long gaps = 0;
        long xs = 0;
        for (int i = 0; i < 5000; i++) {
            String s = task.generate(random);
            gaps += task.sizeOf(s) - 1;
            xs += s.chars().filter(ch -> ch == 'X').count();
        }
        // About 22,000 gaps: the standard error of the rate is about 0.003.
        assertEquals(0.3, (double) xs / gaps, 0.015);
    }

    @Test
    void gapsAreIndependent() {
        // With independent gaps, N = 3 gives each of the four fillings of two gaps.
        Random random = new Random(4);
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (int i = 0; i < 4000; i++) counts.merge(task.generate(3, random), 1L, Long::sum);
        assertEquals(0.49, counts.get("aaaYbbb\n") / 4000.0, 0.03);
        assertEquals(0.21, counts.get("aXaaYbbb\n") / 4000.0, 0.03);
        assertEquals(0.21, counts.get("aaXaYbbb\n") / 4000.0, 0.03);
        assertEquals(0.09, counts.get("aXaXaYbbb\n") / 4000.0, 0.03);
        assertEquals(4, counts.size());
    }

    @Test
    void rejectsBrokenSequences() {
        assertTrue(task.isValid("aXaYbb\n"));
        assertTrue(task.isValid("aYb\n"));
        assertFalse(task.isValid("XaYb\n"), "X before the first a");
        assertFalse(task.isValid("aXYb\n"), "X after the last a");
        assertFalse(task.isValid("aXXaYbb\n"), "two X's in one gap");
        assertFalse(task.isValid("aXaYbbb\n"), "X counted as an a");
        assertFalse(task.isValid("aXaYb\n"));
        assertFalse(task.isValid("aXaYbb"));
        assertFalse(task.isValid("aaXbb\n"), "counter delimiter");
        assertFalse(task.isValid("Yb\n"));
    }

    @Test
    void sizeIgnoresTheXs() {
        assertEquals(3, task.sizeOf("aXaXaYbbb\n"));
    }

    @Test
    void longSequencesDoNotOverflowTheMatcher() {
        String s = "aXa".repeat(50_000) + "Y" + "b".repeat(100_000) + "\n";
        assertTrue(task.isValid(s));
    }

    @Test
    void variablesOnAHandWrittenExample() {
        Map<String, double[]> v = task.variables("aXaYbb\n");
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 0, 0}, v.get("count"));
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 0}, v.get("is_x"));
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1}, v.get("phase"));
    }
}
