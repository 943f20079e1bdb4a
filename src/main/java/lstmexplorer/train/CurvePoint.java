package lstmexplorer.train;

/** One point of the training curve, recorded at each evaluation. */
public record CurvePoint(int step, long sequences, double loss, double testAccuracy, double seconds) {}
