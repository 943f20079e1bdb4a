package lstmexplorer.io;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import lstmexplorer.io.AtomicFiles;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.ModelFormatException;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.model.Parameter;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainedModel;
import org.ejml.data.DMatrixRMaj;

/**
 * Training snapshots stored in a model file as one optional extra field, {@value #FIELD}, next to the
 * fields {@link ModelFile} writes and reads, which stay as they are: {@link ModelFile#read} ignores the
 * field, so a file with snapshots is still an ordinary model file. The field is a list, oldest first, of
 * <pre>{"step": 40, "sequences": 1280, "loss": 0.61, "testAccuracy": 0.2, "weights": {"layers.0.W_x": [[...]], ...}}</pre>
 * with weights named and laid out as in the model's own {@code weights}.
 */
public final class SnapshotFile {
    public static final String FIELD = "snapshots";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotFile() {}

    /** The model file's JSON, as {@link ModelFile#toJson} writes it, plus the snapshots. */
    public static String toJson(TrainedModel model, List<Snapshot> snapshots) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(ModelFile.toJson(model));
            ArrayNode list = root.putArray(FIELD);
            for (Snapshot s : snapshots) {
                if (!s.network().config().equals(model.network().config()))
                    throw new IllegalArgumentException("snapshot at step " + s.step() + " has another network shape than the model");
                ObjectNode node = list.addObject();
                node.put("step", s.step());
                node.put("sequences", s.sequences());
                node.put("loss", s.loss());
                node.put("testAccuracy", s.testAccuracy());
                ObjectNode weights = node.putObject("weights");
                for (Parameter p : s.network().parameters()) weights.set(p.name(), matrix(p.value()));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes model and snapshots so that the file is always either the old or the new version. */
    public static void save(TrainedModel model, List<Snapshot> snapshots, Path file) throws IOException {
        AtomicFiles.write(file, toJson(model, snapshots).getBytes(StandardCharsets.UTF_8));
    }

    /** The snapshots of a model file; empty when it has none. */
    public static List<Snapshot> load(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * The snapshots in a model file's JSON; empty when it has none.
     *
     * @throws ModelFormatException when the model or a snapshot cannot be read
     */
    public static List<Snapshot> read(String json) {
        NetworkConfig config = ModelFile.read(json).network().config();
        JsonNode list;
        try {
            list = JSON.readTree(json).get(FIELD);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray()) throw new ModelFormatException("\"" + FIELD + "\" must be a list");
        List<Snapshot> snapshots = new ArrayList<>();
        for (JsonNode node : list) {
            String where = FIELD + "[" + snapshots.size() + "]";
            Network network = new Network(config);
            JsonNode weights = node.path("weights");
            for (Parameter p : network.parameters()) fill(p.value(), weights.get(p.name()), where + "." + p.name());
            snapshots.add(new Snapshot(node.path("step").asInt(), node.path("sequences").asLong(), node.path("loss").asDouble(),
                    node.path("testAccuracy").asDouble(), network));
        }
        return List.copyOf(snapshots);
    }

    private static ArrayNode matrix(DMatrixRMaj m) {
        ArrayNode rows = JSON.createArrayNode();
        for (int r = 0; r < m.numRows; r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < m.numCols; c++) row.add(m.get(r, c));
        }
        return rows;
    }

    private static void fill(DMatrixRMaj m, JsonNode rows, String name) {
        if (rows == null || !rows.isArray() || rows.size() != m.numRows)
            throw new ModelFormatException(name + ": expected " + m.numRows + " rows of " + m.numCols);
        for (int r = 0; r < m.numRows; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != m.numCols)
                throw new ModelFormatException(name + ": expected " + m.numRows + " rows of " + m.numCols);
            for (int c = 0; c < m.numCols; c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber() || !Double.isFinite(v.asDouble()))
                    throw new ModelFormatException(name + ": every entry must be a finite number; got " + v);
                m.set(r, c, v.asDouble());
            }
        }
    }
}
