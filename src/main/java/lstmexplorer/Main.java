package lstmexplorer;

import lstmexplorer.cli.Cli;

/** The one entry point of the jar: a sub-command, or with none the web server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.out, System.err));
    }
}
