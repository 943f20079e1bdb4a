package lstmexplorer.task;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * A or B, K x's, the delimiter Y, then the first letter in lower case and the newline, e.g.
 * {@code BxxxYb\n}.
 *
 * <p>The network has to hold one bit across K steps of irrelevant input, which is the textbook case
 * for the LSTM cell state: the forget gate stays open and the input gate shut while the x's go by.
 */
public final class StateMemorizerTask extends GrammarTask {
    private static final Vocabulary VOCABULARY = Vocabulary.of("\nABYabx");

    private static final TaskInfo INFO = new TaskInfo("state_memorizer",
            "A or B, then K x's, then Y, then the first letter again in lower case. "
                    + "The network has to remember one bit across the x's.",
            "K (x's)", VOCABULARY, 'Y', new DefaultModel(1, 10), 0, new SizeRange(1, 10), new SizeRange(11, 20),
            TaskInfo.variables(
                    "state", "The bit to remember: +1 if the sequence started with A, -1 if with B, from the first character to the end.",
                    "x_seen", "x's read so far."));

    public StateMemorizerTask() { super(INFO, Grammar.of("([AB])(x+)Y([ab])\n", StateMemorizerTask::answersState), "[AB]x+Y", 2); }

    @Override public String generate(int k, Random random) {
        checkSize(k);
        char state = random.nextBoolean() ? 'A' : 'B';
        return state + "x".repeat(k) + 'Y' + Character.toLowerCase(state) + '\n';
    }

    @Override protected String rest(String head) { return Character.toLowerCase(head.charAt(0)) + "\n"; }

    /** Computed character by character, so the values are also defined for a prefix of a sequence. */
    @Override public Map<String, double[]> variables(String sequence) {
        int length = sequence.length();
        TaskInfo.Values values = INFO.valuesOver(length);
        int remembered = 0;
        int xs = 0;
        for (int t = 0; t < length; t++) {
            switch (sequence.charAt(t)) {
                // Only the first letter sets the state; the answer at the end repeats it.
                case 'A' -> remembered = +1;
                case 'B' -> remembered = -1;
                case 'x' -> xs++;
                default -> { }
            }
            values.set(t, remembered, xs);
        }
        return values.map();
    }

    private static boolean answersState(Matcher m) {
        return m.group(3).equals(m.group(1).toLowerCase(Locale.ROOT));
    }
}
