package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.trace.Trace;
import org.junit.jupiter.api.Test;

class GateSaturationTest {
    @Test
    void fractionsAreWithinZeroAndOneAndSumToAtMostOnePerUnit() {
        for (String task : List.of("counter", "state_memorizer")) {
            GateSaturation s = new Analyses().gateSaturation(GalleryModels.get(task));
            // one layer, three gates (input, forget, output), ten units
            assertEquals(30, s.units().size());
            assertEquals(List.of("input_gate", "forget_gate", "output_gate"),
                    s.units().stream().map(GateSaturation.GateUnit::gate).distinct().toList());
            int timesteps = GalleryModels.test(task).stream().mapToInt(String::length).sum();
            assertEquals(timesteps, s.timesteps());
            for (GateSaturation.GateUnit u : s.units()) {
                assertTrue(u.leftSaturated() >= 0 && u.leftSaturated() <= 1, u.toString());
                assertTrue(u.rightSaturated() >= 0 && u.rightSaturated() <= 1, u.toString());
                assertTrue(u.leftSaturated() + u.rightSaturated() <= 1 + 1e-12, u.toString());
            }
        }
    }

    @Test
    void countsTheTimestepsBelowAndAboveTheLevels() {
        Map<String, double[][]> vectors = new LinkedHashMap<>();
        vectors.put("forget_gate", new double[][] {{0.05, 0.5}, {0.5, 0.5}, {0.95, 0.1}, {0.91, 0.9}});
        vectors.put("hidden", new double[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}});
        Trace trace = new Trace(List.of("\n"), "\nabc", List.of(new Trace.LayerTrace("mgu", vectors)), new double[4][1]);
        GateSaturation s = GateSaturation.compute(List.of(trace));
        assertEquals(2, s.units().size());
        assertEquals(new GateSaturation.GateUnit(0, "forget_gate", 0, 0.25, 0.5), s.units().get(0));
        // exactly 0.1 and 0.9 are not saturated
        assertEquals(new GateSaturation.GateUnit(0, "forget_gate", 1, 0.0, 0.0), s.units().get(1));
    }

    @Test
    void aCellWithoutGatesHasNoPoints() {
        Trace trace = Interventions.trace(InterventionTest.tiny("rnn"), "\nab", null);
        assertTrue(GateSaturation.compute(List.of(trace)).units().isEmpty());
    }
}
