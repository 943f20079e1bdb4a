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
    /** Per column of z: the factor in the exponent of e^(−z) (gates) or e^(−2z) (candidate). */
    private final double[] exponent;

    public LstmCell(int inputSize, int hidden) {
        super("lstm", inputSize, hidden, LstmStep.VECTORS, LstmStep.STATE, LstmStep.scratch(4));
        exponent = new double[4 * hidden];
        java.util.Arrays.fill(exponent, -1);
        java.util.Arrays.fill(exponent, 2 * hidden, 3 * hidden, -2);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        // z = W·[x, h_prev]  (b is added as z is read)
        affine.products(x, prev.vectors[H], out.scratch[DZ], out.weights);
        LstmStep s = new LstmStep(prev, out);
        double[] b = affine.b.data;
        int n = hidden, rows = x.numRows;
        // i, f, o = σ(z + b);  g = tanh(z + b) = 2σ(2(z + b)) − 1: first every e^(−z) (e^(−2z) for g) in a loop
        // of its own, Math.exp being a call; then the divisions over the whole array, which the JIT vectorises
        for (int r = 0; r < rows; r++)
            for (int j = 0, zr = r * 4 * n; j < 4 * n; j++) s.z[zr + j] = Math.exp(exponent[j] * (s.z[zr + j] + b[j]));
        for (int k = 0, size = rows * 4 * n; k < size; k++) s.z[k] = 1 / (1 + s.z[k]);
        for (int r = 0; r < rows; r++) {
            int zr = r * 4 * n, k = r * n;
            System.arraycopy(s.z, zr, s.i, k, n);
            System.arraycopy(s.z, zr + n, s.f, k, n);
            System.arraycopy(s.z, zr + 2 * n, s.g, k, n);
            System.arraycopy(s.z, zr + 3 * n, s.o, k, n);
        }
        for (int k = 0, size = rows * n; k < size; k++) s.g[k] = 2 * s.g[k] - 1;
        // (an intervention replaces each value as it is computed; without one this does nothing)
        s.keep(out, I, s.i);
        s.keep(out, F, s.f);
        s.keep(out, G, s.g);
        s.keep(out, O, s.o);
        // c = f∘c_prev + i∘g;  h = o∘tanh(c)
        s.cellAndHidden(out);
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
