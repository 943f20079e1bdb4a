package lstmexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import lstmexplorer.io.ModelFile;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/** {@code trace --model model.json --input "aaaXbbb"}: every gate, cell and hidden value as JSON on stdout. */
final class TraceCommand {
    static final String USAGE = """
            trace --model FILE --input TEXT
              Prints the trace as JSON: one timestep per character of TEXT, state starting at zero.
              In TEXT, \\n stands for the newline (the start and end token) and \\\\ for a backslash.""";

    private TraceCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("model", "input"), Set.of());
        Path file = Path.of(args.required("model"));
        if (!Files.isRegularFile(file)) throw new Args.UsageException("no model file " + file);
        TrainedModel model = ModelFile.load(file);
        String input = unescape(args.required("input"));
        if (input.isEmpty()) throw new Args.UsageException("--input must not be empty");
        Trace trace = Trace.of(model, input); // IllegalArgumentException names characters outside the vocabulary
        out.println(new ObjectMapper().writeValueAsString(trace));
        return 0;
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
                sb.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else sb.append(c);
        }
        return sb.toString();
    }
}
