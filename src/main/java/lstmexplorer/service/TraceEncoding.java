package lstmexplorer.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * How a trace's [timestep][unit] matrices go over the wire. {@code json}, the default: nested lists of
 * numbers. {@code f32}: each matrix as {@code {"encoding": "f32", "shape": [rows, cols], "data": "..."}}
 * with data the base64 of its entries as little-endian float32, row after row; a 2 × 256 model's trace
 * of 2,000 characters is 6 M numbers, 120 MB as JSON text and 32 MB so. float32 keeps 7 significant
 * digits, which is what any view shows.
 */
public enum TraceEncoding {
    JSON, F32;

    public static final List<String> NAMES = Validator.ids(values());

    /** The encoding a request names; json when it names none. */
    public static TraceEncoding of(String name) {
        TraceEncoding named = Validator.choice("encoding", name, values());
        return named == null ? JSON : named;
    }

    public String id() { return NAMES.get(ordinal()); }

    /** {@code json} with every double[][] written as an f32 object. */
    static ObjectMapper f32Mapper(ObjectMapper json) {
        return json.copy().registerModule(new SimpleModule("f32").addSerializer(double[][].class, new F32Matrix()));
    }

    /** A [rows][cols] matrix as shape and base64 float32; rows must be of one length. */
    static final class F32Matrix extends JsonSerializer<double[][]> {
        @Override
        public void serialize(double[][] m, JsonGenerator g, SerializerProvider provider) throws IOException {
            int rows = m.length, cols = rows == 0 ? 0 : m[0].length;
            ByteBuffer bytes = ByteBuffer.allocate(4 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] row : m) {
                if (row.length != cols) throw new IllegalArgumentException("rows of different lengths");
                for (double v : row) bytes.putFloat((float) v);
            }
            g.writeStartObject();
            g.writeStringField("encoding", "f32");
            g.writeArrayFieldStart("shape");
            g.writeNumber(rows);
            g.writeNumber(cols);
            g.writeEndArray();
            g.writeFieldName("data");
            g.writeBinary(bytes.array());
            g.writeEndObject();
        }
    }
}
