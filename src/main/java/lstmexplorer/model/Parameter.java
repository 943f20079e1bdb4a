package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/** A named weight matrix or bias row of a layer. The matrix is the live value the optimiser updates. */
public record Parameter(String name, DMatrixRMaj value) {
    public int size() { return value.getNumElements(); }
}
