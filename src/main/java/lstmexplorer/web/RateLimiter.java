package lstmexplorer.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lstmexplorer.service.ClientLimits;

/**
 * Per-client request rates for the expensive endpoints, as token buckets keyed by remote address:
 * reads that run the model (traces, generation, exports, analyses) share one bucket, creating models
 * (training, import) another. A request over the rate gets 429 with {@code Retry-After} and the JSON
 * error body, before any work is done. Cheap requests (pages, static files, listings, health, job
 * events) are never limited, and neither are clients on this machine unless the limits say so.
 */
final class RateLimiter {
    private static final String MODELS = "/api/models/";
    private static final long IDLE_NANOS = 10L * 60 * 1_000_000_000L;

    private final Bucket.Config compute, create;
    private final ClientLimits limits;
    private final Map<String, Bucket> computeBuckets = new ConcurrentHashMap<>(), createBuckets = new ConcurrentHashMap<>();
    /** Whether the limits apply to an address, worked out once per address rather than parsed again on every request. */
    private final Map<String, Boolean> applies = new ConcurrentHashMap<>();

    RateLimiter(ClientLimits limits) {
        this.limits = limits;
        compute = limits.requestsPerSecond() > 0 ? new Bucket.Config(limits.requestsPerSecond(), Math.max(1, limits.burst()),
                "expensive requests (traces, generation, exports, analyses)", "second") : null;
        create = limits.trainingsPerMinute() > 0 ? new Bucket.Config(limits.trainingsPerMinute() / 60.0,
                Math.max(1, (int) Math.ceil(limits.trainingsPerMinute() / 3)), "new models (training or import)", "minute") : null;
    }

    /** Registers the check before every request; does nothing when both rates are unlimited. */
    static void install(JavalinConfig config, ClientLimits limits) {
        RateLimiter limiter = new RateLimiter(limits);
        if (limiter.compute == null && limiter.create == null) return;
        config.routes.before(limiter::check);
    }

    void check(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith("/api/models") && !path.equals("/api/labs")) return;
        Bucket.Config config;
        Map<String, Bucket> buckets;
        if (ctx.method() == HandlerType.POST && (path.equals("/api/models") || path.equals("/api/models/import") || path.equals("/api/labs"))) {
            config = create;
            buckets = createBuckets;
        } else if (isModelWork(path)) {
            config = compute;
            buckets = computeBuckets;
        } else {
            return;
        }
        if (config == null || !appliesTo(ctx.ip())) return;
        long now = System.nanoTime();
        if (buckets.size() > 10_000) buckets.values().removeIf(b -> b.idleSince(now) > IDLE_NANOS);
        Bucket bucket = buckets.computeIfAbsent(ctx.ip(), ip -> new Bucket(config, now));
        double wait = bucket.take(now);
        if (wait > 0) {
            int seconds = (int) Math.max(1, Math.ceil(wait));
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new Requests.HttpError(429, "too many requests", "more " + config.what + " from your address than this server allows ("
                    + Bucket.rate(config) + " per " + config.unit + ", bursts of " + config.burst + "); try again in " + seconds + " s");
        }
    }

    /** Everything under a model, /api/models/{id}/...: trace, generate, export and the analyses. */
    static boolean isModelWork(String path) {
        int slash = path.indexOf('/', MODELS.length());
        return path.startsWith(MODELS) && slash > MODELS.length() && slash < path.length() - 1;
    }

    private boolean appliesTo(String ip) {
        Boolean known = applies.get(ip);
        if (known != null) return known;
        if (applies.size() > 10_000) applies.clear();
        boolean applied = limits.appliesTo(ip);
        applies.put(ip, applied);
        return applied;
    }

    /** A token bucket: {@code burst} tokens, refilled at {@code perSecond}. */
    static final class Bucket {
        record Config(double perSecond, int burst, String what, String unit) {}

        private final Config config;
        private double tokens;
        private long last;

        Bucket(Config config, long now) {
            this.config = config;
            this.tokens = config.burst;
            this.last = now;
        }

        /** Takes a token; returns 0, or the seconds until one is available. */
        synchronized double take(long now) {
            tokens = Math.min(config.burst, tokens + (now - last) / 1e9 * config.perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / config.perSecond;
        }

        synchronized long idleSince(long now) { return now - last; }

        static String rate(Config c) {
            double perUnit = c.unit.equals("minute") ? c.perSecond * 60 : c.perSecond;
            return perUnit == Math.rint(perUnit) ? String.valueOf((long) perUnit) : String.format(java.util.Locale.ROOT, "%.1f", perUnit);
        }
    }
}
