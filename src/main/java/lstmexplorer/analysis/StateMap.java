package lstmexplorer.analysis;

import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;

/**
 * The one-step map F_x(S): the whole state after the network reads character x from state S, for a
 * batch of states at once. Its Jacobian ∂F_x/∂S is taken by central differences over the same map, so
 * every cell type has one without a derivative of its own.
 */
final class StateMap {
    /** Finite-difference step for the Jacobian: small against the state's scale (|S| ≤ a few), large against rounding. */
    private static final double H = 1e-5;

    private final Network network;
    private final StateLayout layout;

    StateMap(Network network) {
        this.network = network;
        this.layout = new StateLayout(network);
    }

    StateLayout layout() { return layout; }

    /** F_x of every row of {@code states} (rows × S), into a new array. */
    double[][] apply(double[][] states, int token) {
        int rows = states.length;
        int[][] input = new int[rows][];
        for (int r = 0; r < rows; r++) input[r] = new int[] {token, token};
        // Timestep 0 is made to end in the given state, as if the network had carried it there; timestep 1 then
        // reads x from it. The forward pass is the network's own, so F is exactly what a trace computes.
        ForwardPass pass = network.newPass(rows);
        network.forward(input, pass, new SetState(states));
        double[][] next = new double[rows][layout.size()];
        for (StateLayout.Block b : layout.blocks())
            for (int r = 0; r < rows; r++)
                for (int u = 0; u < layout.hidden(); u++) next[r][b.offset() + u] = pass.step(1, b.layer()).value(b.vectorIndex(), r, u);
        return next;
    }

    /** ∂F_x/∂S at s, as [row i = output entry][column j = input entry], by central differences in one batch. */
    double[][] jacobian(double[] s, int token) {
        int n = s.length;
        double[][] probes = new double[2 * n][];
        for (int j = 0; j < n; j++) {
            probes[2 * j] = s.clone();
            probes[2 * j][j] += H;
            probes[2 * j + 1] = s.clone();
            probes[2 * j + 1][j] -= H;
        }
        double[][] f = apply(probes, token);
        double[][] jac = new double[n][n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) jac[i][j] = (f[2 * j][i] - f[2 * j + 1][i]) / (2 * H);
        return jac;
    }

    /** Holds the state vectors of every layer at timestep 0 at the given values, one row of the batch per state. */
    private final class SetState implements Intervention {
        private final double[][] states;
        private final int[][] offsetOf; // [layer][vector index] → offset in S, or -1

        SetState(double[][] states) {
            this.states = states;
            offsetOf = new int[network.layers()][];
            for (int l = 0; l < network.layers(); l++) {
                offsetOf[l] = new int[network.cell(l).vectors().size()];
                java.util.Arrays.fill(offsetOf[l], -1);
            }
            for (StateLayout.Block b : layout.blocks()) offsetOf[b.layer()][b.vectorIndex()] = b.offset();
        }

        @Override public boolean touches(int timestep, int layer) { return timestep == 0; }

        @Override public double value(int timestep, int layer, int vector, int row, int unit, double computed) {
            int offset = offsetOf[layer][vector];
            return offset < 0 ? computed : states[row][offset + unit];
        }
    }
}
