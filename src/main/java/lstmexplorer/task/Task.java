package lstmexplorer.task;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A synthetic sequence task. Every sequence ends in the newline; the part after the delimiter is
 * fully determined by the part before it, which is what "learned" is judged on.
 */
public interface Task {
    /** Name, description, vocabulary, delimiter, sizes, default model and variables. */
    TaskInfo info();

    default String name() { return info().name(); }

    default String description() { return info().description(); }

    default String sizeName() { return info().sizeName(); }

    default Vocabulary vocabulary() { return info().vocabulary(); }

    default char delimiter() { return info().delimiter(); }

    /**
     * Every character that can be the delimiter: the one of {@link #delimiter()} for most tasks, the
     * digits for {@code repeat_copy}, none for a task whose next character is never determined (the
     * Dyck languages), which is scored at every position by {@link #legalNext}.
     */
    default String delimiters() { return String.valueOf(delimiter()); }

    /**
     * Whether the next character is ever determined. When it is not, a model is right at a position
     * when the characters it deems possible are exactly those of {@link #legalNext} there.
     */
    default boolean scoredBySets() { return delimiters().isEmpty(); }

    /**
     * For a task {@link #scoredBySets scored by sets}: for each position t of {@code sequence}, the
     * characters that may legally come at t after {@code sequence[0, t)}. Empty for the other tasks.
     */
    default List<String> legalNext(String sequence) { return List.of(); }


    default DefaultModel defaultModel() { return info().defaultModel(); }

    default int stepsAfterLearned() { return info().stepsAfterLearned(); }

    default SizeRange trainRange() { return info().trainRange(); }

    default SizeRange generalizationRange() { return info().generalizationRange(); }

    /** Descriptions of the variables, in the order {@link #variables} lists them. */
    default Map<String, String> variableDescriptions() { return info().variables(); }

    /** A sequence of the given size (N, K or L), random where the task is random. */
    String generate(int size, Random random);

    /** The size a sequence was generated with. */
    int sizeOf(String sequence);

    /** Ground truth per timestep, one array per variable, each as long as {@code sequence}: after reading character t. */
    Map<String, double[]> variables(String sequence);

    /**
     * True when every character is scored and a model is measured as a language model (bits per
     * character, next-character accuracy) rather than by whole sequences after the delimiter; such a
     * task is never "learned", so its training runs until its time is up or it is stopped.
     */
    default boolean scoresEveryCharacter() { return false; }

    /** True when generation stops at the newline, the end of a sequence. */
    default boolean endsAtNewline() { return true; }

    /** A sequence from the training distribution. */
    default String generate(Random random) {
        return generate(uniform(trainRange(), random), random);
    }

    /** A sequence from just past the training range. */
    default String generateGeneralization(Random random) {
        return generate(uniform(generalizationRange(), random), random);
    }

    /**
     * Index in {@code sequence} of the delimiter; every position after it is scored. −1 for a task
     * without one, which is scored from its first position.
     */
    default int delimiterIndex(String sequence) {
        if (delimiters().isEmpty()) return -1;
        int d = delimiterPosition(sequence);
        if (d < 0) throw new IllegalArgumentException("sequence has no delimiter " + Vocabulary.display(delimiter()));
        return d;
    }

    /** Index of the first delimiter in {@code text}, −1 when there is none (or the task has no delimiter). */
    default int delimiterPosition(String text) {
        for (int i = 0; i < text.length(); i++) if (delimiters().indexOf(text.charAt(i)) >= 0) return i;
        return -1;
    }

    /**
     * This task trained on sizes 1 to {@code trainMax} drawn with the given distribution, and
     * generalising to trainMax + 1 .. 2·trainMax; the task itself when that is its own training range.
     */
    default Task trainedOn(int trainMax, LengthDistribution lengths) {
        return RangedTask.of(this, trainMax, lengths);
    }

    /**
     * The correct rest of a sequence, after the delimiter and including the final newline, given its
     * beginning up to and including the delimiter; empty when {@code head} is not such a beginning.
     */
    Optional<String> continuation(String head);

    /** True when the whole string is a valid sequence of this task. */
    boolean isValid(String sequence);

    static int uniform(SizeRange range, Random random) {
        return range.min() + random.nextInt(range.max() - range.min() + 1);
    }

    default List<String> examples(Random random, int n) {
        List<String> list = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) list.add(generate(random));
        return list;
    }
}
