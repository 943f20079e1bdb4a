package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/**
 * z = x·W_x + h·W_h + b, the affine map a cell starts from ("W·[x, h_prev] + b" in the tutorials),
 * for {@code blocks} side-by-side blocks of {@code hidden} columns (one per gate or candidate).
 */
final class Affine {
    final DMatrixRMaj wx, wh, b;

    /** The weights as {@link RecurrentCell#affine} registers them. */
    Affine(DMatrixRMaj wx, DMatrixRMaj wh, DMatrixRMaj b) {
        this.wx = wx;
        this.wh = wh;
        this.b = b;
    }

    // z = x·W_x + h·W_h + b, the products reading {@code weights} (null: the matrices themselves)
    void forward(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj z, ForwardWeights weights) {
        products(x, h, z, weights);
        CellMath.addRow(z, b);
    }

    /** z = x·W_x + h·W_h, for a cell that adds b as it reads z. */
    void products(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj z, ForwardWeights weights) {
        // layer 0 reads one-hot characters: its x·W_x is a row of W_x per sequence
        if (Products.sparse(x)) Products.multSparse(x, wx, z, weights);
        else Products.mult(x, wx, z, weights);
        Products.multAdd(h, wh, z, weights);
    }

    /**
     * Given dz: grads[0..2] += dW_x, dW_h, db; dh = dz·W_hᵀ (overwritten); dx = dz·W_xᵀ when dx is not null.
     */
    void backward(DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj dz, DMatrixRMaj[] grads, DMatrixRMaj dh, DMatrixRMaj dx,
                  ForwardWeights weights) {
        // dW_x += xᵀ·dz;  dW_h += hᵀ·dz;  db += Σ_rows dz
        Products.multAddTransA(x, h, dz, grads[0], grads[1], weights);
        CellMath.addColumnSums(dz, grads[2]);
        // dx = dz·W_xᵀ and dh = dz·W_hᵀ, as one product dz·[W_x; W_h]ᵀ when both are asked for
        if (dx != null) Products.multTransB(dz, wx, wh, dx, dh, weights);
        else Products.multTransB(dz, wh, dh, weights);
    }
}
