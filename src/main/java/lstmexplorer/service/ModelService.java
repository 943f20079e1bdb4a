package lstmexplorer.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import lstmexplorer.analysis.SnapshotRecorder;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.ModelFormatException;
import lstmexplorer.model.CellTypes;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.task.LengthDistribution;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.Progress;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models as the API sees them: listing, training new ones through the {@link JobService}, importing,
 * deleting. Keeps the store and the jobs consistent: a model being trained has a record from the
 * moment its job is accepted, gets its weights saved before its job reports {@code done}, and shows
 * the reason when its job fails.
 */
public final class ModelService {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final ModelStore store;
    private final JobService jobs;
    private final TaskCatalog tasks;
    private final int maxStoredModels;
    private final Object createLock = new Object();
    private final Semaphore importBudget = new Semaphore(Limits.IMPORT_BUDGET_MB);

    public ModelService(ModelStore store, JobService jobs, TaskCatalog tasks, int maxStoredModels) {
        this.store = store;
        this.jobs = jobs;
        this.tasks = tasks;
        this.maxStoredModels = maxStoredModels;
    }

    public ModelStore store() { return store; }

    /** The tasks and datasets models are trained on. */
    public TaskCatalog tasks() { return tasks; }
    /** The most user models the server keeps. */
    public int maxStoredModels() { return maxStoredModels; }

    /** Gallery first in task order, then the others newest first. */
    public List<ModelInfo> list() {
        List<String> order = new ArrayList<>(Tasks.names());
        order.add(GalleryService.CODE);
        List<ModelRecord> all = new ArrayList<>(store.all());
        all.sort(Comparator.<ModelRecord>comparingInt(r -> r.gallery() ? order.indexOf(r.id()) : Integer.MAX_VALUE)
                .thenComparing(ModelRecord::createdAt, Comparator.reverseOrder())
                .thenComparing(ModelRecord::id));
        return all.stream().map(this::info).toList();
    }

    public ModelInfo info(String id) { return info(store.require(id)); }

    public ModelDetail detail(String id) {
        ModelRecord r = store.require(id);
        List<List<String>> vectors = new ArrayList<>();
        List<String> names = CellTypes.exists(r.cell()) ? CellTypes.vectors(r.cell()) : List.of();
        for (int l = 0; l < r.layers(); l++) vectors.add(names);
        return new ModelDetail(info(r), vectors, r.model() == null ? null : r.model().summary());
    }

    ModelInfo info(ModelRecord r) {
        JobSnapshot job = r.jobId() == null ? null : jobs.find(r.jobId()).orElse(null);
        var summary = r.model() == null ? null : r.model().summary();
        String datasetKind = datasetKind(r);
        return new ModelInfo(r.id(), r.task(), r.cell(), r.hidden(), r.layers(), r.parameters(), r.vocab(), r.gallery(),
                r.status(), summary == null ? null : summary.testAccuracy(),
                summary == null || datasetKind != null ? null : summary.generalizationAccuracy(),
                summary == null ? null : summary.steps(),
                r.createdAt().toString(), r.jobId(), job == null ? null : job.progress(), job == null ? null : job.queue(),
                r.error(), r.name(), r.source(), r.hasWeights(), datasetKind, summary == null ? null : summary.bitsPerCharacter());
    }

    /** The kind (text, lines) of the dataset a model was trained on, or null for a model of a task or of none. */
    String datasetKind(ModelRecord r) {
        DatasetStore datasets = tasks.datasets();
        if (r.task() == null || datasets == null || Tasks.byName(r.task()).isPresent()) return null;
        return datasets.find(r.task()).map(DatasetStore.DatasetInfo::kind).orElse(null);
    }

    /** The task or dataset a model with weights reads, as its test data comes from; empty for none known. */
    public Optional<Task> taskOf(ModelRecord r) {
        return r.model() == null ? Optional.empty() : tasks.taskOf(r.model());
    }

    /** A model's record with weights, or 409 saying why there are none. */
    public ModelRecord requireWeights(String id) {
        ModelRecord r = store.require(id);
        if (r.model() == null) {
            String why = switch (r.status()) {
                case TRAINING -> "is still training";
                case FAILED -> "failed to train" + (r.error() == null ? "" : " (" + r.error() + ")");
                default -> "has no weights (" + r.status().id() + ")";
            };
            throw ServiceException.conflict("model '" + id + "' " + why);
        }
        return r;
    }

    /** The settings a request asks for, checked against the limits of training on a task or on a dataset. */
    public TrainingConfig config(TrainRequest request, Task task) {
        TrainingConfig c = TrainingConfig.defaults(task).withThreads(1);
        boolean dataset = task instanceof CorpusTask;
        Limits.Training limits = dataset ? Limits.DATASET_TRAINING : Limits.TASK_TRAINING;
        if (task instanceof CorpusTask corpus && corpus.corpus().kind() == Corpus.Kind.TEXT) c = c.withWindow(corpus.window());
        if (request.cell() != null) {
            if (!CellTypes.exists(request.cell()))
                throw ServiceException.badParameter("cell", "cell must be one of " + CellTypes.names() + "; got '" + request.cell() + "'");
            c = c.withCell(request.cell());
        }
        if (request.hidden() != null) c = c.withHidden((int) Validator.check("hidden", request.hidden(), limits.hidden()));
        if (request.layers() != null) c = c.withLayers((int) Validator.check("layers", request.layers(), limits.layers()));
        if (request.batch() != null) c = c.withBatch((int) Validator.check("batch", request.batch(), limits.batch()));
        if (request.seed() != null) c = c.withSeed(Validator.check("seed", request.seed(), limits.seed()));
        if (request.learningRate() != null) c = c.withLearningRate(Validator.check("learningRate", request.learningRate(), limits.learningRate()));
        if (request.maxSeconds() != null) c = c.withMaxSeconds(Validator.check("maxSeconds", request.maxSeconds(), limits.maxSeconds()));
        if (request.afterLearned() != null && dataset)
            throw ServiceException.badParameter("afterLearned", "afterLearned is for task models: a dataset model is never \"learned\"; "
                    + "it trains until maxSeconds or until it is stopped");
        if (request.afterLearned() != null)
            c = c.withAfterLearned((int) Validator.check("afterLearned", request.afterLearned(), limits.afterLearned()));
        if (dataset && (request.trainMax() != null || request.lengths() != null))
            throw ServiceException.badParameter(request.trainMax() != null ? "trainMax" : "lengths",
                    "trainMax and lengths are for task models: a dataset has no sizes to draw");
        return withRange(c, request.trainMax(), request.lengths(), request.threshold());
    }

    /** The training range, length distribution and threshold of a request (null: the default), checked. */
    static TrainingConfig withRange(TrainingConfig c, Integer trainMax, String lengths, Double threshold) {
        if (trainMax != null) c = c.withTrainMax((int) Validator.check("trainMax", trainMax, Limits.TRAIN_MAX));
        if (lengths != null) {
            try {
                c = c.withLengths(LengthDistribution.of(lengths));
            } catch (IllegalArgumentException e) {
                throw ServiceException.badParameter("lengths", e.getMessage());
            }
        }
        if (threshold != null) {
            // (0, 1): a threshold of 1 would deem nothing possible
            if (!(threshold < 1)) throw ServiceException.badParameter("threshold", "threshold must be in (0, 1); got " + threshold);
            c = c.withThreshold(Validator.check("threshold", threshold, Limits.POSSIBLE_THRESHOLD));
        }
        return c;
    }

    public Task task(TrainRequest request) {
        if (request.dataset() != null) {
            if (request.task() != null) throw ServiceException.badParameter("dataset", "give a task or a dataset, not both");
            DatasetStore datasets = tasks.datasets();
            if (datasets == null || datasets.find(request.dataset()).isEmpty())
                throw ServiceException.badParameter("dataset", "no dataset '" + request.dataset() + "'; GET /api/datasets lists them");
            boolean text = datasets.require(request.dataset()).kind().equals(Corpus.Kind.TEXT.id());
            if (request.window() != null && !text)
                throw ServiceException.badParameter("window", "window is for text datasets; a lines dataset is read line by line");
            int window = Validator.check("window", request.window(), Limits.WINDOW);
            return tasks.corpusTask(request.dataset(), window);
        }
        if (request.window() != null) throw ServiceException.badParameter("window", "window is for text datasets; give a dataset");
        if (request.task() == null) throw ServiceException.badParameter("task", "task or dataset is required; the tasks are " + Tasks.names());
        return Tasks.byName(request.task()).orElseThrow(() ->
                ServiceException.badParameter("task", "task must be one of " + Tasks.names() + "; got '" + request.task() + "'"));
    }

    /** What {@code POST /api/models} answers. */
    public record Started(ModelInfo model, JobSnapshot job) {}

    /**
     * Starts training a new user model.
     *
     * @param client who asks (a remote address): the training queue takes turns between clients
     */
    public Started train(TrainRequest request, String client) {
        Task task = task(request);
        TrainingConfig config = config(request, task);
        // an optional name for people; a blank one is no name
        String name = request.name() == null || request.name().isBlank() ? null : Validator.name(request.name().strip());
        synchronized (createLock) {
            checkRoomForAnother();
            return train(newId(task.name()), task, config, false, name, client);
        }
    }

    /** Starts training a model under a given id (gallery models are named after their task). */
    public Started train(String id, Task task, TrainingConfig config, boolean gallery) {
        return train(id, task, config, gallery, null, "");
    }

    /** 429 with {@code limit: stored-models}: waiting does not help, deleting does. */
    private ServiceException storeFull(long users) {
        return new ServiceException(ServiceException.Kind.TOO_MANY, "too many requests", "there are " + users
                + " stored models, the most this server keeps (" + maxStoredModels + "); delete some first", Map.of("limit", "stored-models"));
    }

    private Started train(String id, Task task, TrainingConfig config, boolean gallery, String name, String client) {
        String jobId = jobs.newId();
        addTrainingRecord(id, task, config, gallery, jobId, name);
        JobSnapshot job;
        // keeps ~20 copies of the weights along the run, saved with the model for the training replay
        SnapshotRecorder snapshots = new SnapshotRecorder();
        try {
            job = jobs.submit(jobId, id, client, config.maxSeconds(), (listener, cancelled) ->
                    trainer(task, config).train(config, withSnapshots(listener, snapshots), cancelled),
                    new Completion(id, task, snapshots), !gallery);
        } catch (RuntimeException e) {
            try { store.remove(id); } catch (IOException ignored) { }
            throw e;
        }
        return new Started(info(store.require(id)), job);
    }

    private void addTrainingRecord(String id, Task task, TrainingConfig config, boolean gallery, String jobId, String name) {
        List<String> vocab = task.vocabulary().chars().stream().map(String::valueOf).toList();
        ModelRecord record = new ModelRecord(id, task.name(), config.cell(), config.hidden(), config.layers(),
                ModelStore.parameterCount(config.cell(), vocab.size(), config.hidden(), config.layers()), vocab, gallery,
                ModelStatus.TRAINING, Instant.now(), jobId, null, name, "trained", config, null, 0);
        try {
            store.add(record);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the data directory", e);
        }
    }

    /** A fresh id for a user model of a task, e.g. {@code anbn-0c1f9a22}. */
    public String newModelId(Task task) { return newId(task.name()); }

    /** User models stored now. */
    public long userModels() { return store.all().stream().filter(r -> !r.gallery()).count(); }

    /**
     * Trains a user model on the calling thread and keeps it, as a job would: the counting lab's
     * job trains its models one after another this way. The record exists (as training, under
     * {@code jobId}) from the start; a failure is recorded on it and rethrown.
     */
    public TrainingResult trainHere(String id, Task task, TrainingConfig config, String jobId, TrainingListener listener,
                                    java.util.function.BooleanSupplier cancelled) throws Exception {
        addTrainingRecord(id, task, config, false, jobId, null);
        SnapshotRecorder snapshots = new SnapshotRecorder();
        Completion completion = new Completion(id, task, snapshots);
        TrainingResult result;
        try {
            result = trainer(task, config).train(config, withSnapshots(listener, snapshots), cancelled);
        } catch (Exception | Error e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.update(id, r -> r.withStatus(ModelStatus.FAILED, why));
            throw e;
        }
        completion.trained(result, cancelled.getAsBoolean() ? JobService.CancelReason.USER : null);
        return result;
    }

    /** A trainer on the task's datasets for the config's training range. */
    Trainer trainer(Task task, TrainingConfig config) {
        Task trained = config.task(task);
        return new Trainer(trained, tasks.sequences(trained, config, Split.TRAIN), tasks.sequences(trained, config, Split.TEST),
                tasks.sequences(trained, config, Split.GENERALIZATION));
    }

    /** The job's listener, and the recorder hears every evaluation too. */
    private static TrainingListener withSnapshots(TrainingListener listener, SnapshotRecorder recorder) {
        return new TrainingListener() {
            @Override public void onProgress(Progress progress) { listener.onProgress(progress); }

            @Override public void onEvaluation(Progress progress, Network network) {
                listener.onEvaluation(progress, network);
                recorder.onEvaluation(progress, network);
            }
        };
    }

    private final class Completion implements JobService.Completion {
        private final String id;
        private final Task task;
        private final SnapshotRecorder snapshots;

        Completion(String id, Task task, SnapshotRecorder snapshots) { this.id = id; this.task = task; this.snapshots = snapshots; }

        @Override public void trained(TrainingResult result, JobService.CancelReason reason) throws IOException {
            TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), result.network(), result.summary());
            ModelStatus status = reason == null ? ModelStatus.READY
                    : reason == JobService.CancelReason.USER ? ModelStatus.CANCELLED : ModelStatus.INTERRUPTED;
            String error = reason == JobService.CancelReason.SHUTDOWN
                    ? "the server stopped during training; the weights are those reached by then" : null;
            store.update(id, r -> r.withModel(model, 0).withStatus(status, error));
            try {
                store.saveSnapshots(id, snapshots.snapshots());
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not keep the training snapshots of model {}; the model itself is saved", id, e);
            }
        }

        @Override public void ended(JobSnapshot job, JobService.CancelReason reason) {
            ModelStatus status = switch (job.status()) {
                case FAILED -> ModelStatus.FAILED;
                case CANCELLED -> reason == JobService.CancelReason.SHUTDOWN ? ModelStatus.INTERRUPTED : ModelStatus.CANCELLED;
                default -> null;
            };
            if (status == null) return;
            try {
                store.update(id, r -> r.model() != null && r.status() != ModelStatus.TRAINING ? r
                        : r.withStatus(status, job.error() != null ? job.error()
                                : status == ModelStatus.INTERRUPTED ? "the server stopped before training finished" : null));
            } catch (IOException e) {
                LOG.warn("could not record the end of model {}", id, e);
            }
        }
    }

    /**
     * Imports a model file or a PyTorch state_dict export, parsed as it streams in. Uploads being
     * parsed at once are bounded by {@link Limits#IMPORT_BUDGET_MB}, so a burst of large ones is
     * answered 429 instead of filling the heap.
     *
     * @param declaredBytes the body's declared length, or -1 when unknown
     * @param task          the task to attach the model to in place of the file's, or null
     */
    public ModelInfo importModel(InputStream body, long declaredBytes, String name, String task) {
        Validator.name(name);
        if (task != null && Tasks.byName(task).isEmpty())
            throw ServiceException.badParameter("task", "task must be one of " + Tasks.names() + "; got '" + task + "'");
        checkRoomForAnother();
        int megabytes = declaredBytes < 0 ? Limits.MAX_IMPORT_BYTES >> 20 : (int) Math.max(1, (declaredBytes + (1 << 20) - 1) >> 20);
        if (!importBudget.tryAcquire(megabytes))
            throw new ServiceException(ServiceException.Kind.TOO_MANY, "too many requests", "the server is reading other large uploads; "
                    + "try again in " + Limits.IMPORT_RETRY_AFTER_SECONDS + " s", Map.of("retryAfterSeconds", Limits.IMPORT_RETRY_AFTER_SECONDS));
        TrainedModel parsed;
        String dataset;
        try {
            ModelFile.Upload upload = ModelFile.readUpload(body, Limits.IMPORT.bounds(), Limits.DATASET_IMPORT.bounds());
            parsed = upload.model();
            dataset = upload.dataset();
        } catch (ModelFormatException e) {
            if (e.field() != null) throw ServiceException.badParameter(e.field(), "not a model file: " + e.getMessage());
            throw ServiceException.badRequest("not a model file: " + e.getMessage());
        } catch (IOException e) {
            throw ServiceException.badRequest("could not read the request body: " + e.getMessage());
        } finally {
            importBudget.release(megabytes);
        }
        TrainedModel model = task == null ? parsed : new TrainedModel(task, parsed.vocabulary(), parsed.network(), parsed.summary());
        NetworkConfig c = model.network().config();
        List<String> vocab = model.vocabulary().chars().stream().map(String::valueOf).toList();
        if (dataset != null) {
            if (task != null)
                throw ServiceException.badParameter("task", "a model of a dataset is attached to its dataset; leave out task");
            if (model.task() != null && !model.task().equals(dataset))
                throw ServiceException.badParameter("dataset", "the model names the task '" + model.task() + "'; a model of a "
                        + "dataset names none (or the same dataset)");
            if (tasks.datasets() == null || tasks.datasets().find(dataset).isEmpty())
                throw ServiceException.badParameter("dataset", "no dataset '" + dataset + "'; upload it first (POST /api/datasets)");
            // the model must read every character of the dataset; the order of its vocabulary may be its own
            List<String> missing = new ArrayList<>();
            for (String ch : tasks.datasets().require(dataset).vocab()) if (!vocab.contains(ch)) missing.add(ch);
            if (!missing.isEmpty()) throw ServiceException.outsideVocabulary("vocab", missing, vocab);
            model = new TrainedModel(dataset, model.vocabulary(), model.network(), model.summary());
        } else if (model.task() != null) {
            String named = model.task();
            Task attached = Tasks.byName(named).orElseThrow(() -> ServiceException.badParameter("task",
                    "the model's task must be one of " + Tasks.names() + " or absent; got '" + named + "'"));
            List<String> missing = new ArrayList<>();
            for (char ch : attached.vocabulary().chars()) if (!model.vocabulary().contains(ch)) missing.add(String.valueOf(ch));
            if (!missing.isEmpty()) throw ServiceException.outsideVocabulary("vocab", missing, vocab);
        }
        synchronized (createLock) {
            checkRoomForAnother();
            String id = newId(model.task() == null ? "imported" : model.task());
            ModelRecord record = new ModelRecord(id, model.task(), c.cell(), c.hidden(), c.layers(), model.network().parameterCount(),
                    vocab, false, ModelStatus.READY, Instant.now(), null, null, name, "imported", null, model, 0);
            try {
                return info(store.add(record));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write to the data directory", e);
            }
        }
    }

    private void checkRoomForAnother() {
        long users = store.all().stream().filter(r -> !r.gallery()).count();
        if (users >= maxStoredModels) throw storeFull(users);
    }

    /** Deletes a user model, cancelling its training first. Gallery models stay. */
    public void delete(String id) {
        ModelRecord r = store.require(id);
        if (r.gallery()) throw ServiceException.forbidden("'" + id + "' is a gallery model and cannot be deleted");
        if (r.jobId() != null && jobs.find(r.jobId()).map(j -> !j.status().isFinal()).orElse(false))
            jobs.cancel(r.jobId(), JobService.CancelReason.USER);
        try {
            store.remove(id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the model files", e);
        }
    }

    public Optional<ModelRecord> find(String id) { return store.find(id); }

    private String newId(String prefix) {
        String id;
        do { id = prefix + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt()); } while (store.find(id).isPresent());
        return id;
    }
}
