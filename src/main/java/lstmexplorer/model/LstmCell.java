package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The standard LSTM (Hochreiter & Schmidhuber; gate equations as in colah's "Understanding LSTMs").
 * Pre-activations of the four gates sit side by side in PyTorch's order: input, forget, candidate, output.
 */
public final class LstmCell extends RecurrentCell {
    static final int I = 0, F = 1, O = 2, G = 3, C = 4, H = 5;
    /** What every LSTM variant records, in this order, so that their traces line up. */
    static final List<String> VECTORS = List.of("input_gate", "forget_gate", "output_gate", "candidate", "cell", "hidden");
    private static final int TANH_C = 0, DZ = 1;

    private final Affine affine = affine(4);

    public LstmCell(int inputSize, int hidden) {
        super("lstm", inputSize, hidden, VECTORS, new int[] {C, H}, 1, 4);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        DMatrixRMaj z = out.scratch[DZ]; // holds pre-activations now, their gradient in backward
        // z = W·[x, h_prev] + b
        affine.forward(x, prev.vectors[H], z);

        double[] zd = z.data, cPrev = prev.vectors[C].data;
        double[] i = out.vectors[I].data, f = out.vectors[F].data, o = out.vectors[O].data, g = out.vectors[G].data;
        double[] c = out.vectors[C].data, h = out.vectors[H].data, tc = out.scratch[TANH_C].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // i, f, o = σ(z);  g = tanh(z)
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                i[k] = out.keep(I, r, j, sigmoid(zd[zr + j]));
                f[k] = out.keep(F, r, j, sigmoid(zd[zr + n + j]));
                g[k] = out.keep(G, r, j, CellMath.tanh(zd[zr + 2 * n + j]));
                o[k] = out.keep(O, r, j, sigmoid(zd[zr + 3 * n + j]));
                // c = f∘c_prev + i∘g
                c[k] = out.keep(C, r, j, f[k] * cPrev[k] + i[k] * g[k]);
                // h = o∘tanh(c)
                tc[k] = CellMath.tanh(c[k]);
                h[k] = out.keep(H, r, j, o[k] * tc[k]);
            }
        }
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        DMatrixRMaj dz = cur.scratch[DZ];
        double[] dzd = dz.data, dc = dState[0].data, dh = dState[1].data, cPrev = prev.vectors[C].data;
        double[] i = cur.vectors[I].data, f = cur.vectors[F].data, o = cur.vectors[O].data, g = cur.vectors[G].data;
        double[] tc = cur.scratch[TANH_C].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // through h = o∘tanh(c), then c = f∘c_prev + i∘g
                double dcTotal = dc[k] + dh[k] * o[k] * (1 - tc[k] * tc[k]);
                dzd[zr + j] = dcTotal * g[k] * i[k] * (1 - i[k]);
                dzd[zr + n + j] = dcTotal * cPrev[k] * f[k] * (1 - f[k]);
                dzd[zr + 2 * n + j] = dcTotal * i[k] * (1 - g[k] * g[k]);
                dzd[zr + 3 * n + j] = dh[k] * tc[k] * o[k] * (1 - o[k]);
                // dc_prev = dc∘f
                dc[k] = dcTotal * f[k];
            }
        }
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], dz, grads, dState[1], dx);
    }
}
