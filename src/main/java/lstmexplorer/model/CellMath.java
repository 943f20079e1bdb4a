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

    /** Beyond ±9, tanh is 1 to within float precision (1 − tanh(9) = 3e-8). */
    private static final double TANH_CLAMP = 9;

    /**
     * tanh(z) to float precision (within 3e-8 of Math.tanh), for passes whose products already run in
     * single precision: a rational function p(z)/q(z) (odd degree 13 over even degree 6, a minimax fit
     * on [−9, 9]) of multiplications, additions and one division, with no call, so that a loop of it
     * over an array runs as the JIT's vector instructions (Math.exp, a call, does not).
     */
    static double fastTanh(double z) {
        double x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, z)), x2 = x * x;
        double p = x2 * -2.76076847742355e-16 + 2.00018790482477e-13;
        p = p * x2 - 8.60467152213735e-11;
        p = p * x2 + 5.12229709037114e-08;
        p = p * x2 + 1.48572235717979e-05;
        p = p * x2 + 6.37261928875436e-04;
        p = p * x2 + 4.89352455891786e-03;
        double q = x2 * 1.19825839466702e-06 + 1.18534705686654e-04;
        q = q * x2 + 2.26843463243900e-03;
        q = q * x2 + 4.89352518554385e-03;
        return p * x / q;
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
