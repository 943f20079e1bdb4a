package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lstmexplorer.trace.Trace;

/**
 * How often each gate sits near its limits, as in figure 3 of Karpathy, Johnson &amp; Fei-Fei,
 * "Visualizing and Understanding Recurrent Networks" (2015): per layer, gate vector (every vector named
 * {@code ..._gate}) and unit, the fraction of timesteps with the gate below {@link #LOW}
 * (left-saturated, shut) and above {@link #HIGH} (right-saturated, open). Every timestep of every trace
 * counts, the start token's included. A cell without gates (rnn) gives no units.
 *
 * @param timesteps timesteps counted
 * @param low       the left-saturation level, {@value #LOW}
 * @param high      the right-saturation level, {@value #HIGH}
 * @param units     one point per layer, gate and unit
 */
public record GateSaturation(int timesteps, double low, double high, List<GateUnit> units) {
    public static final double LOW = 0.1, HIGH = 0.9;

    /**
     * One gate of one unit.
     *
     * @param leftSaturated  fraction of timesteps with the gate &lt; 0.1
     * @param rightSaturated fraction of timesteps with the gate &gt; 0.9
     */
    public record GateUnit(int layer, String gate, int unit, double leftSaturated, double rightSaturated) {}

    public static GateSaturation compute(List<Trace> traces) {
        if (traces.isEmpty()) throw new IllegalArgumentException("no traces");
        int timesteps = 0;
        for (Trace t : traces) timesteps += t.length();
        List<GateUnit> units = new ArrayList<>();
        Trace first = traces.get(0);
        for (int l = 0; l < first.layers().size(); l++) {
            for (Map.Entry<String, double[][]> e : first.layers().get(l).vectors().entrySet()) {
                String gate = e.getKey();
                if (!UnitIntervention.isGate(gate)) continue;
                int n = e.getValue().length == 0 ? 0 : e.getValue()[0].length;
                // counted a timestep at a time, as the traces hold them, every unit at once
                int[] below = new int[n], above = new int[n];
                for (Trace trace : traces) {
                    for (double[] step : trace.layers().get(l).vectors().get(gate)) {
                        for (int u = 0; u < n; u++) {
                            if (step[u] < LOW) below[u]++;
                            else if (step[u] > HIGH) above[u]++;
                        }
                    }
                }
                for (int u = 0; u < n; u++) units.add(new GateUnit(l, gate, u, below[u] / (double) timesteps, above[u] / (double) timesteps));
            }
        }
        return new GateSaturation(timesteps, LOW, HIGH, List.copyOf(units));
    }
}
