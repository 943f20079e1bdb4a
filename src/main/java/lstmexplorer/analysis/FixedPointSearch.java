package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Fixed and slow points of one map F_x (after Sussillo &amp; Barak 2013, "Opening the black box"): the
 * minima of q(S) = ½‖F_x(S) − S‖² reached from many starting states.
 *
 * <p>q is a sum of squares of the residual r(S) = F_x(S) − S, so it is minimised by Levenberg–Marquardt:
 * with A = ∂r/∂S = J − I, each step solves (AᵀA + μI)δ = −Aᵀr. Far from a minimum μ is large and the step
 * is a short gradient step; near one μ shrinks and the step becomes Newton's, which reaches a fixed point
 * (q = 0) to rounding in a few steps. A start whose q only stops falling at q &gt; 0 ends at a slow point.
 */
final class FixedPointSearch {
    /** A point found: where, and its q. */
    record Found(double[] state, double q) {}

    private static final int MAX_ITERATIONS = 60;
    private static final double Q_DONE = 1e-26;

    private final StateMap map;

    FixedPointSearch(StateMap map) { this.map = map; }

    /** Runs from every start; returns one result per start, in order. */
    List<Found> minimise(List<double[]> starts, int token) {
        int n = map.layout().size();
        List<Found> out = new ArrayList<>();
        // the starts advance together, so each map evaluation is one batched forward pass
        int count = starts.size();
        double[][] s = new double[count][];
        double[] q = new double[count], mu = new double[count];
        boolean[] done = new boolean[count];
        for (int k = 0; k < count; k++) {
            s[k] = starts.get(k).clone();
            mu[k] = 1e-2;
        }
        double[][] f = map.apply(s, token);
        for (int k = 0; k < count; k++) q[k] = q(f[k], s[k]);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            List<Integer> active = new ArrayList<>();
            for (int k = 0; k < count; k++) if (!done[k] && q[k] > Q_DONE) active.add(k);
            if (active.isEmpty()) break;
            // Jacobians of all active starts in one batch: n forward differences each, plus the point itself
            double[][] probes = new double[active.size() * (n + 1)][];
            double h = 1e-7;
            for (int a = 0; a < active.size(); a++) {
                double[] base = s[active.get(a)];
                probes[a * (n + 1)] = base;
                for (int j = 0; j < n; j++) {
                    double[] p = base.clone();
                    p[j] += h;
                    probes[a * (n + 1) + 1 + j] = p;
                }
            }
            double[][] fp = map.apply(probes, token);
            double[][] candidates = new double[active.size()][];
            for (int a = 0; a < active.size(); a++) {
                int k = active.get(a);
                double[] fs = fp[a * (n + 1)];
                // A = J − I, r = F(S) − S
                DMatrixRMaj A = new DMatrixRMaj(n, n);
                double[] r = new double[n];
                for (int i = 0; i < n; i++) r[i] = fs[i] - s[k][i];
                for (int j = 0; j < n; j++) {
                    double[] fj = fp[a * (n + 1) + 1 + j];
                    for (int i = 0; i < n; i++) A.unsafe_set(i, j, (fj[i] - fs[i]) / h - (i == j ? 1 : 0));
                }
                DMatrixRMaj AtA = new DMatrixRMaj(n, n), Atr = new DMatrixRMaj(n, 1), delta = new DMatrixRMaj(n, 1);
                CommonOps_DDRM.multTransA(A, A, AtA);
                CommonOps_DDRM.multTransA(A, new DMatrixRMaj(n, 1, true, r), Atr);
                double gradient = CommonOps_DDRM.elementMaxAbs(Atr);
                if (gradient < 1e-15) { done[k] = true; candidates[a] = null; continue; }
                for (int i = 0; i < n; i++) AtA.add(i, i, mu[k] * (1 + AtA.get(i, i)));
                if (!solver.setA(AtA)) { mu[k] *= 10; candidates[a] = null; continue; }
                solver.solve(Atr, delta);
                double[] next = s[k].clone();
                double step = 0;
                for (int i = 0; i < n; i++) {
                    next[i] -= delta.get(i);
                    step = Math.max(step, Math.abs(delta.get(i)));
                }
                if (step < 1e-15) done[k] = true;
                candidates[a] = next;
            }
            List<double[]> tried = new ArrayList<>();
            List<Integer> triedIndex = new ArrayList<>();
            for (int a = 0; a < active.size(); a++) if (candidates[a] != null) { tried.add(candidates[a]); triedIndex.add(active.get(a)); }
            if (tried.isEmpty()) continue;
            double[][] ft = map.apply(tried.toArray(new double[0][]), token);
            for (int c = 0; c < tried.size(); c++) {
                int k = triedIndex.get(c);
                double qNew = q(ft[c], tried.get(c));
                if (qNew < q[k]) {
                    s[k] = tried.get(c);
                    q[k] = qNew;
                    mu[k] = Math.max(mu[k] / 5, 1e-12);
                } else {
                    mu[k] *= 8;
                    if (mu[k] > 1e8) done[k] = true; // no step lowers q: a minimum
                }
            }
        }
        for (int k = 0; k < count; k++) out.add(new Found(s[k], q[k]));
        return out;
    }

    static double q(double[] f, double[] s) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) sum += (f[i] - s[i]) * (f[i] - s[i]);
        return sum / 2;
    }
}
