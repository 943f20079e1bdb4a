package lstmexplorer.task;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import lstmexplorer.task.annotate.Annotators;

/**
 * A {@link Corpus} as a task, so that training, tracing and every analysis read it as they read the
 * built-in tasks. A text is cut into windows of {@code window} characters; a lines corpus gives one
 * sequence per line, ending in its newline. Either way each sequence is read from the start token
 * and every character of it is scored: there is no delimiter, and a model is measured as a language
 * model (bits per character, next-character accuracy), never as "learned".
 *
 * <p>The test sequences are the first {@value #TEST_CHARACTERS} characters or so of the test split:
 * enough for stable numbers, few enough that evaluating during training and tracing for the analyses
 * stay quick on a corpus of any size. Their variables are the {@link Annotators} and the corpus's
 * label tracks, read in the context of the whole corpus.
 */
public final class CorpusTask implements Task {
    public static final int DEFAULT_WINDOW = 100;
    public static final int TEST_CHARACTERS = 10_000;
    /**
     * Training characters up to which a text's training windows start every quarter window, so that each
     * character is read at four places in a window and after four different contexts instead of one: on
     * the code corpus, 1 × 64 for 4,500 steps (seeds 1–3), held-out bits per character 1.83–1.90 against
     * 1.88–1.90, and the best line-position unit's |r| 0.43–0.54 against 0.44–0.51. A longer text has
     * variety enough in windows one after another, and four times its windows would take four times the memory.
     */
    static final int OVERLAPPED_UP_TO = 1_000_000;
    /** Characters of a text read before its test part to set the annotators' state (line, brackets, quotes). */
    static final int CONTEXT = 100_000;

    private final Corpus corpus;
    private final int window;
    private final Vocabulary vocabulary;
    private final List<String> train, test;
    private final Map<String, Map<String, double[]>> testVariables = new IdentityHashMap<>();
    private final TaskInfo info;

    public CorpusTask(Corpus corpus, int window) { this(corpus, window, corpus.vocabulary()); }

    /**
     * The corpus read with a given vocabulary: a model trained elsewhere may know its characters in
     * another order, or more of them.
     */
    public CorpusTask(Corpus corpus, int window, Vocabulary vocabulary) {
        if (window < 2) throw new IllegalArgumentException("window must be at least 2");
        if (!vocabulary.unknownIn(corpus.text()).isEmpty())
            throw new IllegalArgumentException("the vocabulary lacks characters of the corpus: " + vocabulary.unknownIn(corpus.text()));
        this.corpus = corpus;
        this.window = window;
        this.vocabulary = vocabulary;
        Map<String, String> descriptions = new LinkedHashMap<>(Annotators.descriptions());
        for (String label : corpus.labels().keySet()) descriptions.put(label, "your label track '" + label + "'");
        info = new TaskInfo(corpus.id(), "Your " + corpus.kind().id() + " dataset '" + corpus.name() + "', " + corpus.text().length()
                + " characters" + (corpus.kind() == Corpus.Kind.TEXT ? ", read in windows of " + window : ", one sequence per line"),
                "characters", vocabulary, Vocabulary.END, new DefaultModel(1, 64), 0, new SizeRange(1, window), new SizeRange(1, window),
                descriptions);
        train = new ArrayList<>();
        test = new ArrayList<>();
        if (corpus.kind() == Corpus.Kind.TEXT) splitText();
        else splitLines();
    }

    private void splitText() {
        String text = corpus.text();
        int testStart = corpus.testStart();
        windows(text, 0, testStart, Integer.MAX_VALUE, train, null, testStart <= OVERLAPPED_UP_TO ? Math.max(1, window / 4) : window);
        // annotate from a line start well before the test part, so every annotator's state there is right
        int from = Math.max(0, testStart - CONTEXT);
        if (from > 0) from = text.indexOf('\n', from) + 1;
        int end = Math.min(text.length(), testStart + TEST_CHARACTERS + window);
        String context = text.substring(from, end);
        Map<String, double[]> values = Annotators.annotate(context);
        for (Map.Entry<String, double[]> label : corpus.labels().entrySet())
            values.put(label.getKey(), java.util.Arrays.copyOfRange(label.getValue(), from, end));
        List<Integer> starts = new ArrayList<>();
        windows(text, testStart, text.length(), TEST_CHARACTERS, test, starts, window);
        for (int k = 0; k < test.size(); k++) {
            int at = starts.get(k) - from, n = test.get(k).length();
            Map<String, double[]> vars = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : values.entrySet())
                vars.put(e.getKey(), java.util.Arrays.copyOfRange(e.getValue(), at, at + n));
            testVariables.put(test.get(k), vars);
        }
    }

    /** Windows of text[from, to), one every {@code stride} characters, until {@code max} characters; a last piece shorter than 2 is dropped. */
    private void windows(String text, int from, int to, int max, List<String> out, List<Integer> starts, int stride) {
        for (int at = from; at + 2 <= to && at - from < max; at += stride) {
            out.add(text.substring(at, Math.min(to, at + window)));
            if (starts != null) starts.add(at);
        }
    }

    private void splitLines() {
        List<String> lines = corpus.lines();
        boolean[] isTest = corpus.testLines();
        int offset = 0, testCharacters = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i), sequence = line + Vocabulary.END;
            if (!isTest[i]) {
                train.add(sequence);
            } else if (testCharacters < TEST_CHARACTERS) {
                test.add(sequence);
                testCharacters += sequence.length();
                Map<String, double[]> vars = Annotators.annotate(sequence);
                for (Map.Entry<String, double[]> label : corpus.labels().entrySet()) {
                    double[] v = new double[sequence.length()];
                    System.arraycopy(label.getValue(), offset, v, 0, line.length());
                    // the newline has no label of its own: it keeps the line's last value
                    v[line.length()] = line.isEmpty() ? 0 : v[line.length() - 1];
                    vars.put(label.getKey(), v);
                }
                testVariables.put(sequence, vars);
            }
            offset += line.length();
        }
    }

    public Corpus corpus() { return corpus; }

    public int window() { return window; }

    /** The training sequences: windows of the train part of a text (see {@link #OVERLAPPED_UP_TO}), or the train lines. */
    public List<String> trainSequences() { return train; }

    /** The test sequences the evaluation and the analyses read (see the class comment). */
    public List<String> testSequences() { return test; }

    /** There is no delimiter: the newline stands in, and {@link #delimiterIndex} says that every character is scored. */
    @Override public TaskInfo info() { return info; }

    /** Every character is scored, from the first. */
    @Override public int delimiterIndex(String sequence) { return -1; }

    @Override public boolean scoresEveryCharacter() { return true; }

    /** A text runs on past its newlines; a line ends at its own. */
    @Override public boolean endsAtNewline() { return corpus.kind() == Corpus.Kind.LINES; }

    /** A training sequence at random; the size is not a parameter of a corpus. */
    @Override public String generate(int size, Random random) { return train.get(random.nextInt(train.size())); }

    @Override public String generateGeneralization(Random random) { return test.get(random.nextInt(test.size())); }

    @Override public int sizeOf(String sequence) { return sequence.length(); }

    /**
     * The annotators and label tracks of a test sequence as read in the corpus; any other string is
     * annotated on its own (its label tracks are 0, since only the corpus's characters have labels).
     */
    @Override public Map<String, double[]> variables(String sequence) {
        Map<String, double[]> known = testVariables.get(sequence);
        if (known != null) return known;
        Map<String, double[]> vars = Annotators.annotate(sequence);
        for (String label : corpus.labels().keySet()) vars.put(label, new double[sequence.length()]);
        return vars;
    }

    @Override public Optional<String> continuation(String head) { return Optional.empty(); }

    @Override public boolean isValid(String sequence) { return !sequence.isEmpty() && vocabulary.unknownIn(sequence).isEmpty(); }
}
