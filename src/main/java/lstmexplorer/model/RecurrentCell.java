package lstmexplorer.model;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * What every cell shares, so that a cell file holds only its equations: its sizes, the names of the
 * vectors it records, which of them carry over to the next step, its weights in the order they are
 * saved, and the shape of its per-step cache.
 */
abstract class RecurrentCell implements Cell {
    private final String type;
    private final List<String> vectors;
    private final int[] stateVectors;
    private final int[] scratchBlocks;
    private final List<Parameter> parameters = new ArrayList<>();
    final int inputSize, hidden;

    /**
     * @param stateVectors  indices into {@code vectors} of the state carried from one step to the next
     * @param scratchBlocks per scratch matrix of the cache, its width in multiples of {@code hidden}
     */
    RecurrentCell(String type, int inputSize, int hidden, List<String> vectors, int[] stateVectors, int... scratchBlocks) {
        this.type = type;
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.vectors = List.copyOf(vectors);
        this.stateVectors = stateVectors.clone();
        this.scratchBlocks = scratchBlocks.clone();
    }

    /** A new zero weight matrix, saved and trained under {@code name} in the order of the calls. */
    final DMatrixRMaj weight(String name, int rows, int columns) {
        DMatrixRMaj m = new DMatrixRMaj(rows, columns);
        parameters.add(new Parameter(name, m));
        return m;
    }

    /** z = x·W_x + h·W_h + b for {@code blocks} side-by-side blocks (gates, candidate), as parameters W_x, W_h, b. */
    final Affine affine(int blocks) {
        return new Affine(weight("W_x", inputSize, blocks * hidden), weight("W_h", hidden, blocks * hidden), weight("b", 1, blocks * hidden));
    }

    @Override public final String type() { return type; }
    @Override public final List<String> vectors() { return vectors; }
    @Override public final int[] stateVectors() { return stateVectors.clone(); }
    @Override public final int inputSize() { return inputSize; }
    @Override public final int hiddenSize() { return hidden; }
    @Override public final List<Parameter> parameters() { return List.copyOf(parameters); }

    @Override public final StepCache newCache(int batch) {
        int[] columns = new int[scratchBlocks.length];
        for (int s = 0; s < columns.length; s++) columns[s] = scratchBlocks[s] * hidden;
        return new StepCache(batch, hidden, vectors.size(), columns);
    }
}
