package lstmexplorer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import lstmexplorer.model.Stepper;
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
        Validator.text("prefix", prefix, Limits.PREFIX, model.vocabulary());
        int cap = Validator.check("max", max, Limits.GENERATE);

        Vocabulary vocab = model.vocabulary();
        Stepper stepper = model.network().stepper(); // one timestep per character, never re-reading the text
        double[] p = stepper.read(vocab.encode(Vocabulary.END + prefix));
        // a text dataset runs on past its newlines; a task sequence or a line ends at its own
        boolean endsAtNewline = models.taskOf(r).map(Task::endsAtNewline).orElse(true);

        StringBuilder continuation = new StringBuilder();
        List<Step> steps = new ArrayList<>();
        String stopped = "cap";
        while (true) {
            int next = stepper.argmax();
            char ch = vocab.charAt(next);
            steps.add(new Step(String.valueOf(ch), p));
            continuation.append(ch);
            if (ch == Vocabulary.END && endsAtNewline) { stopped = "end"; break; }
            if (continuation.length() >= cap) break;
            p = stepper.step(next);
        }
        String expected = models.datasetKind(r) != null ? null : expected(r.task(), prefix);
        return new Generation(prefix, continuation.toString(), stopped, steps, expected,
                firstWrong(continuation.toString(), expected, stopped));
    }

    /**
     * The task's continuation of a prefix: what follows the delimiter, less what the prefix already
     * has of it. Null when the task is unknown, the prefix has not reached the delimiter, or the prefix
     * is already wrong.
     */
    static String expected(String taskName, String prefix) {
        Task task = taskName == null ? null : Tasks.byName(taskName).orElse(null);
        if (task == null) return null;
        int d = task.delimiterPosition(prefix);
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
