package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal components of a cloud of points: the eigenvectors of its covariance matrix with the
 * largest eigenvalues, each with the share of the total variance it explains.
 *
 * @param mean       the cloud's centre
 * @param components [k][d] unit vectors, largest variance first; each points the way its largest entry is positive
 * @param explained  [k] fraction of the total variance along each component
 */
public record Pca(double[] mean, double[][] components, double[] explained) {

    /** The top {@code k} components of {@code points} (n × d); fewer when d &lt; k. */
    public static Pca fit(List<double[]> points, int k) {
        if (points.isEmpty()) throw new IllegalArgumentException("no points to analyse");
        int d = points.get(0).length, n = points.size();
        double[] mean = new double[d];
        for (double[] p : points) for (int j = 0; j < d; j++) mean[j] += p[j] / n;
        // covariance = Σ (p − mean)(p − mean)ᵀ / n
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] c = new double[d];
        for (double[] p : points) {
            for (int j = 0; j < d; j++) c[j] = p[j] - mean[j];
            for (int i = 0; i < d; i++) {
                if (c[i] == 0) continue;
                int row = i * d;
                for (int j = 0; j < d; j++) cov.data[row + j] += c[i] * c[j] / n;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) throw new IllegalStateException("the covariance matrix could not be decomposed");
        List<Integer> order = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            order.add(i);
            total += Math.max(0, eig.getEigenvalue(i).real);
        }
        order.sort(Comparator.comparingDouble(i -> -eig.getEigenvalue(i).real));
        int keep = Math.min(k, d);
        double[][] components = new double[keep][];
        double[] explained = new double[keep];
        for (int r = 0; r < keep; r++) {
            int i = order.get(r);
            double[] v = eig.getEigenVector(i).data.clone();
            normalize(v);
            components[r] = v;
            explained[r] = total == 0 ? 0 : Math.max(0, eig.getEigenvalue(i).real) / total;
        }
        return new Pca(mean, components, explained);
    }

    /** Coordinates of a point along the components. */
    public double[] project(double[] point) {
        double[] out = new double[components.length];
        for (int r = 0; r < components.length; r++) {
            double s = 0;
            for (int j = 0; j < point.length; j++) s += (point[j] - mean[j]) * components[r][j];
            out[r] = s;
        }
        return out;
    }

    /** Unit length, and the sign that makes the largest entry positive, so the picture does not flip between runs. */
    private static void normalize(double[] v) {
        double norm = 0, largest = 0;
        for (double x : v) {
            norm += x * x;
            if (Math.abs(x) > Math.abs(largest)) largest = x;
        }
        double scale = (largest < 0 ? -1 : 1) / Math.sqrt(norm);
        for (int j = 0; j < v.length; j++) v[j] *= scale;
    }
}
