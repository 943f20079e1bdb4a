package lstmexplorer.task.annotate;

/**
 * Leading spaces of the current line, a tab counting as 4. While the line's leading blanks are read
 * the value grows with them; from its first other character on it stays; a newline starts a line at 0.
 */
final class Indent implements Annotator {
    static final int TAB = 4;

    @Override public String name() { return "indent"; }

    @Override public String description() { return "leading spaces of the current line (a tab counts as " + TAB + ")"; }

    @Override public double[] annotate(String text) {
        double[] v = new double[text.length()];
        int indent = 0;
        boolean leading = true;
        for (int t = 0; t < v.length; t++) {
            char ch = text.charAt(t);
            if (ch == '\n') {
                indent = 0;
                leading = true;
            } else if (leading && ch == ' ') {
                indent++;
            } else if (leading && ch == '\t') {
                indent += TAB;
            } else {
                leading = false;
            }
            v[t] = indent;
        }
        return v;
    }
}
