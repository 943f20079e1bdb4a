package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.model.Cell;
import lstmexplorer.model.Network;
import lstmexplorer.trace.Trace;

/**
 * The whole state S a network carries from one timestep to the next, as one flat vector: the state
 * vectors of layer 0 (cell then hidden for an LSTM, hidden alone for a GRU), then layer 1's, and so on.
 * This is the space in which the one-step map F_x(S) and its Jacobian live.
 */
public final class StateLayout {
    /** One unit of the state: which layer, which vector (e.g. {@code cell}), which unit. */
    public record UnitRef(int layer, String vector, int unit) {
        @Override public String toString() { return "layer " + layer + " " + vector + " " + unit; }
    }

    /** One block of {@code hidden} entries: a state vector of a layer, at {@code offset} in S. */
    record Block(int layer, String vector, int vectorIndex, int offset) {}

    private final List<Block> blocks = new ArrayList<>();
    private final int hidden, size;

    public StateLayout(Network network) {
        hidden = network.hidden();
        int offset = 0;
        for (int l = 0; l < network.layers(); l++) {
            Cell cell = network.cell(l);
            for (int v : cell.stateVectors()) {
                blocks.add(new Block(l, cell.vectors().get(v), v, offset));
                offset += hidden;
            }
        }
        size = offset;
    }

    /** Entries of S. */
    public int size() { return size; }

    public int hidden() { return hidden; }

    List<Block> blocks() { return blocks; }

    /** The unit at entry i of S. */
    public UnitRef unit(int i) {
        Block b = blocks.get(i / hidden);
        return new UnitRef(b.layer(), b.vector(), i % hidden);
    }

    /** Where vector {@code vector} of layer {@code layer} starts in S, or -1 when it is not a state vector. */
    public int offset(int layer, String vector) {
        for (Block b : blocks) if (b.layer() == layer && b.vector().equals(vector)) return b.offset();
        return -1;
    }

    /** The state vectors' names of one layer, in S's order. */
    public List<String> stateVectors(int layer) {
        List<String> names = new ArrayList<>();
        for (Block b : blocks) if (b.layer() == layer) names.add(b.vector());
        return names;
    }

    /** S after timestep t of a trace. */
    public double[] state(Trace trace, int t) {
        double[] s = new double[size];
        for (Block b : blocks)
            System.arraycopy(trace.layers().get(b.layer()).vectors().get(b.vector())[t], 0, s, b.offset(), hidden);
        return s;
    }

    /** S split by layer and vector name, as the API shows a state: {@code [{"cell": [...], "hidden": [...]}]}. */
    public List<Map<String, double[]>> split(double[] s) {
        List<Map<String, double[]>> layers = new ArrayList<>();
        for (Block b : blocks) {
            while (layers.size() <= b.layer()) layers.add(new LinkedHashMap<>());
            double[] v = new double[hidden];
            System.arraycopy(s, b.offset(), v, 0, hidden);
            layers.get(b.layer()).put(b.vector(), v);
        }
        return layers;
    }
}
