package lstmexplorer.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import lstmexplorer.analysis.Analyses;
import lstmexplorer.analysis.LengthSweep;
import lstmexplorer.io.Datasets;
import lstmexplorer.model.CellTypes;
import lstmexplorer.service.Limits;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.task.LengthDistribution;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingResult;
import lstmexplorer.train.TrainingSummary;

/**
 * {@code bench}: for each task, cell type and training range, how fast training runs, how soon the
 * task is learned, how well it generalises, where the length sweep first fails, and how long tracing
 * takes. The unit of work is a configuration (task, cell, trainMax, seed), numbered in that order:
 * {@code --shard K/N} runs every N-th one from K and writes one JSON line each, so a batch engine can
 * spread a sweep over machines, and {@code bench merge FILE...} folds the lines back into the
 * scoreboard's rows (medians over seeds). A plain run is shard 0/1 merged at once.
 */
final class BenchCommand {
    static final String USAGE = """
            bench [--tasks counter,copy_machine] [--cells lstm,gru|all] [--seeds 1,2,3] [--train-max 10,20] [--lengths uniform]
                  [--threads N] [--max-seconds S] [--steps N] [--throughput-steps N] [--warmup-steps N] [--json] [--out FILE]
                  [--shard K/N] [--commit SHA] [--throughput-only]
              Per task, cell and training range: parameters, training throughput (real timesteps/s, batch 32, forward +
              backward + update), sequences and seconds to first reach 100% test accuracy (median over seeds), final test
              and generalization accuracy, the first failing size of the length sweep (median), and the time to trace 100
              test sequences. --out writes the scoreboard the server shows: the rows with the commit and command that made
              them. --throughput-only measures the training throughput alone (first seed), over --throughput-steps steps
              after --warmup-steps (a fifth as many unless given) that let the JIT compile the step. --shard K/N runs only
              configurations K, K+N, K+2N, … and writes them as JSON lines (to --out or stdout).
            bench --data-file FILE --kind text|lines [--window 100] [--hidden 64] [--layers 1] [--cells lstm] [--threads N]
                  [--throughput-steps N] [--warmup-steps N] [--json]
              Training throughput alone on your own data (as `train --data-file` reads it), for a model of the given size:
              real timesteps/s over --throughput-steps steps after --warmup-steps (a fifth as many unless given) to warm up.
            bench merge FILE... [--out FILE]
              Merges shard files (JSON lines) into the scoreboard format. A FILE that is a scoreboard keeps its rows,
              except those a shard measured again, and its provenance.
            """ + DatasetBenchCommand.USAGE;
    private static final int DEFAULT_THROUGHPUT_STEPS = 1500;
    static final ObjectMapper JSON = new ObjectMapper();

    /** One unit of work. */
    record Configuration(int index, Task task, String cell, int trainMax, long seed, boolean measuresThroughput) {}

    private BenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        if (!argv.isEmpty() && argv.get(0).equals("merge")) return merge(argv.subList(1, argv.size()), out);
        if (argv.contains("--dataset")) return DatasetBenchCommand.run(argv, out);
        Args args = new Args(argv, Set.of("tasks", "cells", "seeds", "threads", "max-seconds", "out", "train-max", "lengths", "steps",
                "throughput-steps", "warmup-steps", "shard", "commit", "data-file", "kind", "window", "hidden", "layers"), Set.of("json", "throughput-only"));
        if (args.has("data-file")) return dataThroughput(args, out);
        List<Task> tasks = new ArrayList<>();
        for (String name : list(args.string("tasks", String.join(",", Tasks.names())))) tasks.add(TrainCommand.task(name));
        String cellArg = args.string("cells", "lstm");
        List<String> cells = cellArg.equals("all") ? CellTypes.names() : list(cellArg);
        for (String c : cells) if (!CellTypes.exists(c)) throw new Args.UsageException("unknown cell '" + c + "'; cells: " + CellTypes.names());
        List<Long> seeds = numbers(args.string("seeds", "1"), "--seeds");
        List<Long> trainMaxes = args.has("train-max") ? numbers(args.string("train-max", null), "--train-max") : List.of();
        for (long m : trainMaxes) if (m < 1 || m > 100) throw new Args.UsageException("--train-max takes sizes from 1 to 100, got " + m);
        LengthDistribution lengths;
        try {
            lengths = LengthDistribution.of(args.string("lengths", "uniform"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--" + e.getMessage());
        }
        int threads = args.integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64);
        double maxSeconds = args.number("max-seconds", TrainingConfig.DEFAULT_MAX_SECONDS, 0.1, 3600);
        int steps = args.integer("steps", 0, 0, Integer.MAX_VALUE);
        int throughputSteps = args.integer("throughput-steps", DEFAULT_THROUGHPUT_STEPS, 1, 1_000_000);
        int warmupSteps = warmupSteps(args, throughputSteps);
        int[] shard = shard(args.string("shard", "0/1"));
        Map<String, Object> provenance = provenance(args.string("commit", null), argv);

        List<Configuration> all = new ArrayList<>();
        for (Task task : tasks)
            for (String cell : cells)
                for (long m : trainMaxes.isEmpty() ? List.of((long) task.trainRange().max()) : trainMaxes)
                    for (int s = 0; s < seeds.size(); s++)
                        all.add(new Configuration(all.size(), task, cell, (int) m, seeds.get(s), s == 0));
        boolean sharded = args.has("shard");
        // a shard writes each line as soon as it is measured, so a job that is stopped keeps what it did
        PrintStream lineOut = !sharded ? null : args.has("out")
                ? new PrintStream(Files.newOutputStream(Path.of(args.string("out", null))), true, java.nio.charset.StandardCharsets.UTF_8) : out;
        List<Map<String, Object>> lines = new ArrayList<>();
        try {
            if (sharded) lineOut.println(JSON.writeValueAsString(Map.of("bench", provenance)));
            Map<String, Trainer> trainers = new LinkedHashMap<>();
            for (Configuration c : all) {
                if (c.index() % shard[1] != shard[0] || args.flag("throughput-only") && !c.measuresThroughput()) continue;
                TrainingConfig config = TrainingConfig.defaults(c.task()).withCell(c.cell()).withThreads(threads).withMaxSeconds(maxSeconds)
                        .withSteps(steps).withTrainMax(c.trainMax()).withLengths(lengths).withSeed(c.seed());
                Trainer trainer = trainers.computeIfAbsent(c.task().name() + "|" + c.trainMax(), k -> trainer(c.task(), config));
                Map<String, Object> line = measure(c, trainer, config, throughputSteps, warmupSteps, args.flag("throughput-only"));
                if (sharded) lineOut.println(JSON.writeValueAsString(line));
                else lines.add(line);
            }
        } finally {
            if (lineOut != null && lineOut != out) lineOut.close();
        }
        if (sharded) return 0;
        Map<String, Object> board = scoreboard(List.of(provenance), lines);
        print(board, args.flag("json"), out);
        if (args.has("out")) Files.writeString(Path.of(args.string("out", null)), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(board) + "\n");
        return 0;
    }

    /** {@code bench --data-file FILE --kind text|lines ...}: training throughput on a dataset, for a model of the given size. */
    private static int dataThroughput(Args args, PrintStream out) throws IOException {
        CorpusTask task = TrainCommand.corpusTask(args);
        String cell = args.string("cells", "lstm");
        if (!CellTypes.exists(cell)) throw new Args.UsageException("unknown cell '" + cell + "'; cells: " + CellTypes.names());
        TrainingConfig defaults = TrainingConfig.defaults(task);
        TrainingConfig config = defaults.withCell(cell)
                .withHidden(args.integer("hidden", defaults.hidden(), Limits.DATASET_TRAINING.hidden()))
                .withLayers(args.integer("layers", defaults.layers(), Limits.DATASET_TRAINING.layers()))
                .withThreads(args.integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64));
        if (task.corpus().kind() == Corpus.Kind.TEXT) config = config.withWindow(task.window());
        int steps = args.integer("throughput-steps", DEFAULT_THROUGHPUT_STEPS, 1, 1_000_000), warmup = warmupSteps(args, steps);
        Trainer trainer = new Trainer(task, task.trainSequences(), task.testSequences(), List.of());
        trainer.train(config.withSteps(warmup).withEvaluateEvery(warmup));
        TrainingResult timed = trainer.train(config.withSteps(steps).withEvaluateEvery(steps));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("data", task.corpus().name());
        line.put("kind", task.corpus().kind().id());
        line.put("cell", cell);
        line.put("layers", config.layers());
        line.put("hidden", config.hidden());
        line.put("vocabulary", task.vocabulary().size());
        line.put("parameters", timed.network().parameterCount());
        line.put("threads", config.threads());
        line.put("steps", steps);
        line.put("timesteps_per_second", timed.summary().timesteps() / timed.summary().seconds());
        if (args.flag("json")) out.println(JSON.writeValueAsString(line));
        else out.printf("%s (%s), %s %d x %d, vocabulary %d, %d parameters: %,.0f timesteps/s%n", line.get("data"), line.get("kind"), cell,
                config.layers(), config.hidden(), task.vocabulary().size(), timed.network().parameterCount(), line.get("timesteps_per_second"));
        return 0;
    }

    /** {@code bench merge FILE... [--out FILE]}. */
    private static int merge(List<String> argv, PrintStream out) throws IOException {
        List<String> files = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).startsWith("--")) { options.add(argv.get(i)); if (i + 1 < argv.size() && !argv.get(i).contains("=")) options.add(argv.get(++i)); }
            else files.add(argv.get(i));
        }
        Args args = new Args(options, Set.of("out"), Set.of("json"));
        if (files.isEmpty()) throw new Args.UsageException("bench merge needs one or more shard files");
        List<Map<String, Object>> provenance = new ArrayList<>(), lines = new ArrayList<>(), kept = new ArrayList<>(), shardRuns = new ArrayList<>();
        for (String file : files) {
            List<String> text;
            try {
                text = Files.readAllLines(Path.of(file));
            } catch (IOException e) {
                throw new Args.UsageException("cannot read " + file + ": " + e.getMessage());
            }
            String whole = String.join("\n", text).trim();
            if (whole.startsWith("{") && !whole.contains("\n{")) {
                // a scoreboard made before: its rows stay, unless a shard measured the same task, cell and range again
                Map<String, Object> board = JSON.readValue(whole, new TypeReference<>() {});
                if (board.get("rows") instanceof List<?> rows) {
                    for (Object row : rows) kept.add(cast(row));
                    if (board.get("runs") instanceof List<?> runs) for (Object run : runs) provenance.add(cast(run));
                    continue;
                }
            }
            for (String line : text) {
                if (line.isBlank()) continue;
                Map<String, Object> row = JSON.readValue(line, new TypeReference<>() {});
                if (row.get("bench") instanceof Map<?, ?> p) {
                    provenance.add(cast(p));
                    shardRuns.add(cast(p));
                }
                else lines.add(row);
            }
        }
        // a run of a command measured again by a shard is replaced by the shard's, wherever either wrote its output
        Set<String> rerun = new java.util.HashSet<>();
        for (Map<String, Object> p : shardRuns) rerun.add(sameCommand(p));
        provenance.removeIf(p -> !shardRuns.contains(p) && rerun.contains(sameCommand(p)));
        Map<String, Object> board = scoreboard(provenance, lines);
        if (!kept.isEmpty()) {
            List<Map<String, Object>> rows = new ArrayList<>(), fresh = cast(board.get("rows"));
            Set<String> measured = new java.util.HashSet<>();
            for (Map<String, Object> row : fresh) measured.add(key(row));
            for (Map<String, Object> row : kept) if (!measured.contains(key(row))) rows.add(row);
            rows.addAll(fresh);
            board.put("rows", rows);
        }
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(board) + "\n";
        if (args.has("out")) Files.writeString(Path.of(args.string("out", null)), text);
        else out.print(text);
        return 0;
    }

    /**
     * A run's command without where it wrote (--out) and the commit it was told (--commit), shard 0/1 being the
     * whole run: what it measured.
     */
    private static String sameCommand(Map<String, Object> run) {
        return String.valueOf(run.get("command")).replaceAll(" --(out|commit) \\S+", "").replace(" --shard 0/1", "");
    }

    /**
     * The scoreboard: {@code commit} and {@code command} of the run (the distinct ones, joined, when shards
     * differ), {@code runs} each shard's provenance, and {@code rows}, one per task × cell × trainMax in
     * configuration order.
     */
    static Map<String, Object> scoreboard(List<Map<String, Object>> provenance, List<Map<String, Object>> lines) {
        List<Map<String, Object>> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> Integer.compare(((Number) a.get("config")).intValue(), ((Number) b.get("config")).intValue()));
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> line : sorted)
            groups.computeIfAbsent(line.get("task") + "|" + line.get("cell") + "|" + line.get("train_max"), k -> new ArrayList<>()).add(line);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Map<String, Object>> runs : groups.values()) rows.add(row(runs));
        Map<String, Object> board = new LinkedHashMap<>();
        board.put("commit", String.join(", ", distinct(provenance, "commit")));
        board.put("command", String.join("; ", distinct(provenance, "command")));
        board.put("runs", provenance);
        board.put("rows", rows);
        return board;
    }

    /** Task, cell and training range: what a row is of (rows from before trainMax existed are of the task's own range). */
    private static String key(Map<String, Object> row) {
        Object max = row.get("train_max");
        if (max == null) max = Tasks.byName(String.valueOf(row.get("task"))).map(t -> t.trainRange().max()).orElse(0);
        return row.get("task") + "|" + row.get("cell") + "|" + ((Number) max).intValue();
    }

    private static Map<String, Object> row(List<Map<String, Object>> runs) {
        Map<String, Object> first = runs.get(0), timed = runs.stream().filter(r -> r.containsKey("timesteps_per_second")).findFirst().orElse(first);
        Map<String, Object> row = new LinkedHashMap<>();
        for (String key : List.of("task", "cell", "train_max", "lengths", "parameters", "threads")) row.put(key, first.get(key));
        row.put("timesteps_per_second", timed.get("timesteps_per_second"));
        row.put("sequences_to_learn", roundOrNull(median(values(runs, "sequences_to_learn"), runs.size())));
        row.put("seconds_to_learn", median(values(runs, "seconds_to_learn"), runs.size()));
        row.put("test_accuracy", median(values(runs, "test_accuracy"), runs.size()));
        row.put("generalization_accuracy", median(values(runs, "generalization_accuracy"), runs.size()));
        // a run whose sweep finds no error counts as failing past it
        double[] failing = runs.stream().mapToDouble(r -> r.get("first_failing") == null ? Double.POSITIVE_INFINITY
                : ((Number) r.get("first_failing")).doubleValue()).toArray();
        Double ff = median(failing, runs.size());
        row.put("first_failing", ff == null || Double.isInfinite(ff) ? null : ff);
        row.put("trace_100_ms", timed.get("trace_100_ms"));
        row.put("seeds", runs.stream().map(r -> r.get("seed")).toList());
        row.put("seeds_learned", runs.stream().filter(r -> r.get("sequences_to_learn") != null).count());
        row.put("per_seed", runs.stream().map(r -> {
            Map<String, Object> s = new LinkedHashMap<>();
            for (String key : List.of("seed", "sequences_to_learn", "seconds_to_learn", "test_accuracy", "generalization_accuracy",
                    "first_failing", "failing", "curve")) s.put(key, r.get(key));
            return s;
        }).toList());
        return row;
    }

    /** One configuration: train it (and, for the first seed, time a fixed number of steps and the tracing), sweep it. */
    /** Steps trained before the timed ones, so that the timed steps run compiled code: a fifth of them unless given. */
    private static int warmupSteps(Args args, int throughputSteps) {
        return args.integer("warmup-steps", Math.max(1, throughputSteps / 5), 1, 1_000_000);
    }

    private static Map<String, Object> measure(Configuration c, Trainer trainer, TrainingConfig config, int throughputSteps, int warmup,
                                               boolean throughputOnly) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("config", c.index());
        line.put("task", c.task().name());
        line.put("cell", c.cell());
        line.put("train_max", c.trainMax());
        line.put("lengths", config.lengths().id());
        line.put("seed", c.seed());
        line.put("threads", config.threads());
        if (c.measuresThroughput()) {
            // a warm-up, then a fixed number of steps evaluating only at the end
            trainer.train(config.withSteps(warmup).withEvaluateEvery(warmup));
            TrainingResult timed = trainer.train(config.withSteps(throughputSteps).withEvaluateEvery(throughputSteps));
            line.put("timesteps_per_second", timed.summary().timesteps() / timed.summary().seconds());
            if (throughputOnly) {
                line.put("parameters", timed.network().parameterCount());
                return line;
            }
        }
        TrainingResult r = trainer.train(config);
        TrainingSummary s = r.summary();
        TrainedModel model = new TrainedModel(c.task().name(), c.task().vocabulary(), r.network(), s);
        line.put("parameters", r.network().parameterCount());
        line.put("sequences_to_learn", s.sequencesToLearn());
        line.put("seconds_to_learn", s.secondsToLearn());
        line.put("test_accuracy", s.testAccuracy());
        line.put("generalization_accuracy", s.generalizationAccuracy());
        LengthSweep sweep = new Analyses().lengthSweep(model, 20, 1);
        line.put("first_failing", sweep.firstFailing());
        line.put("failing", sweep.failing());
        line.put("curve", s.curve().stream().map(p -> List.of(p.sequences(), p.loss(), p.testAccuracy())).toList());
        if (c.measuresThroughput()) {
            List<String> test = Datasets.read(c.task(), Datasets.Split.TEST);
            for (int i = 0; i < 3; i++) traceAll(model, test); // warm-up
            long t0 = System.nanoTime();
            traceAll(model, test);
            line.put("trace_100_ms", (System.nanoTime() - t0) / 1e6);
        }
        return line;
    }

    private static Trainer trainer(Task task, TrainingConfig config) {
        try {
            return TrainCommand.trainer(task, config, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void print(Map<String, Object> board, boolean json, PrintStream out) throws IOException {
        List<Map<String, Object>> rows = cast(board.get("rows"));
        if (json) {
            for (Map<String, Object> row : rows) out.println(JSON.writeValueAsString(row));
            return;
        }
        out.printf("%-18s %-9s %5s %6s %14s %12s %9s %6s %6s %8s %10s%n", "task", "cell", "max", "params", "timesteps/s",
                "seqs→100%", "s→100%", "test", "gen", "1st fail", "trace 100");
        for (Map<String, Object> row : rows)
            out.printf("%-18s %-9s %5s %6s %,14.0f %12s %9s %6.2f %6.2f %8s %8.1fms%n", row.get("task"), row.get("cell"), row.get("train_max"),
                    row.get("parameters"), number(row.get("timesteps_per_second")), orDash(row.get("sequences_to_learn")),
                    row.get("seconds_to_learn") == null ? "—" : String.format("%.2f", number(row.get("seconds_to_learn"))),
                    number(row.get("test_accuracy")), number(row.get("generalization_accuracy")),
                    row.get("first_failing") == null ? "none" : String.format("%.0f", number(row.get("first_failing"))),
                    number(row.get("trace_100_ms")));
    }

    /** The commit (from --commit, else git, else "unknown") and the command line of this run. */
    private static Map<String, Object> provenance(String commit, List<String> argv) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("commit", commit != null ? commit : gitCommit());
        p.put("command", "java -jar target/lstm-explorer.jar bench " + String.join(" ", argv));
        return p;
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String text = new String(git.getInputStream().readAllBytes()).trim();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && text.matches("[0-9a-f]{40}")) return text;
        } catch (IOException e) {
            // no git here (a container of a batch engine): say so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    /** K/N with 0 ≤ K < N. */
    static int[] shard(String text) {
        String[] parts = text.split("/");
        try {
            int k = Integer.parseInt(parts[0].trim()), n = Integer.parseInt(parts[1].trim());
            if (parts.length == 2 && n >= 1 && k >= 0 && k < n) return new int[] {k, n};
        } catch (RuntimeException e) {
            // the message below
        }
        throw new Args.UsageException("--shard takes K/N with 0 ≤ K < N, e.g. 0/4; got '" + text + "'");
    }

    private static void traceAll(TrainedModel model, List<String> test) {
        for (int k = 0; k < 100 && k < test.size(); k++) {
            String s = test.get(k);
            Trace.of(model, "\n" + s.substring(0, s.length() - 1));
        }
    }

    private static double[] values(List<Map<String, Object>> runs, String key) {
        return runs.stream().filter(r -> r.get(key) != null).mapToDouble(r -> ((Number) r.get(key)).doubleValue()).toArray();
    }

    /** The median of the runs that reached a value; null unless more than half of {@code runs} did. */
    private static Double median(double[] values, int runs) {
        if (values.length * 2 <= runs) return null;
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Long roundOrNull(Double d) { return d == null ? null : Math.round(d); }

    private static List<String> distinct(List<Map<String, Object>> provenance, String key) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (Map<String, Object> p : provenance) if (p.get(key) != null) set.add(String.valueOf(p.get(key)));
        return List.copyOf(set);
    }

    private static double number(Object o) { return o == null ? Double.NaN : ((Number) o).doubleValue(); }

    private static String orDash(Object o) { return o == null ? "—" : String.format("%,d", ((Number) o).longValue()); }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) { return (T) o; }

    private static List<Long> numbers(String csv, String option) {
        List<Long> values = new ArrayList<>();
        for (String s : list(csv)) {
            try {
                values.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new Args.UsageException(option + " takes whole numbers separated by commas, got '" + s + "'");
            }
        }
        return values;
    }

    static List<String> list(String csv) {
        List<String> items = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) items.add(s.trim());
        return items;
    }
}
