package lstmexplorer.service;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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
