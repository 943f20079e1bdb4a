package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussLegendreTest {
    /** n nodes integrate every polynomial of degree up to 2n − 1 exactly: ∫₀¹ α^d dα = 1/(d + 1). */
    @Test
    void nNodesAreExactForPolynomialsUpToDegree2nMinus1() {
        for (int n : new int[] {1, 2, 3, 5, 16, 64, 512}) {
            double[][] rule = GaussLegendre.on01(n);
            assertEquals(n, rule[0].length);
            for (int i = 0; i < n; i++) {
                assertTrue(rule[0][i] > 0 && rule[0][i] < 1 && rule[1][i] > 0, n + " nodes: node " + i);
                if (i > 0) assertTrue(rule[0][i] > rule[0][i - 1], n + " nodes ascending");
            }
            for (int d : new int[] {0, 1, n, 2 * n - 1}) {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += rule[1][i] * Math.pow(rule[0][i], d);
                assertEquals(1.0 / (d + 1), sum, 1e-13, n + " nodes, degree " + d);
            }
        }
        // and not beyond: α^(2n) is where the rule first misses
        double[][] two = GaussLegendre.on01(2);
        double sum = 0;
        for (int i = 0; i < 2; i++) sum += two[1][i] * Math.pow(two[0][i], 4);
        assertTrue(Math.abs(sum - 0.2) > 1e-3, "degree 4 on two nodes: " + sum);
    }

    /** On a smooth function the error falls geometrically with the nodes, far faster than the midpoint rule's 1/n². */
    @Test
    void convergesFastOnASmoothFunction() {
        double exact = (Math.exp(3) - 1) / 3; // ∫₀¹ e^(3α) dα
        for (int n : new int[] {8, 16}) {
            double[][] rule = GaussLegendre.on01(n);
            double gl = 0, midpoint = 0;
            for (int i = 0; i < n; i++) {
                gl += rule[1][i] * Math.exp(3 * rule[0][i]);
                midpoint += Math.exp(3 * (i + 0.5) / n) / n;
            }
            assertEquals(exact, gl, 1e-12, n + " nodes");
            assertTrue(Math.abs(midpoint - exact) > 1e-4, n + " midpoints: " + Math.abs(midpoint - exact));
        }
    }
}
