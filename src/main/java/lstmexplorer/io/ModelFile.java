package lstmexplorer.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * state_dict exported as JSON (see {@link PyTorchStateDict}).
 */
public final class ModelFile {
    public static final String FORMAT = "lstm-explorer/model";
    public static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelFile() {}

    public static String toJson(TrainedModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("task", model.task());
        ArrayNode vocab = root.putArray("vocab");
        for (char ch : model.vocabulary().chars()) vocab.add(String.valueOf(ch));
        NetworkConfig config = model.network().config();
        ObjectNode net = root.putObject("config");
        net.put("cell", config.cell());
        net.put("hidden", config.hidden());
        net.put("layers", config.layers());
        ObjectNode weights = root.putObject("weights");
        for (Parameter p : model.network().parameters()) weights.set(p.name(), matrixToJson(p.value()));
        root.set("training", JSON.valueToTree(model.summary()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the model so that the file is always either the old or the new version. */
    public static void save(TrainedModel model, Path file) throws IOException {
        AtomicFiles.write(file, toJson(model).getBytes(StandardCharsets.UTF_8));
    }

    public static TrainedModel load(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses our own format or a PyTorch state_dict export. */
    public static TrainedModel read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ModelFormatException("a model file is a JSON object");
        if (root.has("state_dict")) return PyTorchStateDict.read(root);
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
        Network network = new Network(config);
        JsonNode weights = root.path("weights");
        for (Parameter p : network.parameters()) {
            JsonNode m = weights.get(p.name());
            if (m == null) throw new ModelFormatException("missing weight " + p.name());
            fill(p.value(), m, p.name());
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

    static Vocabulary readVocabulary(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) throw new ModelFormatException("\"vocab\" must be a non-empty list of single characters");
        List<Character> chars = new ArrayList<>();
        for (JsonNode c : node) {
            if (!c.isTextual() || c.asText().length() != 1)
                throw new ModelFormatException("\"vocab\" entries must be single characters; got " + c);
            chars.add(c.asText().charAt(0));
        }
        try {
            return new Vocabulary(chars);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage());
        }
    }

    static ArrayNode matrixToJson(DMatrixRMaj m) {
        ArrayNode rows = JSON.createArrayNode();
        for (int r = 0; r < m.numRows; r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < m.numCols; c++) row.add(m.unsafe_get(r, c));
        }
        return rows;
    }

    /** Copies a [rows][cols] nested list into m, checking shape and that every entry is a finite number. */
    static void fill(DMatrixRMaj m, JsonNode rows, String name) {
        if (!rows.isArray() || rows.size() != m.numRows)
            throw new ModelFormatException(name + ": expected " + m.numRows + " rows of " + m.numCols + ", got " + describeShape(rows));
        for (int r = 0; r < m.numRows; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != m.numCols)
                throw new ModelFormatException(name + ": expected " + m.numRows + " rows of " + m.numCols + ", got " + describeShape(rows));
            for (int c = 0; c < m.numCols; c++) m.unsafe_set(r, c, number(row.get(c), name));
        }
    }

    static double number(JsonNode v, String name) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new ModelFormatException(name + ": every entry must be a finite number; got " + v);
        return v.asDouble();
    }

    static String describeShape(JsonNode n) {
        if (!n.isArray()) return "a " + n.getNodeType().name().toLowerCase();
        if (n.isEmpty() || !n.get(0).isArray()) return "a list of " + n.size();
        return n.size() + " rows of " + n.get(0).size();
    }
}
