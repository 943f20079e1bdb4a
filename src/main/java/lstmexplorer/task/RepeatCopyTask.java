package lstmexplorer.task;

import java.util.Map;
import java.util.Random;

/**
 * A random word over {a, b, c} of length L, a digit k from 1 to 3, the word k times and the newline,
 * e.g. {@code cab2cabcab\n}: the repeat-copy task of the Neural Turing Machine (Graves et al. 2014).
 *
 * <p>The network has to store the word, read the number of copies, and count them off as it plays
 * the word back.
 */
public final class RepeatCopyTask extends GrammarTask {
    private static final String LETTERS = "abc", DIGITS = "123";
    private static final Vocabulary VOCABULARY = Vocabulary.of("\n" + DIGITS + LETTERS);

    /** The delimiter is any of the digits (see {@link #delimiters()}); the info names the first. */
    private static final TaskInfo INFO = new TaskInfo("repeat_copy",
            "A random word of a's, b's and c's, a digit k from 1 to 3, then the word k times. The network has to store the word and count the copies.",
            "L (word length)", VOCABULARY, '1', new DefaultModel(2, 20), 0, new SizeRange(1, 5), new SizeRange(6, 8),
            TaskInfo.variables(
                    "position", "Letters read of the current word: of the original while writing it, "
                            + "of the copy in progress from the digit on (0 at the digit and at the end of each copy).",
                    "copies_left", "Copies not yet finished, from the digit on; 0 before the digit and after the last copy.",
                    "phase", "0 while writing the word, 1 from the digit on."));

    public RepeatCopyTask() {
        super(INFO, Grammar.of("([abc]+)([123])([abc]+)\n", m -> m.group(3).equals(m.group(1).repeat(m.group(2).charAt(0) - '0'))), "[abc]+[123]", 1);
    }

    @Override public String delimiters() { return DIGITS; }

    @Override public String generate(int length, Random random) {
        checkSize(length);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        int k = 1 + random.nextInt(DIGITS.length());
        return word + String.valueOf(k) + word.toString().repeat(k) + "\n";
    }

    @Override protected String rest(String head) {
        int k = head.charAt(head.length() - 1) - '0';
        return head.substring(0, head.length() - 1).repeat(k) + "\n";
    }

    /** Character by character, so the values are defined for a prefix too. */
    @Override public Map<String, double[]> variables(String sequence) {
        int length = sequence.length();
        TaskInfo.Values values = INFO.valuesOver(length);
        int wordLength = 0, copied = 0, copies = 0;
        boolean copying = false;
        for (int t = 0; t < length; t++) {
            char ch = sequence.charAt(t);
            if (DIGITS.indexOf(ch) >= 0 && !copying) { copying = true; copies = ch - '0'; }
            else if (LETTERS.indexOf(ch) >= 0 && copying) copied++;
            else if (LETTERS.indexOf(ch) >= 0) wordLength++;
            values.set(t, copying ? (wordLength == 0 ? 0 : copied % wordLength) : wordLength,
                    copying ? Math.max(0, copies - (wordLength == 0 ? 0 : copied / wordLength)) : 0, copying ? 1 : 0);
        }
        return values.map();
    }
}
