package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The linearisation of the one-step map at a point: the eigenvalues of its Jacobian J = ∂F_x/∂S and the
 * slowest modes. Near a fixed point S*, a small displacement δ evolves as δ ← J·δ, so along an
 * eigenvector it is multiplied by λ each step: |λ| &lt; 1 dies out, |λ| ≈ 1 is remembered (an integrator or
 * a memory), |λ| &gt; 1 grows. Stable means every |λ| &lt; 1.
 *
 * @param eigenvalues every eigenvalue, largest modulus first
 * @param stability   stable (every |λ| &lt; 1), unstable (every |λ| &gt; 1) or saddle (some of each)
 * @param modes       the slowest modes (largest |λ|), at most {@value #MODES}, first = the slowest
 */
public record LinearModes(List<Eigenvalue> eigenvalues, String stability, List<Mode> modes) {
    static final int MODES = 3, LEADING_UNITS = 5;

    /** λ = re + i·im. */
    public record Eigenvalue(double re, double im, double modulus) {}

    /**
     * One mode: an eigenvalue and the state units its eigenvector moves most.
     *
     * @param units the largest entries of the eigenvector, largest first
     */
    public record Mode(Eigenvalue eigenvalue, List<UnitWeight> units) {}

    /**
     * @param weight the entry's modulus over the eigenvector's norm (0..1)
     * @param sign   +1 or −1: the entry's sign (of its real part), so units that move together or against each other can be told apart
     */
    public record UnitWeight(int layer, String vector, int unit, double weight, int sign) {}

    /** The modes of a Jacobian given as [output entry][input entry]. */
    static LinearModes of(double[][] jacobian, StateLayout layout) { return of(jacobian, layout, MODES); }

    /** As {@link #of(double[][], StateLayout)} with the {@code modeCount} slowest modes. */
    static LinearModes of(double[][] jacobian, StateLayout layout, int modeCount) {
        int n = jacobian.length;
        DMatrixRMaj j = new DMatrixRMaj(jacobian);
        // eigenvalues alone: the few eigenvectors listed come from inverse iteration, far cheaper than all n
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(j.copy())) throw new IllegalStateException("the Jacobian could not be decomposed");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> -eig.getEigenvalue(i).getMagnitude()));

        List<Eigenvalue> values = new ArrayList<>();
        boolean anyInside = false, anyOutside = false;
        for (int i : order) {
            Complex_F64 c = eig.getEigenvalue(i);
            double m = c.getMagnitude();
            values.add(new Eigenvalue(c.real, c.imaginary, m));
            if (m < 1) anyInside = true; else anyOutside = true;
        }
        String stability = !anyOutside ? "stable" : !anyInside ? "unstable" : "saddle";

        List<Mode> modes = new ArrayList<>();
        for (int r = 0; r < Math.min(modeCount, order.size()); r++) {
            int i = order.get(r);
            Complex_F64 c = eig.getEigenvalue(i);
            // a conjugate pair shares its eigenvectors' moduli: list one of the two
            if (c.imaginary < 0 && r > 0 && values.get(r - 1).im() == -c.imaginary && values.get(r - 1).re() == c.real) continue;
            double[][] vector = eigenvector(j, c.real, c.imaginary);
            modes.add(new Mode(values.get(r), leading(vector, layout)));
        }
        return new LinearModes(List.copyOf(values), stability, List.copyOf(modes));
    }

    /** Largest |λ|. */
    public double spectralRadius() { return eigenvalues.isEmpty() ? 0 : eigenvalues.get(0).modulus(); }

    /** The eigenvalue closest to λ = 1. */
    public Eigenvalue closestToOne() {
        return eigenvalues.stream().min(Comparator.comparingDouble(e -> Math.hypot(e.re() - 1, e.im()))).orElseThrow();
    }

    /** The units with the largest entries of a (complex) eigenvector given as its real and imaginary parts. */
    private static List<UnitWeight> leading(double[][] vector, StateLayout layout) {
        int n = vector[0].length;
        double[] modulus = new double[n];
        double norm = 0;
        for (int k = 0; k < n; k++) {
            modulus[k] = Math.hypot(vector[0][k], vector[1][k]);
            norm += modulus[k] * modulus[k];
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        List<Integer> entries = new ArrayList<>();
        for (int k = 0; k < n; k++) entries.add(k);
        entries.sort(Comparator.comparingDouble(k -> -modulus[k]));
        // the sign of each entry relative to the largest one, so the result does not depend on the eigenvector's phase
        int top = entries.get(0);
        double refRe = vector[0][top], refIm = vector[1][top];
        List<UnitWeight> units = new ArrayList<>();
        for (int r = 0; r < Math.min(LEADING_UNITS, n); r++) {
            int k = entries.get(r);
            StateLayout.UnitRef u = layout.unit(k);
            double dot = vector[0][k] * refRe + vector[1][k] * refIm;
            units.add(new UnitWeight(u.layer(), u.vector(), u.unit(), modulus[k] * scale, dot < 0 ? -1 : 1));
        }
        return List.copyOf(units);
    }

    /**
     * An eigenvector a + ib for λ = α + iβ, as {a, b}, by inverse iteration: on J − αI for a real λ, and
     * on the real form of J − λI for a complex one: (J − αI)a + βb = 0 and (J − αI)b − βa = 0.
     */
    static double[][] eigenvector(DMatrixRMaj j, double alpha, double beta) {
        int n = j.numRows;
        if (beta == 0) {
            DMatrixRMaj m = j.copy();
            double shift = 1e-9 * (1 + Math.abs(alpha));
            for (int r = 0; r < n; r++) m.add(r, r, -(alpha + shift));
            return new double[][] {inverseIteration(m), new double[n]};
        }
        DMatrixRMaj m = new DMatrixRMaj(2 * n, 2 * n);
        double shift = 1e-9 * (1 + Math.hypot(alpha, beta));
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double a = j.get(r, c) - (r == c ? alpha + shift : 0);
                m.set(r, c, a);
                m.set(n + r, n + c, a);
            }
            m.set(r, n + r, beta);
            m.set(n + r, r, -beta);
        }
        double[] v = inverseIteration(m);
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            out[0][k] = v[k];
            out[1][k] = v[n + k];
        }
        return out;
    }

    /** The direction that a nearly singular m maps closest to zero: three solves of m·v' = v from a generic start. */
    private static double[] inverseIteration(DMatrixRMaj m) {
        int n = m.numRows;
        DMatrixRMaj v = new DMatrixRMaj(n, 1);
        for (int k = 0; k < n; k++) v.set(k, 0, 1 + 0.01 * k); // any start with a component along the mode
        DMatrixRMaj next = new DMatrixRMaj(n, 1);
        var solver = org.ejml.dense.row.factory.LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(m)) return new double[n];
        for (int it = 0; it < 3; it++) {
            solver.solve(v, next);
            double norm = CommonOps_DDRM.elementMaxAbs(next);
            if (norm == 0 || !Double.isFinite(norm)) break;
            CommonOps_DDRM.scale(1 / norm, next, v);
        }
        return v.data;
    }
}
