package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lstmexplorer.model.CellTypes;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class GradientFlowTest {
    private static final double EPS = 1e-6;

    /**
     * Every reported gradient against a central difference: the state of layer l after step k is nudged
     * by ±ε where the cell computes it, with the layer's other state vectors held at their unperturbed
     * values (the partial derivative the flow reports), and loss_t is recomputed.
     */
    @Test
    void gradientsMatchFiniteDifferencesForEveryCellType() {
        String sequence = "abbab\n";
        int target = 4;
        for (String cell : CellTypes.names()) {
            TrainedModel model = InterventionTest.tiny(cell);
            Network net = model.network();
            GradientFlow flow = GradientFlow.compute(net, model.vocabulary(), sequence, target);
            assertEquals(loss(model, sequence, target, null), flow.loss(), 1e-12);
            assertEquals("\nabba", flow.read());
            assertEquals("b", flow.expected());
            Trace unperturbed = Interventions.trace(model, TracedSequences.modelInput(sequence), null);
            for (GradientFlow.Layer layer : flow.layers()) {
                List<String> vectors = net.cell(layer.layer()).vectors();
                int[] stateSlots = net.cell(layer.layer()).stateVectors();
                for (GradientFlow.State state : layer.states()) {
                    int v = vectors.indexOf(state.vector());
                    assertEquals(target + 1, state.norms().length);
                    for (int k = 0; k <= target; k++) {
                        double sum = 0;
                        for (int u = 0; u < net.hidden(); u++) {
                            double numeric = (loss(model, sequence, target, nudge(layer.layer(), v, stateSlots, vectors, k, u, +EPS, unperturbed))
                                    - loss(model, sequence, target, nudge(layer.layer(), v, stateSlots, vectors, k, u, -EPS, unperturbed))) / (2 * EPS);
                            double analytic = state.gradients()[k][u];
                            assertEquals(numeric, analytic, 1e-7 + 1e-5 * Math.abs(numeric),
                                    cell + " layer " + layer.layer() + " d loss/d " + state.vector() + "[" + k + "][" + u + "]");
                            sum += analytic * analytic;
                        }
                        assertEquals(Math.sqrt(sum), state.norms()[k], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void theCellStateReachesTheLossOnlyThroughLaterSteps() {
        TrainedModel model = InterventionTest.tiny("lstm");
        GradientFlow flow = GradientFlow.compute(model.network(), model.vocabulary(), "abab\n", 3);
        for (GradientFlow.Layer layer : flow.layers()) {
            assertEquals(List.of("cell", "hidden"), layer.states().stream().map(GradientFlow.State::vector).toList());
            assertEquals(0.0, layer.states().get(0).norms()[3]);
            assertTrue(layer.states().get(1).norms()[3] > 0);
        }
        assertEquals(List.of("hidden"), GradientFlow.compute(InterventionTest.tiny("gru").network(),
                InterventionTest.tiny("gru").vocabulary(), "abab\n", 3).layers().get(0).states().stream().map(GradientFlow.State::vector).toList());
    }

    @Test
    void targetsOutsideTheSequenceAreRefused() {
        TrainedModel model = InterventionTest.tiny("rnn");
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.compute(model.network(), model.vocabulary(), "ab\n", 3));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.compute(model.network(), model.vocabulary(), "ab\n", -1));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.compute(model.network(), model.vocabulary(), "aXb\n", 1));
    }

    /** −log p(s[t]) at timestep t of a run over "\n" + s minus its last character. */
    private static double loss(TrainedModel model, String sequence, int target, Intervention intervention) {
        int[] input = model.vocabulary().encode(TracedSequences.modelInput(sequence));
        ForwardPass pass = model.network().newPass(1);
        model.network().forward(new int[][] {input}, pass, intervention);
        return -Math.log(pass.probability(target, 0, model.vocabulary().indexOf(sequence.charAt(target))));
    }

    /** Adds delta to state vector v of (layer, step k, unit u) and holds the layer's other state vectors there as they were. */
    private static Intervention nudge(int layer, int v, int[] stateSlots, List<String> vectors, int k, int u, double delta, Trace unperturbed) {
        return new Intervention() {
            @Override public boolean touches(int timestep, int l) { return timestep == k && l == layer; }

            @Override public double value(int timestep, int l, int vector, int row, int unit, double computed) {
                if (unit != u) return computed;
                if (vector == v) return computed + delta;
                for (int s : stateSlots)
                    if (s == vector) return unperturbed.layers().get(layer).vectors().get(vectors.get(s))[k][u];
                return computed;
            }
        };
    }
}
