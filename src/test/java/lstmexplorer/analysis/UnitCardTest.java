package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class UnitCardTest {
    @Test
    void theCountersCountingUnitHasACardThatSaysWhatItCountsAndWhatRemovingItCosts() {
        TrainedModel counter = GalleryModels.get("counter");
        Probe counting = ProbeLeaderboardTest.best(new Analyses().probes(counter, 10), "count");
        TracedSequences data = TracedSequences.of(counter, GalleryModels.task("counter"), GalleryModels.test("counter"));
        UnitCard card = UnitCard.compute(counter, GalleryModels.task("counter"), data, counting.layer(), counting.vector(), counting.unit());

        assertEquals(data.timesteps() - data.size(), card.samples());
        assertEquals(UnitCard.CONTEXTS, card.top().size());
        assertEquals(UnitCard.CONTEXTS, card.bottom().size());
        assertEquals(card.max(), card.top().get(0).value());
        assertEquals(card.min(), card.bottom().get(0).value());
        // the counter's test set repeats its ten strings: each context is listed once, not ten times over
        for (var list : java.util.List.of(card.top(), card.bottom()))
            assertEquals(UnitCard.CONTEXTS, list.stream().map(x -> x.before() + "|" + x.ch() + "|" + x.after()).distinct().count());
        for (int k = 1; k < UnitCard.CONTEXTS; k++) {
            assertTrue(card.top().get(k).value() <= card.top().get(k - 1).value());
            assertTrue(card.bottom().get(k).value() >= card.bottom().get(k - 1).value());
        }
        // each context is the text around the timestep, with the value the trace shows there
        UnitCard.Context c = card.top().get(0);
        String read = data.trace(c.sequence()).input();
        assertEquals(read.substring(Math.max(0, c.t() - 15), Math.min(read.length(), c.t() + 16)), c.before() + c.ch() + c.after());
        assertTrue(c.before().length() <= 15 && c.after().length() <= 15);
        assertEquals(data.trace(c.sequence()).layers().get(counting.layer()).vectors().get(counting.vector())[c.t()][counting.unit()], c.value());
        assertEquals(card.samples(), Arrays.stream(card.histogram().counts()).sum());
        assertEquals(UnitCard.BINS, card.histogram().counts().length);

        // the explanation is a counting variable, and it simulates the unit on the half it was not fitted to
        assertTrue(card.explanation().variable().equals("count") || card.explanation().variable().equals("steps_left"),
                card.explanation().sentence());
        assertTrue(Math.abs(card.explanation().r()) >= Math.abs(counting.r()));
        assertTrue(card.explanation().simulationScore() > 0.9, "simulation " + card.explanation().simulationScore());
        assertEquals(data.size(), card.explanation().fitSequences() + card.explanation().scoredSequences());

        // holding it at its mean breaks the counter (as the intervention test shows)
        assertEquals(1.0, card.ablation().accuracy());
        assertTrue(card.ablation().meanAccuracy() < 0.5, "mean ablation " + card.ablation().meanAccuracy());
        assertTrue(card.ablation().nextCharacterAccuracy() > card.ablation().meanNextCharacterAccuracy());
        assertEquals(counting.mean(), card.ablation().meanValue(), 1e-9);
    }

    @Test
    void aUnitOutsideTheModelIsNamed() {
        TrainedModel counter = GalleryModels.get("counter");
        TracedSequences data = TracedSequences.of(counter, GalleryModels.task("counter"), GalleryModels.test("counter").subList(0, 5));
        var e = assertThrows(IllegalArgumentException.class, () -> UnitCard.compute(counter, GalleryModels.task("counter"), data, 0, "cell", 10));
        assertTrue(e.getMessage().contains("unit 10"));
        e = assertThrows(IllegalArgumentException.class, () -> UnitCard.compute(counter, GalleryModels.task("counter"), data, 0, "reset_gate", 1));
        assertTrue(e.getMessage().contains("reset_gate"));
    }
}
