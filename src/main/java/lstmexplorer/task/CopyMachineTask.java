package lstmexplorer.task;

import java.util.Map;
import java.util.Random;

/**
 * A random word over {a, b, c} of length L, the delimiter X, the same word again and the newline,
 * e.g. {@code cabXcab\n}.
 *
 * <p>Unlike the counting tasks the network has to store a whole word, about L&middot;log2(3) bits,
 * and play it back in order, which is why its default model is larger and has two layers.
 */
public final class CopyMachineTask extends GrammarTask {
    private static final String LETTERS = "abc";
    private static final Vocabulary VOCABULARY = Vocabulary.of("\nX" + LETTERS);

    private static final TaskInfo INFO = new TaskInfo("copy_machine",
            "A random word of a's, b's and c's, then X, then the same word again. "
                    + "The network has to store the word and play it back.",
            "L (word length)", VOCABULARY, 'X', new DefaultModel(2, 20), 0, new SizeRange(1, 5), new SizeRange(6, 8),
            TaskInfo.variables(
                    "position", "Letters of the current word read so far: of the original while writing, "
                            + "of the copy from the X on (0 at the X, L at the end).",
                    "next_char", "The letter due next while copying, as 0, 1, 2 for a, b, c; "
                            + "-1 while writing (the next letter is random) and once the newline is due.",
                    "current_char", "The letter just read as 0, 1, 2 for a, b, c; -1 on the X and the newline.",
                    "phase", "0 while writing the word, 1 from the X on."));

    public CopyMachineTask() { super(INFO, Grammar.of("([abc]+)X([abc]+)\n", m -> m.group(1).equals(m.group(2))), "[abc]+X", 1); }

    @Override public String generate(int length, Random random) {
        checkSize(length);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        return word + "X" + word + "\n";
    }

    @Override protected String rest(String head) { return head.substring(0, head.length() - 1) + "\n"; }

    /** Computed character by character, so the values are also defined for a prefix of a sequence. */
    @Override public Map<String, double[]> variables(String sequence) {
        int length = sequence.length();
        TaskInfo.Values values = INFO.valuesOver(length);
        StringBuilder word = new StringBuilder();
        int copied = 0;
        boolean copying = false;
        for (int t = 0; t < length; t++) {
            char ch = sequence.charAt(t);
            int letter = LETTERS.indexOf(ch);
            if (ch == 'X') copying = true;
            else if (letter >= 0 && copying) copied++;
            else if (letter >= 0) word.append(ch);
            // While writing, the next letter is random, so nothing is due; while copying it is
            // the letter of the stored word at the copy position, until the newline is due.
            int next = copying && copied < word.length() ? LETTERS.indexOf(word.charAt(copied)) : -1;
            values.set(t, copying ? copied : word.length(), next, letter, copying ? 1 : 0);
        }
        return values.map();
    }
}
