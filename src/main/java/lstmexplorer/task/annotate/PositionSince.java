package lstmexplorer.task.annotate;

/**
 * Characters since the last of some separators: 0 just after one, 1 after the first character that follows.
 * The line position counts from each newline, the word position from each space or newline.
 */
record PositionSince(String name, String description, String separators) implements Annotator {
    static final PositionSince LINE = new PositionSince("line_position", "characters since the last newline", "\n");
    static final PositionSince WORD = new PositionSince("word_position", "characters since the last space or newline", " \n");

    @Override public double[] annotate(String text) {
        double[] v = new double[text.length()];
        int position = 0;
        for (int t = 0; t < v.length; t++) {
            position = separators.indexOf(text.charAt(t)) >= 0 ? 0 : position + 1;
            v[t] = position;
        }
        return v;
    }
}
