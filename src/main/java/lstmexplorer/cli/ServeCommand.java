package lstmexplorer.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import lstmexplorer.web.Server;
import lstmexplorer.web.ServerOptions;

/** Starts the web server with the options of {@link ServerOptions} and serves until the JVM is stopped. */
final class ServeCommand {
    static final String USAGE = """
            [serve] [--port N] [--data DIR] [--no-gallery] [--trace-cache-mb N]
                    [--jobs-per-client N] [--requests-per-second N] [--burst N] [--trainings-per-minute N] [--limit-loopback]
              Starts the web server (default port 7070, env PORT; data directory ./data, env LSTM_EXPLORER_DATA).
              On first start it trains the four gallery models; --no-gallery skips them. Traces are cached
              (--trace-cache-mb, default 64; 0 turns the cache off). The per-client limits (defaults 2 jobs,
              20 requests/s in bursts of 60, 12 trainings/min; 0 for none) keep one workshop participant from
              starving the room; they apply to clients on this machine (loopback) only with --limit-loopback
              (env LSTM_EXPLORER_LIMIT_LOOPBACK=true); env LSTM_EXPLORER_INSTRUCTOR_TOKEN sets a token that may stop or delete any model.""";

    private ServeCommand() {}

    /** Parses the options (and env PORT, LSTM_EXPLORER_DATA), starts the server, says where it listens and blocks. */
    static int run(List<String> argv, PrintStream out, PrintStream err) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(argv.toArray(String[]::new), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        Server server;
        try {
            server = Server.start(options);
        } catch (RuntimeException e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) why.append(": ").append(c.getMessage());
            err.println("error: could not start the server on port " + options.port() + ": " + why);
            return 1;
        }
        out.println("LSTM Explorer listening on http://localhost:" + server.port() + "/");
        out.println("Data directory: " + options.dataDir());
        if (!server.loadReport().movedAside().isEmpty())
            out.println("Moved unreadable model files to " + options.dataDir().resolve("broken") + ": " + server.loadReport().movedAside());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
