package lstmexplorer.web;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The headers every response carries (pages, static files, the API, errors): a Content-Security-Policy
 * that allows only the app's own scripts, styles and connections, no sniffing, no referrer. Requests
 * Jetty rejects before they reach Javalin (a malformed URI, a NUL in the path, oversized headers) get
 * the same headers and the API's JSON error body instead of Jetty's HTML page.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** The headers encoded once: every response carries them, and a loop of traces makes many responses. */
    private static final List<PreEncodedHttpField> HEADERS = List.of(
            new PreEncodedHttpField("Content-Security-Policy", CSP),
            new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
            new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
            new PreEncodedHttpField("X-Frame-Options", "DENY"));

    private SecurityHeaders() {}

    /** Adds the headers to every response and replaces Jetty's own error pages. */
    static void install(JavalinConfig config) {
        config.routes.before(ctx -> apply(ctx.res()));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
    }

    static void apply(HttpServletResponse res) {
        ServletContextResponse jetty = ServletContextResponse.getServletContextResponse(res);
        if (jetty != null) apply(jetty.getHeaders());
        else for (PreEncodedHttpField h : HEADERS) res.setHeader(h.getName(), h.getValue());
    }

    private static void apply(HttpFields.Mutable headers) {
        for (PreEncodedHttpField h : HEADERS) headers.put(h);
    }

    /** {"error", "detail"} for errors Jetty answers itself; never a message, cause or stack trace from inside. */
    static final class JsonErrorHandler extends ErrorHandler {
        @Override protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                                  Callback callback) {
            HttpFields.Mutable headers = response.getHeaders();
            apply(headers);
            headers.put(HttpHeader.CONTENT_TYPE, "application/json");
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            if (unparsable(code)) headers.put(HttpHeader.CONNECTION, "close");
            byte[] body = body(code);
            headers.put(HttpHeader.CONTENT_LENGTH, String.valueOf(body.length));
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        @Override public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            apply(fields);
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            fields.put(HttpHeader.CONNECTION, "close");
            return ByteBuffer.wrap(body(status));
        }

        /**
         * Jetty answers these itself when it cannot parse a request or it is too large, and then drops the
         * connection: the header says so, or a client sends its next request on it and gets no answer.
         */
        private static boolean unparsable(int code) {
            return code == 400 || code == 413 || code == 414 || code == 431;
        }

        private static byte[] body(int code) {
            String reason = HttpStatus.getMessage(code);
            String error = reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT);
            String detail = code == 400 ? "the request is malformed (its URI, headers or body could not be parsed)"
                    : code == 413 || code == 431 ? "the request or its headers are too large"
                    : code >= 500 ? "the server could not handle this request; the cause is in its log"
                    : "the request could not be handled";
            return ("{\"error\":\"" + error.replace("\"", "'") + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
