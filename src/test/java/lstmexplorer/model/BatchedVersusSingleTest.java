package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import lstmexplorer.train.SequenceLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A padded batch gives the same states, probabilities and gradients as its sequences one at a time. */
class BatchedVersusSingleTest {
    static List<String> types() { return CellTypes.names(); }

    @ParameterizedTest
    @MethodSource("types")
    void batchEqualsOneSequenceAtATime(String type) {
        Random random = new Random(3);
        Network net = Network.initialized(new NetworkConfig(type, 4, 5, 2), random);
        int[][] inputs = {{0, 1, 2, 3, 1}, {0, 2}, {0, 3, 3, 1, 1, 2, 2}};
        int[][] targets = {{1, 2, 3, 1, 0}, {2, 0}, {3, 3, 1, 1, 2, 2, 0}};
        int total = 5 + 2 + 7;

        ForwardPass batched = net.newPass(3);
        net.forward(inputs, batched);
        SequenceLoss.lossAndGradient(batched, targets);
        Gradients batchGrads = new Gradients(net.parameters());
        net.backward(batched, batchGrads);

        Gradients summed = new Gradients(net.parameters());
        for (int r = 0; r < inputs.length; r++) {
            ForwardPass single = net.forward(inputs[r]);
            for (int t = 0; t < inputs[r].length; t++) {
                for (int l = 0; l < net.layers(); l++)
                    for (int v = 0; v < net.cell(l).vectors().size(); v++)
                        for (int u = 0; u < 5; u++)
                            assertEquals(single.step(t, l).value(v, 0, u), batched.step(t, l).value(v, r, u), 1e-12);
                for (int k = 0; k < 4; k++) assertEquals(single.probability(t, 0, k), batched.probability(t, r, k), 1e-12);
            }
            SequenceLoss.lossAndGradient(single, new int[][] {targets[r]});
            Gradients g = new Gradients(net.parameters());
            net.backward(single, g);
            g.scale((double) inputs[r].length / total); // each alone is averaged over its own length
            summed.add(g);
        }
        for (int k = 0; k < summed.count(); k++)
            for (int i = 0; i < summed.get(k).getNumElements(); i++)
                assertEquals(summed.get(k).data[i], batchGrads.get(k).data[i], 1e-12, net.parameters().get(k).name());
    }

    /**
     * At 130 units every product reads other code one sequence at a time than five at once: one row reads
     * blocked copies of the weights, and five rows of a matrix this large do too, through the row updates.
     */
    @ParameterizedTest
    @MethodSource("types")
    void largeLayersGiveTheSameValuesBatchedAndOneAtATime(String type) {
        int vocab = 30, hidden = 130;
        Network net = Network.initialized(new NetworkConfig(type, vocab, hidden, 2), new Random(4));
        Random random = new Random(6);
        int[][] inputs = new int[5][];
        for (int r = 0; r < inputs.length; r++) inputs[r] = random.ints(2 + r, 0, vocab).toArray();
        ForwardPass batched = net.newPass(inputs.length);
        net.forward(inputs, batched);
        for (int r = 0; r < inputs.length; r++) {
            ForwardPass single = net.forward(inputs[r]);
            for (int t = 0; t < inputs[r].length; t++) {
                for (int l = 0; l < net.layers(); l++)
                    for (int v = 0; v < net.cell(l).vectors().size(); v++)
                        for (int u = 0; u < hidden; u++)
                            assertEquals(single.step(t, l).value(v, 0, u), batched.step(t, l).value(v, r, u), 1e-12, type + " " + v);
                for (int k = 0; k < vocab; k++) assertEquals(single.probability(t, 0, k), batched.probability(t, r, k), 1e-12);
            }
        }
    }

    /**
     * The same in single precision, which forward-only passes (traces) run in: a padded batch of sequences
     * of different lengths gives each its values alone, at 5 units and at 130 (the blocked copies' paths).
     */
    @ParameterizedTest
    @MethodSource("types")
    void aSinglePrecisionBatchEqualsOneSequenceAtATime(String type) {
        for (int hidden : new int[] {5, 130}) {
            int vocab = 30;
            Network net = Network.initialized(new NetworkConfig(type, vocab, hidden, 2), new Random(8));
            Random random = new Random(9);
            int[][] inputs = new int[5][];
            for (int r = 0; r < inputs.length; r++) inputs[r] = random.ints(3 + 2 * r, 0, vocab).toArray();
            ForwardPass batched = net.newPass(inputs.length).singlePrecision();
            net.forward(inputs, batched);
            for (int r = 0; r < inputs.length; r++) {
                ForwardPass single = net.newPass(1).singlePrecision();
                net.forward(new int[][] {inputs[r]}, single);
                for (int t = 0; t < inputs[r].length; t++) {
                    for (int l = 0; l < net.layers(); l++)
                        for (int v = 0; v < net.cell(l).vectors().size(); v++)
                            for (int u = 0; u < hidden; u++)
                                assertEquals(single.step(t, l).value(v, 0, u), batched.step(t, l).value(v, r, u), 1e-12,
                                        type + " " + hidden + " units, vector " + v);
                    for (int k = 0; k < vocab; k++) assertEquals(single.probability(t, 0, k), batched.probability(t, r, k), 1e-12);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void reusedPassGivesTheSameResultAsAFreshOne(String type) {
        Network net = Network.initialized(new NetworkConfig(type, 4, 3, 1), new Random(5));
        ForwardPass reused = net.newPass(2);
        net.forward(new int[][] {{1, 2, 3, 3, 3, 3}, {2, 2, 2, 2, 2, 2, 2, 2}}, reused); // longer, then shorter and smaller
        net.forward(new int[][] {{3, 1, 2}}, reused);
        ForwardPass fresh = net.forward(new int[] {3, 1, 2});
        for (int t = 0; t < 3; t++)
            for (int k = 0; k < 4; k++) assertEquals(fresh.probability(t, 0, k), reused.probability(t, 0, k), 0.0);
    }
}
