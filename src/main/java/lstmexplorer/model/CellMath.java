package lstmexplorer.model;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Small element-wise helpers shared by the cells. */
final class CellMath {
    private CellMath() {}

    static double sigmoid(double z) { return 1.0 / (1.0 + Math.exp(-z)); }

    /**
     * tanh(z) = (1 − e^(−2|z|)) / (1 + e^(−2|z|)), signed. Math.exp is a JIT intrinsic and Math.tanh
     * is not (it calls fdlibm, several times slower); this differs from Math.tanh by under 1e-15.
     */
    static double tanh(double z) {
        double e = Math.exp(-2 * Math.abs(z)), t = (1 - e) / (1 + e);
        return z < 0 ? -t : t;
    }

    /** Adds a 1 × n bias row to every row of m. */
    static void addRow(DMatrixRMaj m, DMatrixRMaj row) {
        int n = m.numCols;
        double[] d = m.data, r = row.data;
        for (int i = 0, k = 0; i < m.numRows; i++) for (int j = 0; j < n; j++, k++) d[k] += r[j];
    }

    /** acc (1 × n) += the column sums of m. */
    static void addColumnSums(DMatrixRMaj m, DMatrixRMaj acc) {
        int n = m.numCols;
        double[] d = m.data, a = acc.data;
        for (int i = 0, k = 0; i < m.numRows; i++) for (int j = 0; j < n; j++, k++) a[j] += d[k];
    }

    /** PyTorch's default for recurrent layers: every weight and bias uniform in ±1/√hidden. */
    static void uniform(DMatrixRMaj m, double bound, Random random) {
        for (int i = 0; i < m.data.length && i < m.getNumElements(); i++) m.data[i] = (2 * random.nextDouble() - 1) * bound;
    }

    /** Copies a block of columns [from, from + n) of src into dst (batch × n). */
    static void columns(DMatrixRMaj src, int from, DMatrixRMaj dst) {
        int n = dst.numCols;
        for (int i = 0; i < src.numRows; i++) System.arraycopy(src.data, i * src.numCols + from, dst.data, i * n, n);
    }
}
