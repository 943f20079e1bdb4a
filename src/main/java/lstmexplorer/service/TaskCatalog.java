package lstmexplorer.service;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import lstmexplorer.analysis.TaskData;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.io.Datasets;
import lstmexplorer.model.CellTypes;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.task.LengthDistribution;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;

/**
 * The tasks with their datasets, read once at start and read-only afterwards, and the users'
 * datasets of a {@link DatasetStore} as tasks ({@link CorpusTask}), built when first asked for.
 */
public final class TaskCatalog implements TaskData {
    private static final int CACHED_TASKS = 4;

    /** What {@code GET /api/tasks} shows of a task. */
    public record TaskView(String name, String description, String sizeName, List<String> vocab, String delimiter,
                           Map<String, Integer> defaultModel, SizeRange trainRange, SizeRange generalizationRange,
                           List<String> examples, Map<String, String> variables, Map<String, Integer> splits) {}

    /** What {@code GET /api/cells} shows of a cell type. */
    public record CellView(String name, String description, List<String> vectors) {}

    /** A page of a split. */
    public record Samples(String task, String split, int total, int offset, List<String> sequences) {}

    private final Map<String, Map<Split, List<String>>> data = new LinkedHashMap<>();
    private final List<TaskView> views;
    /** Splits generated for other training ranges, the most recently made few. */
    private final Map<String, Map<Split, List<String>>> generated = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Map<Split, List<String>>> eldest) { return size() > 12; }
    };

    private final DatasetStore datasets;
    /** Dataset tasks by corpus (its identity changes with its label tracks) and window, the most recent few. */
    private final LinkedHashMap<String, CorpusTask> corpusTasks = new LinkedHashMap<>(8, 0.75f, true);

    /** The built-in tasks alone. */
    public TaskCatalog() { this(null); }

    /** The built-in tasks and the datasets of a store (null: none). */
    public TaskCatalog(DatasetStore datasets) {
        this.datasets = datasets;
        for (Task task : Tasks.all()) {
            Map<Split, List<String>> splits = new EnumMap<>(Split.class);
            for (Split split : Split.values()) splits.put(split, List.copyOf(Datasets.read(task, split)));
            data.put(task.name(), splits);
        }
        views = Tasks.all().stream().map(this::describe).toList();
    }

    /** The built-in tasks' names, in the order menus show them. */
    public static List<String> taskNames() { return Tasks.names(); }

    /** The cell types' names; the first is the default. */
    public static List<String> cellNames() { return CellTypes.names(); }

    /** How training sizes may be drawn from a range: uniform, short or long. */
    public static List<String> lengthDistributions() { return LengthDistribution.ids(); }

    /** Every cell type with its description and the vectors a trace of it records. */
    public static List<CellView> cells() {
        return CellTypes.all().stream().map(t -> new CellView(t.name(), t.description(), CellTypes.vectors(t.name()))).toList();
    }

    public List<TaskView> tasks() { return views; }

    /** The store of the users' datasets, or null for a catalogue of the tasks alone. */
    public DatasetStore datasets() { return datasets; }

    /** A built-in task, or a dataset read in windows of {@code window} characters (for a text). */
    public Optional<Task> find(String name, int window) {
        if (name == null) return Optional.empty();
        Optional<Task> task = Tasks.byName(name);
        if (task.isPresent() || datasets == null || datasets.find(name).isEmpty()) return task;
        return Optional.of(corpusTask(name, window));
    }

    /** The dataset as a task; for a text, read in windows of {@code window} characters (0: the default). */
    public CorpusTask corpusTask(String id, int window) { return corpusTask(id, window, null); }

    /** As {@link #corpusTask(String, int)}, read with a model's own vocabulary (null: the dataset's). */
    private CorpusTask corpusTask(String id, int window, Vocabulary vocabulary) {
        Corpus corpus = datasets.corpus(id);
        int w = window > 0 ? window : Limits.DEFAULT_WINDOW;
        Vocabulary vocab = vocabulary == null ? corpus.vocabulary() : vocabulary;
        String key = System.identityHashCode(corpus) + "|" + id + "|" + w + "|" + vocab;
        // built under the lock: the first requests for a model's analyses arrive together, and each should
        // get the one task rather than a copy of its own (a few milliseconds of annotating, once)
        synchronized (corpusTasks) {
            CorpusTask hit = corpusTasks.get(key);
            if (hit != null && hit.corpus() == corpus) return hit;
            CorpusTask task = new CorpusTask(corpus, w, vocab);
            corpusTasks.put(key, task);
            while (corpusTasks.size() > CACHED_TASKS) corpusTasks.remove(corpusTasks.keySet().iterator().next());
            return task;
        }
    }

    /**
     * A model's task. A dataset is read in windows of {@link Limits#DEFAULT_WINDOW} whatever window the
     * model trained with, so that models of one dataset, trained here or imported, are analysed on the same
     * windows; and with the model's vocabulary (an imported model may order it its own way).
     */
    @Override public Optional<Task> taskOf(TrainedModel model) {
        String name = model.task();
        if (name == null || Tasks.byName(name).isPresent() || datasets == null || datasets.find(name).isEmpty())
            return find(name, Limits.DEFAULT_WINDOW);
        if (!model.vocabulary().unknownIn(datasets.corpus(name).text()).isEmpty()) return Optional.empty();
        return Optional.of(corpusTask(name, Limits.DEFAULT_WINDOW, model.vocabulary()));
    }

    public Task require(String name) {
        return Tasks.byName(name).orElseThrow(() -> ServiceException.notFound("task", name));
    }

    @Override public List<String> sequences(Task task, Split split) {
        if (task instanceof CorpusTask) return TaskData.super.sequences(task, split);
        return data.get(task.name()).get(split);
    }

    /**
     * The split a run trains or is scored on: the packaged one for the task's own range, else one
     * generated from the split's fixed seed for the config's range and distribution (kept for a while,
     * as the runs of one lab share it).
     */
    public List<String> sequences(Task task, TrainingConfig config, Split split) {
        if (task instanceof CorpusTask) return sequences(task, split);
        Task registered = require(task.name());
        Task trained = config.task(registered);
        if (trained == registered) return sequences(registered, split);
        String key = registered.name() + "|" + trained.trainRange().max() + "|" + config.lengths().id();
        synchronized (generated) {
            return generated.computeIfAbsent(key, k -> {
                Map<Split, List<String>> splits = new EnumMap<>(Split.class);
                for (Split s : Split.values()) splits.put(s, List.copyOf(Datasets.generate(trained, s)));
                return splits;
            }).get(split);
        }
    }

    /** A page of a split; n and offset may be left out for their defaults. */
    public Samples samples(String taskName, String splitName, Integer n, Integer offset) {
        Task task = require(taskName);
        Split split = Validator.split(splitName);
        List<String> all = sequences(task, split);
        int count = Validator.check("n", n, Limits.SAMPLES);
        int first = Validator.check("offset", offset, Limits.OFFSET);
        Validator.check("offset", first, 0, all.size());
        return new Samples(task.name(), split.id(), all.size(), first, all.subList(first, Math.min(all.size(), first + count)));
    }

    private TaskView describe(Task task) {
        Map<String, Integer> model = new LinkedHashMap<>();
        model.put("layers", task.defaultModel().layers());
        model.put("hidden", task.defaultModel().hidden());
        model.put("afterLearned", task.stepsAfterLearned());
        Map<String, Integer> splits = new LinkedHashMap<>();
        for (Split s : Split.values()) splits.put(s.id(), data.get(task.name()).get(s).size());
        return new TaskView(task.name(), task.description(), task.sizeName(),
                task.vocabulary().chars().stream().map(String::valueOf).toList(), task.delimiters(), model,
                task.trainRange(), task.generalizationRange(), task.examples(new Random(7), 3), task.variableDescriptions(), splits);
    }
}
