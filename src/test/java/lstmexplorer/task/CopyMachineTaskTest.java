package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyMachineTaskTest {
    private final Task task = new CopyMachineTask();

    @Test
    void theCopyEqualsTheWord() {
        for (String s : TaskContractTest.samples(task, 2, 1000)) {
            int length = task.sizeOf(s);
            assertEquals(length, task.delimiterIndex(s), s);
            assertEquals(2 * length + 2, s.length(), s);
            assertEquals(s.substring(0, length), s.substring(length + 1, 2 * length + 1), s);
        }
    }

    @Test
    void lettersAreUniform() {
        Random random = new Random(3);
        int[] counts = new int[3];
        int total = 0;
        for (int i = 0; i < 3000; i++) {
            String s = task.generate(random);
            for (int j = 0; j < task.delimiterIndex(s); j++, total++) counts[s.charAt(j) - 'a']++;
        }
        for (int count : counts) assertEquals(1.0 / 3, (double) count / total, 0.02);
    }

    @Test
    void rejectsBrokenSequences() {
        assertTrue(task.isValid("abXab\n"));
        assertFalse(task.isValid("abXba\n"), "reversed copy");
        assertFalse(task.isValid("abXa\n"), "short copy");
        assertFalse(task.isValid("abXabc\n"), "long copy");
        assertFalse(task.isValid("adXad\n"), "letter outside the alphabet");
        assertFalse(task.isValid("X\n"), "empty word");
        assertFalse(task.isValid("abXab"), "no newline");
    }

    @Test
    void variablesOnAHandWrittenExample() {
        Map<String, double[]> v = task.variables("abXab\n");
        assertArrayEquals(new double[] {1, 2, 0, 1, 2, 2}, v.get("position"));
        assertArrayEquals(new double[] {-1, -1, 0, 1, -1, -1}, v.get("next_char"));
        assertArrayEquals(new double[] {0, 1, -1, 0, 1, -1}, v.get("current_char"));
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1}, v.get("phase"));
    }

    @Test
    void nextCharPredictsTheCopy() {
        String s = task.generate(5, new Random(4));
        double[] next = task.variables(s).get("next_char");
        for (int t = task.delimiterIndex(s); t < s.length() - 2; t++) assertEquals(s.charAt(t + 1) - 'a', next[t]);
    }
}
