package lstmexplorer.train;

/**
 * A moment of a training run: after {@code step} updates and {@code sequences} training sequences.
 * For a model of a user dataset {@code testAccuracy} is the next-character accuracy and
 * {@code bitsPerCharacter} the held-out bits per character; for a task model the latter is null.
 */
public record Progress(int step, long sequences, double loss, double testAccuracy, double elapsedSeconds, double fraction,
                       Double bitsPerCharacter) {
    public Progress(int step, long sequences, double loss, double testAccuracy, double elapsedSeconds, double fraction) {
        this(step, sequences, loss, testAccuracy, elapsedSeconds, fraction, null);
    }
}
