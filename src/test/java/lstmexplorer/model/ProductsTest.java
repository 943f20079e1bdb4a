package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The products against EJML's, on every path: the register kernel, the row updates and the blocked copies. */
class ProductsTest {
    private final Random random = new Random(11);

    @Test
    void aBlockedCopyGivesTheProductOfTheMatrix() {
        // inner sizes that are and are not multiples of 4; widths within a block, a block and one, several blocks
        for (int rows : new int[] {1, 2, 3, 5})
            for (int inner : new int[] {1, 3, 8, 90, 130})
                for (int n : new int[] {1, 7, Blocked.WIDTH, Blocked.WIDTH + 1, 3 * Blocked.WIDTH - 5}) {
                    DMatrixRMaj a = dense(rows, inner), b = dense(inner, n), c = dense(rows, n);
                    Blocked blocked = new Blocked(inner, n).copy(b);
                    DMatrixRMaj expected = new DMatrixRMaj(rows, n);
                    CommonOps_DDRM.mult(a, b, expected);
                    DMatrixRMaj product = dense(rows, n);
                    Products.mult(a, blocked, product);
                    assertClose(expected, product, rows + "×" + inner + " · " + inner + "×" + n);
                    // c += a·b
                    CommonOps_DDRM.addEquals(expected, c);
                    Products.multAdd(a, blocked, c);
                    assertClose(expected, c, "+= " + rows + "×" + inner + " · " + inner + "×" + n);
                }
    }

    @Test
    void theTransposedProductsGiveEjmlsOnEveryPath() {
        for (int rows : new int[] {1, 3, 16})
            for (int[] shape : new int[][] {{3, 12}, {20, 5}, {20, 80}, {130, 520}, {90, 1024}}) {
                int m = shape[0], n = shape[1];
                // dW += xᵀ·dz, dense and one-hot
                DMatrixRMaj x = dense(rows, m), dz = dense(rows, n), dw = dense(m, n), expected = new DMatrixRMaj(m, n);
                CommonOps_DDRM.multTransA(x, dz, expected);
                CommonOps_DDRM.addEquals(expected, dw);
                Products.multAddTransA(x, dz, dw);
                assertClose(expected, dw, "xᵀ·dz " + rows + "×" + m + ", " + rows + "×" + n);
                DMatrixRMaj oneHot = new DMatrixRMaj(rows, m);
                for (int r = 0; r < rows; r++) oneHot.set(r, (3 * r) % m, 1.0);
                dw.zero();
                CommonOps_DDRM.multTransA(oneHot, dz, expected);
                Products.multAddTransA(oneHot, dz, dw);
                assertClose(expected, dw, "one-hot xᵀ·dz " + rows + "×" + m);
                // dh = dz·Wᵀ from the matrix and from a blocked copy of its transpose
                DMatrixRMaj w = dense(m, n), dh = new DMatrixRMaj(rows, m), viaCopy = dense(rows, m);
                CommonOps_DDRM.multTransB(dz, w, expected = new DMatrixRMaj(rows, m));
                Products.multTransB(dz, w, dh);
                assertClose(expected, dh, "dz·Wᵀ " + rows + "×" + n + ", " + m + "×" + n);
                Products.mult(dz, new Blocked(n, m).copyTransposed(new Blocked(m, n).copy(w)), viaCopy);
                assertClose(expected, viaCopy, "dz·Wᵀ from a blocked transpose " + m + "×" + n);
            }
    }

    @Test
    void oneHotAndZeroRowsSkipTheirZerosAndStillGiveTheProduct() {
        int inner = 90, n = 300;
        DMatrixRMaj a = new DMatrixRMaj(3, inner), b = dense(inner, n);
        a.set(0, 0, 1.0);
        a.set(1, inner - 1, 1.0); // a row of a one-hot batch; row 2 is padding
        DMatrixRMaj expected = new DMatrixRMaj(3, n), product = dense(3, n);
        CommonOps_DDRM.mult(a, b, expected);
        Products.mult(a, new Blocked(inner, n).copy(b), product);
        assertClose(expected, product, "one-hot rows");
        for (int j = 0; j < n; j++) assertEquals(0.0, product.get(2, j), 0.0);
    }

    /**
     * A row of a blocked product, in double or single precision, is the same to the last bit alone as
     * with others: the pipeline computes a layer's input products for many timesteps at once.
     */
    @Test
    void aRowOfABlockedProductDoesNotDependOnTheRowsWithIt() {
        for (boolean single : new boolean[] {false, true}) for (int[] shape : new int[][] {{10, 40}, {40, 10}, {20, 80}, {90, 300}, {130, 520}, {256, 1024}}) {
            int inner = shape[0], n = shape[1], rows = 7;
            DMatrixRMaj a = dense(rows, inner), b = dense(inner, n);
            for (int k = 4; k < 8; k++) a.set(2, k, 0.0); // a zero quad in one row of a pair only
            for (int k = 0; k < inner; k++) a.set(5, k, k == inner - 1 ? 1.0 : 0.0); // a one-hot row
            Blocked blocked = new Blocked(inner, n, single).copy(b);
            DMatrixRMaj together = new DMatrixRMaj(rows, n), c = dense(rows, n), cTogether = c.copy();
            Products.mult(a, blocked, together);
            Products.multAdd(a, blocked, cTogether);
            for (int r = 0; r < rows; r++) {
                DMatrixRMaj row = CommonOps_DDRM.extract(a, r, r + 1, 0, inner), alone = new DMatrixRMaj(1, n);
                DMatrixRMaj cAlone = CommonOps_DDRM.extract(c, r, r + 1, 0, n);
                Products.mult(row, blocked, alone);
                Products.multAdd(row, blocked, cAlone);
                for (int j = 0; j < n; j++) {
                    assertEquals(alone.get(0, j), together.get(r, j), 0.0, inner + "×" + n + " row " + r + " column " + j);
                    assertEquals(cAlone.get(0, j), cTogether.get(r, j), 0.0, "+= " + inner + "×" + n + " row " + r + " column " + j);
                }
            }
        }
    }

    /** A single-precision copy: the product to float precision, on one-hot and dense rows, c = and c +=. */
    @Test
    void aSinglePrecisionCopyGivesTheProductToFloatPrecision() {
        for (int[] shape : new int[][] {{1, 3, 7}, {3, 90, 300}, {2, 256, 1024}}) {
            int rows = shape[0], inner = shape[1], n = shape[2];
            DMatrixRMaj a = dense(rows, inner), b = dense(inner, n), c = dense(rows, n), expected = new DMatrixRMaj(rows, n);
            for (int k = 0; k < inner; k++) a.set(0, k, k == inner / 2 ? 1.0 : 0.0); // a one-hot row
            Blocked single = new Blocked(inner, n, true).copy(b);
            CommonOps_DDRM.mult(a, b, expected);
            DMatrixRMaj product = dense(rows, n);
            Products.mult(a, single, product);
            for (int k = 0; k < expected.getNumElements(); k++)
                assertEquals(expected.data[k], product.data[k], 1e-6 * inner, rows + "×" + inner + " · " + inner + "×" + n + " entry " + k);
            CommonOps_DDRM.addEquals(expected, c);
            Products.multAdd(a, single, c);
            for (int k = 0; k < expected.getNumElements(); k++) assertEquals(expected.data[k], c.data[k], 1e-6 * inner, "+= entry " + k);
            assertEquals((float) b.get(0, 0), single.singles[0][0], 0.0);
        }
    }

    @Test
    void sparseRowsPickTheirRowsOfTheMatrixOrOfItsBlockedCopy() {
        // one-hot, scaled (as integrated gradients reads them), two nonzeros, zero (padding); 4 × 75 = 300 columns span two blocks
        Network net = Network.initialized(new NetworkConfig("lstm", 7, 75, 1), new Random(5));
        DMatrixRMaj wx = net.parameters().stream().filter(p -> p.name().equals("layers.0.W_x")).findFirst().orElseThrow().value();
        DMatrixRMaj a = new DMatrixRMaj(5, 7);
        a.set(0, 2, 1.0);
        a.set(1, 6, 0.25);
        a.set(2, 0, 1.0);
        a.set(2, 3, -2.0);
        a.set(4, 0, 1.0);
        assertTrue(Products.sparse(a));
        DMatrixRMaj expected = new DMatrixRMaj(5, wx.numCols);
        CommonOps_DDRM.mult(a, wx, expected);
        for (ForwardWeights weights : new ForwardWeights[] {null, ForwardWeights.of(net, null)}) {
            DMatrixRMaj product = dense(5, wx.numCols);
            Products.multSparse(a, wx, product, weights);
            assertClose(expected, product, weights == null ? "from the matrix" : "from the blocked copy");
            for (int j = 0; j < wx.numCols; j++) {
                assertEquals(wx.get(2, j), product.get(0, j), 0.0, "a one-hot row is a row of W_x");
                assertEquals(0.0, product.get(3, j), 0.0, "padding");
            }
        }
        // a single-precision copy (a forward-only pass that asks for one): the product in float
        DMatrixRMaj single = dense(5, wx.numCols);
        Products.multSparse(a, wx, single, ForwardWeights.of(net, null, true));
        for (int k = 0; k < expected.getNumElements(); k++) assertEquals(expected.data[k], single.data[k], 1e-6, "single precision, entry " + k);
        assertThrows(IllegalArgumentException.class, () -> Products.multSparse(a, dense(6, 3), new DMatrixRMaj(5, 3), null));
    }

    @Test
    void bothWeightGradientsOfAnAffineMapComeFromOneGradient() {
        for (int rows : new int[] {1, 5, 16}) {
            DMatrixRMaj oneHot = new DMatrixRMaj(rows, 4), dense = dense(rows, 20), zero = new DMatrixRMaj(rows, 20), dz = dense(rows, 80);
            for (int r = 0; r < rows; r++) oneHot.set(r, r % 4, 1.0);
            DMatrixRMaj[][] pairs = {{oneHot, dense}, {dense, zero}, {dense, dense}};
            for (DMatrixRMaj[] pair : pairs) {
                DMatrixRMaj x = pair[0], h = pair[1];
                DMatrixRMaj cx = dense(x.numCols, 80), ch = dense(h.numCols, 80);
                DMatrixRMaj ex = cx.copy(), eh = ch.copy(), t = new DMatrixRMaj(x.numCols, 80);
                CommonOps_DDRM.multTransA(x, dz, t);
                CommonOps_DDRM.addEquals(ex, t);
                CommonOps_DDRM.multTransA(h, dz, t = new DMatrixRMaj(h.numCols, 80));
                CommonOps_DDRM.addEquals(eh, t);
                Products.multAddTransA(x, h, dz, cx, ch, null);
                assertClose(ex, cx, "xᵀ·dz, " + rows + " rows, x " + x.numCols + " wide");
                assertClose(eh, ch, "hᵀ·dz, " + rows + " rows");
            }
        }
    }

    /** dx = dz·W_xᵀ and dh = dz·W_hᵀ as one product with [W_x; W_h]ᵀ: the two products to the last bit, also across two column blocks. */
    @Test
    void oneProductForDxAndDhGivesTheTwoProducts() {
        for (int hidden : new int[] {20, 150}) {
            Network net = Network.initialized(new NetworkConfig("lstm", 5, hidden, 2), new Random(7));
            DMatrixRMaj wx = parameter(net, "layers.1.W_x"), wh = parameter(net, "layers.1.W_h");
            ForwardWeights weights = ForwardWeights.of(net, null);
            for (int round = 0; round < 2; round++) {
                for (int rows : new int[] {1, 3, 16}) {
                    DMatrixRMaj dz = dense(rows, 4 * hidden), dx = dense(rows, hidden), dh = dense(rows, hidden);
                    DMatrixRMaj dxAlone = new DMatrixRMaj(rows, hidden), dhAlone = new DMatrixRMaj(rows, hidden), expected = new DMatrixRMaj(rows, hidden);
                    Products.multTransB(dz, wx, wh, dx, dh, weights);
                    Products.multTransB(dz, wx, dxAlone, weights);
                    Products.multTransB(dz, wh, dhAlone, weights);
                    for (int k = 0; k < rows * hidden; k++) {
                        assertEquals(dxAlone.data[k], dx.data[k], 0.0, hidden + " units, " + rows + " rows: dx entry " + k);
                        assertEquals(dhAlone.data[k], dh.data[k], 0.0, hidden + " units, " + rows + " rows: dh entry " + k);
                    }
                    CommonOps_DDRM.multTransB(dz, wx, expected);
                    assertClose(expected, dx, "dz·W_xᵀ");
                }
                // the weights change (a training step): the next pass takes the copies again
                for (int k = 0; k < wx.data.length; k++) wx.data[k] += 0.5;
                ForwardWeights.of(net, weights);
            }
        }
        Blocked top = new Blocked(2, 3).copy(dense(2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Blocked(3, 4).copyTransposedStack(top, new Blocked(1, 4).copy(dense(1, 4))));
    }

    private static DMatrixRMaj parameter(Network net, String name) {
        return net.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void forwardWeightsCopyTheWeightsAsTheyAreWhenTaken() {
        Network net = Network.initialized(new NetworkConfig("lstm", 90, 128, 1), new Random(3));
        DMatrixRMaj wh = net.parameters().stream().filter(p -> p.name().equals("layers.0.W_h")).findFirst().orElseThrow().value();
        DMatrixRMaj bias = net.parameters().stream().filter(p -> p.name().equals("layers.0.b")).findFirst().orElseThrow().value();
        ForwardWeights weights = ForwardWeights.of(net, null);
        assertNull(weights.blocked(bias), "a bias is added, not multiplied");
        double before = weights.blocked(wh).parts[0][0];
        wh.data[0] += 1;
        assertEquals(before, weights.blocked(wh).parts[0][0], 0.0);
        assertEquals(wh.data[0], ForwardWeights.of(net, weights).blocked(wh).parts[0][0], 0.0, "taken again into the same arrays");
    }

    @Test
    void shapesThatDoNotFitAreRefused() {
        Blocked blocked = new Blocked(4, 5).copy(dense(4, 5));
        assertThrows(IllegalArgumentException.class, () -> Products.mult(dense(2, 3), blocked, new DMatrixRMaj(2, 5)));
        assertThrows(IllegalArgumentException.class, () -> new Blocked(4, 5).copy(dense(5, 4)));
    }

    private DMatrixRMaj dense(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) m.data[k] = 2 * random.nextDouble() - 1;
        return m;
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        for (int k = 0; k < expected.getNumElements(); k++)
            assertEquals(expected.data[k], actual.data[k], 1e-12 * (1 + Math.abs(expected.data[k])), what + " entry " + k);
    }
}
