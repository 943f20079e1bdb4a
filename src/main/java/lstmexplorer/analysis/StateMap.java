package lstmexplorer.analysis;

import lstmexplorer.model.ForwardPass;
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
        int[] tokens = new int[states.length];
        java.util.Arrays.fill(tokens, token);
        return apply(states, tokens);
    }

    /** F of every row of {@code states} under that row's own input character. */
    double[][] apply(double[][] states, int[] tokens) {
        int rows = states.length, hidden = layout.hidden();
        int[][] input = new int[rows][];
        for (int r = 0; r < rows; r++) input[r] = new int[] {tokens[r]};
        // one timestep of the network's own forward pass, started from the given states
        ForwardPass pass = network.newPass(rows);
        double[] values = new double[hidden];
        for (StateLayout.Block b : layout.blocks())
            for (int r = 0; r < rows; r++) {
                System.arraycopy(states[r], b.offset(), values, 0, hidden);
                pass.setInitialState(b.layer(), b.vectorIndex(), r, values);
            }
        network.forward(input, pass);
        double[][] next = new double[rows][layout.size()];
        for (StateLayout.Block b : layout.blocks())
            for (int r = 0; r < rows; r++)
                for (int u = 0; u < hidden; u++) next[r][b.offset() + u] = pass.step(0, b.layer()).value(b.vectorIndex(), r, u);
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
}
