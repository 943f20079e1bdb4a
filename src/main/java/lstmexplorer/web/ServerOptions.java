package lstmexplorer.web;

import java.nio.file.Path;
import java.util.Map;
import lstmexplorer.service.ClientLimits;
import lstmexplorer.service.Limits;

/**
 * How to run the server.
 *
 * @param port              HTTP port; 0 picks a free one
 * @param dataDir           where models are stored
 * @param gallery           train (or load) the four task models at start
 * @param galleryMaxSeconds time limit of gallery training runs; null for the task defaults
 * @param workers           training jobs that run at once
 * @param queueCapacity     training jobs that may wait; beyond that POST /api/models answers 429
 * @param maxStoredModels   user models kept at most; beyond that new ones are refused with 429
 * @param traceCacheBytes   memory for rendered traces
 * @param clients           per-client limits and the instructor token
 */
public record ServerOptions(int port, Path dataDir, boolean gallery, Double galleryMaxSeconds, int workers, int queueCapacity,
                            int maxStoredModels, long traceCacheBytes, ClientLimits clients) {
    public static final int DEFAULT_PORT = 7070;
    /** Training jobs that may wait by default: two each for a room of thirty, and some to spare. */
    public static final int DEFAULT_QUEUE = 100;

    public static final String USAGE = "options: --port N (or env PORT; default 7070), --data DIR (or env LSTM_EXPLORER_DATA; "
            + "default ./data), --no-gallery, --trace-cache-mb N (default 64; 0 turns the trace cache off), --workers N (trainings "
            + "at once; default one per core), --queue N (trainings that may wait; default " + DEFAULT_QUEUE + "), --jobs-per-client N, "
            + "--requests-per-second N, --burst N, --trainings-per-minute N (per-client limits; 0 for none; or env "
            + ClientLimits.ENV_JOBS + ", " + ClientLimits.ENV_RATE + ", " + ClientLimits.ENV_BURST + ", " + ClientLimits.ENV_TRAININGS
            + "), --limit-loopback (limit clients on this machine too; or env " + ClientLimits.ENV_LIMIT_LOOPBACK + "=true)";

    public ServerOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be from 0 to 65535; got " + port);
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1");
        if (queueCapacity < 0) throw new IllegalArgumentException("queueCapacity must not be negative");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (clients == null) clients = ClientLimits.unlimited();
    }

    /** Port 7070, ./data, gallery on, one training job per core, {@value DEFAULT_QUEUE} waiting. */
    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_PORT, Path.of("data"), true, null, Math.max(1, Runtime.getRuntime().availableProcessors()),
                DEFAULT_QUEUE, Limits.DEFAULT_MAX_STORED_MODELS, 64L << 20, ClientLimits.defaults());
    }

    public ServerOptions withPort(int p) { return new ServerOptions(p, dataDir, gallery, galleryMaxSeconds, workers, queueCapacity, maxStoredModels, traceCacheBytes, clients); }
    public ServerOptions withDataDir(Path d) { return new ServerOptions(port, d, gallery, galleryMaxSeconds, workers, queueCapacity, maxStoredModels, traceCacheBytes, clients); }
    public ServerOptions withGallery(boolean g) { return new ServerOptions(port, dataDir, g, galleryMaxSeconds, workers, queueCapacity, maxStoredModels, traceCacheBytes, clients); }
    public ServerOptions withGalleryMaxSeconds(Double s) { return new ServerOptions(port, dataDir, gallery, s, workers, queueCapacity, maxStoredModels, traceCacheBytes, clients); }
    public ServerOptions withWorkers(int w) { return new ServerOptions(port, dataDir, gallery, galleryMaxSeconds, w, queueCapacity, maxStoredModels, traceCacheBytes, clients); }
    public ServerOptions withQueueCapacity(int q) { return new ServerOptions(port, dataDir, gallery, galleryMaxSeconds, workers, q, maxStoredModels, traceCacheBytes, clients); }
    public ServerOptions withMaxStoredModels(int m) { return new ServerOptions(port, dataDir, gallery, galleryMaxSeconds, workers, queueCapacity, m, traceCacheBytes, clients); }
    public ServerOptions withClients(ClientLimits c) { return new ServerOptions(port, dataDir, gallery, galleryMaxSeconds, workers, queueCapacity, maxStoredModels, traceCacheBytes, c); }
    public ServerOptions withTraceCacheBytes(long b) { return new ServerOptions(port, dataDir, gallery, galleryMaxSeconds, workers, queueCapacity, maxStoredModels, b, clients); }

    /**
     * Options from the command line, then the environment, then the defaults.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, with a message for people
     */
    public static ServerOptions parse(String[] args, Map<String, String> env) {
        ServerOptions o = defaults();
        if (env.get("PORT") != null && !env.get("PORT").isBlank()) o = o.withPort(port(env.get("PORT"), "PORT"));
        if (env.get("LSTM_EXPLORER_DATA") != null && !env.get("LSTM_EXPLORER_DATA").isBlank())
            o = o.withDataDir(Path.of(env.get("LSTM_EXPLORER_DATA")));
        o = o.withClients(o.clients().withEnv(env));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--port" -> o = o.withPort(port(value != null ? value : next(args, ++i, arg), "--port"));
                case "--data" -> o = o.withDataDir(Path.of(value != null ? value : next(args, ++i, arg)));
                case "--no-gallery" -> o = o.withGallery(false);
                case "--limit-loopback" -> o = o.withClients(o.clients().withLimitLoopback(value == null || ClientLimits.flag(value, arg)));
                case "--trace-cache-mb" -> {
                    String v = value != null ? value : next(args, ++i, arg);
                    try {
                        long mb = Long.parseLong(v);
                        if (mb < 0 || mb > 4096) throw new NumberFormatException();
                        o = o.withTraceCacheBytes(mb << 20);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--trace-cache-mb must be from 0 to 4096; got '" + v + "'");
                    }
                }
                case "--workers" -> o = o.withWorkers((int) ClientLimits.number(value != null ? value : next(args, ++i, arg), arg, 256));
                case "--queue" -> o = o.withQueueCapacity((int) ClientLimits.number(value != null ? value : next(args, ++i, arg), arg, 10_000));
                case "--jobs-per-client" -> o = o.withClients(o.clients().withJobsPerClient(
                        (int) ClientLimits.number(value != null ? value : next(args, ++i, arg), arg, 10_000)));
                case "--requests-per-second" -> o = o.withClients(o.clients().withRequestsPerSecond(
                        ClientLimits.number(value != null ? value : next(args, ++i, arg), arg, 1_000_000)));
                case "--burst" -> o = o.withClients(o.clients().withBurst(
                        (int) ClientLimits.number(value != null ? value : next(args, ++i, arg), arg, 1_000_000)));
                case "--trainings-per-minute" -> o = o.withClients(o.clients().withTrainingsPerMinute(
                        ClientLimits.number(value != null ? value : next(args, ++i, arg), arg, 1_000_000)));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        return o;
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        return args[i];
    }

    private static int port(String value, String source) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a port number from 0 to 65535; got '" + value + "'");
        }
    }
}
