package lstmexplorer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Network;
import lstmexplorer.model.Parameter;
import lstmexplorer.model.StepCache;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;

/**
 * Greedy generation: the model reads the start token and the prefix, then is fed its own most likely
 * next character until it predicts the end token or reaches the cap. When the model's task is known
 * and the prefix has reached the delimiter, the answer is compared with the task's correct continuation.
 */
public final class GenerateService {
    /** One generated character with the distribution it was picked from. */
    public record Step(@JsonProperty("char") String character, double[] probabilities) {}

    /**
     * @param expected   the task's correct continuation, or null when unknown
     * @param firstWrong index into {@code continuation} of the first character that differs from {@code expected}, or null
     */
    public record Generation(String prefix, String continuation, String stoppedBecause, List<Step> steps, String expected,
                             Integer firstWrong) {}

    private final ModelService models;

    public GenerateService(ModelService models) { this.models = models; }

    public Generation generate(String id, String prefix, Integer max) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel model = r.model();
        TraceService.checkInput("prefix", prefix, model, 0);
        int cap = max == null ? Limits.DEFAULT_GENERATE : max;
        TaskCatalog.check("max", cap, Limits.MIN_GENERATE, Limits.MAX_GENERATE);

        Vocabulary vocab = model.vocabulary();
        Network network = model.network();
        int[] tokens = vocab.encode("\n" + prefix);
        ForwardPass pass = network.forward(tokens);
        int last = tokens.length - 1;
        double[] p = new double[vocab.size()];
        for (int k = 0; k < p.length; k++) p[k] = pass.probability(last, 0, k);
        Stepper stepper = new Stepper(network, pass, last);

        StringBuilder continuation = new StringBuilder();
        List<Step> steps = new ArrayList<>();
        String stopped = "cap";
        while (true) {
            int next = argmax(p);
            char ch = vocab.charAt(next);
            steps.add(new Step(String.valueOf(ch), p));
            continuation.append(ch);
            if (ch == Vocabulary.END) { stopped = "end"; break; }
            if (continuation.length() >= cap) break;
            p = stepper.read(next);
        }
        String expected = expected(r.task(), prefix);
        return new Generation(prefix, continuation.toString(), stopped, steps, expected,
                firstWrong(continuation.toString(), expected, stopped));
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    /**
     * Continues a forward pass one character at a time with the same cell equations and output layer
     * the network uses, so generation costs one timestep per character instead of re-reading the text.
     * Cells keep no per-step state, so this is safe while other requests use the same network.
     */
    static final class Stepper {
        private final Network network;
        private final DMatrixRMaj outW, outB, x, logits;
        private StepCache[] prev, spare;

        Stepper(Network network, ForwardPass pass, int t) {
            this.network = network;
            int layers = network.layers();
            prev = new StepCache[layers];
            spare = new StepCache[layers];
            for (int l = 0; l < layers; l++) {
                prev[l] = pass.step(t, l);
                spare[l] = network.cell(l).newCache(1);
            }
            DMatrixRMaj w = null, b = null;
            for (Parameter param : network.parameters()) {
                if (param.name().equals("output.W")) w = param.value();
                if (param.name().equals("output.b")) b = param.value();
            }
            outW = w;
            outB = b;
            x = new DMatrixRMaj(1, network.vocabSize());
            logits = new DMatrixRMaj(1, network.vocabSize());
        }

        /** Reads one more character; returns the next-character distribution. */
        double[] read(int token) {
            x.zero();
            x.set(0, token, 1.0);
            StepCache[] now = spare; // first the fresh caches, then the pass's own: nobody else reads them
            DMatrixRMaj in = x;
            for (int l = 0; l < now.length; l++) {
                network.cell(l).forward(in, prev[l], now[l]);
                in = new DMatrixRMaj(1, network.hidden(), true, now[l].row(network.cell(l).hiddenIndex(), 0));
            }
            CommonOps_DDRM.mult(in, outW, logits);
            CommonOps_DDRM.addEquals(logits, outB);
            double max = logits.data[0];
            for (double v : logits.data) max = Math.max(max, v);
            double sum = 0;
            double[] p = new double[logits.numCols];
            for (int k = 0; k < p.length; k++) sum += p[k] = Math.exp(logits.data[k] - max);
            for (int k = 0; k < p.length; k++) p[k] /= sum;
            spare = prev;
            prev = now;
            return p;
        }
    }

    /**
     * The task's continuation of a prefix: what follows the delimiter, less what the prefix already
     * has of it. Null when the task is unknown, the prefix has not reached the delimiter, or the prefix
     * is already wrong.
     */
    static String expected(String taskName, String prefix) {
        Task task = taskName == null ? null : Tasks.byName(taskName).orElse(null);
        if (task == null) return null;
        int d = prefix.indexOf(task.delimiter());
        if (d < 0) return null;
        String rest = task.continuation(prefix.substring(0, d + 1)).orElse(null);
        if (rest == null) return null;
        String typed = prefix.substring(d + 1);
        return rest.startsWith(typed) && typed.length() < rest.length() ? rest.substring(typed.length()) : null;
    }

    static Integer firstWrong(String continuation, String expected, String stopped) {
        if (expected == null || continuation.equals(expected)) return null;
        int n = Math.min(continuation.length(), expected.length());
        for (int i = 0; i < n; i++) if (continuation.charAt(i) != expected.charAt(i)) return i;
        // one is a prefix of the other: wrong where the shorter ends, unless generation was merely capped
        if (continuation.length() < expected.length() && stopped.equals("cap")) return null;
        return n;
    }
}
