package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.task.Task;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class ProbeLeaderboardTest {
    private final Analyses service = new Analyses();

    @Test
    void theCounterModelHasACountingUnit() {
        ProbeLeaderboard board = service.probes(GalleryModels.get("counter"), 50);
        Probe count = best(board, "count");
        assertTrue(Math.abs(count.r()) >= 0.9, count.sentence());
        assertTrue(count.sentence().contains("tracks count"), count.sentence());
        assertTrue(count.sentence().startsWith(count.vector().replace('_', ' ') + " unit " + count.unit()), count.sentence());
        assertEquals(count.r() * count.r(), count.rSquared(), 1e-12);
        assertEquals(List.of("count", "phase", "steps_left"), board.best().stream().map(Probe::variable).toList());
        // 200 test sequences, each compared at every timestep but the first
        assertEquals(200, board.sequences());
        int expected = GalleryModels.test("counter").stream().mapToInt(s -> s.length() - 1).sum();
        assertEquals(expected, board.samples());
    }

    @Test
    void theStateMemorizerModelHasAStateUnit() {
        Probe state = best(service.probes(GalleryModels.get("state_memorizer"), 10), "state");
        assertTrue(Math.abs(state.r()) >= 0.9, state.sentence());
    }

    @Test
    void rankingIsByStrengthAndHasNoUndefinedValues() {
        ProbeLeaderboard board = service.probes(GalleryModels.get("counter"), 1000);
        // 1 layer × 6 vectors × 10 units × 3 variables, less constant units (none in a trained LSTM)
        assertEquals(180, board.pairs());
        assertEquals(180, board.ranking().size());
        for (int k = 0; k < board.ranking().size(); k++) {
            Probe p = board.ranking().get(k);
            assertTrue(Double.isFinite(p.r()) && Math.abs(p.r()) <= 1, p.toString());
            assertTrue(Double.isFinite(p.slope()) && Double.isFinite(p.intercept()) && Double.isFinite(p.mean()), p.toString());
            if (k > 0) assertTrue(Math.abs(board.ranking().get(k - 1).r()) >= Math.abs(p.r()));
        }
        assertEquals(5, service.probes(GalleryModels.get("counter"), 5).ranking().size());
    }

    /**
     * Hand-made traces pin the alignment: the value at timestep t ≥ 1 must be compared with the variable
     * after character t − 1 of the sequence, and timestep 0 must be left out.
     */
    @Test
    void timestepTIsComparedWithTheVariableAfterCharacterTMinusOne() {
        Task task = GalleryModels.task("counter");
        List<String> sequences = List.of("aXb\n", "aaXbb\n", "aaaaXbbbb\n");
        List<Trace> traces = new ArrayList<>();
        for (String s : sequences) {
            double[] count = task.variables(s).get("count");
            double[][] hidden = new double[s.length()][3];
            for (int t = 0; t < s.length(); t++) {
                // unit 0: aligned, except a wild value at timestep 0 that must be ignored
                hidden[t][0] = t == 0 ? 1000 : 2 * count[t - 1] + 1;
                // unit 1: misaligned by one step
                hidden[t][1] = count[t];
                // unit 2: constant
                hidden[t][2] = 0.5;
            }
            Map<String, double[][]> vectors = new LinkedHashMap<>();
            vectors.put("hidden", hidden);
            traces.add(new Trace(List.of("\n", "X", "a", "b"), TracedSequences.modelInput(s),
                    List.of(new Trace.LayerTrace("rnn", vectors)), new double[s.length()][4]));
        }
        ProbeLeaderboard board = ProbeLeaderboard.compute(task, TracedSequences.of(task, sequences, traces), 100);
        Probe aligned = board.forVariable("count").stream().filter(p -> p.unit() == 0).findFirst().orElseThrow();
        assertEquals(1.0, aligned.r(), 1e-12);
        // variable ≈ slope · unit + intercept: count = (h − 1) / 2
        assertEquals(0.5, aligned.slope(), 1e-12);
        assertEquals(-0.5, aligned.intercept(), 1e-12);
        Probe shifted = board.forVariable("count").stream().filter(p -> p.unit() == 1).findFirst().orElseThrow();
        assertTrue(shifted.r() < 0.9, shifted.toString());
        assertFalse(board.ranking().stream().anyMatch(p -> p.unit() == 2), "a constant unit has no correlation");
        assertEquals("hidden unit 0 tracks count, r = 1.00", aligned.sentence());
        assertEquals(sequences.stream().mapToInt(s -> s.length() - 1).sum(), board.samples());
    }

    /** An untrained two-layer copy machine model exercises every layer, vector and variable without training one. */
    @Test
    void everyLayerVectorUnitAndVariableIsRanked() {
        Task task = GalleryModels.task("copy_machine");
        lstmexplorer.model.Network net = lstmexplorer.model.Network.initialized(
                new lstmexplorer.model.NetworkConfig("lstm", task.vocabulary().size(), 20, 2), new java.util.Random(3));
        TrainedModel model = new TrainedModel(task.name(), task.vocabulary(), net, null);
        ProbeLeaderboard board = service.probes(model, 1000);
        // 2 layers × 6 vectors × 20 units × 4 variables
        assertEquals(960, board.pairs());
        assertEquals(List.of("position", "next_char", "current_char", "phase"), board.best().stream().map(Probe::variable).toList());
        assertTrue(board.ranking().stream().anyMatch(p -> p.layer() == 1 && p.sentence().startsWith("layer 2 ")));
        assertTrue(board.constantVariables().isEmpty());
    }

    @Test
    void sentencesSayHowStronglyAndWhichWay() {
        assertEquals("layer 2 cell unit 3 tracks count inversely, r = -0.95", ProbeLeaderboard.sentence(2, 1, "cell", 3, "count", -0.95));
        assertEquals("layer 1 hidden unit 0 tracks count, r = 0.95", ProbeLeaderboard.sentence(2, 0, "hidden", 0, "count", 0.95));
        assertEquals("forget gate unit 0 partly follows x seen, r = 0.50", ProbeLeaderboard.sentence(1, 0, "forget_gate", 0, "x_seen", 0.5));
        assertEquals("hidden unit 4 hardly follows phase, r = -0.10", ProbeLeaderboard.sentence(1, 0, "hidden", 4, "phase", -0.1));
    }

    @Test
    void aModelWithoutATaskCannotBeProbed() {
        TrainedModel counter = GalleryModels.get("counter");
        TrainedModel imported = new TrainedModel(null, counter.vocabulary(), counter.network(), null);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> service.probes(imported, 10));
        assertTrue(e.getMessage().contains("no task"), e.getMessage());
    }

    static Probe best(ProbeLeaderboard board, String variable) {
        return board.best().stream().filter(p -> p.variable().equals(variable)).findFirst().orElseThrow();
    }
}
