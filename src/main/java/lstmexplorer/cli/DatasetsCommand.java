package lstmexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import lstmexplorer.io.Datasets;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;

/** {@code datasets [--out datasets]}: writes every task's splits from their fixed seeds (byte-identical each time). */
final class DatasetsCommand {
    static final String USAGE = """
            datasets [--out DIR]
              Regenerates DIR/<task>/{train,test,generalization}.txt and task.json (default DIR: datasets).""";

    private DatasetsCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("out"), Set.of());
        Path root = Path.of(args.string("out", "datasets"));
        for (Task task : Tasks.all()) {
            Datasets.write(task, root);
            out.println("wrote " + root.resolve(task.name()));
        }
        return 0;
    }
}
