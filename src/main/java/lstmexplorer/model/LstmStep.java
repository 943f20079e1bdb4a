package lstmexplorer.model;

import java.util.List;

/**
 * What the LSTM variants share: the vectors they record, in one order so that their traces line up,
 * where each sits in the cache, and the arrays one step of any of them reads and writes. A cell
 * takes these arrays once per step and then runs its own equations over them.
 */
final class LstmStep {
    static final int I = 0, F = 1, O = 2, G = 3, C = 4, H = 5;
    static final List<String> VECTORS = List.of("input_gate", "forget_gate", "output_gate", "candidate", "cell", "hidden");
    /** The state carried to the next step: cell and hidden. */
    static final int[] STATE = {C, H};
    /** Scratch of the cache: tanh(c), then the gate pre-activations (their gradient in backward). */
    static final int TANH_C = 0, DZ = 1;

    final double[] z, cPrev, i, f, o, g, c, h, tanhC;

    /** The arrays of step {@code cur} after {@code prev}. */
    LstmStep(StepCache prev, StepCache cur) {
        z = cur.scratch[DZ].data;
        cPrev = prev.vectors[C].data;
        i = cur.vectors[I].data;
        f = cur.vectors[F].data;
        o = cur.vectors[O].data;
        g = cur.vectors[G].data;
        c = cur.vectors[C].data;
        h = cur.vectors[H].data;
        tanhC = cur.scratch[TANH_C].data;
    }

    /** z = W·[x, h_prev] + b into the cache of {@code out}; then the arrays of the step. */
    static LstmStep start(Affine affine, org.ejml.data.DMatrixRMaj x, StepCache prev, StepCache out) {
        affine.forward(x, prev.vectors[H], out.scratch[DZ], out.weights);
        return new LstmStep(prev, out);
    }

    /** c = f∘c_prev + i∘g, once the gates of (row r, unit j; index k) are in. */
    void cell(StepCache out, int r, int j, int k) {
        c[k] = out.keep(C, r, j, f[k] * cPrev[k] + i[k] * g[k]);
    }

    /** h = o∘tanh(c), once the output gate is in. */
    void hidden(StepCache out, int r, int j, int k) {
        tanhC[k] = CellMath.tanh(c[k]);
        h[k] = out.keep(H, r, j, o[k] * tanhC[k]);
    }

    /**
     * c = f∘c_prev + i∘g, then h = o∘tanh(c), for every row and unit at once, once the gates are in:
     * tanh(c) = 2σ(2c) − 1, its exponentials in a loop of their own (Math.exp is a call) and the rest in
     * loops over whole arrays, which the JIT vectorises.
     */
    void cellAndHidden(StepCache out) {
        int size = out.batch() * out.hidden();
        for (int k = 0; k < size; k++) c[k] = f[k] * cPrev[k] + i[k] * g[k];
        keep(out, C, c);
        if (out.weights != null && out.weights.single()) {
            // a single-precision pass: tanh to float precision, vectorised (CellMath.fastTanh)
            for (int k = 0; k < size; k++) {
                tanhC[k] = CellMath.fastTanh(c[k]);
                h[k] = o[k] * tanhC[k];
            }
            keep(out, H, h);
            return;
        }
        for (int k = 0; k < size; k++) tanhC[k] = Math.exp(-2 * c[k]);
        for (int k = 0; k < size; k++) {
            tanhC[k] = 2 / (1 + tanhC[k]) - 1;
            h[k] = o[k] * tanhC[k];
        }
        keep(out, H, h);
    }

    /** The four gates through the intervention at this step, if there is one: it replaces each value as it is computed. */
    void keepGates(StepCache out) {
        keep(out, I, i);
        keep(out, F, f);
        keep(out, G, g);
        keep(out, O, o);
    }

    /** Passes every value of vector v (batch × hidden, in {@code values}) through the intervention at this step, if there is one. */
    void keep(StepCache out, int v, double[] values) {
        if (!out.intervening()) return;
        for (int r = 0, n = out.hidden(); r < out.batch(); r++)
            for (int j = 0; j < n; j++) values[r * n + j] = out.keep(v, r, j, values[r * n + j]);
    }

    /** dL/dc of this step, through h = o∘tanh(c) and the carried dc (before the peepholes). */
    double dCell(double[] dc, double[] dh, int k) { return dc[k] + dh[k] * o[k] * (1 - tanhC[k] * tanhC[k]); }

    /** dL/dz_o, through h = σ(z_o)∘tanh(c). */
    double dOutputGate(double[] dh, int k) { return dh[k] * tanhC[k] * o[k] * (1 - o[k]); }

    /** Scratch widths in units: tanh(c), and {@code blocks} side-by-side pre-activation blocks. */
    static int[] scratch(int blocks) { return new int[] {1, blocks}; }
}
