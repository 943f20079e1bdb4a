package lstmexplorer.io;

/** A model file that cannot be read, with a message that says what is wrong with it. */
public final class ModelFormatException extends IllegalArgumentException {
    public ModelFormatException(String message) { super(message); }

    public ModelFormatException(String message, Throwable cause) { super(message, cause); }
}
