package lstmexplorer.task.annotate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of annotators. To add one, write its class (or a PositionSince) and add one line to {@link #ALL}. */
public final class Annotators {
    private static final List<Annotator> ALL = List.of(
            PositionSince.LINE,
            new Indent(),
            new BracketDepth(),
            new InString(),
            PositionSince.WORD);

    private Annotators() {}

    public static List<Annotator> all() { return ALL; }

    /** Every annotator's values over {@code text}, by name, in registry order. */
    public static Map<String, double[]> annotate(String text) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Annotator a : ALL) values.put(a.name(), a.annotate(text));
        return values;
    }

    /** Every annotator's description, by name, in registry order. */
    public static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        for (Annotator a : ALL) d.put(a.name(), a.description());
        return d;
    }
}
