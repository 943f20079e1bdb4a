package lstmexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.task.CopyMachineTask;
import lstmexplorer.task.CountingTask;
import lstmexplorer.task.SelectiveCountingTask;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed datasets must be exactly what the generator produces. After a deliberate change to
 * a task's generator, rewrite them with {@code mvn test -Dtest=DatasetsTest -Ddatasets.regenerate=true}
 * and commit the result.
 */
class DatasetsTest {
    private static final Path COMMITTED = Path.of("datasets");

    @TempDir Path temp;

    static Stream<Task> tasks() { return Tasks.all().stream(); }

    @ParameterizedTest @MethodSource("tasks")
    void committedFilesRegenerateByteIdentically(Task task) throws IOException {
        if (Boolean.getBoolean("datasets.regenerate")) Datasets.write(task, COMMITTED);
        Datasets.write(task, temp);
        List<String> files = new ArrayList<>(List.of(Datasets.TASK_FILE));
        for (Split split : Split.values()) files.add(split.fileName());
        for (String file : files) {
            Path committed = COMMITTED.resolve(task.name()).resolve(file);
            assertTrue(Files.exists(committed), committed + " is missing");
            assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(temp.resolve(task.name()).resolve(file)),
                    committed + " differs from what the generator writes");
        }
    }

    @ParameterizedTest @MethodSource("tasks")
    void writingTwiceGivesTheSameBytes(Task task) throws IOException {
        Datasets.write(task, temp.resolve("first"));
        Datasets.write(task, temp.resolve("second"));
        for (Split split : Split.values())
            assertArrayEquals(Files.readAllBytes(temp.resolve("first").resolve(task.name()).resolve(split.fileName())),
                    Files.readAllBytes(temp.resolve("second").resolve(task.name()).resolve(split.fileName())));
    }

    @ParameterizedTest @MethodSource("tasks")
    void packagedSplitsHaveTheirSizesAndRanges(Task task) {
        for (Split split : Split.values()) {
            List<String> sequences = Datasets.read(task, split);
            assertEquals(split.size(), sequences.size(), split.fileName());
            for (String s : sequences) {
                assertTrue(s.endsWith("\n"), s);
                assertTrue(split.range(task).contains(task.sizeOf(s)), s);
            }
            assertEquals(Datasets.generate(task, split), sequences);
        }
    }

    @ParameterizedTest @MethodSource("tasks")
    void readRoundTripsWhatWriteWrote(Task task) throws IOException {
        Datasets.write(task, temp);
        for (Split split : Split.values())
            assertEquals(Datasets.generate(task, split), Datasets.read(task, split, temp));
    }

    @Test
    void splitSizesAndSeedsAreFixed() {
        assertEquals(List.of(2000, 200, 200), Stream.of(Split.values()).map(Split::size).toList());
        assertEquals(List.of(1L, 2L, 3L), Stream.of(Split.values()).map(Split::seed).toList());
        assertEquals(List.of("train.txt", "test.txt", "generalization.txt"),
                Stream.of(Split.values()).map(Split::fileName).toList());
    }

    @Test
    void testSetIsDrawnIndependentlyOfTheTrainingSet() {
        Task task = new CopyMachineTask();
        assertNotEquals(Datasets.generate(task, Split.TRAIN).subList(0, 200), Datasets.generate(task, Split.TEST));
    }

    @Test
    void aBadLineIsRejectedWithFileAndLineNumber() throws IOException {
        IllegalArgumentException e = refusedCounterFile(Split.TRAIN, "aXb\naaXbb\naaXb\naXb\n");
        assertTrue(e.getMessage().contains(temp.resolve("counter").resolve("train.txt").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aMissingFinalNewlineIsRejected() throws IOException {
        assertTrue(refusedCounterFile(Split.TEST, "aXb\naXb").getMessage().contains("line 2"));
    }

    @Test
    void windowsLineEndingsAreRejected() throws IOException {
        refusedCounterFile(Split.TEST, "aXb\r\n");
    }

    /** What reading a counter split file holding {@code text} throws. */
    private IllegalArgumentException refusedCounterFile(Split split, String text) throws IOException {
        Path file = temp.resolve("counter").resolve(split.fileName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return assertThrows(IllegalArgumentException.class, () -> Datasets.read(new CountingTask(), split, temp));
    }

    @Test
    void taskJsonDescribesTheTask() throws IOException {
        Task task = new SelectiveCountingTask();
        Datasets.write(task, temp);
        String text = Files.readString(temp.resolve(task.name()).resolve(Datasets.TASK_FILE));
        assertFalse(text.contains("\r"));
        assertTrue(text.endsWith("}\n"));
        JsonNode json = new ObjectMapper().readTree(text);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("name", "description", "sizeName", "vocabulary", "delimiter", "defaultModel",
                "trainRange", "generalizationRange", "splits", "variables"), keys);
        assertEquals("selective_counter", json.get("name").asText());
        assertEquals(task.description(), json.get("description").asText());
        assertEquals("N (a's)", json.get("sizeName").asText());
        List<String> vocabulary = new ArrayList<>();
        json.get("vocabulary").forEach(ch -> vocabulary.add(ch.asText()));
        assertEquals(List.of("\n", "X", "Y", "a", "b"), vocabulary);
        assertEquals("Y", json.get("delimiter").asText());
        assertEquals(1, json.at("/defaultModel/layers").asInt());
        assertEquals(20, json.at("/defaultModel/hidden").asInt());
        assertEquals(1, json.at("/trainRange/min").asInt());
        assertEquals(10, json.at("/trainRange/max").asInt());
        assertEquals(11, json.at("/generalizationRange/min").asInt());
        assertEquals(20, json.at("/generalizationRange/max").asInt());
        assertEquals("train", json.at("/splits/0/name").asText());
        assertEquals("train.txt", json.at("/splits/0/file").asText());
        assertEquals(2000, json.at("/splits/0/size").asInt());
        assertEquals(1, json.at("/splits/0/seed").asInt());
        assertEquals("generalization", json.at("/splits/2/name").asText());
        assertEquals(3, json.at("/splits/2/seed").asInt());
        assertEquals(11, json.at("/splits/2/range/min").asInt());
        assertEquals(List.of("count", "is_x", "phase"),
                List.of(json.at("/variables/0/name").asText(), json.at("/variables/1/name").asText(),
                        json.at("/variables/2/name").asText()));
        assertEquals(task.variableDescriptions().get("is_x"), json.at("/variables/1/description").asText());
        assertEquals(3, json.get("variables").size());
    }
}
