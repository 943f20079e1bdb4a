package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/**
 * Task sequences traced the way the model reads them in training and evaluation: sequence s is read
 * as {@code "\n" + s} minus its last character, so timestep 0 reads the start token, timestep t ≥ 1
 * reads {@code s.charAt(t - 1)}, and the prediction at timestep t is for {@code s.charAt(t)}.
 *
 * <p>The sequences keep the task they came from, which gives their variables ({@link #variables}): a
 * dataset's test window is known to its task by the object it cut, not by its characters (the same
 * hundred characters read elsewhere in a text stand at another line position), so another instance of
 * the same dataset's task would annotate the window on its own, out of its context.
 */
public final class TracedSequences {
    private final Task task;
    private final List<String> sequences;
    private final List<Trace> traces;

    private TracedSequences(Task task, List<String> sequences, List<Trace> traces) {
        this.task = task;
        this.sequences = sequences;
        this.traces = traces;
    }

    /**
     * Traces every sequence in one batched pass.
     *
     * @param task whose sequences these are, which gives their variables; null for sequences of no task (no variables)
     */
    public static TracedSequences of(TrainedModel model, Task task, List<String> sequences) {
        List<String> inputs = new ArrayList<>(sequences.size());
        for (String s : sequences) inputs.add(modelInput(s));
        return new TracedSequences(task, List.copyOf(sequences), Trace.of(model, inputs));
    }

    /** Sequences with traces made elsewhere; trace k must be of {@link #modelInput} of sequence k. */
    static TracedSequences of(Task task, List<String> sequences, List<Trace> traces) {
        if (sequences.size() != traces.size()) throw new IllegalArgumentException("one trace per sequence");
        return new TracedSequences(task, List.copyOf(sequences), List.copyOf(traces));
    }

    /** What the model reads for sequence s: the start token, then s without its last character. */
    public static String modelInput(String sequence) {
        if (sequence.isEmpty()) throw new IllegalArgumentException("empty sequence");
        return Vocabulary.END + sequence.substring(0, sequence.length() - 1);
    }

    public int size() { return sequences.size(); }

    /** The task sequence k, as generated (ending in its newline). */
    public String sequence(int k) { return sequences.get(k); }

    /** The task the sequences came from, or null. */
    public Task task() { return task; }

    /**
     * The variables of sequence k after each of its characters, as its own task reads them in context
     * ({@link Task#variables}); empty for sequences of no task.
     */
    public Map<String, double[]> variables(int k) { return task == null ? Map.of() : task.variables(sequences.get(k)); }

    /** The trace of sequence k; its input is {@link #modelInput} of it. */
    public Trace trace(int k) { return traces.get(k); }

    public List<Trace> traces() { return traces; }

    /** One unit's values at every timestep after the start token, sequence after sequence. */
    public double[] series(int layer, String vector, int unit) {
        double[] x = new double[timesteps() - size()];
        int i = 0;
        for (Trace trace : traces) {
            double[][] values = trace.layers().get(layer).vectors().get(vector);
            for (int t = 1; t < values.length; t++) x[i++] = values[t][unit];
        }
        return x;
    }

    /** Every unit's {@link #series} of one layer and vector, [unit][timestep], read row by row in one sweep. */
    public double[][] series(int layer, String vector) {
        int units = traces.get(0).layers().get(layer).vectors().get(vector)[0].length;
        double[][] x = new double[units][timesteps() - size()];
        int i = 0;
        for (Trace trace : traces) {
            double[][] values = trace.layers().get(layer).vectors().get(vector);
            for (int t = 1; t < values.length; t++, i++) {
                double[] row = values[t];
                for (int u = 0; u < units; u++) x[u][i] = row[u];
            }
        }
        return x;
    }

    /** Per layer and vector, each unit's mean over {@link #series}: what a unit is clamped to when its variation is removed. */
    public List<Map<String, double[]>> unitMeans() {
        List<Map<String, double[]>> means = new ArrayList<>();
        for (int l = 0; l < traces.get(0).layers().size(); l++) {
            Map<String, double[]> byVector = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : traces.get(0).layers().get(l).vectors().entrySet()) {
                double[][] block = series(l, e.getKey());
                double[] mean = new double[block.length];
                for (int u = 0; u < mean.length; u++) {
                    double sum = 0;
                    for (double v : block[u]) sum += v;
                    mean[u] = block[u].length == 0 ? 0 : sum / block[u].length;
                }
                byVector.put(e.getKey(), mean);
            }
            means.add(byVector);
        }
        return means;
    }

    /** About how many bytes the traces hold: 8 for each value of each vector and probability at each timestep. */
    public long bytes() {
        long values = 0;
        for (Trace trace : traces) {
            long perStep = trace.probabilities().length == 0 ? 0 : trace.probabilities()[0].length;
            for (Trace.LayerTrace layer : trace.layers())
                for (double[][] v : layer.vectors().values()) perStep += v.length == 0 ? 0 : v[0].length;
            values += perStep * trace.length();
        }
        return 8 * values;
    }

    /** Timesteps over all sequences. */
    public int timesteps() {
        int n = 0;
        for (Trace t : traces) n += t.length();
        return n;
    }
}
