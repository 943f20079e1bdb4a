package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/**
 * A weight matrix copied for the vector loops of {@link Products}: its columns cut into blocks of
 * {@link #WIDTH}, each row of a block an array of its own, so that a row update reads whole arrays
 * from their start and a block of a large matrix stays in a core's cache while every row of a batch
 * uses it.
 */
final class Blocked {
    /** Columns per block: a block of a 256-row matrix is 512 KB, half a core's L2 cache. */
    static final int WIDTH = 256;

    final int rows, cols;
    /** [block · rows + k]: row k of column block {@code block} (the last block may be narrower); null in a single-precision copy. */
    final double[][] parts;
    /** The same in single precision, for a forward pass that asks for it ({@link ForwardPass#singlePrecision}); null otherwise. */
    final float[][] singles;

    Blocked(int rows, int cols) { this(rows, cols, false); }

    Blocked(int rows, int cols, boolean single) {
        this.rows = rows;
        this.cols = cols;
        int blocks = (cols + WIDTH - 1) / WIDTH;
        parts = single ? null : new double[blocks * rows][];
        singles = single ? new float[blocks * rows][] : null;
        for (int block = 0; block < blocks; block++)
            for (int k = 0; k < rows; k++) {
                int width = Math.min(WIDTH, cols - block * WIDTH);
                if (single) singles[block * rows + k] = new float[width];
                else parts[block * rows + k] = new double[width];
            }
    }

    boolean single() { return singles != null; }

    /** Copies the values of mᵀ, m a blocked matrix of the transposed shape. */
    Blocked copyTransposed(Blocked m) {
        if (m.cols != rows || m.rows != cols) throw new IllegalArgumentException("a " + rows + "×" + cols + " copy of the transpose of a " + m.rows + "×" + m.cols + " matrix");
        for (int block = 0, from = 0; from < cols; block++, from += WIDTH)
            for (int k = 0; k < rows; k++) {
                double[] part = parts[block * rows + k];
                // (mᵀ)_k,j = m_j,k, which sits in m's block k / WIDTH
                for (int j = 0; j < part.length; j++) part[j] = m.parts[(k / WIDTH) * m.rows + from + j][k % WIDTH];
            }
        return this;
    }

    /**
     * Copies the values of [top; bottom]ᵀ, top and bottom blocked matrices of as many columns: this has
     * their columns as rows, and top's rows then bottom's as columns.
     */
    Blocked copyTransposedStack(Blocked top, Blocked bottom) {
        if (top.cols != rows || bottom.cols != rows || top.rows + bottom.rows != cols)
            throw new IllegalArgumentException("a " + rows + "×" + cols + " copy of the transpose of a " + top.rows + "×" + top.cols
                    + " matrix over a " + bottom.rows + "×" + bottom.cols + " one");
        for (int block = 0, from = 0; from < cols; block++, from += WIDTH)
            for (int k = 0; k < rows; k++) {
                double[] part = parts[block * rows + k];
                for (int j = 0; j < part.length; j++) {
                    // row j of the stack is row j of top, or row j − top.rows of bottom; its entry k sits in block k / WIDTH
                    int row = from + j;
                    Blocked m = row < top.rows ? top : bottom;
                    part[j] = m.parts[(k / WIDTH) * m.rows + (row < top.rows ? row : row - top.rows)][k % WIDTH];
                }
            }
        return this;
    }

    /** Copies the values of m, a matrix of this shape. */
    Blocked copy(DMatrixRMaj m) {
        if (m.numRows != rows || m.numCols != cols) throw new IllegalArgumentException("a " + rows + "×" + cols + " copy of a " + m.numRows + "×" + m.numCols + " matrix");
        for (int block = 0, from = 0; from < cols; block++, from += WIDTH)
            for (int k = 0; k < rows; k++) {
                if (single()) {
                    float[] part = singles[block * rows + k];
                    for (int j = 0; j < part.length; j++) part[j] = (float) m.data[k * cols + from + j];
                    continue;
                }
                double[] part = parts[block * rows + k];
                System.arraycopy(m.data, k * cols + from, part, 0, part.length);
            }
        return this;
    }
}
