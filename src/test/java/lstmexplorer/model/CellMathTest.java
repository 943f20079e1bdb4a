package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The float-precision tanh and σ of single-precision passes, against Math's. */
class CellMathTest {
    @Test
    void fastTanhAndSigmoidAreWithinFloatPrecision() {
        double worstTanh = 0, worstSigmoid = 0;
        for (double z = -40; z <= 40; z += 1e-3) {
            worstTanh = Math.max(worstTanh, Math.abs(CellMath.fastTanh(z) - Math.tanh(z)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(sigmoidAsTheCellsCompute(z) - 1 / (1 + Math.exp(-z))));
        }
        assertTrue(worstTanh < 3e-8, "tanh within " + worstTanh);
        assertTrue(worstSigmoid < 2e-8, "sigmoid within " + worstSigmoid);
        assertEquals(0.0, CellMath.fastTanh(0.0), 0.0);
        assertEquals(1.0, CellMath.fastTanh(Double.POSITIVE_INFINITY), 3e-8);
        assertEquals(-1.0, CellMath.fastTanh(-1e300), 3e-8);
        assertEquals(0.0, sigmoidAsTheCellsCompute(Double.NEGATIVE_INFINITY), 2e-8);
        assertTrue(Double.isNaN(CellMath.fastTanh(Double.NaN)));
        for (double z = -5; z < 5; z += 0.01) assertEquals(-CellMath.fastTanh(z), CellMath.fastTanh(-z), 0.0, "odd at " + z);
    }

    /**
     * One step of an LSTM in a single-precision pass: each gate, the cell and the hidden state within
     * float precision of the equations in double precision over the same single-precision products,
     * for the first row (a loop of its own) and the others.
     */
    @Test
    void singlePrecisionLstmGatesFollowTheEquations() {
        Network net = Network.initialized(new NetworkConfig("lstm", 12, 40, 1), new Random(41));
        LstmCell cell = (LstmCell) net.cell(0);
        ForwardWeights single = ForwardWeights.of(net, null, true);
        Random random = new Random(42);
        int rows = 3, n = 40;
        StepCache prev = cell.newCache(rows), out = cell.newCache(rows);
        DMatrixRMaj x = new DMatrixRMaj(rows, 12);
        for (int k = 0; k < x.data.length; k++) x.data[k] = random.nextGaussian();
        for (int k = 0; k < rows * n; k++) {
            prev.vectors[LstmStep.H].data[k] = random.nextGaussian() * 0.5;
            prev.vectors[LstmStep.C].data[k] = random.nextGaussian();
        }
        out.weights = single;
        cell.forward(x, prev, out);
        // the same products, then the equations with Math's functions
        DMatrixRMaj z = new DMatrixRMaj(rows, 4 * n);
        cell.affine().products(x, prev.vectors[LstmStep.H], z, single);
        double[] b = cell.affine().b.data;
        for (int r = 0; r < rows; r++)
            for (int u = 0; u < n; u++) {
                int k = r * n + u, zr = r * 4 * n;
                double i = sigmoid(z.data[zr + u] + b[u]), f = sigmoid(z.data[zr + n + u] + b[n + u]);
                double g = Math.tanh(z.data[zr + 2 * n + u] + b[2 * n + u]), o = sigmoid(z.data[zr + 3 * n + u] + b[3 * n + u]);
                double c = f * prev.vectors[LstmStep.C].data[k] + i * g;
                assertEquals(i, out.value(LstmStep.I, r, u), 3e-8, "i row " + r);
                assertEquals(f, out.value(LstmStep.F, r, u), 3e-8, "f row " + r);
                assertEquals(g, out.value(LstmStep.G, r, u), 3e-8, "g row " + r);
                assertEquals(o, out.value(LstmStep.O, r, u), 3e-8, "o row " + r);
                assertEquals(c, out.value(LstmStep.C, r, u), 1e-7, "c row " + r);
                assertEquals(o * Math.tanh(c), out.value(LstmStep.H, r, u), 2e-7, "h row " + r);
            }
    }

    private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /** σ(z) as a single-precision LSTM computes its gates: (1 − a) + a·tanh(a·z) with a = 1/2. */
    private static double sigmoidAsTheCellsCompute(double z) { return 0.5 + 0.5 * CellMath.fastTanh(0.5 * z); }
}
