package lstmexplorer.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** A JSON response rendered once, and its gzip form made on first demand, for serving many times. */
public final class Rendered {
    private final byte[] json;
    private volatile byte[] gzip;

    public Rendered(byte[] json) { this.json = json; }

    public byte[] json() { return json; }

    public byte[] gzip() {
        byte[] g = gzip;
        if (g == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gzip = g = out.toByteArray();
        }
        return g;
    }

    /** Memory held, counting the gzip form as if it were there. */
    long size() { return json.length + json.length / 4L; }
}
