package lstmexplorer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;

class TracedSequencesTest {
    /** Batched by length or not, each sequence's trace is the trace of it alone, in the order given. */
    @Test
    void tracesInTheOrderGivenEachAsIfTracedAlone() {
        TrainedModel model = GalleryModels.get("counter");
        List<String> test = GalleryModels.test("counter").subList(0, 30);
        TracedSequences data = TracedSequences.of(model, GalleryModels.task("counter"), test);
        for (int k = 0; k < test.size(); k++) {
            Trace alone = Trace.of(model, TracedSequences.modelInput(test.get(k)));
            assertEquals(alone.input(), data.trace(k).input());
            double[][] cell = data.trace(k).layers().get(0).vectors().get("cell");
            for (int t = 0; t < alone.length(); t++) assertArrayEquals(alone.layers().get(0).vectors().get("cell")[t], cell[t], 1e-12);
        }
    }

    @Test
    void bytesCountEveryValueOfEveryVectorAndProbabilityAtEveryTimestep() {
        TrainedModel model = GalleryModels.get("counter"); // 1 × 10 LSTM: 6 vectors, vocabulary of 4
        TracedSequences data = TracedSequences.of(model, GalleryModels.task("counter"), List.of("aXb\n", "aaXbb\n"));
        assertEquals(8L * (6 * 10 + 4) * (4 + 6), data.bytes());
        double[][] block = data.series(0, "hidden");
        assertEquals(10, block.length);
        assertArrayEquals(data.series(0, "hidden", 3), block[3], 0);
    }
}
