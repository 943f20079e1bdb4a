package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A forward-only pass (timesteps sharing their scratch, as traces run) computes what a full pass computes. */
class ForwardOnlyPassTest {
    static List<String> types() { return CellTypes.names(); }

    @ParameterizedTest
    @MethodSource("types")
    void aForwardOnlyPassGivesWhatAFullPassGivesAndHandsOverItsArrays(String type) {
        Network net = Network.initialized(new NetworkConfig(type, 20, 64, 2), new Random(21));
        Random random = new Random(22);
        int[][] batch = {random.ints(40, 0, 20).toArray(), random.ints(33, 0, 20).toArray(), random.ints(40, 0, 20).toArray()};
        int[] long1 = random.ints(300, 0, 20).toArray(); // one row on two threads (LayerPipeline)
        ForwardPass full = net.newPass(3), only = net.newPass(3).forwardOnly();
        net.forward(batch, full);
        net.forward(batch, only);
        assertSameValues(net, full, only, 3, type);
        ForwardPass fullOne = net.forward(long1), onlyOne = net.newPass(1).forwardOnly();
        net.forward(new int[][] {long1}, onlyOne);
        assertSameValues(net, fullOne, onlyOne, 1, type);

        assertThrows(IllegalStateException.class, () -> net.backward(onlyOne, new Gradients(net.parameters())));
        for (int l = 0; l < net.layers(); l++)
            for (int v = 0; v < net.cell(l).vectors().size(); v++) {
                double[][] taken = onlyOne.take(l, v);
                assertEquals(long1.length, taken.length);
                for (int t = 0; t < long1.length; t++) assertArrayEquals(fullOne.step(t, l).row(v, 0), taken[t], 0.0, type + " t=" + t);
            }
        assertThrows(IllegalStateException.class, () -> net.forward(new int[][] {long1}, onlyOne), "a pass that gave up its arrays runs no more");
        assertThrows(IllegalStateException.class, () -> only.take(0, 0), "only a one-row pass hands over its arrays");
    }

    /**
     * Single-precision products: within 1e-5 of double precision over 300 steps of two 64-unit layers,
     * and the same to the last bit whether the pass runs on two threads (one row) or in one loop (four).
     */
    @ParameterizedTest
    @MethodSource("types")
    void singlePrecisionProductsStayCloseToDoubleAndTheSameOnTwoThreads(String type) {
        Network net = Network.initialized(new NetworkConfig(type, 20, 64, 2), new Random(23));
        int[] text = new Random(24).ints(300, 0, 20).toArray();
        ForwardPass exact = net.forward(text), single = net.newPass(1).singlePrecision(), loop = net.newPass(4).singlePrecision();
        net.forward(new int[][] {text}, single);
        net.forward(new int[][] {text, text, text, text}, loop);
        assertTrue(LayerPipeline.pays(net, single) && !LayerPipeline.pays(net, loop) || Runtime.getRuntime().availableProcessors() == 1);
        assertThrows(IllegalStateException.class, () -> net.backward(single, new Gradients(net.parameters())));
        double worst = 0;
        for (int t = 0; t < text.length; t++)
            for (int l = 0; l < net.layers(); l++)
                for (int v = 0; v < net.cell(l).vectors().size(); v++) {
                    double[] s = single.step(t, l).row(v, 0), e = exact.step(t, l).row(v, 0);
                    assertArrayEquals(loop.step(t, l).row(v, 0), s, 0.0, type + " t=" + t + " l=" + l + " v=" + v);
                    for (int u = 0; u < s.length; u++) worst = Math.max(worst, Math.abs(s[u] - e[u]));
                }
        assertEquals(0, worst, 1e-5, type);
        assertTrue(worst > 0, "the products did run in single precision");
    }

    private static void assertSameValues(Network net, ForwardPass expected, ForwardPass actual, int rows, String type) {
        for (int t = 0; t < expected.length(); t++)
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < net.vocabSize(); k++) assertEquals(expected.probability(t, r, k), actual.probability(t, r, k), 0.0, type + " t=" + t);
                for (int l = 0; l < net.layers(); l++)
                    for (int v = 0; v < net.cell(l).vectors().size(); v++)
                        assertArrayEquals(expected.step(t, l).row(v, r), actual.step(t, l).row(v, r), 0.0, type + " t=" + t + " l=" + l + " v=" + v);
            }
    }
}
