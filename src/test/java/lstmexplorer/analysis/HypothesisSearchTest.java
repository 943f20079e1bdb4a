package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.trace.Trace;
import org.junit.jupiter.api.Test;

class HypothesisSearchTest {
    /** Units 0 and 1 are on during the b's; unit 2 is on from the first b to the end; unit 3 is always on. */
    private static final Trace SOURCE = trace("\naaXbbY", new double[][] {
            {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 1}, {1, 1, 1, 1}, {1, 0.9, 1, 1}, {0, 0, 1, 1}});

    @Test
    void selectsTheUnitsOnInsideAndOffJustOutside() {
        HypothesisSelection s = HypothesisSearch.select(SOURCE, 0, "hidden", 4, 5, 0.5);
        assertEquals(List.of(0, 1), s.units());
        assertEquals("bb", s.text());
        // at the end of the text there is no "after" to be off at (unit 3 is on before the range)
        assertEquals(List.of(2), HypothesisSearch.select(SOURCE, 0, "hidden", 4, 6, 0.5).units());
        // a higher threshold leaves unit 1 out
        assertEquals(List.of(0), HypothesisSearch.select(SOURCE, 0, "hidden", 4, 5, 0.95).units());
    }

    @Test
    void matchesAreMaximalRunsRankedByJaccardWithoutTheSelectionItself() {
        HypothesisSelection s = HypothesisSearch.select(SOURCE, 0, "hidden", 4, 5, 0.5);
        Trace other = trace("\nabcab", new double[][] {
                {0, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 0, 0}});
        Hypothesis h = HypothesisSearch.match(s, List.of(SOURCE, other), 10);
        assertEquals(2, h.totalMatches());
        HypothesisMatch exact = h.matches().get(0), loose = h.matches().get(1);
        // "ab" at 1..2: exactly units 0 and 1 on
        assertEquals(List.of(1, 1, 2, 2), List.of(exact.sequence(), exact.from(), exact.to(), exact.unitsOn()));
        assertEquals("ab", exact.text());
        assertEquals("\n", exact.before());
        assertEquals("cab", exact.after());
        assertEquals(1.0, exact.jaccard());
        // "a" at 4: all four units on
        assertEquals(List.of(1, 4, 4, 4), List.of(loose.sequence(), loose.from(), loose.to(), loose.unitsOn()));
        assertEquals(0.5, loose.jaccard());
        assertEquals(1, HypothesisSearch.match(s, List.of(SOURCE, other), 1).matches().size());
    }

    @Test
    void anEmptySelectionMatchesNothing() {
        HypothesisSelection none = HypothesisSearch.select(SOURCE, 0, "hidden", 0, 6, 0.5);
        assertEquals(List.of(3), none.units());
        HypothesisSelection empty = HypothesisSearch.select(SOURCE, 0, "hidden", 1, 2, 2.0);
        assertTrue(empty.units().isEmpty());
        assertEquals(0, HypothesisSearch.match(empty, List.of(SOURCE), 5).totalMatches());
    }

    @Test
    void badSelectionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HypothesisSearch.select(SOURCE, 1, "hidden", 0, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> HypothesisSearch.select(SOURCE, 0, "cell", 0, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> HypothesisSearch.select(SOURCE, 0, "hidden", 3, 2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> HypothesisSearch.select(SOURCE, 0, "hidden", 0, 7, 0.5));
    }

    /** On the counter model: units on from the X through the b's are found on the second half of test sequences. */
    @Test
    void onTheCounterModelTheSecondHalfUnitsMatchOtherSecondHalves() {
        Hypothesis h = new Analyses().hypothesis(GalleryModels.get("counter"), "\naaaaXbbbb\naa", 0, "hidden", 5, 9, 0.3, 20);
        assertEquals("Xbbbb", h.selection().text());
        assertTrue(!h.selection().units().isEmpty(), "some hidden unit is on from the X to the last b and off around them");
        assertTrue(h.totalMatches() > 0);
        assertTrue(h.matches().size() <= 20);
        for (HypothesisMatch m : h.matches()) {
            assertTrue(m.jaccard() > 0 && m.jaccard() <= 1);
            assertEquals(m.input().substring(m.from(), m.to() + 1), m.text());
        }
        // the best matches lie after the X of their sequence
        HypothesisMatch best = h.matches().get(0);
        assertTrue(best.from() >= best.input().indexOf('X'), best.toString());
    }

    private static Trace trace(String input, double[][] hidden) {
        Map<String, double[][]> vectors = new LinkedHashMap<>();
        vectors.put("hidden", hidden);
        return new Trace(List.of("\n"), input, List.of(new Trace.LayerTrace("rnn", vectors)), new double[hidden.length][1]);
    }
}
