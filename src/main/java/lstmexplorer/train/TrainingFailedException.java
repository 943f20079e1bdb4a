package lstmexplorer.train;

/** A run that cannot go on, e.g. because the loss became NaN. */
public final class TrainingFailedException extends RuntimeException {
    public TrainingFailedException(String message) { super(message); }
}
