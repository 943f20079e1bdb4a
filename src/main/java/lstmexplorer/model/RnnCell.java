package lstmexplorer.model;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The plain recurrent cell of Elman ("Finding Structure in Time", 1990) with a tanh nonlinearity,
 * as PyTorch's nn.RNN: no gates, the hidden state is the whole state.
 */
public final class RnnCell implements Cell {
    static final int H = 0;
    private static final List<String> VECTORS = List.of("hidden");
    private static final int DZ = 0;

    private final int inputSize, hidden;
    private final DMatrixRMaj wx, wh, b;

    public RnnCell(int inputSize, int hidden) {
        this.inputSize = inputSize;
        this.hidden = hidden;
        wx = new DMatrixRMaj(inputSize, hidden);
        wh = new DMatrixRMaj(hidden, hidden);
        b = new DMatrixRMaj(1, hidden);
    }

    @Override public String type() { return "rnn"; }
    @Override public List<String> vectors() { return VECTORS; }
    @Override public int[] stateVectors() { return new int[] {H}; }
    @Override public int inputSize() { return inputSize; }
    @Override public int hiddenSize() { return hidden; }

    @Override public List<Parameter> parameters() {
        return List.of(new Parameter("W_x", wx), new Parameter("W_h", wh), new Parameter("b", b));
    }

    @Override public void initialize(Random random) {
        double bound = 1 / Math.sqrt(hidden);
        for (Parameter p : parameters()) CellMath.uniform(p.value(), bound, random);
    }

    @Override public StepCache newCache(int batch) {
        return new StepCache(batch, hidden, VECTORS.size(), new int[] {hidden});
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        DMatrixRMaj z = out.scratch[DZ]; // holds the pre-activation now, its gradient in backward
        // z = x·W_x + h_prev·W_h + b
        CommonOps_DDRM.mult(x, wx, z);
        CommonOps_DDRM.multAdd(prev.vectors[H], wh, z);
        CellMath.addRow(z, b);

        double[] zd = z.data, h = out.vectors[H].data;
        // h = tanh(z)   (out.keep lets an intervention replace each value as it is computed; normally it returns it)
        for (int r = 0, k = 0; r < x.numRows; r++)
            for (int j = 0; j < hidden; j++, k++) h[k] = out.keep(H, r, j, Math.tanh(zd[k]));
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        DMatrixRMaj dz = cur.scratch[DZ];
        double[] dzd = dz.data, dh = dState[0].data, h = cur.vectors[H].data;
        // through h = tanh(z)
        for (int k = 0, size = x.numRows * hidden; k < size; k++) dzd[k] = dh[k] * (1 - h[k] * h[k]);
        // dW_x += xᵀ·dz;  dW_h += h_prevᵀ·dz;  db += Σ_rows dz
        CommonOps_DDRM.multAddTransA(x, dz, grads[0]);
        CommonOps_DDRM.multAddTransA(prev.vectors[H], dz, grads[1]);
        CellMath.addColumnSums(dz, grads[2]);
        // dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        CellMath.multTransB(dz, wh, dState[0]);
        if (dx != null) CellMath.multTransB(dz, wx, dx);
    }
}
