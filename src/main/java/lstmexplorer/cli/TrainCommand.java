package lstmexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.CellTypes;
import lstmexplorer.service.DatasetStore;
import lstmexplorer.service.Limits;
import lstmexplorer.service.ServiceException;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.task.LengthDistribution;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.Progress;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import lstmexplorer.train.TrainingSummary;

/** {@code train --task counter [...] --out model.json}: trains, prints progress, saves the model. */
final class TrainCommand {
    static final String USAGE = """
            train --task TASK --out FILE [--cell lstm] [--hidden N] [--layers N] [--seed N] [--lr X]
                  [--batch N] [--max-seconds S] [--after-learned N] [--steps N] [--threads N] [--datasets DIR]
                  [--train-max N] [--lengths uniform|short|long] [--threshold P]
              --train-max N trains on sizes 1..N (1 to 100; default: the task's own range, whose files are
              packaged), drawn uniformly or biased to short or long ones (--lengths), generated from the
              datasets' fixed seeds; --threshold P (in (0, 1), default 0.05) is the probability at which a
              character counts as deemed possible, which dyck1 and dyck2 are scored by.
              Trains until the task is learned (100% test sequence accuracy at two evaluations in a row)
              and --after-learned more steps have run (default 0; training on makes a counter generalise
              further past its training lengths: its gallery model uses 500), or --max-seconds (default 60) pass;
              --steps N trains exactly N steps instead.
            train --data-file FILE --kind text|lines --out FILE [--window N] [--cell ...] [--hidden N] ...
              Trains on your own text (kind text, in windows of --window characters, default 100) or lines
              (kind text: the last 10% is the test split; kind lines: a seeded 10% of the lines), checked as an
              upload is, until --max-seconds or --steps; prints held-out bits per character and next-character
              accuracy. Import the model with "dataset": "<id>" after uploading the same file to analyse it.""";

    private TrainCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("task", "out", "cell", "hidden", "layers", "seed", "lr", "batch", "max-seconds", "steps",
                "after-learned", "threads", "datasets", "data-file", "kind", "window", "train-max", "lengths", "threshold"), Set.of());
        if (args.has("data-file") && args.has("task")) throw new Args.UsageException("give --task or --data-file, not both");
        Task task = args.has("data-file") ? corpusTask(args) : task(args.required("task"));
        boolean dataset = task instanceof CorpusTask;
        Path file = Path.of(args.required("out"));
        String cell = args.string("cell", "lstm");
        if (!CellTypes.exists(cell)) throw new Args.UsageException("--cell must be one of " + CellTypes.names() + ", got '" + cell + "'");
        TrainingConfig defaults = TrainingConfig.defaults(task);
        // the server's, so a model trained here can be imported there
        Limits.Training limits = dataset ? Limits.DATASET_TRAINING : Limits.TASK_TRAINING;
        TrainingConfig config = defaults.withCell(cell)
                .withHidden(args.integer("hidden", defaults.hidden(), limits.hidden()))
                .withLayers(args.integer("layers", defaults.layers(), limits.layers()))
                .withSeed(args.integer("seed", 1, limits.seed()))
                .withLearningRate(args.number("lr", defaults.learningRate(), limits.learningRate()))
                .withBatch(args.integer("batch", defaults.batch(), limits.batch()))
                .withMaxSeconds(args.number("max-seconds", defaults.maxSeconds(), limits.maxSeconds()))
                .withSteps(args.integer("steps", 0, 0, Integer.MAX_VALUE))
                .withAfterLearned(args.integer("after-learned", 0, limits.afterLearned()))
                .withThreads(args.integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64));
        if (task instanceof CorpusTask c && c.corpus().kind() == Corpus.Kind.TEXT) config = config.withWindow(c.window());
        if (!dataset) config = withRange(config, args, task);
        Trainer trainer = task instanceof CorpusTask c ? new Trainer(task, c.trainSequences(), c.testSequences(), List.of())
                : trainer(task, config, args.has("datasets") ? Path.of(args.string("datasets", null)) : null);
        task = config.task(task);

        out.printf("training %s: %s, %d layer(s) × %d units, seed %d, lr %s, batch %d%n", task.name(), config.cell(),
                config.layers(), config.hidden(), config.seed(), config.learningRate(), config.batch());
        TrainingListener listener = new TrainingListener() {
            @Override public void onProgress(Progress p) {
                if (dataset) {
                    out.printf("%s step %6d  windows %8d  loss %.4f  test %.3f bits/char  next-char accuracy %5.1f%%  %6.2fs%n",
                            bar(p.fraction()), p.step(), p.sequences(), p.loss(), p.bitsPerCharacter(), 100 * p.testAccuracy(),
                            p.elapsedSeconds());
                    return;
                }
                out.printf("%s step %6d  sequences %8d  loss %.4f  test accuracy %5.1f%%  %6.2fs%n",
                        bar(p.fraction()), p.step(), p.sequences(), p.loss(), 100 * p.testAccuracy(), p.elapsedSeconds());
            }
        };
        TrainingResult result = trainer.train(config, listener, () -> false);
        TrainingSummary s = result.summary();
        out.printf("stopped (%s) after %d steps, %d sequences, %.2fs%n", s.stopReason(), s.steps(), s.sequences(), s.seconds());
        if (dataset)
            out.printf("test split: %.3f bits per character, next-character accuracy %.1f%%%n", s.bitsPerCharacter(),
                    100 * s.nextCharAccuracy());
        else
            out.printf("test accuracy %.1f%%   generalization accuracy %.1f%% (%s %s)%n", 100 * s.testAccuracy(),
                    100 * s.generalizationAccuracy(), task.sizeName(), task.generalizationRange());
        if (s.sequencesToLearn() != null)
            out.printf("first reached 100%% test accuracy after %d sequences, %.2fs%n", s.sequencesToLearn(), s.secondsToLearn());
        // a dataset model names no task: its dataset lives on a server, where importing it with "dataset" links the two
        ModelFile.save(new TrainedModel(dataset ? null : task.name(), task.vocabulary(), result.network(), s), file);
        out.println("saved " + file);
        return 0;
    }

    /** The file as a dataset, checked as an upload is; the id is the file's name. */
    static CorpusTask corpusTask(Args args) throws IOException {
        Path path = Path.of(args.required("data-file"));
        String kind = args.required("kind");
        Corpus corpus;
        try {
            corpus = DatasetStore.read(path.getFileName().toString(), kind, Files.readAllBytes(path));
        } catch (ServiceException e) {
            throw new Args.UsageException(path + ": " + e.detail());
        }
        int window = args.integer("window", Limits.DEFAULT_WINDOW, Limits.WINDOW);
        if (args.has("window") && corpus.kind() != Corpus.Kind.TEXT) throw new Args.UsageException("--window is for --kind text");
        return new CorpusTask(corpus, window);
    }

    static Task task(String name) {
        return Tasks.byName(name).orElseThrow(() -> new Args.UsageException("unknown task '" + name + "'; tasks: " + Tasks.names()));
    }

    /** {@code --train-max}, {@code --lengths} and {@code --threshold} on top of {@code config}. */
    static TrainingConfig withRange(TrainingConfig config, Args args, Task task) {
        TrainingConfig c = config.withTrainMax(args.integer("train-max", task.trainRange().max(), Limits.TRAIN_MAX));
        try {
            c = c.withLengths(LengthDistribution.of(args.string("lengths", "uniform")));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--" + e.getMessage());
        }
        double threshold = args.number("threshold", c.threshold(), 1e-9, 1 - 1e-9);
        return c.withThreshold(threshold);
    }

    /** A trainer on the task's packaged files (or those under {@code datasets}), or on splits generated for another range. */
    static Trainer trainer(Task task, TrainingConfig config, Path datasets) throws IOException {
        Task trained = config.task(task);
        if (trained == task) return trainer(task, datasets);
        return new Trainer(trained, Datasets.generate(trained, Datasets.Split.TRAIN), Datasets.generate(trained, Datasets.Split.TEST),
                Datasets.generate(trained, Datasets.Split.GENERALIZATION));
    }

    static Trainer trainer(Task task, Path datasets) throws IOException {
        if (datasets == null)
            return new Trainer(task, Datasets.read(task, Datasets.Split.TRAIN), Datasets.read(task, Datasets.Split.TEST),
                    Datasets.read(task, Datasets.Split.GENERALIZATION));
        return new Trainer(task, Datasets.read(task, Datasets.Split.TRAIN, datasets), Datasets.read(task, Datasets.Split.TEST, datasets),
                Datasets.read(task, Datasets.Split.GENERALIZATION, datasets));
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(20 * Math.max(0, Math.min(1, fraction)));
        return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "]";
    }
}
