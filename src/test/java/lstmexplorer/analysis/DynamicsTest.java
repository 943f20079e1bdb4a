package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class DynamicsTest {
    private static Dynamics dynamics(String task, Dynamics.PointRequest point) {
        return Dynamics.compute(GalleryModels.get(task), GalleryModels.task(task), GalleryModels.test(task), 0,
                List.of("cell", "hidden"), point, 1);
    }

    private static Dynamics.InputPoints under(Dynamics d, String input) {
        return d.inputs().stream().filter(i -> i.input().equals(input)).findFirst().orElseThrow();
    }

    /** Sussillo & Barak's picture of a one-bit memory: under x the state memorizer has one attractor per remembered letter. */
    @Test
    void theStateMemorizerUnderXHasTwoStableFixedPointsOneReachedAfterAAndOneAfterB() {
        Dynamics d = dynamics("state_memorizer", null);
        List<Dynamics.FixedPoint> reached = under(d, "x").points().stream()
                .filter(p -> p.stability().equals("stable") && p.reached().samples() > 0).toList();
        assertEquals(2, reached.size(), "stable points under x that test states settle on: " + reached);
        for (Dynamics.FixedPoint p : reached) {
            assertEquals("fixed", p.kind());
            assertTrue(p.q() <= Dynamics.FIXED_Q, "q " + p.q());
            assertTrue(p.eigenvalues().get(0).modulus() < 1);
            // every state settling there remembers the same letter
            double state = p.reached().variables().get("state");
            assertEquals(1.0, Math.abs(state), 1e-12, "a basin mixing A and B: " + p.reached());
            String letter = state > 0 ? "A" : "B";
            for (String context : p.reached().examples()) assertTrue(context.contains(letter), context + " in the basin of " + letter);
        }
        assertTrue(reached.get(0).reached().variables().get("state") * reached.get(1).reached().variables().get("state") < 0,
                "one point for A and one for B");
    }

    /**
     * A counter integrates: while it reads a's, a displacement of its count is carried to the next step
     * almost unchanged, so the Jacobian has an eigenvalue close to 1 along the unit that counts.
     */
    @Test
    void alongTheCountersTrajectoryUnderAAnEigenvalueNearOneIsLedByTheCountingUnit() {
        TrainedModel model = GalleryModels.get("counter");
        Probe counting = ProbeLeaderboardTest.best(new Analyses().probes(model, 10), "count");
        List<String> test = GalleryModels.test("counter");
        int seq = 0;
        while (!test.get(seq).startsWith("aaaaaa")) seq++;
        for (int t = 3; t <= 5; t++) {
            Dynamics.PointModes at = dynamics("counter", new Dynamics.PointRequest(seq, t)).point();
            assertEquals("a", at.input());
            assertEquals(("\n" + test.get(seq)).substring(0, t + 1), at.context());
            boolean found = at.modes().stream().anyMatch(m -> Math.abs(m.eigenvalue().modulus() - 1) < 0.05
                    && m.eigenvalue().im() == 0 && m.units().get(0).layer() == counting.layer()
                    && m.units().get(0).vector().equals(counting.vector()) && m.units().get(0).unit() == counting.unit()
                    && m.units().get(0).weight() > 0.9);
            assertTrue(found, "t " + t + ": no mode near 1 led by " + counting.sentence() + " in " + at.modes());
        }
    }

    @Test
    void componentsTrajectoriesAndPointsAreConsistent() {
        Dynamics d = dynamics("counter", null);
        assertEquals(20, d.stateSize());
        assertEquals(3, d.pca().explained().length);
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += d.pca().explained()[k];
            if (k > 0) assertTrue(d.pca().explained()[k] <= d.pca().explained()[k - 1]);
        }
        assertTrue(sum <= 1 + 1e-9 && sum > 0.5, "explained " + sum);
        assertEquals(Dynamics.MAX_TRAJECTORIES, d.trajectories().size());
        Dynamics.Trajectory first = d.trajectories().get(0);
        assertEquals("\n", first.points().get(0).ch());
        assertEquals(Map.of(), first.points().get(0).variables());
        assertEquals(first.text().length(), first.points().size());
        assertTrue(first.points().get(1).variables().containsKey("count"));
        assertEquals(4, d.inputs().size());
        assertTrue(d.starts() >= 64);
        StateMap map = new StateMap(GalleryModels.get("counter").network());
        for (Dynamics.InputPoints in : d.inputs()) {
            assertTrue(in.points().size() >= 1, "no point under " + in.input());
            for (Dynamics.FixedPoint p : in.points()) {
                assertTrue(p.q() <= Dynamics.SLOW_Q);
                // q as reported is q of the state as reported
                double[] s = flat(p.state());
                int token = GalleryModels.task("counter").vocabulary().indexOf(p.input().charAt(0));
                assertEquals(p.q(), FixedPointSearch.q(map.apply(new double[][] {s}, token)[0], s), 1e-12 + 1e-6 * p.q());
                assertEquals(p.slowestMode().eigenvalue(), p.eigenvalues().get(0));
                assertEquals(p.stability().equals("stable"), p.eigenvalues().get(0).modulus() < 1);
            }
        }
    }

    @Test
    void aPointOutsideTheTestSetOrAVectorOutsideTheStateIsRefused() {
        TrainedModel model = GalleryModels.get("counter");
        List<String> test = GalleryModels.test("counter");
        var e = assertThrows(IllegalArgumentException.class, () -> Dynamics.compute(model, null, test, 0, List.of("forget_gate"), null, 1));
        assertTrue(e.getMessage().contains("forget_gate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dynamics.compute(model, null, test, 0, List.of("cell"), new Dynamics.PointRequest(0, 99), 1));
        assertTrue(e.getMessage().startsWith("point"), e.getMessage());
    }

    /** Eigenvalues of a known matrix: a rotation by 90° scaled by 0.5 on units 0–1, and 0.99 on unit 2. */
    @Test
    void linearModesOfAKnownMatrix() {
        StateLayout layout = new StateLayout(new lstmexplorer.model.Network(new lstmexplorer.model.NetworkConfig("rnn", 2, 3, 1)));
        double[][] j = {{0, -0.5, 0}, {0.5, 0, 0}, {0, 0, 0.99}};
        LinearModes m = LinearModes.of(j, layout);
        assertEquals("stable", m.stability());
        assertEquals(0.99, m.spectralRadius(), 1e-12);
        assertEquals(2, m.modes().get(0).units().get(0).unit());
        assertEquals(1.0, m.modes().get(0).units().get(0).weight(), 1e-9);
        // the complex pair: one mode listed, spread evenly over units 0 and 1
        assertEquals(2, m.modes().size());
        LinearModes.Mode pair = m.modes().get(1);
        assertEquals(0.5, pair.eigenvalue().modulus(), 1e-12);
        assertEquals(Math.sqrt(0.5), pair.units().get(0).weight(), 1e-6);
        assertEquals(Math.sqrt(0.5), pair.units().get(1).weight(), 1e-6);
        assertEquals(0, pair.units().get(2).weight(), 1e-6);
        assertEquals("saddle", LinearModes.of(new double[][] {{2, 0, 0}, {0, 0.5, 0}, {0, 0, 0.1}}, layout).stability());
    }

    @Test
    void pcaFindsTheDirectionOfLargestVariance() {
        List<double[]> points = List.of(new double[] {-2, 0.1}, new double[] {2, 0.1}, new double[] {-1, -0.1}, new double[] {1, -0.1});
        Pca pca = Pca.fit(points, 3);
        assertEquals(2, pca.components().length);
        assertArrayEquals(new double[] {1, 0}, pca.components()[0], 1e-12);
        assertTrue(pca.explained()[0] > 0.99);
        assertEquals(2, pca.project(new double[] {2, 0})[0], 1e-12);
    }

    private static double[] flat(Dynamics.State state) {
        int n = 0;
        for (Map<String, double[]> layer : state.layers()) for (double[] v : layer.values()) n += v.length;
        double[] s = new double[n];
        int k = 0;
        for (Map<String, double[]> layer : state.layers()) for (double[] v : layer.values()) for (double x : v) s[k++] = x;
        return s;
    }

    /** The search reports starts settled, then inputs linearised, with a share of the work that only rises to 1; listening changes nothing. */
    @Test
    void progressRisesToDoneAndTheAnswerIsTheSameAsWithoutListening() throws Exception {
        List<double[]> heard = new java.util.ArrayList<>();
        List<String> stages = new java.util.ArrayList<>();
        Dynamics.Progress progress = (stage, done, total, fraction) -> {
            heard.add(new double[] {done, total, fraction});
            stages.add(stage);
        };
        Dynamics with = Dynamics.compute(GalleryModels.get("counter"), GalleryModels.task("counter"), GalleryModels.test("counter"), 0,
                List.of("cell", "hidden"), null, 1, progress);
        for (int k = 1; k < heard.size(); k++) assertTrue(heard.get(k)[2] >= heard.get(k - 1)[2], "fraction fell at report " + k + ": " + stages);
        double[] last = heard.get(heard.size() - 1);
        assertEquals(1.0, last[2]);
        assertEquals(last[1], last[0], "done of total at the end");
        assertTrue(heard.stream().anyMatch(h -> h[2] > 0 && h[2] < 1), "progress between the start and the end");
        int starts = 4 * Dynamics.MIN_STARTS; // the counter reads 4 characters
        assertTrue(heard.stream().anyMatch(h -> h[1] == starts && h[0] == starts), "every start settled");
        assertTrue(stages.contains("inputs linearised"), stages.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.writeValueAsString(dynamics("counter", null)), json.writeValueAsString(with));
    }

    @Test
    void aCancelledComputationStops() {
        Dynamics.Progress cancelled = new Dynamics.Progress() {
            @Override public void at(String stage, int done, int total, double fraction) {}

            @Override public boolean cancelled() { return true; }
        };
        assertThrows(java.util.concurrent.CancellationException.class, () -> Dynamics.compute(GalleryModels.get("counter"),
                GalleryModels.task("counter"), GalleryModels.test("counter"), 0, List.of("cell"), null, 1, cancelled));
    }
}
