package lstmexplorer.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import lstmexplorer.io.AtomicFiles;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.task.annotate.Annotators;

/**
 * The users' datasets on disk: {@code <dir>/<id>.txt} holds the text (UTF-8, line ends normalised),
 * {@code <dir>/<id>.json} what is known about it, {@code <dir>/<id>.labels.json} its label tracks.
 * Every file is written atomically, the text before the description, so a dataset exists exactly
 * when its description does: a text left without one by a crash is removed at {@link #load}.
 *
 * <p>Every check runs before anything is written, so a refused upload leaves the directory as it
 * was. The texts stay on disk; the few in use are kept in memory.
 */
public final class DatasetStore {
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final String TEXT = ".txt", META = ".json", LABELS = ".labels.json";
    private static final int CACHED_CORPORA = 4;

    /** What the API shows of a dataset. {@code splits} counts characters of a text and lines of a lines dataset. */
    public record DatasetInfo(String id, String name, String kind, int characters, int sequences, List<String> vocab,
                              Map<String, Integer> splits, String splitUnit, List<String> labels, String createdAt,
                              boolean gallery) {}

    /** A page of a split: windows of a text, lines (with their newline) of a lines dataset. */
    public record Samples(String dataset, String split, int total, int offset, List<String> sequences) {}

    private final Path dir;
    private final ObjectMapper json;
    private final Map<String, DatasetInfo> infos = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Corpus> corpora = new LinkedHashMap<>(8, 0.75f, true);
    private final Map<String, Corpus> builtIn = new LinkedHashMap<>();
    private final Object writeLock = new Object();
    /** How many times each dataset's label tracks changed since the start: results read from its variables are keyed on it. */
    private final Map<String, Long> labelRevisions = new ConcurrentHashMap<>();

    public DatasetStore(Path dir, ObjectMapper json) {
        this.dir = dir.toAbsolutePath().normalize();
        this.json = json;
    }

    public Path dir() { return dir; }

    /** Adds a dataset that ships with the server (the gallery's), listed first and never deleted. */
    public void addBuiltIn(Corpus corpus) {
        builtIn.put(corpus.id(), corpus);
        infos.put(corpus.id(), describe(corpus, Instant.EPOCH, true));
    }

    /** Reads the directory; call once before serving. Returns notes on what it cleaned up. */
    public List<String> load() throws IOException {
        Files.createDirectories(dir);
        List<String> notes = new ArrayList<>();
        TreeSet<String> texts = new TreeSet<>(), metas = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                    notes.add("deleted leftover temporary file " + name);
                } else if (name.endsWith(LABELS)) {
                    continue;
                } else if (name.endsWith(META)) {
                    metas.add(name.substring(0, name.length() - META.length()));
                } else if (name.endsWith(TEXT)) {
                    texts.add(name.substring(0, name.length() - TEXT.length()));
                }
            }
        }
        for (String id : texts) {
            if (!ID.matcher(id).matches()) continue;
            if (!metas.contains(id)) { // written, then stopped before its description: never created
                Files.deleteIfExists(file(id, TEXT));
                Files.deleteIfExists(file(id, LABELS));
                notes.add("removed the incomplete dataset " + id);
                continue;
            }
            try {
                DatasetInfo info = json.readValue(file(id, META).toFile(), DatasetInfo.class);
                if (!id.equals(info.id())) throw new IOException("its id is " + info.id());
                infos.put(id, info);
            } catch (IOException | RuntimeException e) {
                notes.add("could not read dataset " + id + ": " + e.getMessage());
            }
        }
        return notes;
    }

    /** Every dataset: the built-in ones first, then newest first. */
    public List<DatasetInfo> list() {
        List<DatasetInfo> all = new ArrayList<>(infos.values());
        all.sort(Comparator.comparing((DatasetInfo d) -> !d.gallery()).thenComparing(DatasetInfo::createdAt, Comparator.reverseOrder())
                .thenComparing(DatasetInfo::id));
        return all;
    }

    public Optional<DatasetInfo> find(String id) { return id == null ? Optional.empty() : Optional.ofNullable(infos.get(id)); }

    public DatasetInfo require(String id) { return find(id).orElseThrow(() -> ServiceException.notFound("dataset", id)); }

    public int userCount() { return (int) infos.values().stream().filter(d -> !d.gallery()).count(); }

    /**
     * Checks and stores an upload.
     *
     * @throws ServiceException 400 for a bad name, kind or text (each named), 422 for too many distinct
     *                          characters, 429 when {@link Limits#MAX_DATASETS} are stored already
     */
    public DatasetInfo create(String name, String kind, byte[] body) {
        if (name == null) throw ServiceException.badParameter("name", "name is required: " + Limits.NAME.min() + " to "
                + Limits.NAME.max() + " printable characters");
        Validator.name(name);
        Corpus.Kind k = kind(kind);
        String text = decode(body);
        check(k, text);
        synchronized (writeLock) {
            if (userCount() >= Limits.MAX_DATASETS)
                throw ServiceException.tooMany("there are " + userCount() + " stored datasets, the most this server keeps ("
                        + Limits.MAX_DATASETS + "); delete some first");
            String id = newId(name);
            Corpus corpus = new Corpus(id, name.strip(), k, text, Map.of());
            DatasetInfo info = describe(corpus, Instant.now(), false);
            try {
                AtomicFiles.write(file(id, TEXT), text.getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(file(id, META), json.writeValueAsBytes(info));
            } catch (IOException e) {
                try { Files.deleteIfExists(file(id, TEXT)); } catch (IOException ignored) { }
                throw new UncheckedIOException("could not write to the data directory", e);
            }
            infos.put(id, info);
            return info;
        }
    }

    /**
     * A file as a dataset of the given kind, checked as an upload is (without the count limit); its id is
     * the name as a slug. For the CLI, which trains on a file without a server.
     */
    public static Corpus read(String name, String kind, byte[] body) {
        Corpus.Kind k = kind(kind);
        String text = decode(body);
        check(k, text);
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return new Corpus(slug.isEmpty() ? "dataset" : slug, name, k, text, Map.of());
    }

    public static Corpus.Kind kind(String kind) {
        if (kind == null) throw ServiceException.badParameter("kind", "kind is required: text or lines");
        for (Corpus.Kind k : Corpus.Kind.values()) if (k.id().equals(kind.toLowerCase(Locale.ROOT))) return k;
        throw ServiceException.badParameter("kind", "kind must be text or lines; got '" + kind + "'");
    }

    /** The body as text: valid UTF-8 without NUL, line ends normalised (see {@link Corpus#normalize}). */
    static String decode(byte[] body) {
        if (body.length > Limits.MAX_DATASET_BYTES)
            throw ServiceException.badRequest("the text is larger than the limit of " + Limits.MAX_DATASET_BYTES + " bytes");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ServiceException.badRequest("the text is not valid UTF-8; save it as UTF-8 and upload it again");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte order mark is not part of the text
        int nul = text.indexOf('\0');
        if (nul >= 0) throw ServiceException.badRequest("the text holds a NUL character (at character " + nul + "): is it a binary file?");
        if (text.isBlank()) throw ServiceException.badRequest("the text is empty or only whitespace");
        return Corpus.normalize(text);
    }

    /** The rules a text must meet for its kind, checked before anything is stored. */
    static void check(Corpus.Kind kind, String text) {
        for (int i = 0; i < text.length(); i++)
            if (Character.isSurrogate(text.charAt(i)))
                throw new ServiceException(ServiceException.Kind.UNPROCESSABLE, "unsupported characters",
                        "the text holds a character outside the Basic Multilingual Plane (such as an emoji) at character " + i
                                + "; each character must be a single UTF-16 unit");
        Vocabulary vocab = Vocabulary.of(text);
        if (vocab.size() > Limits.MAX_DATASET_VOCAB)
            throw new ServiceException(ServiceException.Kind.UNPROCESSABLE, "vocabulary too large",
                    "the text has " + vocab.size() + " distinct characters (with the newline); a model reads at most "
                            + Limits.MAX_DATASET_VOCAB, Map.of("vocab", vocab.size()));
        if (kind == Corpus.Kind.TEXT) {
            if (text.length() < Limits.MIN_TEXT_CHARACTERS)
                throw ServiceException.badRequest("a text needs at least " + Limits.MIN_TEXT_CHARACTERS
                        + " characters to split into train and test; this one has " + text.length());
        } else {
            List<String> lines = new Corpus("x", "x", kind, text, Map.of()).lines();
            if (lines.size() < Limits.MIN_LINES)
                throw ServiceException.badRequest("a lines dataset needs at least " + Limits.MIN_LINES
                        + " lines to split into train and test; this one has " + lines.size());
            for (int i = 0; i < lines.size(); i++)
                if (lines.get(i).length() + 1 > Limits.INPUT.max())
                    throw ServiceException.badRequest("line " + (i + 1) + " has " + lines.get(i).length()
                            + " characters; with its newline a line may have at most " + Limits.INPUT.max());
        }
    }

    /** The dataset with its text and label tracks; read from disk unless it is among the few kept in memory. */
    public Corpus corpus(String id) {
        require(id);
        Corpus known = builtIn.get(id);
        if (known != null) return known;
        synchronized (corpora) {
            Corpus hit = corpora.get(id);
            if (hit != null) return hit;
        }
        Corpus corpus;
        try {
            DatasetInfo info = require(id);
            String text = Files.readString(file(id, TEXT), StandardCharsets.UTF_8);
            Map<String, double[]> labels = Files.exists(file(id, LABELS))
                    ? json.readValue(file(id, LABELS).toFile(), new TypeReference<LinkedHashMap<String, double[]>>() {})
                    : Map.of();
            corpus = new Corpus(id, info.name(), kind(info.kind()), text, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read dataset " + id, e);
        }
        synchronized (corpora) {
            corpora.put(id, corpus);
            while (corpora.size() > CACHED_CORPORA) corpora.remove(corpora.keySet().iterator().next());
        }
        return corpus;
    }

    /**
     * Adds (or replaces) a label track: one finite number per character in the order of the dataset.
     *
     * @throws ServiceException 400 for a bad name, length or value, 403 for a built-in dataset
     */
    public DatasetInfo addLabels(String id, String name, double[] values) {
        DatasetInfo info = require(id);
        if (info.gallery()) throw ServiceException.forbidden("'" + id + "' is a gallery dataset and cannot be changed");
        if (name == null || !LABEL.matcher(name).matches())
            throw ServiceException.badParameter("name", "name is required: a lower-case letter, then up to 39 of a-z, 0-9 and '_'");
        if (Annotators.descriptions().containsKey(name))
            throw ServiceException.badParameter("name", "'" + name + "' is a built-in variable; choose another name");
        synchronized (writeLock) {
            Corpus corpus = corpus(id);
            int expected = corpus.labelLength();
            if (values == null || values.length != expected)
                throw ServiceException.badParameter("labels", "the track must hold one number per character"
                        + (corpus.kind() == Corpus.Kind.LINES ? " of the lines, without their newlines" : "") + ": "
                        + expected + " numbers; got " + (values == null ? 0 : values.length));
            for (int i = 0; i < values.length; i++)
                if (!Double.isFinite(values[i]) || !Limits.LABEL_VALUE.contains(values[i]))
                    throw ServiceException.badParameter("labels", "every label must be a finite number " + Validator.describe(Limits.LABEL_VALUE)
                            + "; entry " + i + " is " + values[i]);
            Map<String, double[]> labels = new LinkedHashMap<>(corpus.labels());
            if (!labels.containsKey(name) && labels.size() >= Limits.MAX_LABEL_TRACKS)
                throw ServiceException.badParameter("name", "a dataset keeps at most " + Limits.MAX_LABEL_TRACKS
                        + " label tracks; it has " + labels.keySet());
            labels.put(name, values.clone());
            DatasetInfo updated = new DatasetInfo(info.id(), info.name(), info.kind(), info.characters(), info.sequences(), info.vocab(),
                    info.splits(), info.splitUnit(), List.copyOf(labels.keySet()), info.createdAt(), false);
            try {
                AtomicFiles.write(file(id, LABELS), json.writeValueAsBytes(labels));
                AtomicFiles.write(file(id, META), json.writeValueAsBytes(updated));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write to the data directory", e);
            }
            synchronized (corpora) { corpora.put(id, corpus.withLabels(labels)); }
            infos.put(id, updated);
            labelRevisions.merge(id, 1L, Long::sum);
            return updated;
        }
    }

    /** How many times the label tracks of a dataset changed since the server started; 0 for a task or an unknown id. */
    public long labelRevision(String id) { return id == null ? 0 : labelRevisions.getOrDefault(id, 0L); }

    /** Sequences of a split as a model reads them: windows of {@code window} characters of a text, or lines. */
    public Samples samples(String id, String split, Integer n, Integer offset) {
        List<String> all = sequences(corpus(id), split, Limits.DEFAULT_WINDOW);
        int count = Validator.check("n", n, Limits.SAMPLES), first = Validator.check("offset", offset, Limits.OFFSET);
        Validator.check("offset", first, 0, all.size());
        return new Samples(id, split, all.size(), first, all.subList(first, Math.min(all.size(), first + count)));
    }

    static List<String> sequences(Corpus corpus, String split, int window) {
        if (!"train".equals(split) && !"test".equals(split))
            throw ServiceException.badParameter("split", "split must be train or test; got '" + split + "'");
        boolean test = split.equals("test");
        List<String> out = new ArrayList<>();
        if (corpus.kind() == Corpus.Kind.TEXT) {
            int from = test ? corpus.testStart() : 0, to = test ? corpus.text().length() : corpus.testStart();
            for (int at = from; at < to; at += window) out.add(corpus.text().substring(at, Math.min(to, at + window)));
        } else {
            List<String> lines = corpus.lines();
            boolean[] isTest = corpus.testLines();
            for (int i = 0; i < lines.size(); i++) if (isTest[i] == test) out.add(lines.get(i) + Vocabulary.END);
        }
        return out;
    }

    /** Deletes a user dataset and its files, the description first so that a crash midway leaves no half dataset. */
    public void delete(String id) {
        DatasetInfo info = require(id);
        if (info.gallery()) throw ServiceException.forbidden("'" + id + "' is a gallery dataset and cannot be deleted");
        synchronized (writeLock) {
            try {
                Files.deleteIfExists(file(id, META));
                infos.remove(id);
                synchronized (corpora) { corpora.remove(id); }
                Files.deleteIfExists(file(id, TEXT));
                Files.deleteIfExists(file(id, LABELS));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the dataset files", e);
            }
        }
    }

    static DatasetInfo describe(Corpus corpus, Instant created, boolean gallery) {
        Map<String, Integer> splits = corpus.splitSizes();
        boolean text = corpus.kind() == Corpus.Kind.TEXT;
        return new DatasetInfo(corpus.id(), corpus.name(), corpus.kind().id(), corpus.text().length(),
                text ? 1 : corpus.lines().size(), corpus.vocabulary().chars().stream().map(String::valueOf).toList(), splits,
                text ? "characters" : "lines", List.copyOf(corpus.labels().keySet()), created.toString(), gallery);
    }

    private Path file(String id, String suffix) {
        if (!ID.matcher(id).matches()) throw ServiceException.badParameter("id", "a dataset id is 1 to 64 of a-z, 0-9, '_' and '-'");
        Path file = dir.resolve(id + suffix).normalize();
        if (!dir.equals(file.getParent())) throw ServiceException.badParameter("id", "bad dataset id");
        return file;
    }

    /** The name in lower-case letters and digits, then a random suffix: {@code my-poems-1f2e3d4c}. */
    private String newId(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 24) slug = slug.substring(0, 24).replaceAll("-+$", "");
        if (slug.isEmpty()) slug = "dataset";
        String id;
        do { id = slug + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt()); }
        while (infos.containsKey(id) || builtIn.containsKey(id));
        return id;
    }
}
