package lstmexplorer.task;

import java.util.List;
import java.util.Optional;

/** The registry of tasks. To add a task, write its class and add one line to {@link #ALL}. */
public final class Tasks {
    private static final List<Task> ALL = List.of(
            new CountingTask(),
            new SelectiveCountingTask(),
            new StateMemorizerTask(),
            new CopyMachineTask());

    private Tasks() {}

    /** Every task, in the order menus and listings show them. */
    public static List<Task> all() { return ALL; }

    public static Optional<Task> byName(String name) {
        return ALL.stream().filter(task -> task.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Task::name).toList();
    }
}
