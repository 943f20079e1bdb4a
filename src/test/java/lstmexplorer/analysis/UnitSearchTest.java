package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitSearchTest {
    private final Analyses service = new Analyses();

    @Test
    void aWordFindsTheVariablesThatMentionItAndTheUnitsTrackingThem() {
        ProbeLeaderboard counter = service.probes(GalleryModels.get("counter"), 1000);
        UnitSearch count = UnitSearch.rank(counter, "count", 20);
        assertTrue(count.variables().containsKey("count"));
        assertEquals(ProbeLeaderboardTest.best(counter, "count"), count.units().stream().filter(p -> p.variable().equals("count")).findFirst().orElseThrow());
        for (int k = 1; k < count.units().size(); k++) assertTrue(Math.abs(count.units().get(k).r()) <= Math.abs(count.units().get(k - 1).r()));
        assertTrue(count.units().size() <= 20);

        // one letter matches as a letter of a description: the state memorizer's state says "started with A"
        ProbeLeaderboard memorizer = service.probes(GalleryModels.get("state_memorizer"), 1000);
        UnitSearch a = UnitSearch.rank(memorizer, "A", 5);
        assertEquals(List.of("state"), List.copyOf(a.variables().keySet()));
        assertTrue(a.units().stream().allMatch(p -> p.variable().equals("state")));

        UnitSearch none = UnitSearch.rank(counter, "indent", 5);
        assertTrue(none.units().isEmpty());
        assertEquals(List.copyOf(counter.variables().keySet()), none.known());
    }
}
