package lstmexplorer.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A user's own sequences: one continuous {@link Kind#TEXT text}, or {@link Kind#LINES lines}, one
 * sequence per line. The text is kept with its line ends normalised to {@code \n}. The split into
 * train and test is fixed: the last tenth of a text, or a tenth of the lines drawn with
 * {@link #SPLIT_SEED}, so the same upload always splits the same way.
 *
 * <p>{@code labels} are the user's own tracks, one number per character "in the order of the
 * dataset": the characters of a text, or the lines' characters one line after another without
 * their newlines.
 */
public record Corpus(String id, String name, Kind kind, String text, Map<String, double[]> labels) {
    public static final long SPLIT_SEED = 10;
    /** The share of a corpus held out for testing. */
    public static final double TEST_SHARE = 0.1;

    public enum Kind {
        TEXT, LINES;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public Corpus {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Line ends as the corpus keeps them: \r\n and a lone \r become \n. */
    public static String normalize(String raw) {
        return raw.replace("\r\n", "\n").replace('\r', '\n');
    }

    public Vocabulary vocabulary() { return Vocabulary.of(text); }

    /** The lines of a lines corpus, without their newlines (a final newline ends the last line). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) lines.remove(lines.size() - 1);
        return lines;
    }

    /** Characters "in the order of the dataset", the length a label track must have. */
    public int labelLength() {
        if (kind == Kind.TEXT) return text.length();
        int n = 0;
        for (String line : lines()) n += line.length();
        return n;
    }

    /** Where the test part of a text starts. */
    public int testStart() { return text.length() - (int) Math.round(text.length() * TEST_SHARE); }

    /** For a lines corpus: which lines are test lines, drawn from {@link #SPLIT_SEED}. */
    public boolean[] testLines() {
        int n = lines().size();
        int test = Math.max(1, (int) Math.round(n * TEST_SHARE));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random random = new Random(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] isTest = new boolean[n];
        for (int k = 0; k < test; k++) isTest[order[k]] = true;
        return isTest;
    }

    /** Sequences (lines, or characters of a text) in the train and the test split. */
    public Map<String, Integer> splitSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        if (kind == Kind.TEXT) {
            sizes.put("train", testStart());
            sizes.put("test", text.length() - testStart());
        } else {
            int test = 0;
            boolean[] isTest = testLines();
            for (boolean t : isTest) if (t) test++;
            sizes.put("train", isTest.length - test);
            sizes.put("test", test);
        }
        return sizes;
    }

    public Corpus withLabels(Map<String, double[]> newLabels) { return new Corpus(id, name, kind, text, newLabels); }
}
