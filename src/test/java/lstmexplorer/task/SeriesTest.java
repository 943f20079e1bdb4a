package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The running values the counting tasks' variables are made of, on text that is no sequence of any task. */
class SeriesTest {
    @Test
    void balanceCountsUpAndDownAndIgnoresOtherCharacters() {
        assertArrayEquals(new double[] {1, 2, 2, 1, 0, -1, -1}, Series.balance("aaXbbb\n", 'a', 'b'));
    }

    @Test
    void fromIsOneFromTheFirstOccurrenceOnAndZeroWithoutOne() {
        assertArrayEquals(new double[] {0, 0, 1, 1, 1}, Series.from("abXaX", 'X'));
        assertArrayEquals(new double[] {0, 0, 0}, Series.from("abc", 'X'));
    }

    @Test
    void atMarksEachOccurrence() {
        assertArrayEquals(new double[] {0, 1, 0, 1, 0}, Series.at("aXaXa", 'X'));
    }
}
