package lstmexplorer.model;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * z = x·W_x + h·W_h + b, the affine map a cell starts from ("W·[x, h_prev] + b" in the tutorials),
 * for {@code blocks} side-by-side blocks of {@code hidden} columns (one per gate or candidate).
 */
final class Affine {
    final DMatrixRMaj wx, wh, b;

    Affine(int inputSize, int hidden, int blocks) {
        wx = new DMatrixRMaj(inputSize, blocks * hidden);
        wh = new DMatrixRMaj(hidden, blocks * hidden);
        b = new DMatrixRMaj(1, blocks * hidden);
    }

    /** W_x, W_h, b: the first three parameters of every cell that uses one. */
    List<Parameter> parameters() {
        return List.of(new Parameter("W_x", wx), new Parameter("W_h", wh), new Parameter("b", b));
    }

    // z = x·W_x + h·W_h + b
    void forward(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj z) {
        CommonOps_DDRM.mult(x, wx, z);
        CommonOps_DDRM.multAdd(h, wh, z);
        CellMath.addRow(z, b);
    }

    /**
     * Given dz: grads[0..2] += dW_x, dW_h, db; dh = dz·W_hᵀ (overwritten); dx = dz·W_xᵀ when dx is not null.
     */
    void backward(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj dz, DMatrixRMaj[] grads, DMatrixRMaj dh, DMatrixRMaj dx) {
        // dW_x += xᵀ·dz;  dW_h += hᵀ·dz;  db += Σ_rows dz
        CommonOps_DDRM.multAddTransA(x, dz, grads[0]);
        CommonOps_DDRM.multAddTransA(h, dz, grads[1]);
        CellMath.addColumnSums(dz, grads[2]);
        // dh = dz·W_hᵀ;  dx = dz·W_xᵀ
        CellMath.multTransB(dz, wh, dh);
        if (dx != null) CellMath.multTransB(dz, wx, dx);
    }
}
