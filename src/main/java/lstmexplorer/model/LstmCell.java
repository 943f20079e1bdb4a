package lstmexplorer.model;

import static lstmexplorer.model.LstmStep.DZ;
import static lstmexplorer.model.LstmStep.F;
import static lstmexplorer.model.LstmStep.G;
import static lstmexplorer.model.LstmStep.H;
import static lstmexplorer.model.LstmStep.I;
import static lstmexplorer.model.LstmStep.O;

import org.ejml.data.DMatrixRMaj;

/**
 * The standard LSTM (Hochreiter & Schmidhuber; gate equations as in colah's "Understanding LSTMs").
 * Pre-activations of the four gates sit side by side in PyTorch's order: input, forget, candidate, output.
 */
public final class LstmCell extends RecurrentCell {
    private final Affine affine = affine(4);
    /**
     * Per column of z: a = 1/2 for the gates, 1 for the candidate. Single precision computes (1 − a) + a·tanh(a·z),
     * which is σ(z) and tanh(z); double precision 1 / (1 + e^(−2a·z)), which is σ(z) and σ(2z), and then
     * g = 2σ(2z) − 1.
     */
    private final double[] scale;

    public LstmCell(int inputSize, int hidden) {
        super("lstm", inputSize, hidden, LstmStep.VECTORS, LstmStep.STATE, LstmStep.scratch(4));
        scale = new double[4 * hidden];
        java.util.Arrays.fill(scale, 0.5);
        java.util.Arrays.fill(scale, 2 * hidden, 3 * hidden, 1);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        // z = W·[x, h_prev]  (b is added as z is read)
        affine.products(x, prev.vectors[H], out.scratch[DZ], out.weights);
        LstmStep s = new LstmStep(prev, out);
        double[] b = affine.b.data;
        int n = hidden, rows = x.numRows;
        if (out.weights != null && out.weights.single()) {
            // products in single precision: the gates to float precision too, as (1 − a) + a·tanh(a·(z + b)) with
            // CellMath.fastTanh, which has no call: a loop of it runs as vector instructions
            for (int r = 0; r < rows; r++) fastGates(s.z, r * 4 * n, b, scale);
            splitGates(s, rows, n);
            s.keepGates(out);
            s.cellAndHidden(out);
            return;
        }
        // i, f, o = σ(z + b);  g = tanh(z + b) = 2σ(2(z + b)) − 1: first every e^(−z) (e^(−2z) for g) in a loop
        // of its own, Math.exp being a call; then the divisions over the whole array, which the JIT vectorises
        for (int r = 0; r < rows; r++)
            for (int j = 0, zr = r * 4 * n; j < 4 * n; j++) s.z[zr + j] = Math.exp(-2 * scale[j] * (s.z[zr + j] + b[j]));
        for (int k = 0, size = rows * 4 * n; k < size; k++) s.z[k] = 1 / (1 + s.z[k]);
        splitGates(s, rows, n);
        for (int k = 0, size = rows * n; k < size; k++) s.g[k] = 2 * s.g[k] - 1;
        s.keepGates(out);
        // c = f∘c_prev + i∘g;  h = o∘tanh(c)
        s.cellAndHidden(out);
    }

    /** Copies each row's activated [i | f | g | o] of z into the step's four gate vectors. */
    private static void splitGates(LstmStep s, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int zr = r * 4 * n, k = r * n;
            System.arraycopy(s.z, zr, s.i, k, n);
            System.arraycopy(s.z, zr + n, s.f, k, n);
            System.arraycopy(s.z, zr + 2 * n, s.g, k, n);
            System.arraycopy(s.z, zr + 3 * n, s.o, k, n);
        }
    }

    /** The weights z = x·W_x + h·W_h + b. */
    Affine affine() { return affine; }

    /** z_r + j = (1 − a_j) + a_j·tanh(a_j·(z_r + j + b_j)) over a row of z from {@code zr}: σ for a = 1/2, tanh for a = 1. */
    private static void fastGates(double[] z, int zr, double[] b, double[] scale) {
        // C2 vectorises the loop only when it reads every array at one index: the first row, as in a trace, gets a loop of its own
        if (zr == 0) for (int j = 0; j < scale.length; j++) z[j] = (1 - scale[j]) + scale[j] * CellMath.fastTanh(scale[j] * (z[j] + b[j]));
        else for (int j = 0; j < scale.length; j++) z[zr + j] = (1 - scale[j]) + scale[j] * CellMath.fastTanh(scale[j] * (z[zr + j] + b[j]));
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        LstmStep s = new LstmStep(prev, cur);
        double[] dz = s.z, dc = dState[0].data, dh = dState[1].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                double i = s.i[k], f = s.f[k], g = s.g[k];
                // through h = o∘tanh(c), then c = f∘c_prev + i∘g
                double dcTotal = s.dCell(dc, dh, k);
                dz[zr + j] = dcTotal * g * i * (1 - i);
                dz[zr + n + j] = dcTotal * s.cPrev[k] * f * (1 - f);
                dz[zr + 2 * n + j] = dcTotal * i * (1 - g * g);
                dz[zr + 3 * n + j] = s.dOutputGate(dh, k);
                // dc_prev = dc∘f
                dc[k] = dcTotal * f;
            }
        }
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], cur.scratch[DZ], grads, dState[1], dx, cur.weights);
    }
}
