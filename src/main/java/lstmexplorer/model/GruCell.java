package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The gated recurrent unit (Cho et al., "Learning Phrase Representations using RNN Encoder–Decoder", 2014)
 * in exactly PyTorch's nn.GRU convention, so its weights can be exchanged with a PyTorch state_dict:
 * separate input and hidden biases, the hidden bias of the candidate inside the reset gate's product,
 * gate columns in the order reset, update, candidate, and h = (1 − z)∘n + z∘h_prev (some texts swap
 * z and 1 − z). W_x is PyTorch's weight_ih transposed, W_h is weight_hh transposed, b_x is bias_ih,
 * b_h is bias_hh.
 */
public final class GruCell extends RecurrentCell {
    static final int R = 0, Z = 1, N = 2, H = 3;
    private static final int DA = 0, DB = 1;

    // separate biases, as PyTorch keeps them: the candidate's hidden bias sits inside the reset gate's product
    private final DMatrixRMaj wx = weight("W_x", inputSize, 3 * hidden), wh = weight("W_h", hidden, 3 * hidden);
    private final DMatrixRMaj bx = weight("b_x", 1, 3 * hidden), bh = weight("b_h", 1, 3 * hidden);

    public GruCell(int inputSize, int hidden) {
        super("gru", inputSize, hidden, List.of("reset_gate", "update_gate", "candidate", "hidden"), new int[] {H}, 3, 3);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        // both hold pre-activations now, their gradients in backward
        DMatrixRMaj a = out.scratch[DA], bHid = out.scratch[DB];
        // a = x·W_x + b_x;  b = h_prev·W_h + b_h  (kept apart: r multiplies only the hidden part of n)
        Products.mult(x, wx, a, out.weights);
        CellMath.addRow(a, bx);
        Products.mult(prev.vectors[H], wh, bHid, out.weights);
        CellMath.addRow(bHid, bh);

        double[] ad = a.data, bd = bHid.data, hPrev = prev.vectors[H].data;
        double[] r = out.vectors[R].data, z = out.vectors[Z].data, nv = out.vectors[N].data, h = out.vectors[H].data;
        int n = hidden;
        for (int row = 0, rows = x.numRows; row < rows; row++) {
            int zr = row * 3 * n;
            for (int j = 0; j < n; j++) {
                int k = row * n + j;
                // r = σ(a_r + b_r);  z = σ(a_z + b_z)
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                r[k] = out.keep(R, row, j, sigmoid(ad[zr + j] + bd[zr + j]));
                z[k] = out.keep(Z, row, j, sigmoid(ad[zr + n + j] + bd[zr + n + j]));
                // n = tanh(a_n + r∘b_n)
                nv[k] = out.keep(N, row, j, CellMath.tanh(ad[zr + 2 * n + j] + r[k] * bd[zr + 2 * n + j]));
                // h = (1 − z)∘n + z∘h_prev
                h[k] = out.keep(H, row, j, (1 - z[k]) * nv[k] + z[k] * hPrev[k]);
            }
        }
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        DMatrixRMaj da = cur.scratch[DA], db = cur.scratch[DB];
        double[] dad = da.data, dbd = db.data, dh = dState[0].data, hPrev = prev.vectors[H].data;
        double[] r = cur.vectors[R].data, z = cur.vectors[Z].data, nv = cur.vectors[N].data;
        int n = hidden;
        for (int row = 0, rows = x.numRows; row < rows; row++) {
            int zr = row * 3 * n;
            for (int j = 0; j < n; j++) {
                int k = row * n + j;
                // through h = (1 − z)∘n + z∘h_prev, then n = tanh(a_n + r∘b_n)
                double dn = dh[k] * (1 - z[k]) * (1 - nv[k] * nv[k]);
                double dz = dh[k] * (hPrev[k] - nv[k]) * z[k] * (1 - z[k]);
                double dr = dn * dbd[zr + 2 * n + j] * r[k] * (1 - r[k]); // dbd still holds b_n here
                dad[zr + j] = dr;
                dad[zr + n + j] = dz;
                dad[zr + 2 * n + j] = dn;
                dbd[zr + j] = dr;
                dbd[zr + n + j] = dz;
                dbd[zr + 2 * n + j] = dn * r[k];
                // dh_prev = dh∘z, plus db·W_hᵀ below
                dh[k] = dh[k] * z[k];
            }
        }
        // dW_x += xᵀ·da;  dW_h += h_prevᵀ·db;  db_x += Σ_rows da;  db_h += Σ_rows db
        Products.multAddTransA(x, da, grads[0], cur.weights);
        Products.multAddTransA(prev.vectors[H], db, grads[1], cur.weights);
        CellMath.addColumnSums(da, grads[2]);
        CellMath.addColumnSums(db, grads[3]);
        // dh_prev += db·W_hᵀ;  dx = da·W_xᵀ
        Products.multAddTransB(db, wh, dState[0], cur.weights);
        if (dx != null) Products.multTransB(da, wx, dx, cur.weights);
    }
}
