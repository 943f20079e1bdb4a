package lstmexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import lstmexplorer.service.Limits;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

/**
 * Models of real size read from a PyTorch export give PyTorch's numbers: a seeded 2 × 256 nn.LSTM and
 * a 1 × 512 nn.GRU over a 2,000-character input, checked against the PyTorch equations written out
 * below for the first steps, and against src/test/resources/pytorch-reference.json (sampled entries
 * and checksums of every layer's cell, hidden and probabilities, written by bench/pytorch_reference.py
 * with torch in float64).
 */
class PyTorchParityTest {
    static final double TOLERANCE = 1e-6;

    static TrainedModel imported(SeededExport.Export e) throws Exception {
        return ModelFile.read(new ByteArrayInputStream(e.json().getBytes(StandardCharsets.UTF_8)), Limits.IMPORT.bounds());
    }

    /** Every sampled entry, and the checksums over all entries, of every series the reference has. */
    static void assertMatchesReference(Trace trace, JsonNode reference) { assertMatchesReference(trace, reference, TOLERANCE); }

    /** As {@link #assertMatchesReference(Trace, JsonNode)}, within {@code tolerance}. */
    static void assertMatchesReference(Trace trace, JsonNode reference, double tolerance) {
        assertEquals(reference.get("length").asInt(), trace.length());
        var series = reference.get("series").fields();
        int checked = 0;
        while (series.hasNext()) {
            var s = series.next();
            double[][] values = values(trace, s.getKey());
            for (JsonNode sample : s.getValue().get("samples")) {
                int t = sample.get(0).asInt(), u = sample.get(1).asInt();
                assertEquals(sample.get(2).asDouble(), values[t][u], tolerance, s.getKey() + " at t=" + t + ", unit " + u);
                checked++;
            }
            double sum = 0, sumAbs = 0, weighted = 0;
            for (int t = 0; t < values.length; t++)
                for (int u = 0; u < values[t].length; u++) {
                    sum += values[t][u];
                    sumAbs += Math.abs(values[t][u]);
                    weighted += values[t][u] * (Math.floorMod(7 * t + 3 * u, 11) - 5);
                }
            assertEquals(s.getValue().get("sum").asDouble(), sum, tolerance, s.getKey() + " sum");
            assertEquals(s.getValue().get("sumAbs").asDouble(), sumAbs, tolerance, s.getKey() + " sum of |v|");
            assertEquals(s.getValue().get("weightedSum").asDouble(), weighted, tolerance, s.getKey() + " weighted sum");
        }
        assertEquals(reference.get("series").size() * 100, checked);
    }

    /** "layer1.cell" → that layer's cell state; "probabilities" → the next-character distribution. */
    static double[][] values(Trace trace, String series) {
        if (series.equals("probabilities")) return trace.probabilities();
        int dot = series.indexOf('.');
        return trace.layers().get(Integer.parseInt(series.substring("layer".length(), dot))).vectors().get(series.substring(dot + 1));
    }

    @Test
    void lstm2x256MatchesPyTorch() throws Exception {
        SeededExport.Export e = SeededExport.of("lstm", 256, 2, 18);
        TrainedModel model = imported(e);
        assertEquals(256, model.network().config().hidden());
        assertEquals(2, model.network().config().layers());
        assertEquals(90, model.vocabulary().size());
        Trace trace = Trace.of(model, e.input());

        // the PyTorch equations, step by step, on the export's own [out, in] weights
        int steps = 12, h = 256;
        double[][] x = oneHot(e.input(), steps);
        for (int l = 0; l < 2; l++) {
            double[] hPrev = new double[h], cPrev = new double[h];
            double[][] hs = new double[steps][];
            for (int t = 0; t < steps; t++) {
                double[] z = affine(e.weightIh().get(l), x[t], e.biasIh().get(l));
                double[] r = affine(e.weightHh().get(l), hPrev, e.biasHh().get(l));
                double[] c = new double[h], hNew = new double[h];
                for (int u = 0; u < h; u++) {
                    double i = sigmoid(z[u] + r[u]), f = sigmoid(z[h + u] + r[h + u]);
                    double g = Math.tanh(z[2 * h + u] + r[2 * h + u]), o = sigmoid(z[3 * h + u] + r[3 * h + u]);
                    c[u] = f * cPrev[u] + i * g;
                    hNew[u] = o * Math.tanh(c[u]);
                    assertEquals(c[u], trace.layers().get(l).vectors().get("cell")[t][u], 1e-12);
                    assertEquals(hNew[u], trace.layers().get(l).vectors().get("hidden")[t][u], 1e-12);
                    assertEquals(f, trace.layers().get(l).vectors().get("forget_gate")[t][u], 1e-12);
                }
                hPrev = hNew;
                cPrev = c;
                hs[t] = hNew;
            }
            x = hs;
        }
        assertProbabilities(e, x, trace);
        assertMatchesReference(trace, SeededExport.reference("lstm"));
    }

    /**
     * With the weight products in single precision (a trace's option), the same models: every sampled
     * entry within 1e-4 of PyTorch's float64 numbers, and every entry of every layer's vectors and the
     * probabilities within 1e-5 of the double-precision trace (itself within 1e-6 of PyTorch).
     */
    @Test
    void singlePrecisionProductsStayWithin1e4OfPyTorch() throws Exception {
        for (String cell : new String[] {"lstm", "gru"}) {
            SeededExport.Export e = cell.equals("lstm") ? SeededExport.of("lstm", 256, 2, 18) : SeededExport.of("gru", 512, 1, 19);
            TrainedModel model = imported(e);
            Trace single = Trace.of(model, java.util.List.of(e.input()), true).get(0), exact = Trace.of(model, e.input());
            var series = SeededExport.reference(cell).get("series").fields();
            while (series.hasNext()) {
                var s = series.next();
                double[][] values = values(single, s.getKey());
                for (JsonNode sample : s.getValue().get("samples")) {
                    int t = sample.get(0).asInt(), u = sample.get(1).asInt();
                    assertEquals(sample.get(2).asDouble(), values[t][u], SINGLE_TOLERANCE, cell + " " + s.getKey() + " at t=" + t + ", unit " + u);
                }
            }
            double worst = 0;
            for (int l = 0; l < exact.layers().size(); l++)
                for (var v : exact.layers().get(l).vectors().entrySet()) worst = Math.max(worst, largestDifference(v.getValue(), single.layers().get(l).vectors().get(v.getKey())));
            worst = Math.max(worst, largestDifference(exact.probabilities(), single.probabilities()));
            assertEquals(0, worst, 1e-5, cell + ": the largest difference from the double-precision trace");
        }
    }

    private static double largestDifference(double[][] a, double[][] b) {
        double worst = 0;
        for (int t = 0; t < a.length; t++) for (int u = 0; u < a[t].length; u++) worst = Math.max(worst, Math.abs(a[t][u] - b[t][u]));
        return worst;
    }

    static final double SINGLE_TOLERANCE = 1e-4;

    @Test
    void gru1x512MatchesPyTorch() throws Exception {
        SeededExport.Export e = SeededExport.of("gru", 512, 1, 19);
        TrainedModel model = imported(e);
        assertEquals("gru", model.network().config().cell());
        Trace trace = Trace.of(model, e.input());

        // r, z, n; n = tanh(W_in·x + b_in + r∘(W_hn·h + b_hn)); h = (1 − z)∘n + z∘h_prev
        int steps = 12, h = 512;
        double[][] x = oneHot(e.input(), steps), hs = new double[steps][];
        double[] hPrev = new double[h];
        for (int t = 0; t < steps; t++) {
            double[] a = affine(e.weightIh().get(0), x[t], e.biasIh().get(0));
            double[] b = affine(e.weightHh().get(0), hPrev, e.biasHh().get(0));
            double[] hNew = new double[h];
            for (int u = 0; u < h; u++) {
                double r = sigmoid(a[u] + b[u]), z = sigmoid(a[h + u] + b[h + u]);
                double n = Math.tanh(a[2 * h + u] + r * b[2 * h + u]);
                hNew[u] = (1 - z) * n + z * hPrev[u];
                assertEquals(hNew[u], trace.layers().get(0).vectors().get("hidden")[t][u], 1e-12);
            }
            hs[t] = hPrev = hNew;
        }
        assertProbabilities(e, hs, trace);
        assertMatchesReference(trace, SeededExport.reference("gru"));
    }

    /** softmax(W·h + b) of the top layer's hand-computed h, for the steps computed. */
    static void assertProbabilities(SeededExport.Export e, double[][] top, Trace trace) {
        for (int t = 0; t < top.length; t++) {
            double[] logits = affine(e.decoderWeight(), top[t], e.decoderBias());
            double max = Double.NEGATIVE_INFINITY, total = 0;
            for (double v : logits) max = Math.max(max, v);
            for (double v : logits) total += Math.exp(v - max);
            for (int k = 0; k < logits.length; k++)
                assertEquals(Math.exp(logits[k] - max) / total, trace.probabilities()[t][k], 1e-12);
        }
    }

    static double[][] oneHot(String input, int steps) {
        double[][] x = new double[steps][SeededExport.VOCAB.length()];
        for (int t = 0; t < steps; t++) x[t][SeededExport.VOCAB.indexOf(input.charAt(t))] = 1;
        return x;
    }

    /** W·v + b with W as PyTorch stores it, [out, in]. */
    static double[] affine(double[][] w, double[] v, double[] b) {
        double[] out = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            double s = b[r];
            for (int c = 0; c < v.length; c++) s += w[r][c] * v[c];
            out[r] = s;
        }
        return out;
    }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }
}
