package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerateServiceTest {
    @Test
    void expectedIsTheRestOfTheSequenceAfterWhatThePrefixAlreadyHas() {
        assertEquals("bbb\n", GenerateService.expected("counter", "aaaX"));
        assertEquals("bb\n", GenerateService.expected("counter", "aaaXb"));
        assertNull(GenerateService.expected("counter", "aaa"), "the delimiter is not there yet");
        assertNull(GenerateService.expected("counter", "aaaXbbbb"), "the prefix is already wrong");
        assertNull(GenerateService.expected("counter", "aaaXbbb\n"), "nothing left to generate");
        assertNull(GenerateService.expected(null, "aaaX"), "unknown task");
        assertEquals("abc\n", GenerateService.expected("copy_machine", "abcX"));
    }

    @Test
    void firstWrongIsWhereTheContinuationLeavesTheExpectedOne() {
        assertNull(GenerateService.firstWrong("bbb\n", "bbb\n", "end"));
        assertEquals(2, GenerateService.firstWrong("bb\n", "bbb\n", "end"), "stopped too early");
        assertEquals(3, GenerateService.firstWrong("bbbb\n", "bbb\n", "end"), "went on too long");
        assertEquals(1, GenerateService.firstWrong("bab\n", "bbb\n", "end"));
        assertNull(GenerateService.firstWrong("bb", "bbb\n", "cap"), "right so far, only capped");
        assertNull(GenerateService.firstWrong("bbb\n", null, "end"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn", "peephole", "cifg", "mgu"})
    void steppingGivesWhatReadingTheWholeTextGives(String cell) {
        Task task = Tasks.byName("copy_machine").orElseThrow();
        TrainedModel model = new TrainedModel(task.name(), task.vocabulary(),
                Network.initialized(new NetworkConfig(cell, task.vocabulary().size(), 7, 2), new Random(5)), null);
        String text = "\nabcXab";
        int[] tokens = task.vocabulary().encode(text);
        int prefix = 3; // the pass reads "\nab", the stepper the rest
        var pass = model.network().forward(java.util.Arrays.copyOf(tokens, prefix));
        GenerateService.Stepper stepper = new GenerateService.Stepper(model.network(), pass, prefix - 1);
        double[][] expected = Trace.of(model, text).probabilities();
        for (int t = prefix; t < tokens.length; t++) {
            double[] p = stepper.read(tokens[t]);
            for (int k = 0; k < p.length; k++) assertEquals(expected[t][k], p[k], 1e-14, cell + " t=" + t);
        }
    }
}
