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
 *
 * <p>The Jacobian, by forward differences, costs a batch of S steps; after an accepted step it is
 * carried forward by Broyden's rank-one update instead, up to {@value #MAX_UPDATES} times in a row, and
 * taken afresh when a step with an updated one fails.
 *
 * <p>A start stops once q has fallen less than {@value #STALL_FACTOR}-fold over its last
 * {@value #STALL_WINDOW} iterations: it is crawling along a slow valley, where each further step costs a
 * Jacobian and moves q by a rounding of the answer (fixed or slow, and where), so the point is reported
 * as it stands. Fixed points, reached quadratically, are never cut short by this.
 */
final class FixedPointSearch {
    /** A point found: where, and its q. */
    record Found(double[] state, double q) {}

    private static final int MAX_ITERATIONS = 40, STALL_WINDOW = 5, MAX_UPDATES = 4;
    private static final double STALL_FACTOR = 2;
    private static final double Q_DONE = 1e-26, H = 1e-7;

    /**
     * Arithmetic (in units of S³ multiply-adds summed) the search may spend: some seconds. The copy machine's
     * 2 × 20 model (S = 80, 5 inputs × 64 starts) needs under a third of it; a larger state stops early.
     */
    static final double WORK_BUDGET = 1.2e10;

    private final StateMap map;
    private boolean cutShort;

    FixedPointSearch(StateMap map) { this.map = map; }

    /** Whether the last {@link #minimise} stopped on {@link #WORK_BUDGET} before every start had converged or stalled. */
    boolean cutShort() { return cutShort; }

    /** One start's progress. */
    private static final class Run {
        final int token;
        double[] s, r;
        double q, mu = 1e-2;
        DMatrixRMaj a; // A = J − I at s; null when s moved since it was taken
        DMatrixRMaj ata, atr; // AᵀA and Aᵀr at s (null: not yet), kept for the retries of a rejected step
        int updates; // Broyden updates A has had since it was last taken by differences
        final double[] history = new double[MAX_ITERATIONS + 1]; // q after each iteration
        boolean done;

        Run(double[] s, int token) { this.s = s; this.token = token; }
    }

    /** Hears, after each iteration, how many starts have settled and what share of the search is done (never falling). */
    @FunctionalInterface
    interface Progress {
        void settled(int settled, int total, double share);
    }

    /**
     * Minimises q from every start under input {@code tokens[k]} for start k; one result per start, in order.
     * After each iteration {@code progress} hears the share done: the largest of the starts settled, the
     * iterations and the work budget used, each as a fraction of its limit.
     */
    List<Found> minimise(List<double[]> starts, int[] tokens, Progress progress) {
        int n = map.layout().size();
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) runs.add(new Run(starts.get(k).clone(), tokens[k]));
        double[][] f = map.apply(states(runs), tokens);
        for (int k = 0; k < runs.size(); k++) {
            runs.get(k).r = residual(f[k], runs.get(k).s);
            runs.get(k).q = q(runs.get(k).r);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        double work = 0, perSolve = Math.pow(n, 3); // a Jacobian by differences and a damped solve each cost about S³
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            if (work > WORK_BUDGET) { cutShort = true; break; }
            List<Run> active = new ArrayList<>();
            for (Run run : runs) {
                run.history[it] = run.q;
                if (it >= STALL_WINDOW && run.q * STALL_FACTOR > run.history[it - STALL_WINDOW]) run.done = true;
                if (!run.done && run.q > Q_DONE) active.add(run);
            }
            int settled = runs.size() - active.size();
            progress.settled(settled, runs.size(), Math.min(1, Math.max((double) settled / runs.size(),
                    Math.max((double) it / MAX_ITERATIONS, work / WORK_BUDGET))));
            if (active.isEmpty()) break;
            work += perSolve * (jacobians(active, n) + active.size());
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
                    if (run.updates < MAX_UPDATES) broyden(run, candidates.get(c), r, n);
                    else { run.a = null; run.ata = null; }
                    run.s = candidates.get(c);
                    run.r = r;
                    run.q = q;
                    run.atr = null;
                    run.mu = Math.max(run.mu / 5, 1e-12);
                } else if (run.updates > 0) {
                    run.a = null; // the step may have failed for want of an exact Jacobian: take one and retry
                    run.ata = null;
                    run.atr = null;
                } else {
                    run.mu *= 8; // the Jacobian at s is kept for the next, shorter try
                    if (run.mu > 1e8) run.done = true; // no step lowers q: a minimum
                }
            }
        }
        progress.settled(runs.size(), runs.size(), 1);
        List<Found> out = new ArrayList<>();
        for (Run run : runs) out.add(new Found(run.s, run.q));
        return out;
    }

    /**
     * Broyden's rank-one update of A after the step from s to {@code next}: A + (Δr − A·Δs)·Δsᵀ / (Δsᵀ·Δs),
     * the least change to A that maps the step onto the change of residual it caused. AᵀA follows in O(S²):
     * with A' = A + u·Δsᵀ, A'ᵀA' = AᵀA + w·Δsᵀ + Δs·wᵀ + (uᵀu)·Δs·Δsᵀ where w = Aᵀu.
     */
    private static void broyden(Run run, double[] next, double[] rNext, int n) {
        double[] ds = new double[n], u = new double[n], w = new double[n];
        double dd = 0, uu = 0;
        for (int i = 0; i < n; i++) {
            ds[i] = next[i] - run.s[i];
            dd += ds[i] * ds[i];
        }
        if (dd == 0) return;
        double[] a = run.a.data;
        for (int i = 0; i < n; i++) {
            double ads = 0;
            for (int j = 0; j < n; j++) ads += a[i * n + j] * ds[j];
            u[i] = (rNext[i] - run.r[i] - ads) / dd;
            uu += u[i] * u[i];
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) w[j] += a[i * n + j] * u[i];
        if (run.ata != null) {
            double[] g = run.ata.data;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) g[i * n + j] += w[i] * ds[j] + ds[i] * w[j] + uu * ds[i] * ds[j];
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i * n + j] += u[i] * ds[j];
        run.updates++;
    }

    /** A = J − I by forward differences for every run without a current one, in one batch; how many were taken. */
    private int jacobians(List<Run> active, int n) {
        List<Run> need = new ArrayList<>();
        for (Run run : active) if (run.a == null) need.add(run);
        if (need.isEmpty()) return 0;
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
            run.updates = 0;
        }
        return need.size();
    }

    /** The Levenberg–Marquardt candidate from a run's state, or null (marking the run done when it has converged). */
    private static double[] step(Run run, int n, LinearSolverDense<DMatrixRMaj> solver) {
        if (run.ata == null) {
            run.ata = new DMatrixRMaj(n, n);
            gram(run.a, run.ata);
        }
        if (run.atr == null) {
            run.atr = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.multTransA(run.a, new DMatrixRMaj(n, 1, true, run.r), run.atr);
        }
        if (CommonOps_DDRM.elementMaxAbs(run.atr) < 1e-15) { run.done = true; return null; } // a minimum of q
        DMatrixRMaj damped = run.ata.copy(), delta = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) damped.add(i, i, run.mu * (1 + damped.get(i, i)));
        if (!solver.setA(damped)) { run.mu *= 10; return null; }
        solver.solve(solver.modifiesB() ? run.atr.copy() : run.atr, delta);
        double[] next = run.s.clone();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            next[i] -= delta.get(i);
            largest = Math.max(largest, Math.abs(delta.get(i)));
        }
        if (largest < 1e-15) run.done = true;
        return next;
    }

    /** AᵀA into {@code out}: the upper triangle row by row over A's rows (so the loops stream), then mirrored. */
    private static void gram(DMatrixRMaj a, DMatrixRMaj out) {
        int n = a.numCols;
        double[] x = a.data, g = out.data;
        java.util.Arrays.fill(g, 0);
        for (int k = 0; k < a.numRows; k++) {
            int row = k * n;
            for (int i = 0; i < n; i++) {
                double aki = x[row + i];
                if (aki == 0) continue;
                int gi = i * n;
                for (int j = i; j < n; j++) g[gi + j] += aki * x[row + j];
            }
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) g[i * n + j] = g[j * n + i];
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
