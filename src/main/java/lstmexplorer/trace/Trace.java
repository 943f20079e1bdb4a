package lstmexplorer.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.model.Cell;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Network;
import lstmexplorer.train.TrainedModel;

/**
 * What every unit of every layer did while a model read a string: one timestep per character, state
 * starting at zero, timestep t = after reading character t. {@code probabilities[t]} is the
 * distribution over {@code vocab} for the character after t.
 */
public record Trace(List<String> vocab, String input, List<LayerTrace> layers, double[][] probabilities) {

    /** One layer: its cell type and each recorded vector as [timestep][unit]. */
    public record LayerTrace(String cell, Map<String, double[][]> vectors) {}

    /** Traces one input; throws {@link IllegalArgumentException} naming characters outside the vocabulary. */
    public static Trace of(TrainedModel model, String input) {
        return of(model, List.of(input)).get(0);
    }

    /** Traces several inputs in one batched pass. */
    public static List<Trace> of(TrainedModel model, List<String> inputs) {
        int[][] encoded = new int[inputs.size()][];
        for (int k = 0; k < encoded.length; k++) encoded[k] = model.vocabulary().encode(inputs.get(k));
        Network network = model.network();
        ForwardPass pass = network.newPass(Math.max(1, encoded.length));
        if (encoded.length > 0) network.forward(encoded, pass);
        List<String> vocab = new ArrayList<>();
        for (char ch : model.vocabulary().chars()) vocab.add(String.valueOf(ch));
        List<Trace> traces = new ArrayList<>();
        for (int row = 0; row < encoded.length; row++) traces.add(of(pass, row, vocab, inputs.get(row)));
        return traces;
    }

    /** Sequence {@code row} of a pass, as a trace. */
    public static Trace of(ForwardPass pass, int row, List<String> vocab, String input) {
        int steps = pass.length(row);
        List<LayerTrace> layers = new ArrayList<>();
        for (int l = 0; l < pass.layers(); l++) {
            Cell cell = pass.network().cell(l);
            Map<String, double[][]> vectors = new LinkedHashMap<>();
            List<String> names = cell.vectors();
            for (int v = 0; v < names.size(); v++) {
                double[][] values = new double[steps][];
                for (int t = 0; t < steps; t++) values[t] = pass.step(t, l).row(v, row);
                vectors.put(names.get(v), values);
            }
            layers.add(new LayerTrace(cell.type(), vectors));
        }
        double[][] probabilities = new double[steps][vocab.size()];
        for (int t = 0; t < steps; t++)
            for (int k = 0; k < vocab.size(); k++) probabilities[t][k] = pass.probability(t, row, k);
        return new Trace(List.copyOf(vocab), input, List.copyOf(layers), probabilities);
    }

    public int length() { return probabilities.length; }
}
