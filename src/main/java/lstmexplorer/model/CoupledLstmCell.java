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
 * LSTM with coupled input and forget gates, "CIFG" in Greff et al., "LSTM: A Search Space Odyssey"
 * (2017): the input gate is 1 − f, so the cell writes exactly as much as it forgets. Pre-activations of
 * the three remaining blocks sit side by side: forget, candidate, output. The recorded input_gate is 1 − f.
 */
public final class CoupledLstmCell extends RecurrentCell {
    private final Affine affine = affine(3);

    public CoupledLstmCell(int inputSize, int hidden) {
        super("cifg", inputSize, hidden, LstmStep.VECTORS, LstmStep.STATE, LstmStep.scratch(3));
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        // z = W·[x, h_prev] + b
        LstmStep s = LstmStep.start(affine, x, prev, out);
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 3 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                // f, o = σ(z);  g = tanh(z);  i = 1 − f
                // (out.keep lets an intervention replace each value as it is computed; normally it returns it)
                s.f[k] = out.keep(F, r, j, sigmoid(s.z[zr + j]));
                s.g[k] = out.keep(G, r, j, tanh(s.z[zr + n + j]));
                s.o[k] = out.keep(O, r, j, sigmoid(s.z[zr + 2 * n + j]));
                s.i[k] = out.keep(I, r, j, 1 - s.f[k]);
                // c = f∘c_prev + i∘g;  h = o∘tanh(c)
                s.cell(out, r, j, k);
                s.hidden(out, r, j, k);
            }
        }
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        LstmStep s = new LstmStep(prev, cur);
        double[] dz = s.z, dc = dState[0].data, dh = dState[1].data;
        int n = hidden;
        for (int r = 0, rows = x.numRows; r < rows; r++) {
            int zr = r * 3 * n;
            for (int j = 0; j < n; j++) {
                int k = r * n + j;
                double f = s.f[k], g = s.g[k];
                // through h = o∘tanh(c), then c = f∘c_prev + (1 − f)∘g
                double dcTotal = s.dCell(dc, dh, k);
                dz[zr + j] = dcTotal * (s.cPrev[k] - g) * f * (1 - f);
                dz[zr + n + j] = dcTotal * (1 - f) * (1 - g * g);
                dz[zr + 2 * n + j] = s.dOutputGate(dh, k);
                // dc_prev = dc∘f
                dc[k] = dcTotal * f;
            }
        }
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], cur.scratch[DZ], grads, dState[1], dx, cur.weights);
    }
}
