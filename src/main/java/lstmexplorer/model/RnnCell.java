package lstmexplorer.model;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The plain recurrent cell of Elman ("Finding Structure in Time", 1990) with a tanh nonlinearity,
 * as PyTorch's nn.RNN: no gates, the hidden state is the whole state.
 */
public final class RnnCell extends RecurrentCell {
    static final int H = 0;
    private static final int DZ = 0;

    private final Affine affine = affine(1);

    public RnnCell(int inputSize, int hidden) {
        super("rnn", inputSize, hidden, List.of("hidden"), new int[] {H}, 1);
    }

    @Override public void forward(DMatrixRMaj x, StepCache prev, StepCache out) {
        DMatrixRMaj z = out.scratch[DZ]; // holds the pre-activation now, its gradient in backward
        // z = W·[x, h_prev] + b
        affine.forward(x, prev.vectors[H], z, out.weights);

        double[] zd = z.data, h = out.vectors[H].data;
        // h = tanh(z)   (out.keep lets an intervention replace each value as it is computed; normally it returns it)
        for (int r = 0, k = 0; r < x.numRows; r++)
            for (int j = 0; j < hidden; j++, k++) h[k] = out.keep(H, r, j, CellMath.tanh(zd[k]));
    }

    @Override public void backward(DMatrixRMaj x, StepCache prev, StepCache cur, DMatrixRMaj[] dState,
                                   DMatrixRMaj[] grads, DMatrixRMaj dx) {
        DMatrixRMaj dz = cur.scratch[DZ];
        double[] dzd = dz.data, dh = dState[0].data, h = cur.vectors[H].data;
        // through h = tanh(z)
        for (int k = 0, size = x.numRows * hidden; k < size; k++) dzd[k] = dh[k] * (1 - h[k] * h[k]);
        // dW, db from dz;  dh_prev = dz·W_hᵀ;  dx = dz·W_xᵀ
        affine.backward(x, prev.vectors[H], dz, grads, dState[0], dx, cur.weights);
    }
}
