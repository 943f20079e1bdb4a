package lstmexplorer.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import lstmexplorer.io.AtomicFiles;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.ModelFormatException;
import lstmexplorer.io.SnapshotFile;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;

/**
 * The models on disk and in memory. Each model is {@code <dir>/<id>.json}, written with
 * {@link ModelFile#save} (atomic), next to a small {@code <id>.meta.json} with what the model file
 * does not say (status, creation time, name, requested settings); a model still training or one
 * whose run failed has only the meta file. A model file dropped into the directory without meta is
 * picked up too.
 *
 * <p>Ids are checked against {@code [a-z0-9_-]{1,64}} and the resolved path must stay inside the
 * directory before any file is touched. At {@link #load} a file that cannot be parsed is moved to
 * {@code <dir>/broken/} and reported; the others still load.
 *
 * <p>Reads are lock-free; writes are serialised and go to disk before the in-memory entry changes.
 */
public final class ModelStore {
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final String MODEL_SUFFIX = ".json", META_SUFFIX = ".meta.json";

    /** What {@link #load} found. */
    public record LoadReport(List<String> loaded, List<String> movedAside, List<String> notes) {}

    /** The meta file. */
    record Meta(String id, String task, String cell, int hidden, int layers, List<String> vocab, ModelStatus status,
                String createdAt, String error, String name, String source, TrainingConfig config) {}

    private final Path dir;
    private final ObjectMapper json;
    private final ObjectReader metaReader;
    private final Map<String, ModelRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong revisions = new AtomicLong();
    private final Object writeLock = new Object();

    public ModelStore(Path dir, ObjectMapper json) {
        this.dir = dir.toAbsolutePath().normalize();
        this.json = json;
        this.metaReader = json.readerFor(Meta.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Path dir() { return dir; }

    public static boolean validId(String id) { return id != null && ID.matcher(id).matches(); }

    /** The model file of an id, after checking the id and that the path stays inside the directory. */
    Path modelFile(String id) { return inside(id, MODEL_SUFFIX); }

    Path metaFile(String id) { return inside(id, META_SUFFIX); }

    private Path inside(String id, String suffix) {
        if (!validId(id)) throw ServiceException.badParameter("id", "a model id is 1 to 64 of a-z, 0-9, '_' and '-'");
        Path file = dir.resolve(id + suffix).normalize();
        if (!file.getParent().equals(dir)) throw ServiceException.badParameter("id", "bad model id");
        return file;
    }

    /** A fresh revision number for new weights. */
    long nextRevision() { return revisions.incrementAndGet(); }

    /** Reads the directory; call once before serving. */
    public LoadReport load() throws IOException {
        Files.createDirectories(dir);
        List<String> loaded = new ArrayList<>(), movedAside = new ArrayList<>(), notes = new ArrayList<>();
        Map<String, Path> modelFiles = new TreeMap<>(), metaFiles = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) continue;
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file); // an interrupted atomic write; the real file is intact
                    notes.add("deleted leftover temporary file " + name);
                } else if (name.endsWith(META_SUFFIX)) {
                    String id = name.substring(0, name.length() - META_SUFFIX.length());
                    if (validId(id)) metaFiles.put(id, file); else notes.add("ignored " + name + ": not a valid model id");
                } else if (name.endsWith(MODEL_SUFFIX)) {
                    String id = name.substring(0, name.length() - MODEL_SUFFIX.length());
                    if (validId(id)) modelFiles.put(id, file); else notes.add("ignored " + name + ": not a valid model id");
                }
            }
        }
        TreeSet<String> ids = new TreeSet<>(modelFiles.keySet());
        ids.addAll(metaFiles.keySet());
        for (String id : ids) {
            Path modelPath = modelFiles.get(id), metaPath = metaFiles.get(id);
            TrainedModel model = null;
            if (modelPath != null) {
                try {
                    model = ModelFile.load(modelPath, Limits.IMPORT.bounds());
                } catch (IOException | RuntimeException e) {
                    movedAside.add(moveAside(modelPath) + " (" + reason(e) + ")");
                    if (metaPath != null) moveAside(metaPath);
                    continue;
                }
            }
            Meta meta = null;
            if (metaPath != null) {
                try {
                    meta = metaReader.readValue(metaPath.toFile());
                    if (meta == null || meta.status() == null) throw new IOException("no status");
                } catch (IOException | RuntimeException e) {
                    movedAside.add(moveAside(metaPath) + " (" + reason(e) + ")");
                    meta = null;
                }
            }
            if (model == null && meta == null) continue;
            if (model == null && meta.status() == ModelStatus.READY) {
                movedAside.add(moveAside(metaPath) + " (its model file " + id + MODEL_SUFFIX + " is missing)");
                continue;
            }
            ModelRecord record = combine(id, model, meta, modelPath);
            if (meta != null && meta.status() == ModelStatus.TRAINING && record.status() == ModelStatus.INTERRUPTED)
                writeMeta(record); // remember it, so the next start says the same
            records.put(id, record);
            loaded.add(id);
        }
        return new LoadReport(loaded, movedAside, notes);
    }

    private ModelRecord combine(String id, TrainedModel model, Meta meta, Path modelPath) throws IOException {
        ModelStatus status;
        String error = meta == null ? null : meta.error();
        if (meta == null) status = ModelStatus.READY;
        else if (meta.status() != ModelStatus.TRAINING) status = meta.status();
        else if (model != null) status = ModelStatus.READY; // saved, then stopped before the meta caught up
        else {
            status = ModelStatus.INTERRUPTED;
            error = "the server stopped before training finished";
        }
        Instant created = null;
        if (meta != null && meta.createdAt() != null) {
            try { created = Instant.parse(meta.createdAt()); } catch (RuntimeException ignored) { }
        }
        if (created == null) created = modelPath != null ? Files.getLastModifiedTime(modelPath).toInstant() : Instant.now();
        String task = model != null ? model.task() : meta.task();
        String cell, source = meta != null && meta.source() != null ? meta.source() : "file";
        int hidden, layers;
        List<String> vocab;
        if (model != null) {
            NetworkConfig c = model.network().config();
            cell = c.cell();
            hidden = c.hidden();
            layers = c.layers();
            vocab = model.vocabulary().chars().stream().map(String::valueOf).toList();
        } else {
            cell = meta.cell();
            hidden = meta.hidden();
            layers = meta.layers();
            vocab = meta.vocab() == null ? List.of() : meta.vocab();
        }
        return new ModelRecord(id, task, cell, hidden, layers, parameterCount(cell, vocab.size(), hidden, layers),
                vocab, isGalleryId(id, task), status, created, null, error, meta == null ? null : meta.name(), source,
                meta == null ? null : meta.config(), model, model == null ? 0 : nextRevision());
    }

    /** Gallery models are named after their task, or after their corpus (the code model). */
    static boolean isGalleryId(String id, String task) {
        return id.equals(task) && (Tasks.byName(id).isPresent() || id.equals(GalleryService.CODE));
    }

    static int parameterCount(String cell, int vocab, int hidden, int layers) {
        try {
            return new Network(new NetworkConfig(cell, Math.max(1, vocab), hidden, layers)).parameterCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private String moveAside(Path file) throws IOException {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Path target = broken.resolve(file.getFileName().toString());
        if (Files.exists(target)) target = broken.resolve(file.getFileName().toString() + "." + System.currentTimeMillis());
        Files.move(file, target);
        return dir.relativize(target).toString();
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
    }

    public List<ModelRecord> all() { return List.copyOf(records.values()); }

    public int size() { return records.size(); }

    /** The model, or empty for an unknown or malformed id. */
    public Optional<ModelRecord> find(String id) {
        return validId(id) ? Optional.ofNullable(records.get(id)) : Optional.empty();
    }

    public ModelRecord require(String id) {
        return find(id).orElseThrow(() -> ServiceException.notFound("model", id));
    }

    /** Adds a new model: the model file first (if it has weights), then its meta. */
    public ModelRecord add(ModelRecord record) throws IOException {
        synchronized (writeLock) {
            if (records.containsKey(record.id())) throw ServiceException.conflict("a model '" + record.id() + "' already exists");
            if (record.model() != null) {
                record = record.withModel(record.model(), nextRevision());
                ModelFile.save(record.model(), modelFile(record.id()));
            }
            writeMeta(record);
            records.put(record.id(), record);
            return record;
        }
    }

    /** Changes a model; new weights are saved before the meta that points at them. Empty when the model is gone. */
    public Optional<ModelRecord> update(String id, UnaryOperator<ModelRecord> change) throws IOException {
        synchronized (writeLock) {
            ModelRecord old = records.get(id);
            if (old == null) return Optional.empty();
            ModelRecord updated = change.apply(old);
            if (updated.model() != null && updated.model() != old.model()) {
                updated = updated.withModel(updated.model(), nextRevision());
                ModelFile.save(updated.model(), modelFile(id));
            }
            writeMeta(updated);
            records.put(id, updated);
            return Optional.of(updated);
        }
    }

    /**
     * Rewrites a model's file with its training snapshots added ({@link SnapshotFile}: still an ordinary
     * model file, with the same weights, so the revision stays). Nothing happens when the model is gone,
     * has no weights, or there are no snapshots.
     */
    public void saveSnapshots(String id, List<Snapshot> snapshots) throws IOException {
        if (snapshots.isEmpty()) return;
        synchronized (writeLock) {
            ModelRecord r = records.get(id);
            if (r == null || r.model() == null) return;
            SnapshotFile.save(r.model(), snapshots, modelFile(id));
        }
    }

    /** The training snapshots kept in a model's file; empty when it has none or they cannot be read. */
    public List<Snapshot> snapshots(String id) {
        Path file = modelFile(id);
        try {
            return Files.exists(file) ? SnapshotFile.load(file) : List.of();
        } catch (IOException | ModelFormatException e) {
            return List.of();
        }
    }

    /** Deletes the model's files and entry. */
    public boolean remove(String id) throws IOException {
        synchronized (writeLock) {
            if (records.remove(id) == null) return false;
            Files.deleteIfExists(modelFile(id));
            Files.deleteIfExists(metaFile(id));
            return true;
        }
    }

    private void writeMeta(ModelRecord r) throws IOException {
        Meta meta = new Meta(r.id(), r.task(), r.cell(), r.hidden(), r.layers(), r.vocab(), r.status(), r.createdAt().toString(),
                r.error(), r.name(), r.source(), r.config());
        AtomicFiles.write(metaFile(r.id()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
    }
}
