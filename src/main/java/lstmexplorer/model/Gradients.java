package lstmexplorer.model;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** One accumulator per parameter of a network, in {@link Network#parameters()} order. */
public final class Gradients {
    private final DMatrixRMaj[] all;

    public Gradients(List<Parameter> parameters) {
        all = new DMatrixRMaj[parameters.size()];
        for (int k = 0; k < all.length; k++) {
            DMatrixRMaj v = parameters.get(k).value();
            all[k] = new DMatrixRMaj(v.numRows, v.numCols);
        }
    }

    public int count() { return all.length; }

    public DMatrixRMaj get(int k) { return all[k]; }

    DMatrixRMaj[] slice(int from, int to) { return java.util.Arrays.copyOfRange(all, from, to); }

    public void zero() { for (DMatrixRMaj m : all) m.zero(); }

    /** this += other. */
    public void add(Gradients other) {
        for (int k = 0; k < all.length; k++) {
            double[] a = all[k].data, b = other.all[k].data;
            for (int i = 0, n = all[k].getNumElements(); i < n; i++) a[i] += b[i];
        }
    }

    public void scale(double s) {
        for (DMatrixRMaj m : all) for (int i = 0, n = m.getNumElements(); i < n; i++) m.data[i] *= s;
    }

    /** this = this · s + other · otherScale, in one pass: how shares of a batch computed apart are summed. */
    public void scaleAndAdd(double s, Gradients other, double otherScale) {
        for (int k = 0; k < all.length; k++) {
            double[] a = all[k].data, b = other.all[k].data;
            for (int i = 0, n = all[k].getNumElements(); i < n; i++) a[i] = a[i] * s + b[i] * otherScale;
        }
    }

    /** The global L2 norm over all parameters. */
    public double norm() {
        // four partial sums: one sum would wait for each addition before the next
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (DMatrixRMaj m : all) {
            double[] d = m.data;
            int n = m.getNumElements(), i = 0;
            for (; i + 4 <= n; i += 4) {
                s0 += d[i] * d[i];
                s1 += d[i + 1] * d[i + 1];
                s2 += d[i + 2] * d[i + 2];
                s3 += d[i + 3] * d[i + 3];
            }
            for (; i < n; i++) s0 += d[i] * d[i];
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }
}
