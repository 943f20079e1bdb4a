package lstmexplorer.service;

import java.util.List;

/**
 * The part of a trace a caller wants: one layer, some vectors, some units, timesteps [from, to).
 * Null means all.
 */
public record Slice(Integer layer, List<String> vectors, List<Integer> units, Integer from, Integer to) {
    public static final Slice ALL = new Slice(null, null, null, null, null);

    public Slice {
        vectors = vectors == null ? null : List.copyOf(vectors);
        units = units == null ? null : List.copyOf(units);
    }

    String key() { return layer + "|" + vectors + "|" + units + "|" + from + "|" + to; }
}
