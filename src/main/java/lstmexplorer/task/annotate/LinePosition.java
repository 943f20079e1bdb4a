package lstmexplorer.task.annotate;

/** Characters since the last newline: 0 just after one, 1 after the line's first character. */
final class LinePosition implements Annotator {
    @Override public String name() { return "line_position"; }

    @Override public String description() { return "characters since the last newline"; }

    @Override public double[] annotate(String text) {
        double[] v = new double[text.length()];
        int position = 0;
        for (int t = 0; t < v.length; t++) {
            position = text.charAt(t) == '\n' ? 0 : position + 1;
            v[t] = position;
        }
        return v;
    }
}
