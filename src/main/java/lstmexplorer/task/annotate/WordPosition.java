package lstmexplorer.task.annotate;

/** Characters since the last space or newline. */
final class WordPosition implements Annotator {
    @Override public String name() { return "word_position"; }

    @Override public String description() { return "characters since the last space or newline"; }

    @Override public double[] annotate(String text) {
        double[] v = new double[text.length()];
        int position = 0;
        for (int t = 0; t < v.length; t++) {
            char ch = text.charAt(t);
            position = ch == ' ' || ch == '\n' ? 0 : position + 1;
            v[t] = position;
        }
        return v;
    }
}
