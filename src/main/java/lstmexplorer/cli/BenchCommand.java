package lstmexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lstmexplorer.io.Datasets;
import lstmexplorer.model.CellTypes;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingResult;
import lstmexplorer.train.TrainingSummary;

/**
 * {@code bench}: for each task (and cell type), how fast training runs, how soon the task is learned,
 * how well it generalises, and how long tracing takes.
 */
final class BenchCommand {
    static final String USAGE = """
            bench [--tasks counter,copy_machine] [--cells lstm,gru|all] [--seeds 1,2,3] [--threads N]
                  [--max-seconds S] [--json] [--out FILE]
              Per task and cell: parameters, training throughput (real timesteps/s, batch 32, forward + backward
              + update), sequences and seconds to first reach 100% test accuracy (median over seeds), final test and
              generalization accuracy, and the time to trace 100 test sequences one by one. --out also writes
              all rows as one JSON array (the scoreboard the server shows).""";
    private static final int WARMUP_STEPS = 300, MEASURED_STEPS = 1500;

    private BenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("tasks", "cells", "seeds", "threads", "max-seconds", "out"), Set.of("json"));
        List<Task> tasks = new ArrayList<>();
        for (String name : list(args.string("tasks", String.join(",", Tasks.names())))) tasks.add(TrainCommand.task(name));
        String cellArg = args.string("cells", "lstm");
        List<String> cells = cellArg.equals("all") ? CellTypes.names() : list(cellArg);
        for (String c : cells) if (!CellTypes.exists(c)) throw new Args.UsageException("unknown cell '" + c + "'; cells: " + CellTypes.names());
        List<Long> seeds = new ArrayList<>();
        for (String s : list(args.string("seeds", "1"))) {
            try {
                seeds.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--seeds takes whole numbers separated by commas, got '" + s + "'");
            }
        }
        int threads = args.integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64);
        double maxSeconds = args.number("max-seconds", TrainingConfig.DEFAULT_MAX_SECONDS, 0.1, 3600);
        boolean json = args.flag("json");
        List<Map<String, Object>> rows = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();

        if (!json) out.printf("%-18s %-9s %6s %14s %12s %9s %6s %6s %10s%n", "task", "cell", "params", "timesteps/s",
                "seqs→100%", "s→100%", "test", "gen", "trace 100");
        for (Task task : tasks) {
            Trainer trainer = TrainCommand.trainer(task, null);
            List<String> test = Datasets.read(task, Datasets.Split.TEST);
            for (String cell : cells) {
                TrainingConfig base = TrainingConfig.defaults(task).withCell(cell).withThreads(threads).withMaxSeconds(maxSeconds);
                Map<String, Object> row = measure(task, trainer, test, base, seeds);
                rows.add(row);
                if (json) out.println(mapper.writeValueAsString(row));
                else out.printf("%-18s %-9s %6d %,14.0f %12s %9s %6.2f %6.2f %8.1fms%n", task.name(), cell, row.get("parameters"),
                        (double) row.get("timesteps_per_second"), orDash(row.get("sequences_to_learn")),
                        row.get("seconds_to_learn") == null ? "—" : String.format("%.2f", (double) row.get("seconds_to_learn")),
                        (double) row.get("test_accuracy"), (double) row.get("generalization_accuracy"), (double) row.get("trace_100_ms"));
            }
        }
        if (args.has("out")) java.nio.file.Files.writeString(java.nio.file.Path.of(args.string("out", null)),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n");
        return 0;
    }

    private static Map<String, Object> measure(Task task, Trainer trainer, List<String> test, TrainingConfig base, List<Long> seeds) {
        // throughput: a fixed number of steps after a warm-up, evaluating only at the end
        trainer.train(base.withSteps(WARMUP_STEPS).withEvaluateEvery(WARMUP_STEPS));
        TrainingSummary timed = trainer.train(base.withSteps(MEASURED_STEPS).withEvaluateEvery(MEASURED_STEPS)).summary();

        List<TrainingSummary> runs = new ArrayList<>();
        TrainingResult first = null;
        for (long seed : seeds) {
            TrainingResult r = trainer.train(base.withSeed(seed));
            if (first == null) first = r;
            runs.add(r.summary());
        }
        TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), first.network(), first.summary());
        for (int i = 0; i < 3; i++) traceAll(model, test); // warm-up
        long t0 = System.nanoTime();
        traceAll(model, test);
        double traceMs = (System.nanoTime() - t0) / 1e6;

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task", task.name());
        row.put("cell", base.cell());
        row.put("parameters", first.network().parameterCount());
        row.put("threads", base.threads());
        row.put("timesteps_per_second", timed.timesteps() / timed.seconds());
        row.put("sequences_to_learn", median(runs.stream().filter(s -> s.sequencesToLearn() != null).mapToDouble(s -> s.sequencesToLearn()).toArray(), runs.size()));
        row.put("seconds_to_learn", median(runs.stream().filter(s -> s.secondsToLearn() != null).mapToDouble(s -> s.secondsToLearn()).toArray(), runs.size()));
        row.put("test_accuracy", median(runs.stream().mapToDouble(TrainingSummary::testAccuracy).toArray(), runs.size()));
        row.put("generalization_accuracy", median(runs.stream().mapToDouble(TrainingSummary::generalizationAccuracy).toArray(), runs.size()));
        row.put("trace_100_ms", traceMs);
        row.put("seeds", seeds);
        row.put("seeds_learned", runs.stream().filter(s -> s.sequencesToLearn() != null).count());
        row.put("per_seed", runs.stream().map(s -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seed", s.config().seed());
            r.put("sequences_to_learn", s.sequencesToLearn());
            r.put("seconds_to_learn", s.secondsToLearn());
            r.put("test_accuracy", s.testAccuracy());
            r.put("generalization_accuracy", s.generalizationAccuracy());
            r.put("curve", s.curve().stream().map(p -> List.of(p.sequences(), p.loss(), p.testAccuracy())).toList());
            return r;
        }).toList());
        if (row.get("sequences_to_learn") != null) row.put("sequences_to_learn", Math.round((double) row.get("sequences_to_learn")));
        return row;
    }

    private static void traceAll(TrainedModel model, List<String> test) {
        for (int k = 0; k < 100 && k < test.size(); k++) {
            String s = test.get(k);
            Trace.of(model, "\n" + s.substring(0, s.length() - 1));
        }
    }

    /** The median of the runs that reached a value; null unless more than half of {@code runs} did. */
    private static Double median(double[] values, int runs) {
        if (values.length * 2 <= runs) return null;
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String orDash(Object o) { return o == null ? "—" : String.format("%,d", (long) o); }

    private static List<String> list(String csv) {
        List<String> items = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) items.add(s.trim());
        return items;
    }
}
