package lstmexplorer.train;

/** One point of the training curve, recorded at each evaluation; {@code bitsPerCharacter} only for dataset models. */
public record CurvePoint(int step, long sequences, double loss, double testAccuracy, double seconds, Double bitsPerCharacter) {
    public CurvePoint(int step, long sequences, double loss, double testAccuracy, double seconds) {
        this(step, sequences, loss, testAccuracy, seconds, null);
    }
}
