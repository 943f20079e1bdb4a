package lstmexplorer.task.annotate;

/**
 * Whether each character is read inside a '…' or "…" literal. A backslash escapes the next
 * character; a newline ends an unclosed literal, so an apostrophe in prose ("don't") does not hide
 * the rest of the text. The opening quote counts as inside, the closing one as outside.
 */
final class Quotes {
    private Quotes() {}

    static boolean[] inside(String text) {
        boolean[] in = new boolean[text.length()];
        char open = 0;
        boolean escaped = false;
        for (int t = 0; t < in.length; t++) {
            char ch = text.charAt(t);
            if (ch == '\n') {
                open = 0;
                escaped = false;
            } else if (open != 0) {
                if (escaped) escaped = false;
                else if (ch == '\\') escaped = true;
                else if (ch == open) open = 0;
            } else if (ch == '"' || ch == '\'') {
                open = ch;
            }
            in[t] = open != 0;
        }
        return in;
    }
}
