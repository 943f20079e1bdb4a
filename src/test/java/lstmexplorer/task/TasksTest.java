package lstmexplorer.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TasksTest {
    @Test
    void listsTheGalleryTasksThenTheLabTasksInOrder() {
        assertEquals(List.of("counter", "selective_counter", "state_memorizer", "copy_machine",
                "anbn", "anbncn", "dyck1", "dyck2", "repeat_copy", "parity"), Tasks.names());
        assertEquals(List.of("counter", "selective_counter", "state_memorizer", "copy_machine"),
                Tasks.gallery().stream().map(Task::name).toList());
    }

    @Test
    void findsTasksByName() {
        assertInstanceOf(CountingTask.class, Tasks.byName("counter").orElseThrow());
        assertInstanceOf(SelectiveCountingTask.class, Tasks.byName("selective_counter").orElseThrow());
        assertInstanceOf(StateMemorizerTask.class, Tasks.byName("state_memorizer").orElseThrow());
        assertInstanceOf(CopyMachineTask.class, Tasks.byName("copy_machine").orElseThrow());
    }

    @Test
    void unknownNamesAreEmpty() {
        assertTrue(Tasks.byName("Counter").isEmpty());
        assertTrue(Tasks.byName("").isEmpty());
        assertTrue(Tasks.byName(null).isEmpty());
    }

    @Test
    void namesAreUniqueAndSafeInPathsAndUrls() {
        assertEquals(Tasks.names().size(), new HashSet<>(Tasks.names()).size());
        for (String name : Tasks.names()) assertTrue(name.matches("[a-z][a-z0-9_]*"), name);
    }
}
