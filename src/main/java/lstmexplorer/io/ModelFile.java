package lstmexplorer.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.model.Parameter;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingSummary;
import org.ejml.data.DMatrixRMaj;

/**
 * A model as one JSON file: format tag, task, vocabulary, network shape, every weight as a nested
 * list (rows of our matrices) and the training summary. {@link #read} also accepts a PyTorch
 * state_dict exported as JSON (see {@link PyTorchStateDict}). Both directions stream: weights go to
 * and come from the JSON number by number.
 */
public final class ModelFile {
    public static final String FORMAT = "lstm-explorer/model";
    public static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelFile() {}

    public static String toJson(TrainedModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the model file to {@code out}, number by number (a 1,024-unit model never exists as one string). */
    public static void write(TrainedModel model, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter())) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeStringField("task", model.task());
            writeVocabulary(g, model.vocabulary());
            NetworkConfig config = model.network().config();
            g.writeObjectFieldStart("config");
            g.writeStringField("cell", config.cell());
            g.writeNumberField("hidden", config.hidden());
            g.writeNumberField("layers", config.layers());
            g.writeEndObject();
            g.writeObjectFieldStart("weights");
            for (Parameter p : model.network().parameters()) {
                g.writeFieldName(p.name());
                writeMatrix(g, p.value());
            }
            g.writeEndObject();
            g.writeFieldName("training");
            JSON.writeValue(g, model.summary());
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** Writes the model so that the file is always either the old or the new version. */
    public static void save(TrainedModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    public static TrainedModel load(Path file) throws IOException {
        return load(file, ShapeBounds.NONE);
    }

    public static TrainedModel load(Path file, ShapeBounds bounds) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, bounds);
        }
    }

    /** Parses our own format or a PyTorch state_dict export. */
    public static TrainedModel read(String json) {
        try {
            return read(JSON.getFactory().createParser(json), ShapeBounds.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses our own format or a PyTorch state_dict export from a stream, refusing networks outside
     * {@code bounds} before their weights are allocated. The weights are read number by number into
     * arrays (see {@link Tensor}); only the small fields become a JSON tree.
     */
    public static TrainedModel read(InputStream in, ShapeBounds bounds) throws IOException {
        return read(JSON.getFactory().createParser(in), bounds);
    }

    /** A model upload: the model, and the id of the dataset it says it reads (null: none). */
    public record Upload(TrainedModel model, String dataset) {}

    /**
     * Parses an upload as {@link #read(InputStream, ShapeBounds)} does, and hands back its optional
     * {@code "dataset"} field with it: a file that names a dataset is held to {@code datasetBounds},
     * one that names none to {@code bounds}.
     */
    public static Upload readUpload(InputStream in, ShapeBounds bounds, ShapeBounds datasetBounds) throws IOException {
        Parsed parsed = parse(JSON.getFactory().createParser(in));
        JsonNode field = parsed.root().get("dataset");
        if (field == null || field.isNull()) return new Upload(parsed.model(bounds), null);
        if (!field.isTextual()) throw new ModelFormatException("\"dataset\" must be a dataset id (a string)", "dataset");
        return new Upload(parsed.model(datasetBounds), field.asText());
    }

    private static TrainedModel read(JsonParser p, ShapeBounds bounds) throws IOException {
        return parse(p).model(bounds);
    }

    /** A file read through: its small fields as a tree, and its tensors under {@code tensorField}. */
    private record Parsed(ObjectNode root, Map<String, Tensor> tensors, String tensorField) {
        TrainedModel model(ShapeBounds bounds) { return ModelFile.model(root, tensors, tensorField, bounds); }
    }

    private static Parsed parse(JsonParser p) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        Map<String, Tensor> tensors = null;
        String tensorField = null;
        try (p) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new ModelFormatException("a model file is a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("weights") || field.equals("state_dict")) {
                    if (tensors != null) throw new ModelFormatException("a model file has either \"weights\" or \"state_dict\", once");
                    tensors = readTensors(p, field);
                    tensorField = field;
                } else if (SMALL_FIELDS.contains(field)) {
                    root.set(field, SmallTree.read(p, field));
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        return new Parsed(root, tensors, tensorField);
    }

    private static TrainedModel model(ObjectNode root, Map<String, Tensor> tensors, String tensorField, ShapeBounds bounds) {
        if ("state_dict".equals(tensorField)) return PyTorchStateDict.read(root, tensors, bounds);
        if (!FORMAT.equals(root.path("format").asText()))
            throw new ModelFormatException("unknown model format: expected \"format\": \"" + FORMAT + "\" or a PyTorch export with \"vocab\" and \"state_dict\"");
        if (root.path("version").asInt() != VERSION)
            throw new ModelFormatException("unsupported model file version " + root.path("version") + "; this build reads version " + VERSION);

        Vocabulary vocab = readVocabulary(root.path("vocab"));
        JsonNode cfg = root.path("config");
        NetworkConfig config;
        try {
            config = new NetworkConfig(cfg.path("cell").asText("lstm"), vocab.size(), cfg.path("hidden").asInt(), cfg.path("layers").asInt());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("bad config: " + e.getMessage());
        }
        bounds.check(config.hidden(), config.layers(), vocab.size());
        if (tensors == null) throw new ModelFormatException("missing \"weights\"");
        Network network = new Network(config);
        for (Parameter param : network.parameters()) {
            Tensor m = tensors.get(param.name());
            if (m == null) throw new ModelFormatException("missing weight " + param.name(), param.name());
            fill(param.value(), m, param.name());
        }
        TrainingSummary summary = null;
        JsonNode training = root.get("training");
        if (training != null && !training.isNull()) {
            try {
                summary = JSON.treeToValue(training, TrainingSummary.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ModelFormatException("bad training summary: " + e.getMessage());
            }
        }
        String task = root.hasNonNull("task") ? root.get("task").asText() : null;
        return new TrainedModel(task, vocab, network, summary);
    }

    /** The fields besides the weights that a model file or an export may have; all small. */
    private static final Set<String> SMALL_FIELDS = Set.of("format", "version", "task", "dataset", "vocab", "cell", "config", "training");

    private static Map<String, Tensor> readTensors(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT)
            throw new ModelFormatException("\"" + field + "\" must be an object of tensors", field);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (tensors.put(name, Tensor.read(p, name)) != null) throw new ModelFormatException(name + " appears twice", name);
        }
        if (tensors.isEmpty() && field.equals("state_dict")) throw new ModelFormatException("\"state_dict\" must be an object of tensors", field);
        return tensors;
    }

    static Vocabulary readVocabulary(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) throw new ModelFormatException("\"vocab\" must be a non-empty list of single characters", "vocab");
        List<Character> chars = new ArrayList<>();
        Map<Character, Integer> seen = new HashMap<>();
        for (JsonNode c : node) {
            if (!c.isTextual() || c.asText().length() != 1)
                throw new ModelFormatException("\"vocab\" entries must be single characters; entry " + chars.size() + " is " + c, "vocab");
            Integer earlier = seen.putIfAbsent(c.asText().charAt(0), chars.size());
            if (earlier != null)
                throw new ModelFormatException("\"vocab\" lists " + c + " twice (entries " + earlier + " and " + chars.size()
                        + "); each character must appear once", "vocab");
            chars.add(c.asText().charAt(0));
        }
        return new Vocabulary(chars);
    }

    static void writeVocabulary(JsonGenerator g, Vocabulary vocab) throws IOException {
        g.writeArrayFieldStart("vocab");
        for (char ch : vocab.chars()) g.writeString(String.valueOf(ch));
        g.writeEndArray();
    }

    /** A matrix as a list of rows. */
    static void writeMatrix(JsonGenerator g, DMatrixRMaj m) throws IOException {
        g.writeStartArray();
        for (int r = 0; r < m.numRows; r++) {
            g.writeStartArray();
            for (int c = 0; c < m.numCols; c++) g.writeNumber(m.unsafe_get(r, c));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** Copies a [rows][cols] tensor into m after checking its shape. */
    static void fill(DMatrixRMaj m, Tensor t, String name) {
        if (t.dimensions() != 2 || t.rows() != m.numRows || t.columns() != m.numCols)
            throw new ModelFormatException(name + ": expected " + m.numRows + " rows of " + m.numCols + ", got " + t.describe(), name);
        System.arraycopy(t.data(), 0, m.data, 0, t.data().length);
    }
}
