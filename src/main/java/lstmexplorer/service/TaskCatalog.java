package lstmexplorer.service;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;

/** The tasks with their datasets, read once at start and read-only afterwards. */
public final class TaskCatalog {
    /** What {@code GET /api/tasks} shows of a task. */
    public record TaskInfo(String name, String description, String sizeName, List<String> vocab, String delimiter,
                           Map<String, Integer> defaultModel, SizeRange trainRange, SizeRange generalizationRange,
                           List<String> examples, Map<String, String> variables, Map<String, Integer> splits) {}

    /** A page of a split. */
    public record Samples(String task, String split, int total, int offset, List<String> sequences) {}

    private final Map<String, Map<Split, List<String>>> data = new LinkedHashMap<>();
    private final List<TaskInfo> infos;

    public TaskCatalog() {
        for (Task task : Tasks.all()) {
            Map<Split, List<String>> splits = new EnumMap<>(Split.class);
            for (Split split : Split.values()) splits.put(split, List.copyOf(Datasets.read(task, split)));
            data.put(task.name(), splits);
        }
        infos = Tasks.all().stream().map(this::describe).toList();
    }

    public List<TaskInfo> tasks() { return infos; }

    public Task require(String name) {
        return Tasks.byName(name).orElseThrow(() -> ServiceException.notFound("task", name));
    }

    public List<String> sequences(Task task, Split split) { return data.get(task.name()).get(split); }

    /** The split named {@code train}, {@code test} or {@code generalization}. */
    public static Split split(String name) {
        if (name != null) for (Split s : Split.values()) if (s.id().equals(name.toLowerCase(Locale.ROOT))) return s;
        throw ServiceException.badParameter("split", "split must be one of train, test, generalization; got '" + name + "'");
    }

    public Samples samples(String taskName, String splitName, int n, int offset) {
        Task task = require(taskName);
        Split split = split(splitName);
        List<String> all = sequences(task, split);
        check("n", n, 1, Limits.MAX_SAMPLES);
        check("offset", offset, 0, all.size());
        return new Samples(task.name(), split.id(), all.size(), offset, all.subList(offset, Math.min(all.size(), offset + n)));
    }

    static void check(String field, long value, long min, long max) {
        if (value < min || value > max)
            throw ServiceException.badParameter(field, field + " must be from " + min + " to " + max + "; got " + value);
    }

    private TaskInfo describe(Task task) {
        Map<String, Integer> model = new LinkedHashMap<>();
        model.put("layers", task.defaultModel().layers());
        model.put("hidden", task.defaultModel().hidden());
        model.put("afterLearned", task.stepsAfterLearned());
        Map<String, Integer> splits = new LinkedHashMap<>();
        for (Split s : Split.values()) splits.put(s.id(), data.get(task.name()).get(s).size());
        return new TaskInfo(task.name(), task.description(), task.sizeName(),
                task.vocabulary().chars().stream().map(String::valueOf).toList(), String.valueOf(task.delimiter()), model,
                task.trainRange(), task.generalizationRange(), task.examples(new Random(7), 3), task.variableDescriptions(), splits);
    }
}
