package lstmexplorer.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@code bench-mechanisms}: how long the analyses of how a network computes take on a task's gallery
 * model, uncached, each the median of several runs after a warm-up.
 */
final class MechanismBenchCommand {
    static final String USAGE = """
            bench-mechanisms [--task counter] [--repeats 10]
              Trains the task's gallery model as the server does, then times on it: dynamics (PCA and fixed points
              under every input, uncached), one patch of the full state, the effect map of up to 20 units × 20
              timesteps, integrated gradients at 64 steps over 100 characters, and a unit card (with the tracing of
              the test set it needs). Prints the median milliseconds of --repeats runs after 2 warm-ups.""";

    private MechanismBenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws java.io.IOException {
        Args args = new Args(argv, Set.of("task", "repeats"), Set.of());
        Task task = TrainCommand.task(args.string("task", "counter"));
        int repeats = args.integer("repeats", 10, 1, 1000);
        TrainingResult trained = TrainCommand.trainer(task, null).train(TrainingConfig.gallery(task));
        TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), trained.network(), trained.summary());
        List<String> test = Datasets.read(task, Datasets.Split.TEST);
        int hidden = model.network().hidden(), layers = model.network().layers();
        out.printf("%s gallery model: %s %d×%d, test accuracy %.2f; median of %d runs%n", task.name(), model.network().config().cell(),
                layers, hidden, trained.summary().testAccuracy(), repeats);

        // texts made of the task's own test sequences, read as the model reads them
        StringBuilder joined = new StringBuilder();
        for (String s : test) { joined.append(s); if (joined.length() > 200) break; }
        String long100 = joined.substring(0, 100), base = joined.substring(0, 19), source = test.get(test.size() - 1).replace("\n", "");
        List<Patching.Patch> full = new ArrayList<>();
        for (int l = 0; l < layers; l++) full.add(new Patching.Patch(l, Patching.STATE, null));
        List<Integer> units = new ArrayList<>();
        for (int u = 0; u < Math.min(20, hidden); u++) units.add(u);

        report(out, "dynamics (layer 0, every input)", repeats, () -> Dynamics.compute(model, task, test, 0,
                model.network().cell(0).vectors().stream().filter(v -> v.equals("cell") || v.equals("hidden")).toList(), null, 1));
        report(out, "patch, full state, greedy continuation", repeats, () -> Patching.patch(model, task, base, source, base.length(),
                source.length(), full, 60));
        report(out, String.format("effect map, %d units × %d timesteps", units.size(), base.length() + 1), repeats,
                () -> Patching.effects(model, base, source, 0, "hidden", units, 60));
        report(out, "integrated gradients, 64 steps, 100 characters", repeats, () -> Attribution.compute(model.network(), model.vocabulary(),
                long100, Attribution.Target.output(99, null), Attribution.INTEGRATED_GRADIENTS, 64));
        report(out, "unit card (tracing the test set included)", repeats, () -> UnitCard.compute(model, task,
                TracedSequences.of(model, test), 0, "hidden", 0));
        return 0;
    }

    private static void report(PrintStream out, String what, int repeats, Supplier<?> work) {
        for (int k = 0; k < 2; k++) work.get();
        double[] ms = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            work.get();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.printf("  %-48s %9.1f ms%n", what, ms[repeats / 2]);
    }
}
