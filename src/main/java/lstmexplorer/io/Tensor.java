package lstmexplorer.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * A 1-D or 2-D list of numbers read straight off a JSON stream: its shape and its entries in row-major
 * order. Reading token by token keeps a 64 MB upload as one array of doubles rather than a tree of
 * millions of nodes.
 */
public record Tensor(int[] shape, double[] data) {

    public int dimensions() { return shape.length; }

    public int rows() { return shape[0]; }

    /** Entries per row of a 2-D tensor. */
    public int columns() { return shape.length > 1 ? shape[1] : 0; }

    /** As people write it: "a list of 90", "1024 × 256". */
    public String describe() {
        return shape.length == 1 ? "a list of " + shape[0] : shape[0] + " × " + shape[1];
    }

    /**
     * Reads the list the parser is on (its current token is START_ARRAY) and leaves the parser on the
     * closing END_ARRAY. Rows of unequal length, entries that are not finite numbers, and more than
     * two dimensions are errors naming the tensor.
     */
    static Tensor read(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY)
            throw new ModelFormatException(name + " must be a list of numbers or a list of rows; got " + token(p), name);
        int[] shape = {-1, -1};
        int[] count = new int[2];
        int depth = 0, numbersAt = -1, size = 0;
        double[] data = new double[1024];
        for (JsonToken t = JsonToken.START_ARRAY; ; t = p.nextToken()) {
            if (t == JsonToken.START_ARRAY) {
                if (depth == 2 || numbersAt == depth)
                    throw new ModelFormatException(name + " must be a 1-D or 2-D list of numbers, with every row a list of the same length", name);
                if (depth > 0) count[depth - 1]++;
                count[depth++] = 0;
            } else if (t == JsonToken.END_ARRAY) {
                int n = count[--depth];
                if (shape[depth] < 0) shape[depth] = n;
                else if (shape[depth] != n)
                    throw new ModelFormatException(name + ": row " + (count[0] - 1) + " has " + n + " entries, the rows before it "
                            + shape[depth] + "; every row must have the same length", name);
                if (depth == 0) break;
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                if (numbersAt < 0) numbersAt = depth;
                if (numbersAt != depth) throw new ModelFormatException(name + " mixes numbers and lists at one level", name);
                double v = p.getDoubleValue();
                if (!Double.isFinite(v)) throw new ModelFormatException(name + ": every entry must be a finite number; got " + p.getText(), name);
                if (size == data.length) data = Arrays.copyOf(data, Math.max(1024, data.length * 2));
                data[size++] = v;
                count[depth - 1]++;
            } else if (t == null) {
                throw new ModelFormatException(name + ": the JSON ends inside the list", name);
            } else {
                throw new ModelFormatException(name + ": every entry must be a finite number; got " + token(p), name);
            }
        }
        int dims = numbersAt > 0 ? numbersAt : shape[1] >= 0 ? 2 : 1;
        return new Tensor(dims == 1 ? new int[] {shape[0]} : new int[] {shape[0], Math.max(0, shape[1])},
                size == data.length ? data : Arrays.copyOf(data, size));
    }

    private static String token(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return "the string \"" + p.getText() + "\"";
        if (t == JsonToken.START_OBJECT) return "an object";
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) return "the number " + p.getText();
        return t == null ? "the end of the JSON" : p.getText();
    }
}
