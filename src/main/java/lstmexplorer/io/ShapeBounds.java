package lstmexplorer.io;

/**
 * The largest network a model file may describe, checked before any weight matrix is allocated, so
 * that a file claiming a million units is refused instead of filling the heap.
 */
public record ShapeBounds(int maxHidden, int maxLayers, int maxVocab) {
    /** No bounds but the file's own: for files this program wrote. */
    public static final ShapeBounds NONE = new ShapeBounds(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    void check(int hidden, int layers, int vocab) {
        if (hidden < 1 || hidden > maxHidden)
            throw new ModelFormatException("hidden is " + hidden + ": a model has 1 to " + maxHidden + " units per layer", "hidden");
        if (layers < 1 || layers > maxLayers)
            throw new ModelFormatException("layers is " + layers + ": a model has 1 to " + maxLayers + " layers", "layers");
        if (vocab > maxVocab)
            throw new ModelFormatException("\"vocab\" has " + vocab + " characters: a model reads at most " + maxVocab, "vocab");
    }
}
