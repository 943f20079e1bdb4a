package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The minimal gated unit (Zhou, Wu, Zhang & Zhou, "Minimal Gated Unit for Recurrent Neural Networks", 2016):
 * a GRU whose single forget gate plays both the reset and the update role. Input weights and biases sit
 * side by side in the order forget, candidate; the hidden weights are split in two because the candidate
 * reads f∘h_prev rather than h_prev.
 */
public final class MinimalGatedCell extends RecurrentCell {
    static final int F = 0, N = 1, H = 2;
    private static final int DZ = 0, FH = 1, T = 2, DFH = 3;

    private final DMatrixRMaj wx = weight("W_x", inputSize, 2 * hidden);
    private final DMatrixRMaj whf = weight("W_hf", hidden, hidden), whn = weight("W_hn", hidden, hidden);
    private final DMatrixRMaj b = weight("b", 1, 2 * hidden);

    public MinimalGatedCell(int inputSize, int hidden) {
        super("mgu", inputSize, hidden, List.of("forget_gate", "candidate", "hidden"), new int[] {H}, 2, 1, 1, 1);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        DMatrixRMaj z = out.scratch[DZ]; // holds pre-activations now, their gradient in backward
        DMatrixRMaj fh = out.scratch[FH], t = out.scratch[T];
        DMatrixRMaj hPrevM = prev.vectors[H];
        // z = x·W_x + b;  z_f += h_prev·W_hf
        Products.mult(x, wx, z, out.weights);
        CellMath.addRow(z, b);
        Products.mult(hPrevM, whf, t, out.weights);

        double[] zd = z.data, td = t.data, fhd = fh.data, hPrev = hPrevM.data;
        double[] f = out.vectors[F].data, nv = out.vectors[N].data, h = out.vectors[H].data;
        int n = hidden, rows = x.numRows;
        for (int r = 0; r < rows; r++) {
            int zr = r * 2 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // f = σ(x·W_xf + h_prev·W_hf + b_f)
                zd[zr + j] += td[k];
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                f[k] = out.keep(F, r, j, sigmoid(zd[zr + j]));
                fhd[k] = f[k] * hPrev[k];
            }
        }
        // z_n += (f∘h_prev)·W_hn
        Products.mult(fh, whn, t, out.weights);
        for (int r = 0; r < rows; r++) {
            int zr = r * 2 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // n = tanh(x·W_xn + (f∘h_prev)·W_hn + b_n)
                zd[zr + n + j] += td[k];
                nv[k] = out.keep(N, r, j, CellMath.tanh(zd[zr + n + j]));
                // h = (1 − f)∘h_prev + f∘n
                h[k] = out.keep(H, r, j, (1 - f[k]) * hPrev[k] + f[k] * nv[k]);
            }
        }
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        DMatrixRMaj dz = cur.scratch[DZ], fh = cur.scratch[FH], t = cur.scratch[T], dfh = cur.scratch[DFH];
        DMatrixRMaj hPrevM = prev.vectors[H];
        double[] dzd = dz.data, td = t.data, dfhd = dfh.data, dh = dState[0].data, hPrev = hPrevM.data;
        double[] f = cur.vectors[F].data, nv = cur.vectors[N].data;
        int n = hidden, rows = x.numRows;
        for (int r = 0; r < rows; r++) {
            int zr = r * 2 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // through h = (1 − f)∘h_prev + f∘n, then n = tanh(z_n)
                dzd[zr + n + j] = td[k] = dh[k] * f[k] * (1 - nv[k] * nv[k]);
            }
        }
        // d(f∘h_prev) = dz_n·W_hnᵀ;  dW_hn += (f∘h_prev)ᵀ·dz_n
        Products.multTransB(t, whn, dfh, cur.weights);
        Products.multAddTransA(fh, t, grads[2], cur.weights);
        for (int r = 0; r < rows; r++) {
            int zr = r * 2 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // f reaches the loss through h directly and through f∘h_prev; then f = σ(z_f)
                double df = dh[k] * (nv[k] - hPrev[k]) + dfhd[k] * hPrev[k];
                dzd[zr + j] = td[k] = df * f[k] * (1 - f[k]);
                // dh_prev = dh∘(1 − f) + d(f∘h_prev)∘f, plus dz_f·W_hfᵀ below
                dh[k] = dh[k] * (1 - f[k]) + dfhd[k] * f[k];
            }
        }
        // dW_hf += h_prevᵀ·dz_f;  dh_prev += dz_f·W_hfᵀ
        Products.multAddTransA(hPrevM, t, grads[1], cur.weights);
        Products.multAddTransB(t, whf, dState[0], cur.weights);
        // dW_x += xᵀ·dz;  db += Σ_rows dz;  dx = dz·W_xᵀ
        Products.multAddTransA(x, dz, grads[0], cur.weights);
        CellMath.addColumnSums(dz, grads[3]);
        if (dx != null) Products.multTransB(dz, wx, dx, cur.weights);
    }
}
