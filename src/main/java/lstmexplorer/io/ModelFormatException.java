package lstmexplorer.io;

/**
 * A model file that cannot be read, with a message that says what is wrong with it and, where one
 * part is at fault, its name ({@code vocab}, {@code hidden}, a tensor such as {@code lstm.weight_hh_l1}).
 */
public final class ModelFormatException extends IllegalArgumentException {
    private final String field;

    public ModelFormatException(String message) { this(message, (String) null); }

    public ModelFormatException(String message, String field) {
        super(message);
        this.field = field;
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /** The part of the file at fault, or null. */
    public String field() { return field; }
}
