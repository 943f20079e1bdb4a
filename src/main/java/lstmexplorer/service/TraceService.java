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
import lstmexplorer.trace.Trace;

/**
 * Traces of models reading strings. The network of a model is shared read-only by all requests;
 * each trace runs its own forward pass. Rendered JSON is cached by model revision and request, so a
 * room full of browsers looking at the same gallery sequence costs one forward pass.
 */
public final class TraceService {
    private final ModelService models;
    private final TaskCatalog tasks;
    private final ObjectMapper json, f32;
    private final ModelCache cache;

    public TraceService(ModelService models, TaskCatalog tasks, ObjectMapper json, long cacheBytes) {
        this.models = models;
        this.tasks = tasks;
        this.json = json;
        this.f32 = TraceEncoding.f32Mapper(json);
        this.cache = new ModelCache(Integer.MAX_VALUE, cacheBytes);
    }

    /** The trace of a literal input (one timestep per character, zero start state) as JSON. */
    public Rendered traceJson(String id, String input, Slice slice) {
        return traceJson(id, input, slice, TraceEncoding.JSON, null);
    }

    /**
     * As {@link #traceJson(String, String, Slice)}, with the matrices in the given encoding, computed in the
     * given precision (null: the model's default, {@link TracePrecision#forHidden}).
     */
    public Rendered traceJson(String id, String input, Slice slice, TraceEncoding encoding, TracePrecision precision) {
        ModelRecord r = models.requireWeights(id);
        Validator.text("input", input, Limits.INPUT, r.model().vocabulary());
        TracePrecision p = TracePrecision.orDefault(precision, r.hidden());
        return cache.get(r, "t|" + encoding + "|" + p + "|" + slice.key() + "|" + input, () -> {
            Validator.slice(r, slice);
            return new Rendered(write(view(Trace.of(r.model(), List.of(input), p.single()).get(0), r, slice, p), encoding));
        });
    }

    /** Traces of several inputs in one batched pass, as {"traces": [...]} in their order; errors name the input's index. */
    public Rendered batchJson(String id, List<String> inputs, Slice slice) { return batchJson(id, inputs, slice, null); }

    /** As {@link #batchJson(String, List, Slice)}, in the given precision (null: the model's default). */
    public Rendered batchJson(String id, List<String> inputs, Slice slice, TracePrecision precision) {
        ModelRecord r = models.requireWeights(id);
        TracePrecision p = TracePrecision.orDefault(precision, r.hidden());
        Limits.Range allowed = Limits.BATCH_INPUTS;
        if (inputs == null) throw ServiceException.badParameter("inputs", "inputs is required: a list of " + allowed.min() + " to " + allowed.max() + " strings");
        if (!allowed.contains(inputs.size()))
            throw ServiceException.badParameter("inputs", "inputs must hold " + allowed.min() + " to " + allowed.max() + " strings; got " + inputs.size());
        for (int k = 0; k < inputs.size(); k++) Validator.text("inputs[" + k + "]", inputs.get(k), Limits.INPUT, r.model().vocabulary());
        Validator.slice(r, slice);
        long values = 0;
        for (String input : inputs) values += valuesOf(r, slice, input.length());
        if (values > Limits.MAX_BATCH_VALUES)
            throw ServiceException.badParameter("inputs", "these traces would hold " + values + " numbers, more than the " + Limits.MAX_BATCH_VALUES
                    + " one answer may; send fewer or shorter inputs, or ask for a layer, some vectors, some units or timesteps from..to");
        List<TraceView> views = new ArrayList<>();
        for (Trace t : Trace.of(r.model(), inputs, p.single())) views.add(view(t, r, slice, p));
        return new Rendered(write(Map.of("traces", views), TraceEncoding.JSON));
    }

    /** How many numbers the sliced trace of an input of this length holds. */
    private static long valuesOf(ModelRecord r, Slice s, int length) {
        int from = Math.min(length, s.from() == null ? 0 : s.from());
        int steps = Math.max(from, Math.min(length, s.to() == null ? length : s.to())) - from;
        int vectors = s.vectors() == null ? CellTypes.vectors(r.cell()).size() : s.vectors().size();
        int units = s.units() == null ? r.hidden() : s.units().size();
        int layers = s.layer() == null ? r.layers() : 1;
        return (long) steps * ((long) layers * vectors * units + r.model().vocabulary().size());
    }

    /** Traces of dataset sequences as JSON. */
    public Rendered samplesJson(String id, String splitName, Integer n, Integer offset, Slice slice) {
        return samplesJson(id, splitName, n, offset, slice, TraceEncoding.JSON, null);
    }

    /**
     * As {@link #samplesJson(String, String, Integer, Integer, Slice)}, with the matrices in the given encoding,
     * in the given precision (null: the model's default).
     */
    public Rendered samplesJson(String id, String splitName, Integer n, Integer offset, Slice slice, TraceEncoding encoding,
                                TracePrecision precision) {
        ModelRecord r = models.requireWeights(id);
        TracePrecision p = TracePrecision.orDefault(precision, r.hidden());
        Split split = Validator.split(splitName);
        if (split == Split.GENERALIZATION && models.datasetKind(r) != null)
            throw ServiceException.badParameter("sample", "a dataset has no generalization split; use train or test");
        int count = Validator.check("n", n, Limits.TRACE_SAMPLES), first = Validator.check("offset", offset, Limits.OFFSET);
        return cache.get(r, "s|" + encoding + "|" + p + "|" + slice.key() + "|" + split + "|" + count + "|" + first, () -> {
            Validator.slice(r, slice);
            return new Rendered(write(samples(r, split, count, first, slice, p), encoding));
        });
    }

    TraceView.Samples samples(ModelRecord r, Split split, int n, int offset, Slice slice, TracePrecision p) {
        List<String> all = tasks.sequences(taskOf(r), split);
        Validator.check("offset", offset, 0, all.size());
        List<String> sequences = all.subList(offset, Math.min(all.size(), offset + n));
        List<TraceView> views = new ArrayList<>();
        for (Trace t : Trace.of(r.model(), inputsFor(sequences), p.single())) views.add(view(t, r, slice, p));
        return new TraceView.Samples(r.id(), split.id(), all.size(), offset, sequences, views);
    }

    /** The dataset sequences of a model's task. */
    List<String> tasksSequences(ModelRecord r, Split split) { return tasks.sequences(taskOf(r), split); }

    /** The task whose dataset a model can be traced on. */
    Task taskOf(ModelRecord r) {
        Task task = models.taskOf(r).orElse(null);
        if (task == null)
            throw ServiceException.badParameter("sample", "model '" + r.id() + "' has no known task, so it has no dataset; trace an input instead");
        return task;
    }

    /** How a dataset sequence is traced: the start token, then every character but the final newline. */
    static List<String> inputsFor(List<String> sequences) {
        return sequences.stream().map(s -> "\n" + s.substring(0, s.length() - 1)).toList();
    }

    /** A double-precision trace (the analyses' traces are), sliced. */
    static TraceView view(Trace t, ModelRecord r, Slice s) { return view(t, r, s, TracePrecision.DOUBLE); }

    /** A trace computed in precision {@code p}, sliced. */
    static TraceView view(Trace t, ModelRecord r, Slice s, TracePrecision p) {
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
        return new TraceView(t.vocab(), t.input(), from, to, p.id(), layers, cut(t.probabilities(), from, to, null));
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

    private byte[] write(Object value, TraceEncoding encoding) {
        try {
            return (encoding == TraceEncoding.F32 ? f32 : json).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
