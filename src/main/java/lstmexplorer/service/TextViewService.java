package lstmexplorer.service;

import java.util.List;
import lstmexplorer.model.CellTypes;
import lstmexplorer.model.Stepper;
import lstmexplorer.task.Corpus;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;

/**
 * One unit over a long text, as Karpathy, Johnson &amp; Fei-Fei show it: the model reads the start token
 * and then the text as one stream, its state carried from character to character, and the chosen
 * unit's value after each character is returned. Stepping keeps only the current state, so a text of
 * {@link Limits#TEXT_VIEW} characters costs one timestep per character and no trace in memory.
 */
public final class TextViewService {
    /** What the text view shows: {@code values[t]} is the unit after reading {@code text[t]}. */
    public record TextView(String model, String source, String text, int layer, String vector, int unit, double[] values,
                           double min, double max) {}

    private final ModelService models;

    public TextViewService(ModelService models) { this.models = models; }

    /**
     * @param input the text to read; null for the start of the model's test split (its dataset's, or its
     *              task's test sequences one after another)
     */
    public TextView view(String id, String input, Integer layer, String vector, Integer unit) {
        ModelRecord r = models.requireWeights(id);
        TrainedModel model = r.model();
        int l = Validator.layer("layer", layer, r);
        String v = Validator.vector("vector", vector == null ? "hidden" : vector, r);
        int u = Validator.unit("unit", unit, r);
        String source = input == null ? "test" : "input";
        String text = input == null ? testText(r) : Validator.text("input", input, Limits.TEXT_VIEW, model.vocabulary());
        int vectorIndex = CellTypes.vectors(r.cell()).indexOf(v);
        Stepper stepper = model.network().stepper();
        // the state alone is read, so the output layer never runs
        stepper.advance(model.vocabulary().indexOf(Vocabulary.END)); // the start token, as in training
        double[] values = new double[text.length()];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < values.length; t++) {
            stepper.advance(model.vocabulary().indexOf(text.charAt(t)));
            values[t] = stepper.value(l, vectorIndex, u);
            min = Math.min(min, values[t]);
            max = Math.max(max, values[t]);
        }
        return new TextView(r.id(), source, text, l, v, u, values, values.length == 0 ? 0 : min, values.length == 0 ? 0 : max);
    }

    /** The first {@link Limits#TEXT_VIEW} characters of the model's test split, read as one stream. */
    String testText(ModelRecord r) {
        Task task = models.taskOf(r).orElseThrow(() -> ServiceException.badParameter("input",
                "model '" + r.id() + "' has no known task or dataset, so it has no test text; give an input"));
        int max = (int) Limits.TEXT_VIEW.max();
        if (task instanceof CorpusTask c && c.corpus().kind() == Corpus.Kind.TEXT) {
            String text = c.corpus().text();
            return text.substring(c.corpus().testStart(), Math.min(text.length(), c.corpus().testStart() + max));
        }
        List<String> sequences = task instanceof CorpusTask c
                ? DatasetStore.sequences(c.corpus(), "test", Limits.DEFAULT_WINDOW)
                : models.tasks().sequences(task, lstmexplorer.io.Datasets.Split.TEST);
        StringBuilder sb = new StringBuilder();
        for (String s : sequences) {
            if (sb.length() + s.length() > max) break;
            sb.append(s);
        }
        return sb.toString();
    }
}
