package lstmexplorer;

import java.util.Random;

/** Texts the tests upload as datasets, made from a seeded Random. */
public final class TestTexts {
    private TestTexts() {}

    /** Indented blocks of braces and calls, like source code. */
    public static String code(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < lines; i++) {
            sb.append("    ".repeat(depth));
            int pick = random.nextInt(4);
            if (pick == 0 && depth < 4) { sb.append("if (x").append(random.nextInt(10)).append(" > 0) {"); depth++; }
            else if (pick == 1 && depth > 0) { sb.setLength(sb.length() - 4); sb.append("}"); depth--; }
            else sb.append("call(\"s").append(random.nextInt(100)).append("\");");
            sb.append('\n');
        }
        return sb.toString();
    }
}
