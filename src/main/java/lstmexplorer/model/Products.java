package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/**
 * The matrix products of the cells and the output layer, as loops over EJML's row-major arrays.
 * At the sizes of these networks (a batch of 16 rows, 10 to 256 units) a call's fixed cost is a
 * large share of its work and the rows are too short for the JIT's vector loops to pay, so every
 * product runs through one kernel that keeps a 4 × 4 block of the result in registers: each pass
 * over the inner dimension reads 8 numbers for 16 multiply-adds.
 *
 * <p>Two cases leave the kernel. A left operand that is mostly zeros (one-hot input rows, padded
 * sequences) is read entry by entry, so that a one-hot row costs one row of the weights instead of
 * vocabulary-many: layer 0's x·W_x copies a row of W_x per sequence, and its dW_x += xᵀ·dz adds each
 * row of dz to one row of dW_x. A product with a weight matrix larger than a core's cache runs as row updates
 * (c_row += a_rk · b_row, which the JIT vectorises) over blocks of columns, so that a block stays
 * in cache while every row of the batch uses it.
 *
 * <p>Forward passes and steppers read the weight matrices from {@link Blocked} copies
 * ({@link ForwardWeights}) instead, where the row updates run as the JIT's vector loops: two to four
 * times the kernel's speed here, from a 1 × 10 by 10 × 40 product to a 100 × 256 by 256 × 1024 one.
 * The backward pass reads blocked copies too: of the gradient dz for dW += xᵀ·dz, of W_hᵀ for dh = dz·W_hᵀ,
 * and of [W_x; W_h]ᵀ for dx and dh of a layer above the first in one product.
 */
final class Products {
    /** Columns per block of the row updates: a block of a 256-row weight matrix (512 KB) fits a core's L2 cache. */
    private static final int BLOCK = 256;
    /** Entries of a weight matrix beyond which the row updates beat the kernel (it reads the matrix once per 4 rows). */
    private static final int LARGE = 128 * 512;

    /** Columns below which a gradient's rows are too short for the vector loops to pay: the kernel's 4 × 4 blocks take them. */
    private static final int NARROW = 8;

    private Products() {}

    /** c = a·b. */
    static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { multAdd(a, b, c, false); }

    /** c += a·b. */
    static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { multAdd(a, b, c, true); }

    private static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean add) {
        check(a.numCols == b.numRows && c.numRows == a.numRows && c.numCols == b.numCols, "a·b", a, b, c);
        int rows = a.numRows, inner = a.numCols, n = b.numCols;
        if (inner * n <= LARGE && !sparse(a)) {
            // c_rj = Σ_k a_rk b_kj
            kernel(a.data, inner, 1, b.data, n, 1, c.data, rows, inner, n, add);
            return;
        }
        if (!add) java.util.Arrays.fill(c.data, 0, rows * n, 0.0);
        // c_r += a_rk · b_k
        rowUpdates(a, b, c, false);
    }

    /**
     * For every nonzero a_rk, a row update of c from a row of b, over blocks of columns (a block is only
     * worth it when several rows reuse it): c_r += a_rk · b_k, or with {@code transA} c_k += a_rk · b_r.
     */
    private static void rowUpdates(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean transA) {
        double[] ad = a.data, bd = b.data, cd = c.data;
        int rows = a.numRows, inner = a.numCols, n = b.numCols;
        int block = rows < 4 ? n : BLOCK;
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            for (int r = 0; r < rows; r++) {
                int ar = r * inner;
                for (int k = 0; k < inner; k++) {
                    double v = ad[ar + k];
                    if (v == 0) continue;
                    int target = (transA ? k : r) * n, source = (transA ? r : k) * n;
                    for (int j = from; j < to; j++) cd[target + j] += v * bd[source + j];
                }
            }
        }
    }

    /** c = a·b, b read from its blocked copy when {@code weights} holds one, or copied when {@code weights} computed it ahead. */
    static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ForwardWeights weights) {
        if (weights != null && weights.computedAhead(a, b, c)) return;
        Blocked blocked = weights == null ? null : weights.blocked(b);
        if (blocked != null) multAdd(a, blocked, c, false);
        else multAdd(a, b, c, false);
    }

    /** c += a·b, b read from its blocked copy when {@code weights} holds one. */
    static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ForwardWeights weights) {
        Blocked blocked = weights == null ? null : weights.blocked(b);
        if (blocked != null) multAdd(a, blocked, c, true);
        else multAdd(a, b, c, true);
    }

    /** c = a·b, b read from its blocked copy. */
    static void mult(DMatrixRMaj a, Blocked b, DMatrixRMaj c) { multAdd(a, b, c, false); }

    /** c += a·b, b read from its blocked copy. */
    static void multAdd(DMatrixRMaj a, Blocked b, DMatrixRMaj c) { multAdd(a, b, c, true); }

    /**
     * c = or += a·b as row updates over b's column blocks: c_r,block += Σ_k a_rk · b_k,block, four k at a
     * time (a one-hot or padded row skips its zeros four at a time). Every array of the vector loop is read
     * from its start: C2 (JDK 17) vectorises {@code acc[j] += x·w[j]} but not {@code c[r·n + j] += x·b[k·n + j]},
     * since it cannot tell that two slices of double arrays at unrelated offsets do not overlap.
     */
    private static void multAdd(DMatrixRMaj a, Blocked b, DMatrixRMaj c, boolean add) {
        check(a.numCols == b.rows && c.numRows == a.numRows && c.numCols == b.cols, "a·b", a, b.rows, b.cols, c);
        if (b.single()) single(a.data, a.numCols, a.numRows, b, c.data, add);
        else blocked(a.data, a.numCols, 1, a.numRows, b, c.data, add);
    }

    /**
     * {@link #blocked} in single precision: a row of a and the accumulator rounded to float, b's
     * single-precision copy, c written back in double. A vector of floats holds twice the numbers of
     * one of doubles. Rows go two at a time, each summed as alone.
     */
    private static void single(double[] ad, int ai, int rows, Blocked b, double[] cd, boolean add) {
        int inner = b.rows, n = b.cols;
        // two arrays of this method's own: C2 vectorises a loop that stores into both only when it can tell they differ
        float[] acc = new float[Math.min(n, Blocked.WIDTH)], acc2 = rows > 1 ? new float[acc.length] : null;
        float[][] w = b.singles;
        for (int block = 0, from = 0; from < n; block++, from += Blocked.WIDTH) {
            int width = Math.min(Blocked.WIDTH, n - from), first = block * inner;
            int r = 0;
            for (; acc2 != null && r + 2 <= rows; r += 2) {
                int ar = r * ai, cr = r * n + from;
                for (int j = 0; j < width; j++) acc[j] = add ? (float) cd[cr + j] : 0f;
                for (int j = 0; j < width; j++) acc2[j] = add ? (float) cd[cr + n + j] : 0f;
                int k = 0;
                for (; k + 4 <= inner; k += 4) {
                    int p = ar + k, q = p + ai;
                    float x0 = (float) ad[p], x1 = (float) ad[p + 1], x2 = (float) ad[p + 2], x3 = (float) ad[p + 3];
                    float y0 = (float) ad[q], y1 = (float) ad[q + 1], y2 = (float) ad[q + 2], y3 = (float) ad[q + 3];
                    boolean zero = x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0, zero2 = y0 == 0 && y1 == 0 && y2 == 0 && y3 == 0;
                    float[] w0 = w[first + k], w1 = w[first + k + 1], w2 = w[first + k + 2], w3 = w[first + k + 3];
                    if (!zero && !zero2) {
                        for (int j = 0; j < width; j++) {
                            float v0 = w0[j], v1 = w1[j], v2 = w2[j], v3 = w3[j];
                            acc[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                            acc2[j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
                        }
                    } else if (!zero) {
                        for (int j = 0; j < width; j++) acc[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                    } else if (!zero2) {
                        for (int j = 0; j < width; j++) acc2[j] += y0 * w0[j] + y1 * w1[j] + y2 * w2[j] + y3 * w3[j];
                    }
                }
                singleRest(ad, ar, k, inner, w, first, acc, width);
                singleRest(ad, ar + ai, k, inner, w, first, acc2, width);
                for (int j = 0; j < width; j++) cd[cr + j] = acc[j];
                for (int j = 0; j < width; j++) cd[cr + n + j] = acc2[j];
            }
            for (; r < rows; r++) {
                int ar = r * ai, cr = r * n + from;
                for (int j = 0; j < width; j++) acc[j] = add ? (float) cd[cr + j] : 0f;
                int k = 0;
                for (; k + 4 <= inner; k += 4) {
                    int p = ar + k;
                    float x0 = (float) ad[p], x1 = (float) ad[p + 1], x2 = (float) ad[p + 2], x3 = (float) ad[p + 3];
                    if (x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0) continue;
                    float[] w0 = w[first + k], w1 = w[first + k + 1], w2 = w[first + k + 2], w3 = w[first + k + 3];
                    for (int j = 0; j < width; j++) acc[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                }
                singleRest(ad, ar, k, inner, w, first, acc, width);
                for (int j = 0; j < width; j++) cd[cr + j] = acc[j];
            }
        }
    }

    /** acc += a_rk · b_k in single precision for the last k (inner not a multiple of 4). */
    private static void singleRest(double[] ad, int ar, int k, int inner, float[][] w, int first, float[] acc, int width) {
        for (; k < inner; k++) {
            float x = (float) ad[ar + k];
            if (x == 0) continue;
            float[] wk = w[first + k];
            for (int j = 0; j < width; j++) acc[j] += x * wk[j];
        }
    }

    /**
     * c (rows × b.cols, row-major) = or += A·b, where A(i, p) = a[i·ai + p·ap] over p &lt; b.rows: the
     * strides say whether a is read transposed. Rows go two at a time, so that each load of b serves
     * both: 1.1 to 1.25 times the speed of one row at a time for 16 rows from 10 × 40 to 80 × 20 (the
     * small tasks' products), 1.3 to 1.6 times from 64 × 256 to 256 × 1024. Each row still sums its terms
     * in the same order, so a row's result does not depend on how many rows come with it.
     */
    private static void blocked(double[] ad, int ai, int ap, int rows, Blocked b, double[] cd, boolean add) {
        int inner = b.rows, n = b.cols;
        // two arrays of this method's own: C2 vectorises a loop that stores into both only when it can tell they differ
        double[] acc = new double[Math.min(n, Blocked.WIDTH)], acc2 = rows > 1 ? new double[acc.length] : null;
        double[][] w = b.parts;
        for (int block = 0, from = 0; from < n; block++, from += Blocked.WIDTH) {
            int width = Math.min(Blocked.WIDTH, n - from), first = block * inner;
            int r = 0;
            for (; acc2 != null && r + 2 <= rows; r += 2) {
                int ar = r * ai, cr = r * n + from;
                start(cd, cr, acc, width, add);
                start(cd, cr + n, acc2, width, add);
                int k = 0;
                for (; k + 4 <= inner; k += 4) {
                    int p = ar + k * ap, q = p + ai;
                    double x0 = ad[p], x1 = ad[p + ap], x2 = ad[p + 2 * ap], x3 = ad[p + 3 * ap];
                    double y0 = ad[q], y1 = ad[q + ap], y2 = ad[q + 2 * ap], y3 = ad[q + 3 * ap];
                    boolean zero = x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0, zero2 = y0 == 0 && y1 == 0 && y2 == 0 && y3 == 0;
                    double[] w0 = w[first + k], w1 = w[first + k + 1], w2 = w[first + k + 2], w3 = w[first + k + 3];
                    if (!zero && !zero2) {
                        // acc += a_rk · b_k + … + a_r,k+3 · b_k+3, and the same for row r + 1
                        for (int j = 0; j < width; j++) {
                            double v0 = w0[j], v1 = w1[j], v2 = w2[j], v3 = w3[j];
                            acc[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                            acc2[j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
                        }
                    } else if (!zero) {
                        for (int j = 0; j < width; j++) acc[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                    } else if (!zero2) {
                        for (int j = 0; j < width; j++) acc2[j] += y0 * w0[j] + y1 * w1[j] + y2 * w2[j] + y3 * w3[j];
                    }
                }
                rest(ad, ar, ap, k, inner, w, first, acc, width);
                rest(ad, ar + ai, ap, k, inner, w, first, acc2, width);
                System.arraycopy(acc, 0, cd, cr, width);
                System.arraycopy(acc2, 0, cd, cr + n, width);
            }
            for (; r < rows; r++) {
                int ar = r * ai, cr = r * n + from;
                start(cd, cr, acc, width, add);
                int k = 0;
                for (; k + 4 <= inner; k += 4) {
                    int p = ar + k * ap;
                    double x0 = ad[p], x1 = ad[p + ap], x2 = ad[p + 2 * ap], x3 = ad[p + 3 * ap];
                    if (x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0) continue;
                    double[] w0 = w[first + k], w1 = w[first + k + 1], w2 = w[first + k + 2], w3 = w[first + k + 3];
                    // acc += a_rk · b_k + … + a_r,k+3 · b_k+3
                    for (int j = 0; j < width; j++) acc[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
                }
                rest(ad, ar, ap, k, inner, w, first, acc, width);
                System.arraycopy(acc, 0, cd, cr, width);
            }
        }
    }

    /** The accumulator of a row's block: what c holds there, or zero. */
    private static void start(double[] cd, int cr, double[] acc, int width, boolean add) {
        if (add) System.arraycopy(cd, cr, acc, 0, width);
        else java.util.Arrays.fill(acc, 0, width, 0.0);
    }

    /** acc += a_rk · b_k for the last k (inner not a multiple of 4). */
    private static void rest(double[] ad, int ar, int ap, int k, int inner, double[][] w, int first, double[] acc, int width) {
        for (; k < inner; k++) {
            double x = ad[ar + k * ap];
            if (x == 0) continue;
            double[] wk = w[first + k];
            for (int j = 0; j < width; j++) acc[j] += x * wk[j];
        }
    }

    /**
     * c = a·b for an a whose rows are mostly zeros ({@link #sparse}), b read from its blocked copy when
     * {@code weights} holds one: each row of c is the sum of the rows of b that its nonzeros pick, so a
     * one-hot row (a character read by layer 0) is a copy of one row of b and a zero row (padding) is zero.
     */
    static void multSparse(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ForwardWeights weights) {
        check(a.numCols == b.numRows && c.numRows == a.numRows && c.numCols == b.numCols, "a·b", a, b, c);
        Blocked blocked = weights == null ? null : weights.blocked(b);
        double[] ad = a.data, cd = c.data;
        int inner = a.numCols, n = b.numCols;
        for (int r = 0; r < a.numRows; r++) {
            int ar = r * inner, cr = r * n;
            boolean first = true;
            for (int k = 0; k < inner; k++) {
                double v = ad[ar + k];
                if (v == 0) continue;
                if (blocked == null) rowUpdate(v, b.data, k * n, cd, cr, n, first);
                else for (int block = 0, from = 0; from < n; block++, from += Blocked.WIDTH) {
                    int width = Math.min(Blocked.WIDTH, n - from);
                    if (blocked.single()) rowUpdate(v, blocked.singles[block * inner + k], cd, cr + from, width, first);
                    else rowUpdate(v, blocked.parts[block * inner + k], 0, cd, cr + from, width, first);
                }
                first = false;
            }
            if (first) java.util.Arrays.fill(cd, cr, cr + n, 0.0);
        }
    }

    /** c[at, at + n) = (first) or += v · b[0, n), from a single-precision copy. */
    private static void rowUpdate(double v, float[] b, double[] c, int at, int n, boolean first) {
        if (first) for (int j = 0; j < n; j++) c[at + j] = v * b[j];
        else for (int j = 0; j < n; j++) c[at + j] += v * b[j];
    }

    /** c[at, at + n) = (first) or += v · b[from, from + n): a copy when v is 1. */
    private static void rowUpdate(double v, double[] b, int from, double[] c, int at, int n, boolean first) {
        if (first && v == 1.0) System.arraycopy(b, from, c, at, n);
        else if (first) for (int j = 0; j < n; j++) c[at + j] = v * b[from + j];
        else for (int j = 0; j < n; j++) c[at + j] += v * b[from + j];
    }

    /**
     * The two weight gradients of an affine map from one gradient: cx += xᵀ·dz and ch += hᵀ·dz. A one-hot
     * (or zero) x or h adds rows of dz where its nonzeros are; the others read one blocked copy of dz,
     * taken once for both, in arrays that {@code weights} keeps (null: new ones).
     */
    static void multAddTransA(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj dz, DMatrixRMaj cx, DMatrixRMaj ch, ForwardWeights weights) {
        Blocked dzCopy = null;
        for (int pair = 0; pair < 2; pair++) {
            DMatrixRMaj a = pair == 0 ? x : h, c = pair == 0 ? cx : ch;
            check(a.numRows == dz.numRows && c.numRows == a.numCols && c.numCols == dz.numCols, "aᵀ·b", a, dz, c);
            if (sparse(a)) {
                // c_k += a_rk · dz_r
                rowUpdates(a, dz, c, true);
                continue;
            }
            if (dzCopy == null) dzCopy = weights == null ? new Blocked(dz.numRows, dz.numCols).copy(dz) : weights.scratchCopy(dz);
            // c_k += Σ_r a_rk dz_r
            blocked(a.data, 1, a.numCols, a.numCols, dzCopy, c.data, true);
        }
    }

    /** c += aᵀ·b: for a weight gradient, dW += xᵀ·dz. */
    static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { multAddTransA(a, b, c, null); }

    /** c += aᵀ·b, copying b into arrays that {@code weights} keeps (null: new ones). */
    static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ForwardWeights weights) {
        check(a.numRows == b.numRows && c.numRows == a.numCols && c.numCols == b.numCols, "aᵀ·b", a, b, c);
        int rows = a.numRows, m = a.numCols, n = b.numCols;
        if (n < NARROW && !sparse(a)) {
            // the output layer's dW += hᵀ·dlogits over a few characters: rows too short for vector loops
            kernel(a.data, 1, m, b.data, n, 1, c.data, m, rows, n, true);
            return;
        }
        if (!sparse(a)) {
            // c_k += Σ_r a_rk b_r, from a blocked copy of b: copying it costs a 1/m-th of the product
            blocked(a.data, 1, m, m, weights == null ? new Blocked(rows, n).copy(b) : weights.scratchCopy(b), c.data, true);
            return;
        }
        // c_k += a_rk · b_r
        rowUpdates(a, b, c, true);
    }

    /** c = a·bᵀ, bᵀ read from its blocked copy when {@code weights} holds one. */
    static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ForwardWeights weights) {
        Blocked transposed = weights == null ? null : weights.transposed(b);
        if (transposed != null) multAdd(a, transposed, c, false);
        else multTransB(a, b, c, false);
    }

    /**
     * cTop = a·topᵀ and cBottom = a·bottomᵀ, for top and bottom of as many columns: as one product
     * a·[top; bottom]ᵀ when {@code weights} holds blocked copies of both, whose rows are as long as the two
     * products' together (the vector loops pay more on longer rows), then split. Each entry is summed as
     * in its own product, so the values are those of the two products to the last bit.
     */
    static void multTransB(DMatrixRMaj a, DMatrixRMaj top, DMatrixRMaj bottom, DMatrixRMaj cTop, DMatrixRMaj cBottom,
                           ForwardWeights weights) {
        Blocked stack = weights == null ? null : weights.transposedStack(top, bottom);
        if (stack == null) {
            multTransB(a, top, cTop, weights);
            multTransB(a, bottom, cBottom, weights);
            return;
        }
        check(cTop.numRows == a.numRows && cTop.numCols == top.numRows && cBottom.numRows == a.numRows && cBottom.numCols == bottom.numRows,
                "a·[top; bottom]ᵀ", a, stack.rows, stack.cols, cTop);
        DMatrixRMaj both = weights.product(a.numRows, stack.cols);
        multAdd(a, stack, both, false);
        CellMath.columns(both, 0, cTop);
        CellMath.columns(both, top.numRows, cBottom);
    }

    /** c += a·bᵀ, bᵀ read from its blocked copy when {@code weights} holds one. */
    static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ForwardWeights weights) {
        Blocked transposed = weights == null ? null : weights.transposed(b);
        if (transposed != null) multAdd(a, transposed, c, true);
        else multTransB(a, b, c, true);
    }

    /** c = a·bᵀ: for a gradient through a weight matrix, dh = dz·W_hᵀ. */
    static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { multTransB(a, b, c, false); }

    /** c += a·bᵀ. */
    static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { multTransB(a, b, c, true); }

    private static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean add) {
        check(a.numCols == b.numCols && c.numRows == a.numRows && c.numCols == b.numRows, "a·bᵀ", a, b, c);
        int n = a.numCols;
        // c_rk = Σ_j a_rj b_kj
        kernel(a.data, n, 1, b.data, 1, n, c.data, a.numRows, n, b.numRows, add);
    }

    /**
     * c (rows × cols, row-major) = or += A·B over {@code inner}, where A(i, p) = a[i·ai + p·ap] and
     * B(p, j) = b[p·bp + j·bj]: the strides say which operand is read transposed.
     */
    private static void kernel(double[] a, int ai, int ap, double[] b, int bp, int bj, double[] c,
                               int rows, int inner, int cols, boolean add) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
                for (int p = 0, ia = i * ai, jb = j * bj; p < inner; p++, ia += ap, jb += bp) {
                    double x0 = a[ia], x1 = a[ia + ai], x2 = a[ia + 2 * ai], x3 = a[ia + 3 * ai];
                    double y0 = b[jb], y1 = b[jb + bj], y2 = b[jb + 2 * bj], y3 = b[jb + 3 * bj];
                    s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
                    s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
                    s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
                    s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
                }
                int k = i * cols + j;
                store(c, k, add, s00, s01, s02, s03);
                store(c, k + cols, add, s10, s11, s12, s13);
                store(c, k + 2 * cols, add, s20, s21, s22, s23);
                store(c, k + 3 * cols, add, s30, s31, s32, s33);
            }
            // the last columns: 4 × 1 blocks
            for (; j < cols; j++) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int p = 0, ia = i * ai, jb = j * bj; p < inner; p++, ia += ap, jb += bp) {
                    double y = b[jb];
                    s0 += a[ia] * y; s1 += a[ia + ai] * y; s2 += a[ia + 2 * ai] * y; s3 += a[ia + 3 * ai] * y;
                }
                int k = i * cols + j;
                if (add) {
                    c[k] += s0; c[k + cols] += s1; c[k + 2 * cols] += s2; c[k + 3 * cols] += s3;
                } else {
                    c[k] = s0; c[k + cols] = s1; c[k + 2 * cols] = s2; c[k + 3 * cols] = s3;
                }
            }
        }
        // the last rows: 1 × 4 blocks, then single entries
        for (; i < rows; i++) {
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int p = 0, ia = i * ai, jb = j * bj; p < inner; p++, ia += ap, jb += bp) {
                    double x = a[ia];
                    s0 += x * b[jb]; s1 += x * b[jb + bj]; s2 += x * b[jb + 2 * bj]; s3 += x * b[jb + 3 * bj];
                }
                store(c, i * cols + j, add, s0, s1, s2, s3);
            }
            for (; j < cols; j++) {
                double s = 0;
                for (int p = 0, ia = i * ai, jb = j * bj; p < inner; p++, ia += ap, jb += bp) s += a[ia] * b[jb];
                c[i * cols + j] = add ? c[i * cols + j] + s : s;
            }
        }
    }

    private static void store(double[] c, int k, boolean add, double s0, double s1, double s2, double s3) {
        if (add) {
            c[k] += s0; c[k + 1] += s1; c[k + 2] += s2; c[k + 3] += s3;
        } else {
            c[k] = s0; c[k + 1] = s1; c[k + 2] = s2; c[k + 3] = s3;
        }
    }

    /** True when at most a quarter of m's entries are non-zero: one-hot rows (of four characters or more) and padding. */
    static boolean sparse(DMatrixRMaj m) {
        double[] d = m.data;
        int size = m.numRows * m.numCols, nonZero = 0;
        for (int k = 0; k < size; k++) if (d[k] != 0) nonZero++;
        return nonZero * 4 <= size;
    }

    private static void check(boolean shapes, String product, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        check(shapes, product, a, b.numRows, b.numCols, c);
    }

    private static void check(boolean shapes, String product, DMatrixRMaj a, int bRows, int bCols, DMatrixRMaj c) {
        if (!shapes) throw new IllegalArgumentException("shapes do not fit " + product + ": " + a.numRows + "×" + a.numCols
                + ", " + bRows + "×" + bCols + " into " + c.numRows + "×" + c.numCols);
    }
}
