package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A corpus as a task: windows, seeded line split, every character scored, variables read in context. */
class CorpusTaskTest {
    static String text(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) sb.append(" ".repeat(i % 3 * 2)).append("line ").append(i).append('\n');
        return sb.toString();
    }

    @Test
    void aTextIsCutIntoWindowsWithTheLastTenthForTesting() {
        String text = text(300);
        CorpusTask task = new CorpusTask(new Corpus("t", "t", Corpus.Kind.TEXT, text, Map.of()), 50);
        int testStart = text.length() - (int) Math.round(text.length() * 0.1);
        // training windows start every quarter window, so every character is read at four places in a window
        List<String> train = task.trainSequences();
        for (int k = 0; k < train.size(); k++)
            assertEquals(text.substring(k * 12, Math.min(testStart, k * 12 + 50)), train.get(k), "window " + k);
        assertEquals((testStart - 2) / 12 + 1, train.size(), "a window starts wherever two characters are left");
        assertEquals(text.substring(testStart, testStart + 50), task.testSequences().get(0));
        assertEquals(-1, task.delimiterIndex(task.testSequences().get(0)), "every character is scored");
        assertTrue(task.scoresEveryCharacter());
    }

    @Test
    void aLongTextIsCutIntoWindowsOneAfterAnother() {
        String text = text(90_000);
        CorpusTask task = new CorpusTask(new Corpus("t", "t", Corpus.Kind.TEXT, text, Map.of()), 100);
        int testStart = text.length() - (int) Math.round(text.length() * 0.1);
        assertTrue(testStart > CorpusTask.OVERLAPPED_UP_TO, "a text past the overlap: " + testStart);
        List<String> train = task.trainSequences();
        assertEquals((testStart - 2) / 100 + 1, train.size());
        for (int k = 0; k < train.size(); k += 997)
            assertEquals(text.substring(k * 100, Math.min(testStart, k * 100 + 100)), train.get(k), "window " + k);
    }

    @Test
    void testWindowsCarryTheVariablesOfTheirPlaceInTheText() {
        String text = text(300);
        CorpusTask task = new CorpusTask(new Corpus("t", "t", Corpus.Kind.TEXT, text, Map.of()), 50);
        int testStart = text.length() - (int) Math.round(text.length() * 0.1);
        String window = task.testSequences().get(1);
        double[] expected = java.util.Arrays.copyOfRange(lstmexplorer.task.annotate.Annotators.annotate(text).get("line_position"),
                testStart + 50, testStart + 100);
        assertArrayEquals(expected, task.variables(window).get("line_position"));
    }

    @Test
    void linesAreSplitBySeedAndLabelsFollowTheirLine() {
        String text = text(50);
        List<String> lines = new Corpus("l", "l", Corpus.Kind.LINES, text, Map.of()).lines();
        int n = 0;
        for (String line : lines) n += line.length();
        double[] label = new double[n];
        for (int i = 0; i < n; i++) label[i] = i;
        Corpus corpus = new Corpus("l", "l", Corpus.Kind.LINES, text, Map.of("position", label));
        CorpusTask task = new CorpusTask(corpus, 100);
        assertEquals(5, task.testSequences().size());
        assertEquals(45, task.trainSequences().size());
        assertEquals(task.testSequences(), new CorpusTask(corpus, 100).testSequences(), "the same split every time");
        String first = task.testSequences().get(0);
        int line = lines.indexOf(first.substring(0, first.length() - 1)), offset = 0;
        for (int i = 0; i < line; i++) offset += lines.get(i).length();
        assertEquals(offset, task.variables(first).get("position")[0]);
        assertEquals(first.length(), task.variables(first).get("indent").length);
    }
}
