package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stepping a text one character at a time gives exactly what one forward pass over it gives. */
class StepperTest {
    static List<String> types() { return CellTypes.names(); }

    private static final int[] TEXT = {0, 1, 2, 3, 1, 1, 2, 0};

    private static Network network(String type) {
        return Network.initialized(new NetworkConfig(type, 4, 5, 2), new Random(11));
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyStepEqualsTheForwardPassAtThatTimestep(String type) {
        Network net = network(type);
        assertStepperGivesThePass(net, TEXT, net.forward(TEXT), type);
    }

    /** A fresh stepper fed {@code text} gives, at every timestep, exactly the pass's distribution, argmax and every vector. */
    private static void assertStepperGivesThePass(Network net, int[] text, ForwardPass pass, String type) {
        Stepper stepper = net.stepper();
        for (int t = 0; t < text.length; t++) {
            double[] p = stepper.step(text[t]);
            assertEquals(t + 1, stepper.timestep());
            for (int k = 0; k < net.vocabSize(); k++) assertEquals(pass.probability(t, 0, k), p[k], 0.0, type + " t=" + t);
            assertEquals(pass.argmax(t, 0), stepper.argmax());
            for (int l = 0; l < net.layers(); l++)
                for (int v = 0; v < net.cell(l).vectors().size(); v++)
                    assertArrayEquals(pass.step(t, l).row(v, 0), stepper.vector(l, v), 0.0, type + " t=" + t + " l=" + l + " v=" + v);
        }
    }

    /** With 64 units the products read blocked copies of the weights, in the stepper as in the pass. */
    @ParameterizedTest
    @MethodSource("types")
    void aStepperThatReadsOnlyTheStateGivesTheDistributionWhenAskedFor(String type) {
        Network net = Network.initialized(new NetworkConfig(type, 20, 64, 2), new Random(12));
        int[] text = new Random(13).ints(30, 0, 20).toArray();
        ForwardPass pass = net.forward(text);
        Stepper stepper = net.stepper();
        int top = net.layers() - 1, hidden = net.cell(top).hiddenIndex();
        for (int t = 0; t < text.length; t++) {
            stepper.advance(text[t]);
            assertArrayEquals(pass.step(t, top).row(hidden, 0), stepper.vector(top, hidden), 0.0, type + " t=" + t);
            if (t % 7 != 6) continue;
            // asked for now and then: the distribution after this step, even once the state is overwritten
            double[] expected = new double[20];
            for (int k = 0; k < 20; k++) expected[k] = pass.probability(t, 0, k);
            Stepper copy = stepper.copy();
            copy.set(top, hidden, new double[64]);
            assertArrayEquals(expected, copy.probabilities(), 0.0, type + " t=" + t);
            assertArrayEquals(expected, stepper.probabilities(), 0.0, type + " t=" + t);
            assertEquals(pass.argmax(t, 0), stepper.argmax());
        }
    }

    /** 300 timesteps of two 64-unit layers: the pass runs the lower layer on a second thread ({@link LayerPipeline}). */
    @ParameterizedTest
    @MethodSource("types")
    void aLongPassOnTwoThreadsGivesWhatTheStepperGives(String type) {
        Network net = Network.initialized(new NetworkConfig(type, 20, 64, 2), new Random(14));
        int[] text = new Random(15).ints(300, 0, 20).toArray();
        ForwardPass pass = net.forward(text);
        assertTrue(LayerPipeline.pays(net, pass) || Runtime.getRuntime().availableProcessors() == 1);
        assertStepperGivesThePass(net, text, pass, type);
    }

    /**
     * Three layers, two sequences of different lengths, 517 timesteps (the last block of the top layer's
     * input products is a partial one): every row of the pass on two threads, with the top layer's input
     * products computed a block at a time, is what a stepper gives, to the last bit.
     */
    @ParameterizedTest
    @MethodSource("types")
    void aLongBatchThroughThreeLayersOnTwoThreadsGivesWhatTheStepperGives(String type) {
        Network net = Network.initialized(new NetworkConfig(type, 20, 64, 3), new Random(16));
        Random random = new Random(17);
        int[][] texts = {random.ints(517, 0, 20).toArray(), random.ints(450, 0, 20).toArray()};
        ForwardPass pass = net.newPass(2);
        net.forward(texts, pass);
        assertTrue(LayerPipeline.pays(net, pass) || Runtime.getRuntime().availableProcessors() == 1);
        for (int row = 0; row < texts.length; row++) {
            Stepper stepper = net.stepper();
            for (int t = 0; t < texts[row].length; t++) {
                double[] p = stepper.step(texts[row][t]);
                for (int k = 0; k < net.vocabSize(); k++) assertEquals(pass.probability(t, row, k), p[k], 0.0, type + " row " + row + " t=" + t);
                for (int l = 0; l < net.layers(); l++)
                    for (int v = 0; v < net.cell(l).vectors().size(); v++)
                        assertArrayEquals(pass.step(t, l).row(v, row), stepper.vector(l, v), 0.0, type + " row " + row + " t=" + t + " l=" + l + " v=" + v);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void anInterventionChangesTheSameTimestepsAsInTheForwardPass(String type) {
        Network net = network(type);
        int hidden = net.cell(1).hiddenIndex();
        Intervention zeroUnitTwoFromStepThree = new Intervention() {
            @Override public boolean touches(int timestep, int layer) { return timestep >= 3 && layer == 1; }
            @Override public double value(int timestep, int layer, int vector, int row, int unit, double computed) {
                return vector == hidden && unit == 2 ? 0 : computed;
            }
        };
        ForwardPass pass = net.newPass(1);
        net.forward(new int[][] {TEXT}, pass, zeroUnitTwoFromStepThree);
        Stepper stepper = net.stepper().intervene(zeroUnitTwoFromStepThree);
        for (int t = 0; t < TEXT.length; t++) {
            double[] p = stepper.step(TEXT[t]);
            for (int k = 0; k < 4; k++) assertEquals(pass.probability(t, 0, k), p[k], 0.0, type + " t=" + t);
            assertEquals(t >= 3 ? 0.0 : pass.step(t, 1).value(hidden, 0, 2), stepper.value(1, hidden, 2));
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void anOverwrittenStateIsWhatTheNextStepReads(String type) {
        Network net = network(type);
        Stepper a = net.stepper();
        a.read(new int[] {0, 1, 2});
        Stepper b = a.copy();
        assertArrayEquals(a.probabilities(), b.probabilities(), 0.0);
        int[] state = net.cell(0).stateVectors();
        for (int v : state) b.set(0, v, new double[5]); // layer 0 forgets everything it read
        for (int v : state) assertArrayEquals(new double[5], b.vector(0, v), 0.0);
        double[] changed = b.step(3), kept = a.step(3);
        assertNotEquals(kept[0], changed[0], "the overwritten state changes what follows");

        Stepper fresh = net.stepper(); // zero layer-0 state, but layer 1 remembers: not the same as starting over
        fresh.step(3);
        assertArrayEquals(b.vector(0, net.cell(0).hiddenIndex()), fresh.vector(0, net.cell(0).hiddenIndex()), 0.0,
                "layer 0 sees only the zero state and the same character");
        assertEquals(4, a.timestep());
        assertEquals(4, b.timestep());
    }

    @ParameterizedTest
    @MethodSource("types")
    void resetStartsOverFromTheZeroState(String type) {
        Network net = network(type);
        Stepper stepper = net.stepper();
        double[] first = stepper.read(TEXT);
        stepper.reset();
        assertEquals(0, stepper.timestep());
        assertArrayEquals(first, stepper.read(TEXT), 0.0);
        assertThrows(IllegalArgumentException.class, () -> stepper.step(4));
        assertThrows(IllegalArgumentException.class, () -> stepper.set(0, 0, new double[4]));
    }
}
