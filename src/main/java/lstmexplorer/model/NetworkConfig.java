package lstmexplorer.model;

/** The shape of a network: cell type, one-hot input and softmax output size, hidden units per layer, layers. */
public record NetworkConfig(String cell, int vocabSize, int hidden, int layers) {
    public NetworkConfig {
        if (!CellTypes.exists(cell)) throw new IllegalArgumentException("unknown cell type '" + cell + "'; known: " + CellTypes.names());
        if (vocabSize < 1) throw new IllegalArgumentException("vocabSize must be at least 1");
        if (hidden < 1) throw new IllegalArgumentException("hidden must be at least 1");
        if (layers < 1) throw new IllegalArgumentException("layers must be at least 1");
    }
}
