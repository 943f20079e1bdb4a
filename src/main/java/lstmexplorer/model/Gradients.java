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

    /** The global L2 norm over all parameters. */
    public double norm() {
        double sum = 0;
        for (DMatrixRMaj m : all) for (int i = 0, n = m.getNumElements(); i < n; i++) sum += m.data[i] * m.data[i];
        return Math.sqrt(sum);
    }
}
