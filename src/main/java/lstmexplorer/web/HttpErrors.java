package lstmexplorer.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import lstmexplorer.service.ServiceException;

/** Writing error bodies: always {@code {"error": ..., "detail": ..., ...}} with the right status. */
final class HttpErrors {
    static final String WRITTEN = "lstmexplorer.error-written";
    /** Retry-After of a 429 that does not say better (a full training queue, too many stored models). */
    static final int DEFAULT_RETRY_AFTER_SECONDS = 10;

    private HttpErrors() {}

    static int status(ServiceException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    static void write(Context ctx, ServiceException e) {
        if (e.kind() == ServiceException.Kind.TOO_MANY)
            ctx.header("Retry-After", String.valueOf(e.extra().getOrDefault("retryAfterSeconds", DEFAULT_RETRY_AFTER_SECONDS)));
        write(ctx, status(e.kind()), e.error(), e.detail(), e.extra());
    }

    static void write(Context ctx, int status, String error, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        body.putAll(extra);
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(status).json(body);
    }

    static void write(Context ctx, int status, String detail) {
        write(ctx, status, reason(status), detail, Map.of());
    }

    static String reason(int status) {
        HttpStatus s = HttpStatus.forStatus(status);
        return s == HttpStatus.UNKNOWN ? "error" : s.getMessage().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean written(Context ctx) { return Boolean.TRUE.equals(ctx.attribute(WRITTEN)); }
}
