package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;

import org.ejml.data.DMatrixRMaj;

/**
 * LSTM with coupled input and forget gates, "CIFG" in Greff et al., "LSTM: A Search Space Odyssey"
 * (2017): the input gate is 1 − f, so the cell writes exactly as much as it forgets. Pre-activations of
 * the three remaining blocks sit side by side: forget, candidate, output. The recorded input_gate is 1 − f.
 */
public final class CoupledLstmCell extends RecurrentCell {
    static final int I = 0, F = 1, O = 2, G = 3, C = 4, H = 5;
    private static final int TANH_C = 0, DZ = 1;

    private final Affine affine = affine(3);

    public CoupledLstmCell(int inputSize, int hidden) {
        super("cifg", inputSize, hidden, LstmCell.VECTORS, new int[] {C, H}, 1, 3);
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
            int zr = r * 3 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // f, o = σ(z);  g = tanh(z);  i = 1 − f
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                f[k] = out.keep(F, r, j, sigmoid(zd[zr + j]));
                g[k] = out.keep(G, r, j, CellMath.tanh(zd[zr + n + j]));
                o[k] = out.keep(O, r, j, sigmoid(zd[zr + 2 * n + j]));
                i[k] = out.keep(I, r, j, 1 - f[k]);
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
        double[] f = cur.vectors[F].data, o = cur.vectors[O].data, g = cur.vectors[G].data;
        double[] tc = cur.scratch[TANH_C].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 3 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // through h = o∘tanh(c), then c = f∘c_prev + (1 − f)∘g
                double dcTotal = dc[k] + dh[k] * o[k] * (1 - tc[k] * tc[k]);
                dzd[zr + j] = dcTotal * (cPrev[k] - g[k]) * f[k] * (1 - f[k]);
                dzd[zr + n + j] = dcTotal * (1 - f[k]) * (1 - g[k] * g[k]);
                dzd[zr + 2 * n + j] = dh[k] * tc[k] * o[k] * (1 - o[k]);
                // dc_prev = dc∘f
                dc[k] = dcTotal * f[k];
            }
        }
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], dz, grads, dState[1], dx);
    }
}
