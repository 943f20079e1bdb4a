package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The formal languages and memory tasks of the counting lab, each against hand-written cases. */
class LabTasksTest {
    private static Task task(String name) { return Tasks.byName(name).orElseThrow(); }

    @Test
    void anbnIsDeterminedFromTheFirstB() {
        Task t = task("anbn");
        assertEquals("aaabbb\n", t.generate(3, new Random(1)));
        assertEquals(3, t.delimiterIndex("aaabbb\n"));
        assertEquals("bb\n", t.continuation("aaab").orElseThrow());
        assertFalse(t.isValid("aabbb\n"));
        assertArrayEquals(new double[] {1, 2, 1, 0, 0}, t.variables("aabb\n").get("count"));
        assertArrayEquals(new double[] {0, 0, 1, 1, 1}, t.variables("aabb\n").get("phase"));
    }

    @Test
    void anbncnRunsTwoCounters() {
        Task t = task("anbncn");
        assertEquals("aabbcc\n", t.generate(2, new Random(1)));
        assertEquals("bcc\n", t.continuation("aab").orElseThrow());
        assertFalse(t.isValid("aabbc\n"));
        assertArrayEquals(new double[] {1, 2, 1, 0, 0, 0, 0}, t.variables("aabbcc\n").get("a_minus_b"));
        assertArrayEquals(new double[] {0, 0, 1, 2, 1, 0, 0}, t.variables("aabbcc\n").get("b_minus_c"));
        assertArrayEquals(new double[] {0, 0, 1, 1, 2, 2, 2}, t.variables("aabbcc\n").get("phase"));
    }

    @Test
    void dyckLegalNextCharacters() {
        Task one = task("dyck1"), two = task("dyck2");
        assertTrue(one.scoredBySets() && two.scoredBySets());
        // after "", "(", "()", "()(", "()()": an opening bracket, then its closing one, the newline once balanced
        assertEquals(List.of("(", "()", "(\n", "()", "(\n"), one.legalNext("()()\n"));
        assertEquals(List.of("([", "([)", "([]", "([)", "([\n"), two.legalNext("([])\n"));
        assertTrue(two.isValid("([])[]\n"));
        assertFalse(two.isValid("([)]\n"));
        assertFalse(one.isValid("(()\n"));
        assertArrayEquals(new double[] {1, 2, 1, 0, 0}, two.variables("([])\n").get("depth"));
        assertArrayEquals(new double[] {1, 2, 1, 0, 0}, two.variables("([])\n").get("top"));
        assertEquals(-1, one.delimiterIndex("()\n"));
        // every size is exactly n pairs, and more than one string of a size is drawn
        TreeMap<String, Integer> seen = new TreeMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            String s = two.generate(4, random);
            assertEquals(9, s.length(), s);
            seen.merge(s, 1, Integer::sum);
        }
        assertTrue(seen.size() > 50, "distinct Dyck-2 strings of 4 pairs: " + seen.size());
    }

    @Test
    void repeatCopyRepeatsTheWordAsOftenAsTheDigitSays() {
        Task t = task("repeat_copy");
        assertTrue(t.isValid("ab3ababab\n"));
        assertFalse(t.isValid("ab2ababab\n"));
        assertEquals(2, t.delimiterIndex("ab3ababab\n"));
        assertEquals("cabcab\n", t.continuation("cab2").orElseThrow());
        assertEquals(3, t.sizeOf("cab2cabcab\n"));
        assertArrayEquals(new double[] {1, 2, 0, 1, 0, 1, 0, 0}, t.variables("ab2abab\n").get("position"));
        assertArrayEquals(new double[] {0, 0, 2, 2, 1, 1, 0, 0}, t.variables("ab2abab\n").get("copies_left"));
    }

    @Test
    void parityAnswersAfterTheEqualsSign() {
        Task t = task("parity");
        assertTrue(t.isValid("0110=0\n"));
        assertFalse(t.isValid("0111=0\n"));
        assertEquals("1\n", t.continuation("0111=").orElseThrow());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, t.variables("011=0\n").get("parity"));
        assertEquals(4, t.sizeOf("0110=0\n"));
    }

    @Test
    void lengthDistributionsFavourTheirEnd() {
        SizeRange range = new SizeRange(1, 10);
        int[] shortCounts = new int[11], longCounts = new int[11], uniformCounts = new int[11];
        Random random = new Random(4);
        for (int i = 0; i < 55_000; i++) {
            shortCounts[LengthDistribution.SHORT.draw(range, random)]++;
            longCounts[LengthDistribution.LONG.draw(range, random)]++;
            uniformCounts[LengthDistribution.UNIFORM.draw(range, random)]++;
        }
        // weights 10, 9, …, 1 of 55: about 10,000 ones and 1,000 tens for short, the reverse for long
        assertEquals(10_000, shortCounts[1], 400);
        assertEquals(1_000, shortCounts[10], 150);
        assertEquals(10_000, longCounts[10], 400);
        assertEquals(1_000, longCounts[1], 150);
        assertEquals(5_500, uniformCounts[5], 300);
        assertEquals(LengthDistribution.LONG, LengthDistribution.of("long"));
    }
}
