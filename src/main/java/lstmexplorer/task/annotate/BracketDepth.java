package lstmexplorer.task.annotate;

/** ( [ { opened and not yet closed, outside string literals; a closer without an opener leaves it at 0. */
final class BracketDepth implements Annotator {
    @Override public String name() { return "bracket_depth"; }

    @Override public String description() { return "( [ { opened and not yet closed, outside string literals"; }

    @Override public double[] annotate(String text) {
        boolean[] inString = Quotes.inside(text);
        double[] v = new double[text.length()];
        int depth = 0;
        for (int t = 0; t < v.length; t++) {
            char ch = text.charAt(t);
            if (!inString[t]) {
                if (ch == '(' || ch == '[' || ch == '{') depth++;
                else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) depth--;
            }
            v[t] = depth;
        }
        return v;
    }
}
