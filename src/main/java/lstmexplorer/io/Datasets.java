package lstmexplorer.io;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;

/**
 * The fixed train, test and generalization sets of each task.
 *
 * <p>Each split is drawn from its own {@code new Random(seed)} with a fixed seed and size, so
 * regenerating gives byte-identical files and every run trains and scores on the same sequences.
 * The files live under {@code datasets/<task>/} in the repository and are packaged into the jar,
 * where {@link #read(Task, Split)} finds them.
 *
 * <p>A split file holds one sequence per line. Every sequence ends in its newline, so the file is
 * just the sequences concatenated, and each sequence read back includes its newline.
 */
public final class Datasets {
    public static final String TASK_FILE = "task.json";

    /** Resource folder of the packaged datasets; the pom maps the repository's datasets/ onto it. */
    private static final String RESOURCE_ROOT = "/datasets/";

    private static final ObjectWriter JSON = new ObjectMapper().writer(
            // Explicit "\n" rather than the platform line separator, so task.json is the same everywhere.
            new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    public enum Split {
        /** Sequences the model is trained on, sizes from the training range. */
        TRAIN("train.txt", 2000, 1),
        /** Held-out sequences from the training range. */
        TEST("test.txt", 200, 2),
        /** Sequences from the generalization range, just past the training range. */
        GENERALIZATION("generalization.txt", 200, 3);

        private final String fileName;
        private final int size;
        private final long seed;

        Split(String fileName, int size, long seed) {
            this.fileName = fileName;
            this.size = size;
            this.seed = seed;
        }

        public String fileName() { return fileName; }

        /** Number of sequences in the split. */
        public int size() { return size; }

        /** Seed of the {@link Random} the split is drawn from. */
        public long seed() { return seed; }

        /** The range the split draws its sizes from. */
        public SizeRange range(Task task) {
            return this == GENERALIZATION ? task.generalizationRange() : task.trainRange();
        }

        /** Lower-case name as used in task.json, e.g. {@code train}. */
        public String id() { return name().toLowerCase(Locale.ROOT); }
    }

    private Datasets() {}

    /** The sequences of a split, freshly generated; the same on every call. */
    public static List<String> generate(Task task, Split split) {
        Random random = new Random(split.seed());
        List<String> sequences = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++)
            sequences.add(split == Split.GENERALIZATION ? task.generateGeneralization(random) : task.generate(random));
        return sequences;
    }

    /** Writes the three split files and task.json to {@code root/<task name>/}, replacing what is there. */
    public static void write(Task task, Path root) throws IOException {
        Path dir = root.resolve(task.name());
        Files.createDirectories(dir);
        for (Split split : Split.values())
            Files.writeString(dir.resolve(split.fileName()), String.join("", generate(task, split)), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TASK_FILE), JSON.writeValueAsString(describe(task)) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * A split as packaged on the classpath. A missing resource means a broken build rather than a
     * condition to handle, so it is an unchecked exception.
     *
     * @throws IllegalArgumentException naming file and line if a line is not a valid sequence
     */
    public static List<String> read(Task task, Split split) {
        String resource = RESOURCE_ROOT + task.name() + "/" + split.fileName();
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("dataset " + resource + " is not on the classpath");
            return parse(task, new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read dataset " + resource, e);
        }
    }

    /**
     * A split from {@code root/<task name>/}, as written by {@link #write}.
     *
     * @throws IllegalArgumentException naming file and line if a line is not a valid sequence
     */
    public static List<String> read(Task task, Split split, Path root) throws IOException {
        Path file = root.resolve(task.name()).resolve(split.fileName());
        return parse(task, Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    private static List<String> parse(Task task, String text, String source) {
        List<String> sequences = new ArrayList<>();
        int start = 0;
        for (int line = 1; start < text.length(); line++) {
            int newline = text.indexOf(Vocabulary.END, start);
            int end = newline < 0 ? text.length() : newline + 1;
            String sequence = text.substring(start, end);
            if (!task.isValid(sequence))
                throw new IllegalArgumentException(source + " line " + line + ": not a valid " + task.name()
                        + " sequence: " + sequence.replace("\n", "\\n").replace("\r", "\\r"));
            sequences.add(sequence);
            start = end;
        }
        return sequences;
    }

    /** The contents of task.json: everything a reader of the split files needs to know. */
    private static ObjectNode describe(Task task) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", task.name());
        json.put("description", task.description());
        json.put("sizeName", task.sizeName());
        ArrayNode vocabulary = json.putArray("vocabulary");
        for (char ch : task.vocabulary().chars()) vocabulary.add(String.valueOf(ch));
        json.put("delimiter", task.delimiters());
        if (task.scoredBySets()) json.put("scoring", "every position: the characters deemed possible must be the legal ones");
        ObjectNode model = json.putObject("defaultModel");
        model.put("layers", task.defaultModel().layers());
        model.put("hidden", task.defaultModel().hidden());
        putRange(json.putObject("trainRange"), task.trainRange());
        putRange(json.putObject("generalizationRange"), task.generalizationRange());
        ArrayNode splits = json.putArray("splits");
        for (Split split : Split.values()) {
            ObjectNode node = splits.addObject();
            node.put("name", split.id());
            node.put("file", split.fileName());
            node.put("size", split.size());
            node.put("seed", split.seed());
            putRange(node.putObject("range"), split.range(task));
        }
        ArrayNode variables = json.putArray("variables");
        for (Map.Entry<String, String> variable : task.variableDescriptions().entrySet())
            variables.addObject().put("name", variable.getKey()).put("description", variable.getValue());
        return json;
    }

    private static void putRange(ObjectNode node, SizeRange range) {
        node.put("min", range.min());
        node.put("max", range.max());
    }
}
