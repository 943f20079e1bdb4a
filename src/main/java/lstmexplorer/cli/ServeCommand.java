package lstmexplorer.cli;

import java.io.PrintStream;
import java.util.List;

/** Starts the web server. */
final class ServeCommand {
    private ServeCommand() {}

    static int run(List<String> argv, PrintStream out) {
        out.print(Cli.USAGE);
        return 0;
    }
}
