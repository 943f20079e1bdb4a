package lstmexplorer.analysis;

/**
 * One change to a running network: from timestep {@code from} on, unit {@code unit} of vector
 * {@code vector} in layer {@code layer} takes {@code value} instead of what the cell computes.
 * Zeroing is value 0; clamping is any value; forcing a gate shut or open is value 0 or 1 on a vector
 * whose name ends in {@code _gate}. The change is made where the cell computes the value, so what is
 * computed from it follows: forcing an LSTM's forget gate changes its cell and hidden state, clamping
 * its cell state changes its hidden state (h = o∘tanh(c)), and layers above and later steps see it.
 *
 * @param layer  layer index, from 0
 * @param vector a vector of the layer's cell, e.g. {@code cell}, {@code hidden}, {@code forget_gate}
 * @param unit   unit index, from 0
 * @param value  the value to hold; within [0, 1] for a gate
 * @param from   first timestep changed (0 is the start token)
 */
public record UnitIntervention(int layer, String vector, int unit, double value, int from) {
    public UnitIntervention {
        if (vector == null || vector.isBlank()) throw new IllegalArgumentException("vector is required");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("value must be a number");
        if (from < 0) throw new IllegalArgumentException("from must not be negative");
        if (isGate(vector) && (value < 0 || value > 1))
            throw new IllegalArgumentException("a gate can only be held within [0, 1], not " + value);
    }

    public static UnitIntervention zero(int layer, String vector, int unit, int from) {
        return new UnitIntervention(layer, vector, unit, 0, from);
    }

    public static UnitIntervention clamp(int layer, String vector, int unit, double value, int from) {
        return new UnitIntervention(layer, vector, unit, value, from);
    }

    /** Holds a gate shut (0) or open (1). */
    public static UnitIntervention forceGate(int layer, String gate, int unit, boolean open, int from) {
        if (!isGate(gate)) throw new IllegalArgumentException("'" + gate + "' is not a gate");
        return new UnitIntervention(layer, gate, unit, open ? 1 : 0, from);
    }

    /** Gate vectors are named {@code ..._gate}. */
    public static boolean isGate(String vector) { return vector.endsWith("_gate"); }
}
