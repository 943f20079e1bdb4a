package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lstmexplorer.model.CellTypes;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class PatchingTest {
    private static List<Patching.Patch> everyLayersState(TrainedModel model) {
        List<Patching.Patch> all = new ArrayList<>();
        for (int l = 0; l < model.network().layers(); l++) all.add(new Patching.Patch(l, Patching.STATE, null));
        return all;
    }

    /** Patching everything the network carries at the last prefix step leaves nothing of the base: it continues as the source. */
    @Test
    void patchingTheFullStateAtTheLastPrefixStepMakesTheBaseContinueExactlyAsTheSource() {
        TrainedModel counter = GalleryModels.get("counter");
        Patching.PatchResult r = Patching.patch(counter, GalleryModels.task("counter"), "aaX", "aaaaaX", 3, 6, everyLayersState(counter), 40);
        assertEquals("bb\n", r.baseRun().text());
        assertEquals("bbbbb\n", r.sourceRun().text());
        assertEquals(r.sourceRun().text(), r.patchedRun().text());
        assertArrayEquals(r.sourceRun().probabilities(), r.patchedRun().probabilities(), 1e-12);
        assertEquals("bb\n", r.expectedBase());
        assertEquals("bbbbb\n", r.expectedSource());

        // on every cell type, two layers, untrained weights
        Vocabulary vocab = Vocabulary.of("\nab");
        for (String cell : CellTypes.names()) {
            Network net = Network.initialized(new NetworkConfig(cell, vocab.size(), 6, 2), new Random(7));
            TrainedModel model = new TrainedModel(null, vocab, net, null);
            Patching.PatchResult p = Patching.patch(model, null, "abba", "bab", 4, 3, everyLayersState(model), 12);
            assertEquals(p.sourceRun().text(), p.patchedRun().text(), cell);
            assertArrayEquals(p.sourceRun().probabilities(), p.patchedRun().probabilities(), 1e-12, cell);
            assertNull(p.expectedBase());
        }
    }

    @Test
    void patchingTheCountingUnitAloneChangesHowManyBsComeOut() {
        TrainedModel counter = GalleryModels.get("counter");
        Probe counting = ProbeLeaderboardTest.best(new Analyses().probes(counter, 10), "count");
        Patching.PatchResult r = Patching.patch(counter, null, "aaX", "aaaaaX", 3, 6,
                List.of(new Patching.Patch(counting.layer(), counting.vector(), List.of(counting.unit()))), 40);
        long bs = r.patchedRun().text().chars().filter(c -> c == 'b').count();
        assertTrue(bs > 2, counting.sentence() + " patched from aaaaaX into aaX: " + r.patchedRun().text());
        // an irrelevant patch (the same value) changes nothing
        Patching.PatchResult same = Patching.patch(counter, null, "aaX", "aaX", 3, 3,
                List.of(new Patching.Patch(0, "cell", null)), 40);
        assertEquals(same.baseRun().text(), same.patchedRun().text());
        assertArrayEquals(same.baseRun().probabilities(), same.patchedRun().probabilities(), 1e-12);
    }

    @Test
    void theEffectMapIsLargestWhereTheCountingUnitCarriesTheCount() {
        TrainedModel counter = GalleryModels.get("counter");
        Probe counting = ProbeLeaderboardTest.best(new Analyses().probes(counter, 10), "count");
        Patching.PatchEffects e = Patching.effects(counter, "aaX", "aaaaaX", counting.layer(), counting.vector(), null, 40);
        assertEquals(10, e.units().size());
        assertEquals(List.of("\n", "a", "a", "X"), e.read());
        assertArrayEquals(new int[] {3, 4, 5, 6}, e.sourceAt());
        assertEquals("bb\n", e.baseContinuation());
        assertEquals("bbbbb\n", e.sourceContinuation());
        assertTrue(e.fullState() > 0 && e.unpatched() < 0, e.unpatched() + " → " + e.fullState());
        // the counting unit at the delimiter is one of the two units that move the output furthest towards the
        // source (the count is spread over more than one cell); most units barely move it
        int higher = 0, still = 0;
        double counted = e.effects()[counting.unit()][3];
        for (int u = 0; u < 10; u++) {
            if (e.effects()[u][3] > counted) higher++;
            if (Math.abs(e.effects()[u][3] - e.unpatched()) < 1.5) still++;
        }
        assertTrue(higher <= 1, "effects at X: " + java.util.Arrays.deepToString(e.effects()) + " unpatched " + e.unpatched());
        assertTrue(counted > e.unpatched() + 5, counting.sentence() + ": " + counted + " against " + e.unpatched());
        assertTrue(still >= 6, "units that barely move it: " + still);

        // a single entry equals the patch run of that unit alone, teacher-forced
        Patching.PatchEffects one = Patching.effects(counter, "aaX", "aaaaaX", counting.layer(), counting.vector(), List.of(counting.unit()), 40);
        assertEquals(e.effects()[counting.unit()][2], one.effects()[0][2], 1e-9);
        assertEquals(e.unpatched(), one.unpatched(), 1e-12);
    }

    @Test
    void badTimestepsVectorsAndUnitsAreNamed() {
        TrainedModel counter = GalleryModels.get("counter");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Patching.patch(counter, null, "aaX", "aaaaaX", 4, 6, List.of(new Patching.Patch(0, "cell", null)), 10));
        assertTrue(e.getMessage().startsWith("at "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Patching.patch(counter, null, "aaX", "aaaaaX", 3, 7, List.of(new Patching.Patch(0, "cell", null)), 10));
        assertTrue(e.getMessage().startsWith("sourceAt "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Patching.patch(counter, null, "aaX", "aaaaaX", 3, 6, List.of(new Patching.Patch(0, "reset_gate", null)), 10));
        assertTrue(e.getMessage().contains("reset_gate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Patching.patch(counter, null, "aaX", "aaaaaX", 3, 6, List.of(new Patching.Patch(0, "cell", List.of(10))), 10));
        assertTrue(e.getMessage().contains("unit 10"), e.getMessage());
    }
}
