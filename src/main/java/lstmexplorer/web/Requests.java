package lstmexplorer.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import lstmexplorer.service.Limits;
import lstmexplorer.service.ServiceException;
import lstmexplorer.service.Validator;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/** Reading request bodies and query parameters strictly, with errors that name the field and the allowed values. */
final class Requests {
    private final ObjectMapper json;

    Requests(ObjectMapper json) { this.json = json; }

    /** 415 unless the body is declared as JSON. */
    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json"))
            throw new HttpError(415, "unsupported media type",
                    "send the body as JSON with the header Content-Type: application/json" + (type == null ? "" : "; got " + type));
    }

    /** The body as text, after checking the content type and the size limit (413). */
    static String text(Context ctx, int maxBytes) {
        requireJson(ctx);
        return new String(read(ctx, maxBytes), StandardCharsets.UTF_8);
    }

    /** The raw body, after checking that it is declared as {@code mediaType} (415) and the size limit (413). */
    static byte[] bytes(Context ctx, int maxBytes, String mediaType) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(mediaType))
            throw new HttpError(415, "unsupported media type",
                    "send the body with the header Content-Type: " + mediaType + (type == null ? "" : "; got " + type));
        return read(ctx, maxBytes);
    }

    private static byte[] read(Context ctx, int maxBytes) {
        long declared = ctx.contentLength();
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBytes) throw refuse(ctx, in, declared, maxBytes);
            bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw refuse(ctx, in, declared, maxBytes);
        } catch (IOException e) {
            throw new HttpError(400, "bad request", "could not read the request body");
        }
        return bytes;
    }

    /**
     * The body as a stream for a reader that parses as it goes (a model upload): the content type and
     * a declared length are checked first, and reading past {@code maxBytes} fails with the 413.
     */
    static InputStream stream(Context ctx, int maxBytes) {
        requireJson(ctx);
        long declared = ctx.contentLength();
        InputStream in;
        try {
            in = ctx.req().getInputStream();
        } catch (IOException e) {
            throw new HttpError(400, "bad request", "could not read the request body");
        }
        if (declared > maxBytes) throw refuse(ctx, in, declared, maxBytes);
        return new FilterInputStream(in) {
            private long read;

            @Override public int read() throws IOException {
                int b = super.read();
                if (b >= 0) count(1);
                return b;
            }

            @Override public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) count(n);
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > maxBytes) throw refuse(ctx, in, -1, maxBytes);
            }
        };
    }

    /**
     * The 413 for a body over the limit. What is left of the body is read and dropped first, within a
     * bound of bytes and time, as a well-kept server's "lingering close" does: a client that writes its
     * whole body before reading (Python's urllib does) then receives the answer rather than a reset
     * connection. A body that does not end within the bound (or is declared larger than it) is not
     * waited for: the answer says Connection: close and the connection is closed after it.
     */
    private static HttpError refuse(Context ctx, InputStream in, long declared, int maxBytes) {
        boolean drained = declared <= Limits.REFUSED_BODY_DRAIN_BYTES && drain(ctx, in);
        if (!drained) ctx.header("Connection", "close");
        return new HttpError(413, "content too large", "the body is larger than the limit of " + maxBytes + " bytes");
    }

    /** After a body was refused part-way through: what is left is read within the same bounds as for the 413, or the connection closes after the answer. */
    static void finishRefused(Context ctx, InputStream in) {
        if (!drain(ctx, in)) ctx.header("Connection", "close");
    }

    /** Reads what is left of the body within the bounds; true when it ended. Each read waits no longer than the time left. */
    private static boolean drain(Context ctx, InputStream in) {
        long deadline = System.nanoTime() + Limits.REFUSED_BODY_DRAIN_MILLIS * 1_000_000;
        EndPoint endPoint = endPoint(ctx);
        long idleTimeout = endPoint == null ? 0 : endPoint.getIdleTimeout();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            while (read <= Limits.REFUSED_BODY_DRAIN_BYTES) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) return false;
                if (endPoint != null) endPoint.setIdleTimeout(left);
                int n = in.read(buffer);
                if (n < 0) {
                    if (endPoint != null) endPoint.setIdleTimeout(idleTimeout);
                    return true;
                }
                read += n;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static EndPoint endPoint(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        return request == null ? null : request.getConnectionMetaData().getConnection().getEndPoint();
    }

    /** A JSON body as a record; unknown fields, wrong types and malformed JSON are 400s naming the problem. */
    <T> T body(Context ctx, Class<T> type, int maxBytes) {
        String text = text(ctx, maxBytes);
        if (text.isBlank()) throw ServiceException.badRequest("a JSON object body is required");
        try {
            T value = json.readValue(text, type);
            if (value == null) throw ServiceException.badRequest("a JSON object body is required");
            return value;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) for (Object k : e.getKnownPropertyIds()) known.add(String.valueOf(k));
            known.sort(null);
            throw ServiceException.badParameter(e.getPropertyName(), "unknown field '" + e.getPropertyName() + "'; the fields are " + known);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (field.isEmpty()) throw ServiceException.badRequest("the body must be a JSON object");
            throw ServiceException.badParameter(field, field + " has the wrong type: expected " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String expected(Class<?> type) {
        if (type == null) return "another type";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Double.class || type == double.class) return "a number";
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "a list";
        return "an object";
    }

    /**
     * An integer query parameter, or null when absent: the service applies the default and checks it
     * against {@code range}, which here only words the error for text that is not a whole number.
     */
    static Integer intParam(Context ctx, String name, Limits.Range range) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return null;
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ServiceException.badParameter(name, name + " must be an integer from " + range.min() + " to " + range.max() + "; got '" + raw + "'");
        }
        if (v != (int) v) Validator.check(name, v, range); // past int: refused as out of range
        return (int) v;
    }

    /** An integer path parameter; null when it is not a non-negative integer. */
    static Integer pathInt(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        if (!raw.matches("\\d{1,9}")) return null;
        return Integer.parseInt(raw);
    }

    /** A comma-separated query list, or null when absent. */
    static List<String> listParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) return null;
        List<String> out = new ArrayList<>();
        for (String s : raw.split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    static List<Integer> ints(String field, List<String> raw) {
        if (raw == null) return null;
        List<Integer> out = new ArrayList<>();
        for (String s : raw) {
            try {
                out.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw ServiceException.badParameter(field, field + " must be unit numbers separated by commas; got '" + s + "'");
            }
        }
        return out;
    }

    /** An error the web layer raises itself (content type, size), with its status. */
    static final class HttpError extends RuntimeException {
        final int status;
        final String error;

        HttpError(int status, String error, String detail) {
            super(detail);
            this.status = status;
            this.error = error;
        }
    }
}
