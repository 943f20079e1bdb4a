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

    /**
     * Traces several inputs, batched by length: a batch runs to its longest input, so inputs of one
     * length go together (a test set of lengths 3 to 21 would otherwise compute 40% padding).
     */
    public static List<Trace> of(TrainedModel model, List<String> inputs) { return of(model, inputs, false); }

    /** As {@link #of(TrainedModel, List)}; {@code singlePrecision}: the weight products in float ({@link ForwardPass#singlePrecision}). */
    public static List<Trace> of(TrainedModel model, List<String> inputs, boolean singlePrecision) {
        int[][] encoded = new int[inputs.size()][];
        for (int k = 0; k < encoded.length; k++) encoded[k] = model.vocabulary().encode(inputs.get(k));
        List<String> vocab = new ArrayList<>();
        for (char ch : model.vocabulary().chars()) vocab.add(String.valueOf(ch));
        Integer[] order = new Integer[encoded.length];
        for (int k = 0; k < order.length; k++) order[k] = k;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(k -> encoded[k].length));
        Network network = model.network();
        Trace[] traces = new Trace[encoded.length];
        ForwardPass pass = null; // one pass for every batch: the traces copy out what they keep
        for (int from = 0; from < order.length; ) {
            int to = from + 1;
            while (to < order.length && to - from < MAX_BATCH && encoded[order[to]].length == encoded[order[from]].length) to++;
            int[][] batch = new int[to - from][];
            for (int r = 0; r < batch.length; r++) batch[r] = encoded[order[from + r]];
            if (pass == null) pass = singlePrecision ? network.newPass(batch.length).singlePrecision() : network.newPass(batch.length).forwardOnly();
            network.forward(batch, pass);
            // the last pass of one row gives the trace its arrays instead of copies
            boolean take = to == order.length && batch.length == 1;
            for (int r = 0; r < batch.length; r++) traces[order[from + r]] = of(pass, r, vocab, inputs.get(order[from + r]), take);
            from = to;
        }
        return new ArrayList<>(java.util.Arrays.asList(traces));
    }

    /** Rows of one forward pass: enough for the matrix products to run at speed, few enough to bound the pass's memory. */
    private static final int MAX_BATCH = 256;

    /** Sequence {@code row} of a pass, as a trace. */
    public static Trace of(ForwardPass pass, int row, List<String> vocab, String input) { return of(pass, row, vocab, input, false); }

    /** Sequence {@code row} of a pass, copying the values or, with {@code take}, taking the arrays of a one-row pass. */
    private static Trace of(ForwardPass pass, int row, List<String> vocab, String input, boolean take) {
        int steps = pass.length(row);
        List<LayerTrace> layers = new ArrayList<>();
        for (int l = 0; l < pass.layers(); l++) {
            Cell cell = pass.network().cell(l);
            Map<String, double[][]> vectors = new LinkedHashMap<>();
            List<String> names = cell.vectors();
            for (int v = 0; v < names.size(); v++) {
                double[][] values = take ? pass.take(l, v) : new double[steps][];
                if (!take) for (int t = 0; t < steps; t++) values[t] = pass.step(t, l).row(v, row);
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
