package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every registered task must have, checked over many seeded samples. */
class TaskContractTest {
    private static final int SAMPLES = 2000;

    static Stream<Task> tasks() { return Tasks.all().stream(); }

    @ParameterizedTest @MethodSource("tasks")
    void trainingSamplesAreValidAndInRange(Task task) {
        assertValidIn(task.trainRange(), task, task::generate, new Random(11));
    }

    @ParameterizedTest @MethodSource("tasks")
    void generalizationSamplesAreValidAndInRange(Task task) {
        assertValidIn(task.generalizationRange(), task, task::generateGeneralization, new Random(12));
    }

    private static void assertValidIn(SizeRange range, Task task, Function<Random, String> draw, Random random) {
        for (int i = 0; i < SAMPLES; i++) {
            String s = draw.apply(random);
            assertTrue(task.isValid(s), s);
            assertTrue(range.contains(task.sizeOf(s)), s);
        }
    }

    @ParameterizedTest @MethodSource("tasks")
    void everySizeOfBothRangesIsDrawn(Task task) {
        Random random = new Random(13);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            seen.add(task.sizeOf(task.generate(random)));
            seen.add(task.sizeOf(task.generateGeneralization(random)));
        }
        for (SizeRange range : List.of(task.trainRange(), task.generalizationRange()))
            for (int n = range.min(); n <= range.max(); n++) assertTrue(seen.contains(n), task.name() + " never drew size " + n);
    }

    @ParameterizedTest @MethodSource("tasks")
    void continuationCompletesEveryHeadAndRejectsOthers(Task task) {
        Random random = new Random(15);
        for (int i = 0; i < SAMPLES; i++) {
            String s = random.nextBoolean() ? task.generate(random) : task.generateGeneralization(random);
            int d = task.delimiterIndex(s);
            if (task.scoredBySets()) assertTrue(task.continuation(s.substring(0, d + 1)).isEmpty(), s);
            else assertEquals(s.substring(d + 1), task.continuation(s.substring(0, d + 1)).orElseThrow(), s);
        }
        assertTrue(task.continuation("").isEmpty());
        assertTrue(task.continuation(String.valueOf(task.delimiter())).isEmpty());
        assertTrue(task.continuation("?" + task.delimiter()).isEmpty());
    }

    @ParameterizedTest @MethodSource("tasks")
    void sizeOfRoundTripsEverySize(Task task) {
        Random random = new Random(14);
        for (int n = 1; n <= task.generalizationRange().max(); n++)
            assertEquals(n, task.sizeOf(task.generate(n, random)));
    }

    @ParameterizedTest @MethodSource("tasks")
    void generationDependsOnlyOnTheSeed(Task task) {
        assertEquals(task.examples(new Random(15), 100), task.examples(new Random(15), 100));
    }

    @ParameterizedTest @MethodSource("tasks")
    void sequencesUseTheVocabularyAndEndInOneNewlineWithOneDelimiter(Task task) {
        Random random = new Random(16);
        for (int i = 0; i < SAMPLES; i++) {
            String s = task.generate(random);
            assertEquals(List.of(), task.vocabulary().unknownIn(s), s);
            assertEquals(s.length() - 1, s.indexOf('\n'), s);
            // the delimiter is the first of the task's delimiter characters; a task scored by sets has none
            assertEquals(task.scoredBySets() ? -1 : task.delimiterPosition(s), task.delimiterIndex(s), s);
            if (!task.scoredBySets()) assertTrue(task.delimiterIndex(s) >= 0 && task.delimiterIndex(s) < s.length() - 1, s);
        }
    }

    @ParameterizedTest @MethodSource("tasks")
    void vocabularyStartsWithTheNewlineAndHoldsTheDelimiter(Task task) {
        assertEquals('\n', task.vocabulary().charAt(0));
        assertTrue(task.vocabulary().contains(task.delimiter()));
        for (char d : task.delimiters().toCharArray()) assertTrue(task.vocabulary().contains(d));
    }

    @ParameterizedTest @MethodSource("tasks")
    void legalNextHoldsTheActualNextCharacterExactlyForTasksScoredBySets(Task task) {
        Random random = new Random(20);
        for (int i = 0; i < 200; i++) {
            String s = task.generate(random);
            List<String> legal = task.legalNext(s);
            if (!task.scoredBySets()) { assertEquals(List.of(), legal); continue; }
            assertEquals(s.length(), legal.size(), s);
            for (int t = 0; t < s.length(); t++) assertTrue(legal.get(t).indexOf(s.charAt(t)) >= 0, s + " at " + t);
        }
    }

    @ParameterizedTest @MethodSource("tasks")
    void anyTrainingRangeAndDistributionDrawsOnlyItsSizes(Task task) {
        for (LengthDistribution lengths : LengthDistribution.values()) {
            Task ranged = task.trainedOn(4, lengths);
            assertEquals(new SizeRange(1, 4), ranged.trainRange());
            assertEquals(new SizeRange(5, 8), ranged.generalizationRange());
            assertEquals(task.name(), ranged.name());
            Random random = new Random(21);
            for (int i = 0; i < 300; i++) {
                String s = ranged.generate(random);
                assertTrue(task.isValid(s) && ranged.trainRange().contains(task.sizeOf(s)), s);
            }
        }
        assertSame(task, task.trainedOn(task.trainRange().max(), LengthDistribution.UNIFORM));
    }

    @ParameterizedTest @MethodSource("tasks")
    void truncatedOrExtendedSequencesAreInvalid(Task task) {
        String s = task.generate(3, new Random(17));
        assertFalse(task.isValid(s.substring(0, s.length() - 1)), "missing newline");
        assertFalse(task.isValid(s + s), "two sequences");
        assertFalse(task.isValid("\n" + s), "leading newline");
        assertFalse(task.isValid(""));
        for (int cut = 1; cut < s.length() - 1; cut++)
            assertFalse(task.isValid(s.substring(0, cut) + "\n"), "cut at " + cut);
    }

    @ParameterizedTest @MethodSource("tasks")
    void sizeOfRejectsInvalidSequences(Task task) {
        assertThrows(IllegalArgumentException.class, () -> task.sizeOf("nonsense\n"));
    }

    @ParameterizedTest @MethodSource("tasks")
    void sizesBelowOneAreRejected(Task task) {
        assertThrows(IllegalArgumentException.class, () -> task.generate(0, new Random(18)));
    }

    @ParameterizedTest @MethodSource("tasks")
    void variablesCoverEveryTimestepAndMatchTheirDescriptions(Task task) {
        String s = task.generate(new Random(19));
        Map<String, double[]> variables = task.variables(s);
        assertEquals(List.copyOf(task.variableDescriptions().keySet()), List.copyOf(variables.keySet()));
        for (Map.Entry<String, double[]> v : variables.entrySet())
            assertEquals(s.length(), v.getValue().length, v.getKey());
        for (String description : task.variableDescriptions().values()) assertFalse(description.isBlank());
    }

    /** What a task says about itself, in one list for a test to compare: name, vocabulary, delimiter, default model, ranges, size name. */
    /** What the tasks with a test of their own say about themselves: name, vocabulary, delimiter, model, ranges, size name. */
    @Test
    void theTasksDescribeThemselves() {
        List<List<Object>> expected = List.of(
                List.of("copy_machine", Vocabulary.of("\nXabc"), 'X', new DefaultModel(2, 20), new SizeRange(1, 5), new SizeRange(6, 8), "L (word length)"),
                List.of("counter", Vocabulary.of("\nXab"), 'X', new DefaultModel(1, 10), new SizeRange(1, 10), new SizeRange(11, 20), "N (a's)"),
                List.of("selective_counter", Vocabulary.of("\nXYab"), 'Y', new DefaultModel(1, 20), new SizeRange(1, 10), new SizeRange(11, 20), "N (a's)"),
                List.of("state_memorizer", Vocabulary.of("\nABYabx"), 'Y', new DefaultModel(1, 10), new SizeRange(1, 10), new SizeRange(11, 20), "K (x's)"));
        for (List<Object> description : expected) {
            assertEquals(description, described(Tasks.byName((String) description.get(0)).orElseThrow()));
        }
    }

    private static List<Object> described(Task task) {
        return List.of(task.name(), task.vocabulary(), task.delimiter(), task.defaultModel(), task.trainRange(),
                task.generalizationRange(), task.sizeName());
    }

    /** {@code n} sequences of a task's training distribution, drawn from a seeded source. */
    static List<String> samples(Task task, long seed, int n) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(task.generate(random));
        return out;
    }
}
