package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Fixed and slow points of the maps F_x (after Sussillo &amp; Barak 2013, "Opening the black box"): the
 * minima of q(S) = ½‖F_x(S) − S‖² reached from many starting states.
 *
 * <p>q is a sum of squares of the residual r(S) = F_x(S) − S, so it is minimised by Levenberg–Marquardt:
 * with A = ∂r/∂S = J − I, each step solves (AᵀA + μ·diag(1 + AᵀA))δ = −Aᵀr. Far from a minimum μ is large
 * and the step is a short gradient step; near one μ shrinks and the step becomes Newton's, which reaches
 * a fixed point (q = 0) to rounding in a few steps. A start whose q stops falling at q &gt; 0 ends at a
 * slow point. Every start of every input advances together, so each iteration is one batched pass.
 */
final class FixedPointSearch {
    /** A point found: where, and its q. */
    record Found(double[] state, double q) {}

    private static final int MAX_ITERATIONS = 40;
    private static final double Q_DONE = 1e-26, H = 1e-7;

    private final StateMap map;

    FixedPointSearch(StateMap map) { this.map = map; }

    /** One start's progress. */
    private static final class Run {
        final int token;
        double[] s, r;
        double q, mu = 1e-2;
        DMatrixRMaj a; // A = J − I at s; null when s moved since it was taken
        boolean done;

        Run(double[] s, int token) { this.s = s; this.token = token; }
    }

    /** Minimises q from every start under input {@code tokens[k]} for start k; one result per start, in order. */
    List<Found> minimise(List<double[]> starts, int[] tokens) {
        int n = map.layout().size();
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) runs.add(new Run(starts.get(k).clone(), tokens[k]));
        double[][] f = map.apply(states(runs), tokens);
        for (int k = 0; k < runs.size(); k++) {
            runs.get(k).r = residual(f[k], runs.get(k).s);
            runs.get(k).q = q(runs.get(k).r);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            List<Run> active = new ArrayList<>();
            for (Run run : runs) if (!run.done && run.q > Q_DONE) active.add(run);
            if (active.isEmpty()) break;
            jacobians(active, n);
            List<Run> tried = new ArrayList<>();
            List<double[]> candidates = new ArrayList<>();
            for (Run run : active) {
                double[] next = step(run, n, solver);
                if (next != null) { tried.add(run); candidates.add(next); }
            }
            if (tried.isEmpty()) continue;
            int[] triedTokens = new int[tried.size()];
            for (int c = 0; c < tried.size(); c++) triedTokens[c] = tried.get(c).token;
            double[][] ft = map.apply(candidates.toArray(new double[0][]), triedTokens);
            for (int c = 0; c < tried.size(); c++) {
                Run run = tried.get(c);
                double[] r = residual(ft[c], candidates.get(c));
                double q = q(r);
                if (q < run.q) {
                    run.s = candidates.get(c);
                    run.r = r;
                    run.q = q;
                    run.a = null;
                    run.mu = Math.max(run.mu / 5, 1e-12);
                } else {
                    run.mu *= 8; // the Jacobian at s is kept for the next, shorter try
                    if (run.mu > 1e8) run.done = true; // no step lowers q: a minimum
                }
            }
        }
        List<Found> out = new ArrayList<>();
        for (Run run : runs) out.add(new Found(run.s, run.q));
        return out;
    }

    /** A = J − I by forward differences for every run without a current one, in one batch. */
    private void jacobians(List<Run> active, int n) {
        List<Run> need = new ArrayList<>();
        for (Run run : active) if (run.a == null) need.add(run);
        if (need.isEmpty()) return;
        double[][] probes = new double[need.size() * n][];
        int[] tokens = new int[probes.length];
        for (int k = 0; k < need.size(); k++)
            for (int j = 0; j < n; j++) {
                double[] p = need.get(k).s.clone();
                p[j] += H;
                probes[k * n + j] = p;
                tokens[k * n + j] = need.get(k).token;
            }
        double[][] fp = map.apply(probes, tokens);
        for (int k = 0; k < need.size(); k++) {
            Run run = need.get(k);
            DMatrixRMaj a = new DMatrixRMaj(n, n);
            // F(s) = r + s;  ∂F_i/∂s_j ≈ (F(s + h·e_j)_i − F(s)_i) / h
            for (int j = 0; j < n; j++) {
                double[] fj = fp[k * n + j];
                for (int i = 0; i < n; i++) a.unsafe_set(i, j, (fj[i] - run.r[i] - run.s[i]) / H - (i == j ? 1 : 0));
            }
            run.a = a;
        }
    }

    /** The Levenberg–Marquardt candidate from a run's state, or null (marking the run done when it has converged). */
    private static double[] step(Run run, int n, LinearSolverDense<DMatrixRMaj> solver) {
        DMatrixRMaj ata = new DMatrixRMaj(n, n), atr = new DMatrixRMaj(n, 1), delta = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(run.a, run.a, ata);
        CommonOps_DDRM.multTransA(run.a, new DMatrixRMaj(n, 1, true, run.r), atr);
        if (CommonOps_DDRM.elementMaxAbs(atr) < 1e-15) { run.done = true; return null; } // a minimum of q
        for (int i = 0; i < n; i++) ata.add(i, i, run.mu * (1 + ata.get(i, i)));
        if (!solver.setA(ata)) { run.mu *= 10; return null; }
        solver.solve(atr, delta);
        double[] next = run.s.clone();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            next[i] -= delta.get(i);
            largest = Math.max(largest, Math.abs(delta.get(i)));
        }
        if (largest < 1e-15) run.done = true;
        return next;
    }

    private static double[][] states(List<Run> runs) {
        double[][] s = new double[runs.size()][];
        for (int k = 0; k < s.length; k++) s[k] = runs.get(k).s;
        return s;
    }

    private static double[] residual(double[] f, double[] s) {
        double[] r = new double[s.length];
        for (int i = 0; i < s.length; i++) r[i] = f[i] - s[i];
        return r;
    }

    private static double q(double[] r) {
        double sum = 0;
        for (double v : r) sum += v * v;
        return sum / 2;
    }

    /** q = ½‖F(S) − S‖² from F(S) and S. */
    static double q(double[] f, double[] s) { return q(residual(f, s)); }
}
