package lstmexplorer.task;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequences of a task: a pattern, and what the pattern cannot say (that the b's match the a's,
 * that the copy equals the word).
 */
record Grammar(Pattern pattern, Predicate<Matcher> wellFormed) {
    static Grammar of(String regex, Predicate<Matcher> wellFormed) { return new Grammar(Pattern.compile(regex), wellFormed); }

    boolean matches(String sequence) {
        Matcher m = pattern.matcher(sequence);
        return m.matches() && wellFormed.test(m);
    }

    /** The match of a sequence of task {@code task}, to read its groups. */
    Matcher parse(String sequence, String task) {
        Matcher m = pattern.matcher(sequence);
        if (!m.matches() || !wellFormed.test(m))
            throw new IllegalArgumentException("not a " + task + " sequence: " + sequence.replace("\n", "\\n"));
        return m;
    }
}
