package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/**
 * Task sequences traced the way the model reads them in training and evaluation: sequence s is read
 * as {@code "\n" + s} minus its last character, so timestep 0 reads the start token, timestep t ≥ 1
 * reads {@code s.charAt(t - 1)}, and the prediction at timestep t is for {@code s.charAt(t)}.
 */
public final class TracedSequences {
    private final List<String> sequences;
    private final List<Trace> traces;

    private TracedSequences(List<String> sequences, List<Trace> traces) {
        this.sequences = sequences;
        this.traces = traces;
    }

    /** Traces every sequence in one batched pass. */
    public static TracedSequences of(TrainedModel model, List<String> sequences) {
        List<String> inputs = new ArrayList<>(sequences.size());
        for (String s : sequences) inputs.add(modelInput(s));
        return new TracedSequences(List.copyOf(sequences), Trace.of(model, inputs));
    }

    /** Sequences with traces made elsewhere; trace k must be of {@link #modelInput} of sequence k. */
    static TracedSequences of(List<String> sequences, List<Trace> traces) {
        if (sequences.size() != traces.size()) throw new IllegalArgumentException("one trace per sequence");
        return new TracedSequences(List.copyOf(sequences), List.copyOf(traces));
    }

    /** What the model reads for sequence s: the start token, then s without its last character. */
    public static String modelInput(String sequence) {
        if (sequence.isEmpty()) throw new IllegalArgumentException("empty sequence");
        return Vocabulary.END + sequence.substring(0, sequence.length() - 1);
    }

    public int size() { return sequences.size(); }

    /** The task sequence k, as generated (ending in its newline). */
    public String sequence(int k) { return sequences.get(k); }

    /** The trace of sequence k; its input is {@link #modelInput} of it. */
    public Trace trace(int k) { return traces.get(k); }

    public List<Trace> traces() { return traces; }

    /** Timesteps over all sequences. */
    public int timesteps() {
        int n = 0;
        for (Trace t : traces) n += t.length();
        return n;
    }
}
