package lstmexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import lstmexplorer.io.ModelFormatException;
import lstmexplorer.train.TrainingFailedException;

/** Dispatches the sub-commands; every failure is a one-line message and a non-zero exit code. */
public final class Cli {
    static final String USAGE = """
            usage: java -jar lstm-explorer.jar [COMMAND] [OPTIONS]

            With no command, starts the web server.

            """ + ServeCommand.USAGE + "\n\n" + TrainCommand.USAGE + "\n\n" + TraceCommand.USAGE + "\n\n" + BenchCommand.USAGE + "\n\n" + MechanismBenchCommand.USAGE + "\n\n" + ScaleBenchCommand.USAGE + "\n\n" + DatasetsCommand.USAGE + "\n";

    private Cli() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        String command = argv.length == 0 || argv[0].startsWith("--") ? "serve" : argv[0];
        List<String> rest = Arrays.asList(argv).subList(argv.length == 0 || argv[0].startsWith("--") ? 0 : 1, argv.length);
        try {
            return switch (command) {
                case "train" -> TrainCommand.run(rest, out);
                case "trace" -> TraceCommand.run(rest, out);
                case "bench" -> BenchCommand.run(rest, out);
                case "bench-mechanisms" -> MechanismBenchCommand.run(rest, out);
                case "bench-scale" -> ScaleBenchCommand.run(rest, out);
                case "datasets" -> DatasetsCommand.run(rest, out);
                case "serve" -> ServeCommand.run(rest, out, err);
                case "help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new Args.UsageException("unknown command '" + command + "'");
            };
        } catch (Args.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("run 'java -jar lstm-explorer.jar help' for usage");
            return 2;
        } catch (ModelFormatException e) {
            err.println("error: bad model file: " + e.getMessage());
            return 1;
        } catch (TrainingFailedException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
