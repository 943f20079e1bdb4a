package lstmexplorer.cli;

import java.util.List;
import lstmexplorer.web.Server;

/** Starts the web server with the options of {@link lstmexplorer.web.ServerOptions}. */
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

    static int run(List<String> argv) {
        Server.run(argv.toArray(String[]::new));
        return 0;
    }
}
