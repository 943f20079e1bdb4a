package lstmexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import lstmexplorer.analysis.Attribution;
import lstmexplorer.analysis.Dynamics;
import lstmexplorer.analysis.Patching;
import lstmexplorer.analysis.TracedSequences;
import lstmexplorer.analysis.UnitCard;
import lstmexplorer.io.Datasets;
import lstmexplorer.task.Task;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingResult;

/**
 * {@code bench-mechanisms}: how long the analyses of how a network computes take on tasks' gallery
 * models, uncached, each the median of several runs after a warm-up, printed as the README's table.
 */
final class MechanismBenchCommand {
    static final String USAGE = """
            bench-mechanisms [--tasks counter,selective_counter,copy_machine] [--repeats 10]
              Trains each task's gallery model as the server does, then times on it: dynamics (PCA and fixed points
              under every input, uncached), one patch of the full state, the effect map of up to 20 units × 20
              timesteps, integrated gradients at 64 steps over 100 characters, and a unit card (with the tracing of
              the test set it needs). Prints a Markdown table of the median milliseconds of --repeats runs after 2
              warm-ups, one column per task, then the load average before and after.""";

    private static final String[] ROWS = {
            "dynamics: PCA, fixed points under every input from 64 starts, eigenvalues, basins",
            "patch of the full state, with the three greedy continuations",
            "effect map",
            "integrated gradients, 64 steps, 100 characters",
            "unit card, tracing the test set included"};
    private static final String[] TARGETS = {"2 s", "50 ms", "1 s for 20 × 20", "200 ms", "300 ms"};

    private MechanismBenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("tasks", "repeats"), Set.of());
        List<Task> tasks = new ArrayList<>();
        for (String name : args.string("tasks", "counter,selective_counter,copy_machine").split(",")) tasks.add(TrainCommand.task(name.trim()));
        int repeats = args.integer("repeats", 10, 1, 1000);
        String before = loadAverage();
        List<String> columns = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        for (Task task : tasks) {
            TrainingResult trained = TrainCommand.trainer(task, null).train(TrainingConfig.gallery(task));
            TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), trained.network(), trained.summary());
            columns.add(task.name() + " " + model.network().layers() + "×" + model.network().hidden());
            cells.add(measure(model, task, repeats));
        }
        out.println("| analysis | " + String.join(" | ", columns) + " | target |");
        out.println("|---".repeat(columns.size() + 2) + "|");
        for (int row = 0; row < ROWS.length; row++) {
            StringBuilder line = new StringBuilder("| " + ROWS[row] + " | ");
            for (String[] column : cells) line.append(column[row]).append(" | ");
            out.println(line.append(TARGETS[row]).append(" |"));
        }
        out.printf("%nmedian of %d runs after 2 warm-ups; load average %s before, %s after%n", repeats, before, loadAverage());
        return 0;
    }

    /** One column of the table: each analysis on one task's model. */
    private static String[] measure(TrainedModel model, Task task, int repeats) throws IOException {
        List<String> test = Datasets.read(task, Datasets.Split.TEST);
        int hidden = model.network().hidden(), layers = model.network().layers();
        // texts made of the task's own test sequences, read as the model reads them
        StringBuilder joined = new StringBuilder();
        for (String s : test) { joined.append(s); if (joined.length() > 200) break; }
        String long100 = joined.substring(0, 100), base = joined.substring(0, 19), source = test.get(test.size() - 1).replace("\n", "");
        List<Patching.Patch> full = new ArrayList<>();
        for (int l = 0; l < layers; l++) full.add(new Patching.Patch(l, Patching.STATE, null));
        List<Integer> units = new ArrayList<>();
        for (int u = 0; u < Math.min(20, hidden); u++) units.add(u);
        return new String[] {
                ms(repeats, () -> Dynamics.compute(model, task, test, 0,
                        model.network().cell(0).vectors().stream().filter(v -> v.equals("cell") || v.equals("hidden")).toList(), null, 1)),
                ms(repeats, () -> Patching.patch(model, task, base, source, base.length(), source.length(), full, 60)),
                ms(repeats, () -> Patching.effects(model, base, source, 0, "hidden", units, 60))
                        + " (" + units.size() + " units × " + (base.length() + 1) + " timesteps)",
                ms(repeats, () -> Attribution.compute(model.network(), model.vocabulary(), long100, Attribution.Target.output(99, null),
                        Attribution.INTEGRATED_GRADIENTS, 64)),
                ms(repeats, () -> UnitCard.compute(model, task, TracedSequences.of(model, task, test), 0, "hidden", 0))};
    }

    /** The median milliseconds of {@code repeats} runs after 2 warm-ups, as the table writes them. */
    private static String ms(int repeats, Supplier<?> work) {
        double median = Timing.sortedMillis(2, repeats, work::get)[repeats / 2];
        return String.format(Locale.ROOT, median >= 100 ? "%,.0f ms" : "%.1f ms", median);
    }

    /** The 1-minute load average, or "?" where the system does not say. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
