package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sums the trainer takes over a network's gradients. */
class GradientsTest {
    @Test
    void theNormAndTheWeightedSumOfTwoSharesAreTheirDefinitions() {
        // a 1 × 3 layer: weight matrices of 3 × 12 and 3 × 12, bias rows of 12, an output of 3 × 3 and 3: sizes not all multiples of 4
        Network net = Network.initialized(new NetworkConfig("lstm", 3, 3, 1), new Random(2));
        Gradients a = new Gradients(net.parameters()), b = new Gradients(net.parameters());
        Random random = new Random(4);
        double sum = 0;
        for (int k = 0; k < a.count(); k++)
            for (int i = 0; i < a.get(k).getNumElements(); i++) {
                a.get(k).data[i] = random.nextGaussian();
                b.get(k).data[i] = random.nextGaussian();
                sum += a.get(k).data[i] * a.get(k).data[i];
            }
        assertEquals(Math.sqrt(sum), a.norm(), 1e-12);
        double[][] before = new double[a.count()][];
        for (int k = 0; k < a.count(); k++) before[k] = a.get(k).data.clone();
        a.scaleAndAdd(0.25, b, 0.75);
        for (int k = 0; k < a.count(); k++)
            for (int i = 0; i < a.get(k).getNumElements(); i++)
                assertEquals(0.25 * before[k][i] + 0.75 * b.get(k).data[i], a.get(k).data[i], 0.0);
    }
}
