package lstmexplorer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import lstmexplorer.analysis.Analyses;
import lstmexplorer.analysis.LengthSweep;
import lstmexplorer.analysis.Probe;
import lstmexplorer.io.AtomicFiles;
import lstmexplorer.model.CellTypes;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.Progress;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counting lab: one task, several cell types, several seeds, each run trained, swept past its
 * training range and probed for its best counting unit. A lab is one job of the {@link JobService}
 * (so the queue and the per-client limits hold as for any training), whose worker trains the runs one
 * after another and keeps each as an ordinary user model that can be opened in the network and
 * neuron views. The most recent {@value #KEEP} labs are kept, each as one file in the data directory
 * ({@code labs/<id>.json}), rewritten atomically whenever a run changes, and read back at start: a
 * restart keeps every finished run. A lab the server stopped in the middle says so, as do its runs
 * that had not finished (their models are kept as interrupted, like any training the server stopped).
 */
public final class LabService {
    private static final Logger LOG = LoggerFactory.getLogger(LabService.class);
    static final int KEEP = 200;
    public static final List<Long> DEFAULT_SEEDS = List.of(1L, 2L, 3L);
    /** Sequences per size of each run's length sweep, and the seed they are drawn with. */
    static final int SWEEP_PER_SIZE = 20, SWEEP_SEED = 1;
    /** Why a lab or run the server stopped did not finish. */
    static final String STOPPED = "the server stopped before it finished";
    private static final String SUFFIX = ".json";
    private static final List<String> FINAL = List.of("done", "failed", "cancelled");

    /** The unit that tracks the task's first ground-truth variable best (for counters: the count). */
    public record CountingUnit(int layer, String vector, int unit, String variable, double r, String sentence) {}

    /**
     * One cell × seed: its model, how training went, and its length sweep as [size, accuracy] pairs.
     *
     * @param status          queued, training, sweeping, done, failed or cancelled
     * @param playgroundInput the first failing sequence up to where its rest is determined (for a task
     *                        scored by sets: all of it but the newline), to open in the playground
     */
    public record Run(String cell, long seed, String modelId, String status, String error, Double testAccuracy,
                      boolean learned, Long sequencesToLearn, Double secondsToLearn, Integer firstFailing, List<Integer> failing,
                      List<double[]> accuracy, String failingExample, String playgroundInput, CountingUnit countingUnit) {
        Run with(String s, String e) {
            return new Run(cell, seed, modelId, s, e, testAccuracy, learned, sequencesToLearn, secondsToLearn, firstFailing, failing,
                    accuracy, failingExample, playgroundInput, countingUnit);
        }
    }

    /**
     * One cell over its seeds. A run whose sweep finds no error counts as failing beyond the sweep:
     * the median is then null when more than half never fail, and so is the maximum when any never fails.
     */
    public record CellSummary(String cell, int runs, int finished, int seedsLearned, Double firstFailingMedian,
                              Integer firstFailingMin, Integer firstFailingMax, int neverFailed) {}

    /** A published finding, whether this lab tests it, and what it found. */
    public record Finding(String claim, String source, String verdict, String detail) {}

    /** What {@code GET /api/labs/{id}} answers. */
    public record Lab(String id, String jobId, String status, String error, String task, String sizeName, List<String> cells,
                      List<Long> seeds, int trainMax, String lengths, double threshold, double maxSeconds, SizeRange trainRange,
                      SizeRange sweepSizes, int done, int total, Progress progress, List<Run> runs, List<CellSummary> summary,
                      List<Finding> findings, String createdAt) {}

    private final ModelService models;
    private final JobService jobs;
    private final OwnerTokens tokens;
    private final Analyses analysis = new Analyses();
    private final Path dir;
    private final ObjectMapper json;
    private final Map<String, State> labs = new LinkedHashMap<>(); // guarded by itself, oldest first

    /**
     * @param tokens where a lab's owner token (issued under the lab's id) is shared with each model it makes
     * @param dir    where the labs are kept; those there already are read now
     */
    public LabService(ModelService models, JobService jobs, OwnerTokens tokens, Path dir, ObjectMapper json) {
        this.models = models;
        this.jobs = jobs;
        this.tokens = tokens;
        this.dir = dir.toAbsolutePath().normalize();
        this.json = json;
        load();
    }

    /** Reads the kept labs, oldest first; a file that cannot be read is left where it is and named in the log. */
    private void load() {
        if (!Files.isDirectory(dir)) return;
        List<State> read = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file); // a write the server did not finish: the file before it is still there
                    continue;
                }
                if (!name.endsWith(SUFFIX)) continue;
                try {
                    read.add(restored(json.readValue(file.toFile(), Lab.class)));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("could not read the lab {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the labs in " + dir, e);
        }
        read.sort(Comparator.comparing((State st) -> st.createdAt).thenComparing(st -> st.id));
        synchronized (labs) {
            for (State st : read) labs.put(st.id, st);
        }
    }

    /** A lab read back: a lab or run that had not finished when the server stopped now says so. */
    private State restored(Lab saved) {
        Task task = Tasks.byName(saved.task()).orElseThrow(() -> new IllegalArgumentException("no task '" + saved.task() + "'"));
        TrainingConfig base = config(new LabRequest(saved.task(), saved.cells(), saved.seeds(), saved.trainMax(), saved.lengths(),
                saved.maxSeconds(), saved.threshold()), task);
        State st = new State(saved.id(), saved.jobId(), task, base, saved.cells(), saved.seeds(), saved.runs(), saved.createdAt());
        boolean unfinished = !FINAL.contains(saved.status());
        st.status = unfinished ? "failed" : saved.status();
        st.error = unfinished ? STOPPED : saved.error();
        st.done = saved.done();
        for (int k = 0; k < st.runs.size(); k++) {
            Run r = st.runs.get(k);
            if (List.of("queued", "training", "sweeping").contains(r.status())) st.runs.set(k, r.with("failed", STOPPED));
        }
        return st;
    }

    private Path file(String id) { return dir.resolve(id + SUFFIX); }

    /** Checks a request; throws a 400 naming the field and its range, and queues nothing. */
    public TrainingConfig config(LabRequest request, Task task) {
        List<String> cells = request.cells();
        Limits.Range cellCount = Limits.LAB_CELLS, seedCount = Limits.LAB_SEEDS;
        if (cells == null || !cellCount.contains(cells.size()))
            throw ServiceException.badParameter("cells", "cells must list " + cellCount.min() + " to " + cellCount.max()
                    + " cell types of " + CellTypes.names() + "; got " + (cells == null ? "none" : cells.size()));
        for (String c : cells)
            if (c == null || !CellTypes.exists(c))
                throw ServiceException.badParameter("cells", "cells must be of " + CellTypes.names() + "; got '" + c + "'");
        if (new LinkedHashSet<>(cells).size() != cells.size()) throw ServiceException.badParameter("cells", "cells lists a cell type twice");
        List<Long> seeds = seeds(request);
        if (!seedCount.contains(seeds.size()))
            throw ServiceException.badParameter("seeds", "seeds must list " + seedCount.min() + " to " + seedCount.max()
                    + " seeds; got " + seeds.size());
        for (Long seed : seeds) {
            if (seed == null) throw ServiceException.badParameter("seeds", "seeds must be whole numbers");
            Validator.check("seeds", seed, Limits.SEED);
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) throw ServiceException.badParameter("seeds", "seeds lists a seed twice");
        TrainingConfig c = TrainingConfig.defaults(task).withThreads(1);
        if (request.maxSeconds() != null)
            c = c.withMaxSeconds(Validator.check("maxSeconds", request.maxSeconds(), Limits.TASK_TRAINING.maxSeconds()));
        return ModelService.withRange(c, request.trainMax(), request.lengths(), request.threshold());
    }

    private static List<Long> seeds(LabRequest request) { return request.seeds() == null ? DEFAULT_SEEDS : request.seeds(); }

    /**
     * Queues a lab.
     *
     * @param client who asks (a remote address): the training queue takes turns between clients
     */
    public Started start(LabRequest request, String client) {
        Task task = models.task(new TrainRequest(request.task(), null, null, null, null, null, null, null, null));
        if (task.scoresEveryCharacter()) throw ServiceException.badParameter("task", "the lab runs the built-in tasks: one of " + Tasks.names());
        TrainingConfig base = config(request, task);
        List<Long> seeds = seeds(request);
        int total = request.cells().size() * seeds.size();
        if (models.userModels() + total > models.maxStoredModels())
            throw ServiceException.tooMany("this lab keeps " + total + " models and the server keeps at most " + models.maxStoredModels()
                    + " (" + models.userModels() + " stored); delete some first");
        String id;
        State state;
        synchronized (labs) {
            do { id = "lab-" + String.format("%08x", ThreadLocalRandom.current().nextInt()); } while (labs.containsKey(id));
            List<Run> runs = new ArrayList<>();
            for (String cell : request.cells())
                for (long seed : seeds)
                    runs.add(new Run(cell, seed, null, "queued", null, null, false, null, null, null, List.of(), List.of(), null, null, null));
            state = new State(id, jobs.newId(), task, base, request.cells(), seeds, runs, Instant.now().toString());
            labs.put(id, state);
        }
        String token;
        try {
            // the token exists before the first run starts, so that run's model shares it
            token = tokens.issue(id);
            state.save();
        } catch (IOException e) {
            forget(id);
            throw new UncheckedIOException("could not write to the data directory", e);
        }
        evictBeyondKeep();
        try {
            // its time limit: every run's, one after another
            jobs.submit(state.jobId, id, client, base.maxSeconds() * total, state::work, new JobService.Completion() {
                @Override public void ended(JobSnapshot job, JobService.CancelReason reason) { state.ended(job); }
            }, true);
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
        return new Started(state.snapshot(), token);
    }

    /** A lab that never started: gone from memory and disk, with its token. */
    private void forget(String id) {
        synchronized (labs) { labs.remove(id); }
        try {
            Files.deleteIfExists(file(id));
            tokens.forget(id);
        } catch (IOException ignored) {
            // an unused token's hash opens nothing, and a lab file without its job reads back as stopped
        }
    }

    /** The oldest labs beyond {@value #KEEP} go, file and all; their models stay. */
    private void evictBeyondKeep() {
        List<String> gone = new ArrayList<>();
        synchronized (labs) {
            while (labs.size() > KEEP) {
                String oldest = labs.keySet().iterator().next();
                labs.remove(oldest);
                gone.add(oldest);
            }
        }
        for (String id : gone) {
            try {
                Files.deleteIfExists(file(id));
            } catch (IOException e) {
                LOG.warn("could not delete the old lab {}", id, e);
            }
        }
    }

    /** A lab just queued and its owner token, which also opens every model the lab makes. */
    public record Started(Lab lab, String ownerToken) {}

    public Lab require(String id) { return find(id).orElseThrow(() -> ServiceException.notFound("lab", id)); }

    public Optional<Lab> find(String id) {
        State s;
        synchronized (labs) { s = id == null ? null : labs.get(id); }
        return s == null ? Optional.empty() : Optional.of(s.snapshot());
    }

    /** Asks a lab to stop: the run in training stops at its next step and keeps its weights; later runs never start. */
    public Lab cancel(String id) {
        Lab lab = require(id);
        if (FINAL.contains(lab.status())) return lab; // nothing left to stop (and a lab read back at start has no job)
        jobs.cancel(lab.jobId(), JobService.CancelReason.USER);
        return require(id);
    }

    /** The mutable side of a lab: written by its job's worker, read as {@link Lab} snapshots. */
    private final class State {
        final String id, jobId, createdAt;
        final Task task, trained;
        final TrainingConfig base;
        final List<String> cells;
        final List<Long> seeds;
        private final List<Run> runs;      // guarded by this
        private String status = "queued", error;
        private Progress progress;
        private int done;

        /** A lab of task, its runs trained on the task as base draws it (base.task), the cells and seeds copied. */
        State(String id, String jobId, Task task, TrainingConfig base, List<String> cells, List<Long> seeds, List<Run> runs, String createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.jobId = jobId;
            this.task = task;
            this.trained = base.task(task);
            this.base = base;
            this.cells = List.copyOf(cells);
            this.seeds = List.copyOf(seeds);
            this.runs = new ArrayList<>(runs);
        }

        /** The job: every run in turn. Returns the last run's result. */
        TrainingResult work(TrainingListener listener, java.util.function.BooleanSupplier cancelled) throws Exception {
            synchronized (this) {
                status = "running";
                save();
            }
            TrainingResult last = null;
            for (int k = 0; k < runs.size(); k++) {
                if (cancelled.getAsBoolean()) break;
                Run run;
                synchronized (this) { run = runs.get(k); }
                String modelId = models.newModelId(task);
                TrainingConfig config = base.withCell(run.cell()).withSeed(run.seed());
                int index = k;
                set(k, new Run(run.cell(), run.seed(), modelId, "training", null, null, false, null, null, null, List.of(), List.of(),
                        null, null, null));
                TrainingListener overall = new TrainingListener() {
                    @Override public void onProgress(Progress p) {
                        Progress whole = new Progress(p.step(), p.sequences(), p.loss(), p.testAccuracy(), p.elapsedSeconds(),
                                (index + p.fraction()) / runs.size());
                        synchronized (State.this) { progress = whole; }
                        listener.onProgress(whole);
                    }
                };
                try {
                    tokens.share(id, modelId);
                    last = models.trainHere(modelId, task, config, jobId, overall, cancelled);
                    set(k, get(k).with("sweeping", null));
                    set(k, scored(get(k), last, cancelled.getAsBoolean()));
                } catch (Exception e) {
                    LOG.warn("lab {} run {} {} failed", id, run.cell(), run.seed(), e);
                    set(k, get(k).with("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
                synchronized (this) {
                    done++;
                    save();
                }
            }
            return last;
        }

        /** The run with its training summary, sweep and counting unit. */
        private Run scored(Run run, TrainingResult result, boolean cancelled) {
            var s = result.summary();
            TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), result.network(), s);
            LengthSweep sweep = analysis.lengthSweep(model, SWEEP_PER_SIZE, SWEEP_SEED);
            List<double[]> accuracy = sweep.points().stream().map(p -> new double[] {p.size(), p.accuracy()}).toList();
            String example = null, input = null;
            if (sweep.firstFailing() != null) {
                example = sweep.points().stream().filter(p -> p.size() == sweep.firstFailing()).findFirst().orElseThrow().example();
                int d = task.delimiterIndex(example);
                input = task.scoredBySets() ? example.substring(0, example.length() - 1) : example.substring(0, d + 1);
            }
            CountingUnit unit = null;
            List<Probe> best = analysis.probes(model, 1).best();
            if (!best.isEmpty()) {
                Probe p = best.get(0);
                unit = new CountingUnit(p.layer(), p.vector(), p.unit(), p.variable(), p.r(), p.sentence());
            }
            return new Run(run.cell(), run.seed(), run.modelId(), cancelled ? "cancelled" : "done", null, s.testAccuracy(), s.learned(),
                    s.sequencesToLearn(), s.secondsToLearn(), sweep.firstFailing(), sweep.failing(), accuracy, example, input, unit);
        }

        synchronized Run get(int k) { return runs.get(k); }

        synchronized void set(int k, Run run) {
            runs.set(k, run);
            save();
        }

        /**
         * Writes the lab as {@code GET /api/labs/{id}} answers it, under this lab's lock so the last change is
         * the one on disk. A failed write is logged: the run goes on, and its model is saved on its own.
         */
        synchronized void save() {
            try {
                AtomicFiles.write(file(id), json.writeValueAsBytes(snapshot()));
            } catch (IOException e) {
                LOG.warn("could not save the lab {}", id, e);
            }
        }

        synchronized void ended(JobSnapshot job) {
            status = job.status().id();
            error = job.error();
            for (int k = 0; k < runs.size(); k++) {
                Run r = runs.get(k);
                if (r.status().equals("queued") || r.status().equals("training") || r.status().equals("sweeping"))
                    runs.set(k, r.with(job.status() == JobStatus.FAILED ? "failed" : "cancelled", job.error()));
            }
            save();
        }

        synchronized Lab snapshot() {
            List<Run> copy = List.copyOf(runs);
            SizeRange sweep = LengthSweep.defaultSizes(trained);
            return new Lab(id, jobId, status, error, task.name(), task.sizeName(), cells, seeds, trained.trainRange().max(),
                    base.lengths().id(), base.threshold(), base.maxSeconds(), trained.trainRange(), sweep, done, copy.size(), progress,
                    copy, summaries(copy), LabFindings.judge(task.name(), trained.trainRange().max(), summaries(copy)), createdAt);
        }

        private List<CellSummary> summaries(List<Run> all) {
            List<CellSummary> out = new ArrayList<>();
            for (String cell : cells) {
                List<Run> mine = all.stream().filter(r -> r.cell().equals(cell)).toList();
                List<Run> finished = mine.stream().filter(r -> r.status().equals("done")).toList();
                int learned = (int) finished.stream().filter(Run::learned).count();
                int never = (int) finished.stream().filter(r -> r.firstFailing() == null).count();
                double[] values = finished.stream().mapToDouble(r -> r.firstFailing() == null ? Double.POSITIVE_INFINITY : r.firstFailing()).sorted().toArray();
                Double median = values.length == 0 ? null : median(values);
                Integer min = finished.stream().filter(r -> r.firstFailing() != null).map(Run::firstFailing).min(Integer::compare).orElse(null);
                Integer max = never > 0 ? null : finished.stream().map(Run::firstFailing).max(Integer::compare).orElse(null);
                out.add(new CellSummary(cell, mine.size(), finished.size(), learned, median != null && Double.isInfinite(median) ? null : median,
                        min, max, never));
            }
            return out;
        }
    }

    /**
     * A lab as CSV, one row per run and swept size (the run's columns repeated), for a spreadsheet or
     * pandas: task, train_max, lengths, threshold, cell, seed, model, status, learned, test_accuracy,
     * sequences_to_learn, first_failing, size, accuracy. A run without a sweep has one row with empty size.
     */
    public String csv(String id) {
        Lab lab = require(id);
        StringBuilder out = new StringBuilder("task,train_max,lengths,threshold,cell,seed,model,status,learned,test_accuracy,"
                + "sequences_to_learn,first_failing,size,accuracy\n");
        for (Run r : lab.runs()) {
            String head = String.join(",", lab.task(), String.valueOf(lab.trainMax()), lab.lengths(), String.valueOf(lab.threshold()),
                    r.cell(), String.valueOf(r.seed()), orEmpty(r.modelId()), r.status(), String.valueOf(r.learned()),
                    orEmpty(r.testAccuracy()), orEmpty(r.sequencesToLearn()), orEmpty(r.firstFailing()));
            if (r.accuracy().isEmpty()) out.append(head).append(",,\n");
            for (double[] p : r.accuracy()) out.append(head).append(',').append((int) p[0]).append(',').append(p[1]).append('\n');
        }
        return out.toString();
    }

    private static String orEmpty(Object o) { return o == null ? "" : o.toString(); }

    static double median(double[] sorted) {
        double[] v = Arrays.copyOf(sorted, sorted.length);
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
