package lstmexplorer.cli;

import java.util.List;
import lstmexplorer.web.Server;

/** Starts the web server: {@code [--port 7070] [--data DIR]} (or env PORT, LSTM_EXPLORER_DATA). */
final class ServeCommand {
    static final String USAGE = """
            [serve] [--port N] [--data DIR]
              Starts the web server (default port 7070, env PORT; data directory ./data, env LSTM_EXPLORER_DATA).""";

    private ServeCommand() {}

    static int run(List<String> argv) {
        Server.run(argv.toArray(String[]::new));
        return 0;
    }
}
