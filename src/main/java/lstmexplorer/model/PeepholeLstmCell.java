package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;

import org.ejml.data.DMatrixRMaj;

/**
 * LSTM with peephole connections (Gers & Schmidhuber, "Recurrent Nets that Time and Count", 2000):
 * the input and forget gates also see the previous cell state, the output gate sees the new one,
 * each through a diagonal (element-wise) weight p. Pre-activations sit side by side in PyTorch's LSTM
 * order: input, forget, candidate, output.
 */
public final class PeepholeLstmCell extends RecurrentCell {
    static final int I = 0, F = 1, O = 2, G = 3, C = 4, H = 5;
    private static final int TANH_C = 0, DZ = 1;

    private final Affine affine = affine(4);
    // the diagonal peephole weights, one per unit
    private final DMatrixRMaj pi = weight("p_i", 1, hidden), pf = weight("p_f", 1, hidden), po = weight("p_o", 1, hidden);

    public PeepholeLstmCell(int inputSize, int hidden) {
        super("peephole", inputSize, hidden, LstmCell.VECTORS, new int[] {C, H}, 1, 4);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        DMatrixRMaj z = out.scratch[DZ]; // holds pre-activations (without peepholes) now, their gradient in backward
        // z = W·[x, h_prev] + b
        affine.forward(x, prev.vectors[H], z);

        double[] zd = z.data, cPrev = prev.vectors[C].data, pid = pi.data, pfd = pf.data, pod = po.data;
        double[] i = out.vectors[I].data, f = out.vectors[F].data, o = out.vectors[O].data, g = out.vectors[G].data;
        double[] c = out.vectors[C].data, h = out.vectors[H].data, tc = out.scratch[TANH_C].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // i = σ(z_i + p_i∘c_prev);  f = σ(z_f + p_f∘c_prev);  g = tanh(z_g)
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                i[k] = out.keep(I, r, j, sigmoid(zd[zr + j] + pid[j] * cPrev[k]));
                f[k] = out.keep(F, r, j, sigmoid(zd[zr + n + j] + pfd[j] * cPrev[k]));
                g[k] = out.keep(G, r, j, CellMath.tanh(zd[zr + 2 * n + j]));
                // c = f∘c_prev + i∘g
                c[k] = out.keep(C, r, j, f[k] * cPrev[k] + i[k] * g[k]);
                // o = σ(z_o + p_o∘c)
                o[k] = out.keep(O, r, j, sigmoid(zd[zr + 3 * n + j] + pod[j] * c[k]));
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
        double[] c = cur.vectors[C].data, tc = cur.scratch[TANH_C].data;
        double[] pid = pi.data, pfd = pf.data, pod = po.data;
        double[] dpi = grads[3].data, dpf = grads[4].data, dpo = grads[5].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // through h = o∘tanh(c) and o = σ(z_o + p_o∘c), then c = f∘c_prev + i∘g
                double dzo = dh[k] * tc[k] * o[k] * (1 - o[k]);
                double dcTotal = dc[k] + dh[k] * o[k] * (1 - tc[k] * tc[k]) + dzo * pod[j];
                double dzi = dcTotal * g[k] * i[k] * (1 - i[k]);
                double dzf = dcTotal * cPrev[k] * f[k] * (1 - f[k]);
                dzd[zr + j] = dzi;
                dzd[zr + n + j] = dzf;
                dzd[zr + 2 * n + j] = dcTotal * i[k] * (1 - g[k] * g[k]);
                dzd[zr + 3 * n + j] = dzo;
                // dp_i += Σ_rows dz_i∘c_prev;  dp_f += Σ_rows dz_f∘c_prev;  dp_o += Σ_rows dz_o∘c
                dpi[j] += dzi * cPrev[k];
                dpf[j] += dzf * cPrev[k];
                dpo[j] += dzo * c[k];
                // dc_prev = dc∘f + dz_i∘p_i + dz_f∘p_f
                dc[k] = dcTotal * f[k] + dzi * pid[j] + dzf * pfd[j];
            }
        }
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], dz, grads, dState[1], dx);
    }
}
