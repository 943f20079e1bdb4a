package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.EncodedSequences;
import lstmexplorer.train.Evaluator;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class InterventionTest {
    private final Analyses service = new Analyses();

    /**
     * The proof the issue asks for. Each unit is clamped to its own mean over the test traces from the
     * first timestep on, which removes what it carries but keeps its usual level. (Zeroing is the harsher
     * test: with seed 1, zeroing the two hidden units least correlated with count costs 31 and 67 points,
     * because a trained LSTM leans on many units' typical offsets; so the "low-ranked unit" half of the
     * claim holds for clamping to the mean, which is what this test uses.)
     */
    @Test
    void clampingTheCountingUnitBreaksTheCounterAndClampingAnIrrelevantUnitDoesNot() {
        TrainedModel model = GalleryModels.get("counter");
        ProbeLeaderboard board = service.probes(model, 1000);
        Probe counter = ProbeLeaderboardTest.best(board, "count");
        Probe irrelevant = board.forVariable("count").stream()
                .min(Comparator.comparingDouble(p -> Math.abs(p.r()))).orElseThrow();
        assertTrue(Math.abs(irrelevant.r()) < 0.2, irrelevant.sentence());

        InterventionResult clampCounter = service.intervene(model, "aaaX",
                List.of(UnitIntervention.clamp(0, counter.vector(), counter.unit(), counter.mean(), 0)), 40);
        assertEquals(1.0, clampCounter.originalTestAccuracy());
        assertTrue(clampCounter.intervenedTestAccuracy() < 0.5,
                counter.sentence() + ": clamped, accuracy " + clampCounter.intervenedTestAccuracy());
        assertEquals(clampCounter.intervenedTestAccuracy() - 1.0, clampCounter.testAccuracyChange(), 1e-12);

        InterventionResult clampOther = service.intervene(model, "aaaX",
                List.of(UnitIntervention.clamp(0, irrelevant.vector(), irrelevant.unit(), irrelevant.mean(), 0)), 40);
        assertTrue(Math.abs(clampOther.testAccuracyChange()) < 0.10,
                irrelevant.sentence() + ": clamped, accuracy " + clampOther.intervenedTestAccuracy());
    }

    @Test
    void bothRunsGenerateGreedilyAndTraceWhatTheyRead() {
        TrainedModel model = GalleryModels.get("counter");
        InterventionResult result = service.intervene(model, "aaaX", List.of(UnitIntervention.zero(0, "cell", 0, 100)), 40);
        // an intervention starting after the run ends changes nothing
        assertEquals("bbb\n", result.originalGenerated());
        assertEquals("bbb\n", result.expected());
        assertEquals(result.originalGenerated(), result.intervenedGenerated());
        assertEquals("\naaaXbbb", result.original().input());
        assertEquals(8, result.original().length());
        assertEquals(result.originalTestAccuracy(), result.intervenedTestAccuracy());
        for (int t = 0; t < 8; t++) assertArrayEquals(result.original().probabilities()[t], result.intervened().probabilities()[t]);

        // a generation that never ends stops at the cap; the trace then covers all it read
        String generated = Interventions.generate(model, "aaaX", Interventions.of(model.network(),
                List.of(UnitIntervention.clamp(0, "hidden", 0, 1.0, 0), UnitIntervention.clamp(0, "hidden", 1, -1.0, 0))), 7);
        assertTrue(generated.length() <= 7 && (generated.length() == 7 || generated.endsWith("\n")), generated);
    }

    @Test
    void withoutAnInterventionAccuracyIsTheEvaluators() {
        TrainedModel model = GalleryModels.get("state_memorizer");
        EncodedSequences test = GalleryModels.encodedTest("state_memorizer");
        assertEquals(Evaluator.sequenceAccuracy(model.network(), test), Interventions.sequenceAccuracy(model.network(), test, null));
        assertArrayEquals(Evaluator.correctSequences(model.network(), test), Interventions.correctSequences(model.network(), test, null));
    }

    /** Forcing a gate changes what the cell computes from it in the same step: c and h follow the forced gate. */
    @Test
    void aForcedForgetGateFlowsIntoTheCellAndHiddenState() {
        TrainedModel model = tiny("lstm");
        String input = "\nabab";
        Trace before = Interventions.trace(model, input, null);
        Trace after = Interventions.trace(model, input, Interventions.of(model.network(), List.of(
                UnitIntervention.forceGate(0, "forget_gate", 1, false, 2),
                UnitIntervention.clamp(0, "cell", 2, 0.7, 3))));
        Map<String, double[][]> v = after.layers().get(0).vectors();
        for (int t = 0; t < input.length(); t++) {
            for (int u = 0; u < 3; u++) {
                double c = v.get("cell")[t][u], i = v.get("input_gate")[t][u], g = v.get("candidate")[t][u], f = v.get("forget_gate")[t][u];
                double cPrev = t == 0 ? 0 : v.get("cell")[t - 1][u];
                if (u == 1 && t >= 2) assertEquals(0.0, f);
                if (u == 2 && t >= 3) assertEquals(0.7, c);
                else assertEquals(f * cPrev + i * g, c, 1e-12, "c = f∘c_prev + i∘g at t " + t + " unit " + u);
                assertEquals(v.get("output_gate")[t][u] * Math.tanh(c), v.get("hidden")[t][u], 1e-12);
            }
        }
        // before the first intervened step, nothing differs
        for (String name : v.keySet())
            for (int t = 0; t < 2; t++) assertArrayEquals(before.layers().get(0).vectors().get(name)[t], v.get(name)[t]);
        assertTrue(before.layers().get(0).vectors().get("forget_gate")[2][1] > 0);
    }

    @Test
    void everyCellTypeTakesInterventionsOnEveryVector() {
        for (String cell : lstmexplorer.model.CellTypes.names()) {
            TrainedModel model = tiny(cell);
            for (String vector : model.network().cell(0).vectors()) {
                double value = UnitIntervention.isGate(vector) ? 1.0 : 0.3;
                Trace trace = Interventions.trace(model, "\naab", Interventions.of(model.network(),
                        List.of(UnitIntervention.clamp(1, vector, 0, value, 1))));
                for (int t = 0; t < 4; t++)
                    if (t >= 1) assertEquals(value, trace.layers().get(1).vectors().get(vector)[t][0], cell + " " + vector);
            }
        }
    }

    @Test
    void badInterventionsAreRefusedWithReasons() {
        Network net = tiny("lstm").network();
        assertThrows(IllegalArgumentException.class, () -> new UnitIntervention(0, "forget_gate", 0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new UnitIntervention(0, "cell", 0, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new UnitIntervention(0, "cell", 0, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> UnitIntervention.forceGate(0, "cell", 0, true, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interventions.of(net, List.of(UnitIntervention.zero(0, "reset_gate", 0, 0))));
        assertTrue(e.getMessage().contains("no vector 'reset_gate'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Interventions.of(net, List.of(UnitIntervention.zero(5, "cell", 0, 0))));
        assertThrows(IllegalArgumentException.class, () -> Interventions.of(net, List.of(UnitIntervention.zero(0, "cell", 3, 0))));
        assertThrows(IllegalArgumentException.class, () -> Interventions.of(net,
                List.of(UnitIntervention.zero(0, "cell", 1, 0), UnitIntervention.clamp(0, "cell", 1, 0.5, 4))));
        assertThrows(IllegalArgumentException.class, () -> service.intervene(GalleryModels.get("counter"), "aaaX", List.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> service.intervene(GalleryModels.get("counter"), "aaQ",
                List.of(UnitIntervention.zero(0, "cell", 1, 0)), 10));
    }

    /** A random two-layer network of three units over the vocabulary {\n, a, b}. */
    static TrainedModel tiny(String cell) {
        Network net = Network.initialized(new NetworkConfig(cell, 3, 3, 2), new Random(7));
        return new TrainedModel(null, Vocabulary.of("\nab"), net, null);
    }
}
