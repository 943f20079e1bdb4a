package lstmexplorer.model;

import static lstmexplorer.model.CellMath.sigmoid;
import static lstmexplorer.model.CellMath.tanh;
import static lstmexplorer.model.LstmStep.DZ;
import static lstmexplorer.model.LstmStep.F;
import static lstmexplorer.model.LstmStep.G;
import static lstmexplorer.model.LstmStep.H;
import static lstmexplorer.model.LstmStep.I;
import static lstmexplorer.model.LstmStep.O;

import org.ejml.data.DMatrixRMaj;

/**
 * LSTM with peephole connections (Gers & Schmidhuber, "Recurrent Nets that Time and Count", 2000):
 * the input and forget gates also see the previous cell state, the output gate sees the new one,
 * each through a diagonal (element-wise) weight p. Pre-activations sit side by side in PyTorch's LSTM
 * order: input, forget, candidate, output.
 */
public final class PeepholeLstmCell extends RecurrentCell {
    private final Affine affine = affine(4);
    // the diagonal peephole weights, one per unit
    private final DMatrixRMaj pi = weight("p_i", 1, hidden), pf = weight("p_f", 1, hidden), po = weight("p_o", 1, hidden);

    public PeepholeLstmCell(int inputSize, int hidden) {
        super("peephole", inputSize, hidden, LstmStep.VECTORS, LstmStep.STATE, LstmStep.scratch(4));
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        // z = W·[x, h_prev] + b   (without the peepholes)
        LstmStep s = LstmStep.start(affine, x, prev, out);
        double[] pid = pi.data, pfd = pf.data, pod = po.data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // i = σ(z_i + p_i∘c_prev);  f = σ(z_f + p_f∘c_prev);  g = tanh(z_g)
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                s.i[k] = out.keep(I, r, j, sigmoid(s.z[zr + j] + pid[j] * s.cPrev[k]));
                s.f[k] = out.keep(F, r, j, sigmoid(s.z[zr + n + j] + pfd[j] * s.cPrev[k]));
                s.g[k] = out.keep(G, r, j, tanh(s.z[zr + 2 * n + j]));
                // c = f∘c_prev + i∘g
                s.cell(out, r, j, k);
                // o = σ(z_o + p_o∘c);  h = o∘tanh(c)
                s.o[k] = out.keep(O, r, j, sigmoid(s.z[zr + 3 * n + j] + pod[j] * s.c[k]));
                s.hidden(out, r, j, k);
            }
        }
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        LstmStep s = new LstmStep(prev, cur);
        double[] dz = s.z, dc = dState[0].data, dh = dState[1].data;
        double[] pid = pi.data, pfd = pf.data, pod = po.data;
        double[] dpi = grads[3].data, dpf = grads[4].data, dpo = grads[5].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 4 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                double i = s.i[k], f = s.f[k], g = s.g[k], cPrev = s.cPrev[k];
                // through h = o∘tanh(c) and o = σ(z_o + p_o∘c), then c = f∘c_prev + i∘g
                double dzo = s.dOutputGate(dh, k);
                double dcTotal = s.dCell(dc, dh, k) + dzo * pod[j];
                double dzi = dcTotal * g * i * (1 - i);
                double dzf = dcTotal * cPrev * f * (1 - f);
                dz[zr + j] = dzi;
                dz[zr + n + j] = dzf;
                dz[zr + 2 * n + j] = dcTotal * i * (1 - g * g);
                dz[zr + 3 * n + j] = dzo;
                // dp_i += Σ_rows dz_i∘c_prev;  dp_f += Σ_rows dz_f∘c_prev;  dp_o += Σ_rows dz_o∘c
                dpi[j] += dzi * cPrev;
                dpf[j] += dzf * cPrev;
                dpo[j] += dzo * s.c[k];
                // dc_prev = dc∘f + dz_i∘p_i + dz_f∘p_f
                dc[k] = dcTotal * f + dzi * pid[j] + dzf * pfd[j];
            }
        }
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], cur.scratch[DZ], grads, dState[1], dx, cur.weights);
    }
}
