package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;

import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * The gate variants of the GRU of Dey &amp; Salem, "Gate-Variants of Gated Recurrent Unit (GRU)
 * Neural Networks", 2017, which drop inputs from the reset and update gates to save parameters:
 * GRU1 gates read only h₋₁ and a bias, GRU2 only h₋₁, GRU3 only a bias. The candidate and the update
 * are those of {@link GruCell}: n = tanh(x·W_x + b_x + r∘(h₋₁·W_h + b_h)), h = (1 − z)∘n + z∘h₋₁.
 */
public final class GruGateVariantCell extends RecurrentCell {
    /** What the reset and update gates [r, z] = σ(…) read. */
    public enum Variant {
        /** σ(h₋₁·U + b) */
        GRU1(true, true),
        /** σ(h₋₁·U) */
        GRU2(true, false),
        /** σ(b) */
        GRU3(false, true);

        final boolean hidden, bias;

        Variant(boolean hidden, boolean bias) { this.hidden = hidden; this.bias = bias; }
    }

    static final int R = 0, Z = 1, N = 2, H = 3;
    private static final int DA = 0, DB = 1, DG = 2;

    private final Variant variant;
    // the candidate's, as in GruCell: n = tanh(x·W_x + b_x + r∘(h·W_h + b_h))
    private final DMatrixRMaj wx = weight("W_x", inputSize, hidden), wh = weight("W_h", hidden, hidden);
    private final DMatrixRMaj bx = weight("b_x", 1, hidden), bh = weight("b_h", 1, hidden);
    // the gates' [r, z], whichever of them the variant has
    private final DMatrixRMaj ug, bg;

    public GruGateVariantCell(Variant variant, int inputSize, int hidden) {
        super(variant.name().toLowerCase(Locale.ROOT), inputSize, hidden, List.of("reset_gate", "update_gate", "candidate", "hidden"),
                new int[] {H}, 1, 1, 2);
        this.variant = variant;
        ug = variant.hidden ? weight("U_gates", hidden, 2 * hidden) : new DMatrixRMaj(hidden, 2 * hidden);
        bg = variant.bias ? weight("b_gates", 1, 2 * hidden) : new DMatrixRMaj(1, 2 * hidden);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        DMatrixRMaj a = out.scratch[DA], b = out.scratch[DB], g = out.scratch[DG];
        DMatrixRMaj hPrev = prev.vectors[H];
        // a = x·W_x + b_x;  b = h_prev·W_h + b_h;  g = h_prev·U + b_gates (the terms the variant has)
        Products.mult(x, wx, a, out.weights);
        CellMath.addRow(a, bx);
        Products.mult(hPrev, wh, b, out.weights);
        CellMath.addRow(b, bh);
        if (variant.hidden) Products.mult(hPrev, ug, g, out.weights);
        else g.zero();
        if (variant.bias) CellMath.addRow(g, bg);

        double[] ad = a.data, bd = b.data, gd = g.data, hp = hPrev.data;
        double[] r = out.vectors[R].data, z = out.vectors[Z].data, nv = out.vectors[N].data, h = out.vectors[H].data;
        int n = hidden;
        for (int row = 0, rows = x.numRows; row < rows; row++) {
            for (int j = 0; j < n; j++) {
                int k = row * n + j, gk = row * 2 * n + j;
                // r = σ(g_r);  z = σ(g_z)
                r[k] = out.keep(R, row, j, sigmoid(gd[gk]));
                z[k] = out.keep(Z, row, j, sigmoid(gd[gk + n]));
                // n = tanh(a + r∘b)
                nv[k] = out.keep(N, row, j, CellMath.tanh(ad[k] + r[k] * bd[k]));
                // h = (1 − z)∘n + z∘h_prev
                h[k] = out.keep(H, row, j, (1 - z[k]) * nv[k] + z[k] * hp[k]);
            }
        }
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        DMatrixRMaj da = cur.scratch[DA], db = cur.scratch[DB], dg = cur.scratch[DG];
        DMatrixRMaj hPrev = prev.vectors[H];
        double[] dad = da.data, dbd = db.data, dgd = dg.data, dh = dState[0].data, hp = hPrev.data;
        double[] r = cur.vectors[R].data, z = cur.vectors[Z].data, nv = cur.vectors[N].data;
        int n = hidden;
        for (int row = 0, rows = x.numRows; row < rows; row++) {
            for (int j = 0; j < n; j++) {
                int k = row * n + j, gk = row * 2 * n + j;
                // through h = (1 − z)∘n + z∘h_prev, then n = tanh(a + r∘b)
                double dn = dh[k] * (1 - z[k]) * (1 - nv[k] * nv[k]);
                dgd[gk + n] = dh[k] * (hp[k] - nv[k]) * z[k] * (1 - z[k]);
                dgd[gk] = dn * dbd[k] * r[k] * (1 - r[k]); // dbd still holds b here
                dad[k] = dn;
                dbd[k] = dn * r[k];
                // dh_prev = dh∘z, plus the products below
                dh[k] = dh[k] * z[k];
            }
        }
        // parameter order: W_x, W_h, b_x, b_h, then U_gates and b_gates where the variant has them
        Products.multAddTransA(x, da, grads[0], cur.weights);
        Products.multAddTransA(hPrev, db, grads[1], cur.weights);
        CellMath.addColumnSums(da, grads[2]);
        CellMath.addColumnSums(db, grads[3]);
        int next = 4;
        if (variant.hidden) Products.multAddTransA(hPrev, dg, grads[next++], cur.weights);
        if (variant.bias) CellMath.addColumnSums(dg, grads[next]);
        // dh_prev += db·W_hᵀ + dg·Uᵀ;  dx = da·W_xᵀ
        Products.multAddTransB(db, wh, dState[0], cur.weights);
        if (variant.hidden) Products.multAddTransB(dg, ug, dState[0], cur.weights);
        if (dx != null) Products.multTransB(da, wx, dx, cur.weights);
    }
}
