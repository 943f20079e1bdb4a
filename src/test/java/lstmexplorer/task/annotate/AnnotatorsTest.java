package lstmexplorer.task.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each annotator's value after every character of a small piece of code. */
class AnnotatorsTest {
    //                          i f ␠ ( a ) ␠ { ⏎ ␠ ␠ x ␠ = ␠ " ( " ; ⏎ \t y ( ' \ ' ' ) ⏎ }
    static final String CODE = "if (a) {\n  x = \"(\";\n\ty('\\'')\n}";

    static double[] values(String name) { return Annotators.annotate(CODE).get(name); }

    static double[] d(int... v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }

    @Test
    void linePosition() {
        assertArrayEquals(d(1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1),
                values("line_position"));
    }

    @Test
    void wordPosition() {
        assertArrayEquals(d(1, 2, 0, 1, 2, 3, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1),
                values("word_position"));
    }

    @Test
    void indentCountsLeadingBlanksAndATabAsFour() {
        assertArrayEquals(d(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0),
                values("indent"));
    }

    @Test
    void inStringKnowsEscapesAndBothQuotes() {
        assertArrayEquals(d(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0),
                values("in_string"));
    }

    @Test
    void bracketDepthIgnoresBracketsInStrings() {
        assertArrayEquals(d(0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 0),
                values("bracket_depth"));
    }

    @Test
    void theRegistryListsEveryAnnotatorOnceInOrder() {
        assertEquals(List.of("line_position", "indent", "bracket_depth", "in_string", "word_position"),
                Annotators.all().stream().map(Annotator::name).toList());
        Map<String, double[]> all = Annotators.annotate(CODE);
        for (double[] v : all.values()) assertEquals(CODE.length(), v.length);
    }
}
