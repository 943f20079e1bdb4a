package lstmexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        err.reset();
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() { return out.toString(StandardCharsets.UTF_8); }
    String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void trainOnADataFile() throws Exception {
        Path text = dir.resolve("code.txt"), model = dir.resolve("code.json");
        Files.writeString(text, "int f(int x) {\n    return x + 1;\n}\n".repeat(60));
        assertEquals(0, run("train", "--data-file", text.toString(), "--kind", "text", "--window", "40", "--hidden", "8",
                "--steps", "30", "--threads", "1", "--out", model.toString()));
        assertTrue(out().contains("bits per character"), out());
        JsonNode saved = new ObjectMapper().readTree(model.toFile());
        assertTrue(saved.get("task").isNull(), "a dataset model names no task");
        assertEquals(40, saved.get("training").get("config").get("window").asInt());
        assertTrue(saved.get("training").get("bitsPerCharacter").asDouble() > 0);

        Files.writeString(text, "too short");
        assertEquals(2, run("train", "--data-file", text.toString(), "--kind", "text", "--out", model.toString()));
        assertTrue(err().contains("at least 1000 characters"), err());
        assertEquals(2, run("train", "--data-file", text.toString(), "--kind", "poem", "--out", model.toString()));
        assertTrue(err().contains("kind must be text or lines"), err());
    }

    @Test
    void trainThenTrace() throws Exception {
        Path model = dir.resolve("counter.json");
        assertEquals(0, run("train", "--task", "counter", "--seed", "2", "--out", model.toString()));
        assertTrue(out().contains("test accuracy 100.0%"), out());
        assertTrue(out().contains("step"), out());
        assertTrue(Files.exists(model));

        assertEquals(0, run("trace", "--model", model.toString(), "--input", "\\naaaXbbb"));
        JsonNode trace = new ObjectMapper().readTree(out());
        assertEquals("\naaaXbbb", trace.get("input").asText());
        JsonNode layer = trace.get("layers").get(0);
        assertEquals("lstm", layer.get("cell").asText());
        for (String v : new String[] {"input_gate", "forget_gate", "output_gate", "candidate", "cell", "hidden"}) {
            assertEquals(8, layer.get("vectors").get(v).size(), v);
            assertEquals(10, layer.get("vectors").get(v).get(0).size(), v);
        }
        JsonNode p = trace.get("probabilities");
        assertEquals(8, p.size());
        // after reading ⏎aaaXbbb the learned counter predicts the newline
        assertEquals(0, argmax(p.get(7)));
    }

    @Test
    void characterOutsideTheVocabularyIsAClearError() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, run("train", "--task", "counter", "--steps", "3", "--out", model.toString()));
        assertEquals(1, run("trace", "--model", model.toString(), "--input", "aaZ"));
        assertTrue(err().contains("'Z'") && err().contains("[\\n, 'X', 'a', 'b']"), err());
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertEquals(2, run("train", "--task", "nope", "--out", "x.json"));
        assertTrue(err().contains("unknown task 'nope'"), err());
        assertEquals(2, run("train", "--task", "counter", "--out", "x.json", "--hidden", "0"));
        assertTrue(err().contains("--hidden must be between 1 and 64"), err());
        assertEquals(2, run("train", "--task", "counter", "--out", "x.json", "--layers", "4"));
        assertTrue(err().contains("--layers must be between 1 and 3"), "the server's limits, so what it trains it can import: " + err());
        assertEquals(2, run("train", "--task", "counter", "--out", "x.json", "--lr", "0"));
        assertTrue(err().contains("--lr must be in (0, 1]"), err());
        assertEquals(2, run("train", "--task", "counter"));
        assertTrue(err().contains("--out is required"), err());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("serve", "--port", "seventy"), "the server's options are a usage mistake too, before anything starts");
        assertTrue(err().contains("--port must be a port number"), err());
        assertEquals(2, run("trace", "--model", dir.resolve("missing.json").toString(), "--input", "a"));
    }

    @Test
    void datasetsCommandRegeneratesTheCommittedFilesByteForByte() throws Exception {
        assertEquals(0, run("datasets", "--out", dir.toString()));
        for (String task : new String[] {"counter", "selective_counter", "state_memorizer", "copy_machine"})
            for (String f : new String[] {"train.txt", "test.txt", "generalization.txt", "task.json"})
                assertEquals(Files.readString(Path.of("datasets", task, f)), Files.readString(dir.resolve(task).resolve(f)), task + "/" + f);
    }

    @Test
    void benchPrintsOneJsonLinePerTask() throws Exception {
        assertEquals(0, run("bench", "--tasks", "counter", "--json", "--threads", "1"));
        String[] lines = out().strip().split("\n");
        assertEquals(1, lines.length);
        JsonNode row = new ObjectMapper().readTree(lines[0]);
        for (String field : new String[] {"task", "cell", "parameters", "timesteps_per_second", "sequences_to_learn", "seconds_to_learn",
                "test_accuracy", "generalization_accuracy", "trace_100_ms"})
            assertTrue(row.has(field), field);
        assertEquals("counter", row.get("task").asText());
        assertEquals(4 * 10 * (4 + 10 + 1) + 10 * 4 + 4, row.get("parameters").asInt());
        assertTrue(row.get("timesteps_per_second").asDouble() > 0);
        assertEquals(1.0, row.get("test_accuracy").asDouble());
    }

    private static int argmax(JsonNode values) {
        int best = 0;
        for (int k = 1; k < values.size(); k++) if (values.get(k).asDouble() > values.get(best).asDouble()) best = k;
        return best;
    }
}
