package lstmexplorer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Every cell type by name. Adding one is a new {@link Cell} file and one line here. */
public final class CellTypes {
    /** A registered cell type: its name, a one-line description for people, and a factory taking (input size, hidden size). */
    public record CellType(String name, String description, BiFunction<Integer, Integer, Cell> factory) {}

    private static final Map<String, CellType> TYPES = new LinkedHashMap<>();

    static {
        register("lstm", "Standard LSTM: input, forget and output gates around a cell state", LstmCell::new);
        register("rnn", "Elman RNN: h = tanh(x·W_x + h_prev·W_h + b), no gates", RnnCell::new);
        register("peephole", "LSTM with peepholes: the gates also look at the cell state", PeepholeLstmCell::new);
        register("cifg", "LSTM with coupled gates: the input gate is 1 − forget gate", CoupledLstmCell::new);
        register("gru", "Gated recurrent unit (PyTorch convention): reset and update gates, no separate cell state", GruCell::new);
        register("mgu", "Minimal gated unit: a single forget gate both resets and updates the hidden state", MinimalGatedCell::new);
        register("gru1", "GRU whose reset and update gates read only h₋₁ and a bias (Dey & Salem 2017)",
                (in, h) -> new GruGateVariantCell(GruGateVariantCell.Variant.GRU1, in, h));
        register("gru2", "GRU whose reset and update gates read only h₋₁ (Dey & Salem 2017)",
                (in, h) -> new GruGateVariantCell(GruGateVariantCell.Variant.GRU2, in, h));
        register("gru3", "GRU whose reset and update gates are a bias alone (Dey & Salem 2017)",
                (in, h) -> new GruGateVariantCell(GruGateVariantCell.Variant.GRU3, in, h));
    }

    private CellTypes() {}

    private static void register(String name, String description, BiFunction<Integer, Integer, Cell> factory) {
        TYPES.put(name, new CellType(name, description, factory));
    }

    /** Registry names in registration order; the first is the default. */
    public static List<String> names() { return List.copyOf(TYPES.keySet()); }

    /** Every registered type in registration order. */
    public static List<CellType> all() { return List.copyOf(TYPES.values()); }

    public static boolean exists(String type) { return TYPES.containsKey(type); }

    /** The human description of a cell type. */
    public static String description(String type) { return lookup(type).description(); }

    /** A new, zero-weight cell of the given type. */
    public static Cell create(String type, int inputSize, int hidden) {
        return lookup(type).factory().apply(inputSize, hidden);
    }

    /** The vector names a cell type records, without building one. */
    public static List<String> vectors(String type) { return create(type, 1, 1).vectors(); }

    private static CellType lookup(String type) {
        return Optional.ofNullable(TYPES.get(type))
                .orElseThrow(() -> new IllegalArgumentException("unknown cell type '" + type + "'; known: " + names()));
    }
}
