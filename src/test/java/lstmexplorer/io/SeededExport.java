package lstmexplorer.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch state_dict exports of models of real size, made from a seed so that bench/pytorch_reference.py
 * builds the very same weights in PyTorch: every number comes from SplitMix64, uniform in
 * [-3/√hidden, 3/√hidden), in the order per layer weight_ih, weight_hh, bias_ih, bias_hh, then the
 * decoder's weight and bias, then the characters of the input.
 */
public final class SeededExport {
    /** The newline, then the printable ASCII characters from space to 'x': 90 in all. */
    public static final String VOCAB;
    static {
        StringBuilder v = new StringBuilder("\n");
        for (char c = 32; c <= 120; c++) v.append(c);
        VOCAB = v.toString();
    }

    /** One export and the input traced against the reference. */
    public record Export(String cell, int hidden, int layers, long seed, String json, String input,
                         List<double[][]> weightIh, List<double[][]> weightHh, List<double[]> biasIh, List<double[]> biasHh,
                         double[][] decoderWeight, double[] decoderBias) {}

    /** The entry for {@code cell} ("lstm": 2 × 256, seed 18; "gru": 1 × 512, seed 19) of src/test/resources/pytorch-reference.json. */
    public static JsonNode reference(String cell) throws IOException {
        try (InputStream in = SeededExport.class.getResourceAsStream("/pytorch-reference.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            if (!VOCAB.equals(root.get("vocab").asText())) throw new IllegalStateException("the reference was made for another vocabulary");
            for (JsonNode m : root.get("models")) if (m.get("cell").asText().equals(cell)) return m;
        }
        throw new IllegalStateException("no " + cell + " model in the reference file");
    }

    private long state;

    private SeededExport(long seed) { this.state = seed; }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private double uniform(double scale) {
        double u = (next() >>> 11) * 0x1.0p-53;
        return (2.0 * u - 1.0) * scale;
    }

    private double[][] matrix(int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int c = 0; c < cols; c++) row[c] = uniform(scale);
        return m;
    }

    private double[] vector(int n, double scale) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = uniform(scale);
        return v;
    }

    /** A seeded nn.LSTM or nn.GRU ("lstm.") with an nn.Linear decoder ("decoder."), and a 2,000-character input. */
    public static Export of(String cell, int hidden, int layers, long seed) {
        SeededExport rng = new SeededExport(seed);
        int gates = cell.equals("lstm") ? 4 : 3;
        double scale = 3.0 / Math.sqrt(hidden);
        List<double[][]> ih = new ArrayList<>(), hh = new ArrayList<>();
        List<double[]> bih = new ArrayList<>(), bhh = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            ih.add(rng.matrix(gates * hidden, l == 0 ? VOCAB.length() : hidden, scale));
            hh.add(rng.matrix(gates * hidden, hidden, scale));
            bih.add(rng.vector(gates * hidden, scale));
            bhh.add(rng.vector(gates * hidden, scale));
        }
        double[][] dw = rng.matrix(VOCAB.length(), hidden, scale);
        double[] db = rng.vector(VOCAB.length(), scale);
        StringBuilder input = new StringBuilder();
        for (int t = 0; t < 2000; t++) input.append(VOCAB.charAt((int) Long.remainderUnsigned(rng.next(), VOCAB.length())));

        StringBuilder json = new StringBuilder(24 << 20).append("{\"vocab\": [");
        for (int k = 0; k < VOCAB.length(); k++) json.append(k == 0 ? "" : ", ").append(quoted(VOCAB.charAt(k)));
        json.append("],\n \"state_dict\": {");
        for (int l = 0; l < layers; l++) {
            append(json, "lstm.weight_ih_l" + l, ih.get(l)).append(",\n");
            append(json, "lstm.weight_hh_l" + l, hh.get(l)).append(",\n");
            append(json, "lstm.bias_ih_l" + l, bih.get(l)).append(",\n");
            append(json, "lstm.bias_hh_l" + l, bhh.get(l)).append(",\n");
        }
        append(json, "decoder.weight", dw).append(",\n");
        append(json, "decoder.bias", db).append("}}\n");
        return new Export(cell, hidden, layers, seed, json.toString(), input.toString(), ih, hh, bih, bhh, dw, db);
    }

    private static String quoted(char c) {
        if (c == '\n') return "\"\\n\"";
        if (c == '"' || c == '\\') return "\"\\" + c + "\"";
        return "\"" + c + "\"";
    }

    private static StringBuilder append(StringBuilder json, String name, double[][] m) {
        json.append('"').append(name).append("\": [");
        for (int r = 0; r < m.length; r++) {
            json.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < m[r].length; c++) json.append(c == 0 ? "" : ", ").append(m[r][c]);
            json.append(']');
        }
        return json.append(']');
    }

    private static StringBuilder append(StringBuilder json, String name, double[] v) {
        json.append('"').append(name).append("\": [");
        for (int k = 0; k < v.length; k++) json.append(k == 0 ? "" : ", ").append(v[k]);
        return json.append(']');
    }
}
