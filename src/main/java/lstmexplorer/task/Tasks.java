package lstmexplorer.task;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registry of tasks. To add a task, write its class and add one line to {@link #GALLERY} or
 * {@link #LAB}.
 */
public final class Tasks {
    /** The tasks of Exploring LSTMs, each with a gallery model trained at the server's first start. */
    private static final List<Task> GALLERY = List.of(
            new CountingTask(),
            new SelectiveCountingTask(),
            new StateMemorizerTask(),
            new CopyMachineTask());

    /** The formal languages and memory tasks of the counting lab, trained on demand. */
    private static final List<Task> LAB = List.of(
            new AnBnTask(),
            new AnBnCnTask(),
            new DyckTask("()"),
            new DyckTask("()[]"),
            new RepeatCopyTask(),
            new ParityTask());

    private static final List<Task> ALL = Stream.concat(GALLERY.stream(), LAB.stream()).toList();

    private Tasks() {}

    /** Every task, in the order menus and listings show them. */
    public static List<Task> all() { return ALL; }

    /** The tasks with a gallery model. */
    public static List<Task> gallery() { return GALLERY; }

    public static Optional<Task> byName(String name) {
        return ALL.stream().filter(task -> task.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Task::name).toList();
    }
}
