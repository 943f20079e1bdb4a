package lstmexplorer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Every cell type by name. Adding one is a new {@link Cell} file and one line here. */
public final class CellTypes {
    private static final Map<String, BiFunction<Integer, Integer, Cell>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("lstm", LstmCell::new);
    }

    private CellTypes() {}

    public static List<String> names() { return List.copyOf(TYPES.keySet()); }

    public static boolean exists(String type) { return TYPES.containsKey(type); }

    /** A new, zero-weight cell of the given type. */
    public static Cell create(String type, int inputSize, int hidden) {
        return Optional.ofNullable(TYPES.get(type))
                .orElseThrow(() -> new IllegalArgumentException("unknown cell type '" + type + "'; known: " + names()))
                .apply(inputSize, hidden);
    }

    /** The vector names a cell type records, without building one. */
    public static List<String> vectors(String type) { return create(type, 1, 1).vectors(); }
}
