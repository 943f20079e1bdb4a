package lstmexplorer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.model.CellTypes;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/**
 * Traces of models reading strings. The network of a model is shared read-only by all requests;
 * each trace runs its own forward pass. Rendered JSON is cached by model revision and request, so a
 * room full of browsers looking at the same gallery sequence costs one forward pass.
 */
public final class TraceService {
    private final ModelService models;
    private final TaskCatalog tasks;
    private final ObjectMapper json;
    private final ByteCache cache;

    public TraceService(ModelService models, TaskCatalog tasks, ObjectMapper json, long cacheBytes) {
        this.models = models;
        this.tasks = tasks;
        this.json = json;
        this.cache = new ByteCache(cacheBytes);
    }

    /** The trace of a literal input (one timestep per character, zero start state) as JSON. */
    public Rendered traceJson(String id, String input, Slice slice) {
        ModelRecord r = models.requireWeights(id);
        checkInput("input", input, r.model(), 1);
        String key = "t|" + r.id() + "|" + r.revision() + "|" + slice.key() + "|" + input;
        Rendered cached = cache.get(key);
        if (cached != null) return cached;
        checkSlice(r, slice);
        Rendered rendered = new Rendered(write(view(Trace.of(r.model(), input), r, slice)));
        cache.put(key, rendered);
        return rendered;
    }

    /** Traces of dataset sequences as JSON. */
    public Rendered samplesJson(String id, String splitName, int n, int offset, Slice slice) {
        ModelRecord r = models.requireWeights(id);
        Split split = TaskCatalog.split(splitName);
        TaskCatalog.check("n", n, 1, Limits.MAX_TRACE_SAMPLES);
        String key = "s|" + r.id() + "|" + r.revision() + "|" + slice.key() + "|" + split + "|" + n + "|" + offset;
        Rendered cached = cache.get(key);
        if (cached != null) return cached;
        checkSlice(r, slice);
        Rendered rendered = new Rendered(write(samples(r, split, n, offset, slice)));
        cache.put(key, rendered);
        return rendered;
    }

    TraceView.Samples samples(ModelRecord r, Split split, int n, int offset, Slice slice) {
        List<String> all = tasks.sequences(taskOf(r), split);
        TaskCatalog.check("offset", offset, 0, all.size());
        List<String> sequences = all.subList(offset, Math.min(all.size(), offset + n));
        List<TraceView> views = new ArrayList<>();
        for (Trace t : Trace.of(r.model(), inputsFor(sequences))) views.add(view(t, r, slice));
        return new TraceView.Samples(r.id(), split.id(), all.size(), offset, sequences, views);
    }

    /** The dataset sequences of a model's task. */
    List<String> tasksSequences(ModelRecord r, Split split) { return tasks.sequences(taskOf(r), split); }

    /** The task whose dataset a model can be traced on. */
    Task taskOf(ModelRecord r) {
        Task task = r.task() == null ? null : Tasks.byName(r.task()).orElse(null);
        if (task == null)
            throw ServiceException.badParameter("sample", "model '" + r.id() + "' has no known task, so it has no dataset; trace an input instead");
        return task;
    }

    /** How a dataset sequence is traced: the start token, then every character but the final newline. */
    static List<String> inputsFor(List<String> sequences) {
        return sequences.stream().map(s -> "\n" + s.substring(0, s.length() - 1)).toList();
    }

    static void checkInput(String field, String input, TrainedModel model, int minLength) {
        if (input == null) throw ServiceException.badParameter(field, field + " is required");
        if (input.length() < minLength || input.length() > Limits.MAX_INPUT)
            throw ServiceException.badParameter(field, field + " must have " + minLength + " to " + Limits.MAX_INPUT
                    + " characters; got " + input.length());
        List<String> unknown = ServiceException.unknownCharacters(input, model.vocabulary());
        if (!unknown.isEmpty())
            throw ServiceException.outsideVocabulary(field, unknown, model.vocabulary().chars().stream().map(String::valueOf).toList());
    }

    static void checkSlice(ModelRecord r, Slice s) {
        if (s.layer() != null) TaskCatalog.check("layer", s.layer(), 0, r.layers() - 1);
        if (s.vectors() != null) {
            List<String> known = CellTypes.vectors(r.cell());
            if (s.vectors().isEmpty()) throw ServiceException.badParameter("vectors", "vectors must name at least one of " + known);
            for (String v : s.vectors())
                if (!known.contains(v))
                    throw ServiceException.badParameter("vectors", "vectors must be among " + known + " for a " + r.cell() + " model; got '" + v + "'");
        }
        if (s.units() != null) {
            if (s.units().isEmpty()) throw ServiceException.badParameter("units", "units must list at least one unit from 0 to " + (r.hidden() - 1));
            for (int u : s.units()) TaskCatalog.check("units", u, 0, r.hidden() - 1);
        }
        if (s.from() != null) TaskCatalog.check("from", s.from(), 0, Limits.MAX_INPUT + 1);
        if (s.to() != null) TaskCatalog.check("to", s.to(), s.from() == null ? 0 : s.from(), Integer.MAX_VALUE);
    }

    static TraceView view(Trace t, ModelRecord r, Slice s) {
        int length = t.length();
        int from = Math.min(length, s.from() == null ? 0 : s.from());
        int to = Math.max(from, Math.min(length, s.to() == null ? length : s.to()));
        List<TraceView.Layer> layers = new ArrayList<>();
        for (int l = 0; l < t.layers().size(); l++) {
            if (s.layer() != null && s.layer() != l) continue;
            Trace.LayerTrace layer = t.layers().get(l);
            Map<String, double[][]> vectors = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : layer.vectors().entrySet()) {
                if (s.vectors() != null && !s.vectors().contains(e.getKey())) continue;
                vectors.put(e.getKey(), cut(e.getValue(), from, to, s.units()));
            }
            layers.add(new TraceView.Layer(l, layer.cell(), s.units(), vectors));
        }
        return new TraceView(t.vocab(), t.input(), from, to, layers, cut(t.probabilities(), from, to, null));
    }

    private static double[][] cut(double[][] values, int from, int to, List<Integer> columns) {
        if (from == 0 && to == values.length && columns == null) return values;
        double[][] out = new double[to - from][];
        for (int t = from; t < to; t++) {
            if (columns == null) { out[t - from] = values[t]; continue; }
            double[] row = new double[columns.size()];
            for (int k = 0; k < row.length; k++) row[k] = values[t][columns.get(k)];
            out[t - from] = row;
        }
        return out;
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
