package lstmexplorer.train;

/** A moment of a training run: after {@code step} updates and {@code sequences} training sequences. */
public record Progress(int step, long sequences, double loss, double testAccuracy, double elapsedSeconds, double fraction) {}
