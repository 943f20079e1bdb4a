package lstmexplorer.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A trace as the API returns it: per layer each vector as [timestep][unit], and the next-character
 * probabilities as [timestep][vocab], for timesteps [from, to) of the input, and the {@link TracePrecision}
 * the forward pass computed in.
 */
public record TraceView(List<String> vocab, String input, int from, int to, String precision, List<Layer> layers, double[][] probabilities) {
    /** One layer; {@code units} lists the units included when only some were asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Layer(int layer, String cell, List<Integer> units, Map<String, double[][]> vectors) {}

    /** Traces of dataset sequences: each sequence s is traced as "\n" + s without its final newline. */
    public record Samples(String model, String split, int total, int offset, List<String> sequences, List<TraceView> traces) {}
}
