package lstmexplorer.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauss–Legendre quadrature: n nodes and weights with Σ w_i g(α_i) = ∫ g exactly for every polynomial g of
 * degree up to 2n − 1. The nodes on [−1, 1] are the roots of the Legendre polynomial P_n, found by Newton's
 * method from Tricomi's estimate cos(π(i + 3/4)/(n + 1/2)), P_n and P_n' by the three-term recurrence;
 * the weights are 2 / ((1 − z²) P_n'(z)²).
 */
final class GaussLegendre {
    private static final Map<Integer, double[][]> ON_01 = new ConcurrentHashMap<>();

    private GaussLegendre() {}

    /** {nodes, weights} for ∫₀¹, nodes ascending; the weights sum to 1. Computed once per n. */
    static double[][] on01(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1; got " + n);
        double[][] rule = ON_01.computeIfAbsent(n, GaussLegendre::compute);
        return new double[][] {rule[0].clone(), rule[1].clone()};
    }

    private static double[][] compute(int n) {
        double[] nodes = new double[n], weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5)), derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p = 1, previous = 0; // P_j(z) and P_(j−1)(z)
                for (int j = 1; j <= n; j++) {
                    double next = ((2 * j - 1) * z * p - (j - 1) * previous) / j;
                    previous = p;
                    p = next;
                }
                derivative = n * (z * p - previous) / (z * z - 1);
                double step = p / derivative;
                z -= step;
                if (Math.abs(step) < 1e-15) break;
            }
            double w = 2 / ((1 - z * z) * derivative * derivative);
            // z > 0 here: the pair ±z maps to (1 ∓ z)/2 on [0, 1], each with half the weight
            nodes[i] = (1 - z) / 2;
            nodes[n - 1 - i] = (1 + z) / 2;
            weights[i] = weights[n - 1 - i] = w / 2;
        }
        return new double[][] {nodes, weights};
    }
}
