package lstmexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch conventions, pinned by cases small enough to compute by hand: one input character,
 * one hidden unit, the equations of torch.nn.LSTM / torch.nn.GRU written out below.
 */
class PyTorchStateDictTest {
    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    @Test
    void lstmMatchesTheHandComputedPyTorchForwardPass() {
        // vocab [\n, a]; input_size 2, hidden 1; rows of weight_ih are the gates i, f, g, o
        String json = """
            {"vocab": ["\\n", "a"],
             "state_dict": {
               "rnn.weight_ih_l0": [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6], [-0.7, 0.8]],
               "rnn.weight_hh_l0": [[0.9], [-1.0], [1.1], [1.2]],
               "rnn.bias_ih_l0": [0.01, 0.02, 0.03, 0.04],
               "rnn.bias_hh_l0": [0.05, 0.06, 0.07, 0.08],
               "fc.weight": [[1.5], [-2.0]],
               "fc.bias": [0.1, -0.1]}}""";
        TrainedModel model = ModelFile.read(json);
        assertEquals("lstm", model.network().config().cell());
        Trace trace = Trace.of(model, "\na");

        // t = 0 reads "\n" = one-hot [1, 0] from h = c = 0
        double i0 = sigmoid(0.1 + 0.06), f0 = sigmoid(0.3 + 0.08), g0 = Math.tanh(0.5 + 0.10), o0 = sigmoid(-0.7 + 0.12);
        double c0 = i0 * g0, h0 = o0 * Math.tanh(c0);
        // t = 1 reads "a" = [0, 1]
        double i1 = sigmoid(0.2 + 0.9 * h0 + 0.06), f1 = sigmoid(-0.4 - 1.0 * h0 + 0.08);
        double g1 = Math.tanh(0.6 + 1.1 * h0 + 0.10), o1 = sigmoid(0.8 + 1.2 * h0 + 0.12);
        double c1 = f1 * c0 + i1 * g1, h1 = o1 * Math.tanh(c1);
        var v = trace.layers().get(0).vectors();
        assertEquals(i0, v.get("input_gate")[0][0], 1e-12);
        assertEquals(f0, v.get("forget_gate")[0][0], 1e-12);
        assertEquals(c1, v.get("cell")[1][0], 1e-12);
        assertEquals(h1, v.get("hidden")[1][0], 1e-12);
        assertEquals(o1, v.get("output_gate")[1][0], 1e-12);
        // decoder: logits = W·h + b, softmax
        double l0 = 1.5 * h1 + 0.1, l1 = -2.0 * h1 - 0.1;
        assertEquals(Math.exp(l0) / (Math.exp(l0) + Math.exp(l1)), trace.probabilities()[1][0], 1e-12);
        assertNull(model.summary());
    }

    @Test
    void gruMatchesTheHandComputedPyTorchForwardPass() {
        // rows r, z, n; h = (1 − z)∘n + z∘h_prev; n = tanh(W_in·x + b_in + r∘(W_hn·h + b_hn))
        String json = """
            {"vocab": ["\\n", "a"],
             "state_dict": {
               "gru.weight_ih_l0": [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]],
               "gru.weight_hh_l0": [[0.7], [-0.8], [0.9]],
               "gru.bias_ih_l0": [0.01, 0.02, 0.03],
               "gru.bias_hh_l0": [0.04, 0.05, 0.06],
               "out.weight": [[1.0], [-1.0]],
               "out.bias": [0.0, 0.0]}}""";
        TrainedModel model = ModelFile.read(json);
        assertEquals("gru", model.network().config().cell());
        Trace trace = Trace.of(model, "\na");
        double r0 = sigmoid(0.1 + 0.01 + 0.04), z0 = sigmoid(0.3 + 0.02 + 0.05), n0 = Math.tanh(0.5 + 0.03 + r0 * 0.06);
        double h0 = (1 - z0) * n0;
        double r1 = sigmoid(0.2 + 0.01 + 0.7 * h0 + 0.04), z1 = sigmoid(-0.4 + 0.02 - 0.8 * h0 + 0.05);
        double n1 = Math.tanh(0.6 + 0.03 + r1 * (0.9 * h0 + 0.06));
        double h1 = (1 - z1) * n1 + z1 * h0;
        assertEquals(h0, trace.layers().get(0).vectors().get("hidden")[0][0], 1e-12);
        assertEquals(h1, trace.layers().get(0).vectors().get("hidden")[1][0], 1e-12);
        assertEquals(z1, trace.layers().get(0).vectors().get("update_gate")[1][0], 1e-12);
    }

    @Test
    void exportThenImportIsTheSameModel() {
        Vocabulary vocab = Vocabulary.of("\nXab");
        for (String cell : new String[] {"lstm", "gru", "rnn"}) {
            TrainedModel model = new TrainedModel("counter", vocab,
                    Network.initialized(new NetworkConfig(cell, vocab.size(), 3, 2), new Random(4)), null);
            TrainedModel back = ModelFile.read(PyTorchStateDict.write(model, "lstm.", "decoder."));
            double[][] a = Trace.of(model, "\naaXb").probabilities(), b = Trace.of(back, "\naaXb").probabilities();
            for (int t = 0; t < a.length; t++)
                for (int k = 0; k < a[t].length; k++) assertEquals(a[t][k], b[t][k], 1e-12, cell);
        }
    }

    @Test
    void mistakesAreNamed() {
        assertThrowsWith("missing rnn.weight_hh_l0", """
            {"vocab": ["\\n"], "state_dict": {"rnn.weight_ih_l0": [[1]], "fc.weight": [[1]], "fc.bias": [0]}}""");
        assertThrowsWith("bidirectional", """
            {"vocab": ["\\n"], "state_dict": {"rnn.weight_ih_l0_reverse": [[1]]}}""");
        assertThrowsWith("exactly one nn.Linear decoder", """
            {"vocab": ["\\n"], "state_dict": {"rnn.weight_ih_l0": [[1]], "rnn.weight_hh_l0": [[1]]}}""");
        assertThrowsWith("rnn.weight_ih_l0 is 1 × 1: expected 1 × 2", """
            {"vocab": ["\\n", "a"], "state_dict": {"rnn.weight_ih_l0": [[1]], "rnn.weight_hh_l0": [[1]], "fc.weight": [[1],[1]], "fc.bias": [0, 0]}}""");
    }

    private static void assertThrowsWith(String expected, String json) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
