package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;
import lstmexplorer.model.Stepper;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.EncodedSequences;
import lstmexplorer.train.Evaluator;
import lstmexplorer.train.TrainedModel;

/** Runs a network with {@link UnitIntervention}s: traces, greedy generation and sequence accuracy. */
public final class Interventions {
    private Interventions() {}

    /** The {@link Intervention} a forward pass takes, after checking every change against the network. */
    public static Intervention of(Network network, List<UnitIntervention> interventions) {
        return new UnitInterventions(network, interventions);
    }

    /**
     * Compares the model with and without {@code interventions}; see {@link InterventionResult}.
     *
     * @param task           the model's task, for the expected continuation; may be null
     * @param test           the test set, scored with and without the interventions
     * @param generalization the generalization set, likewise
     */
    public static InterventionResult compare(TrainedModel model, Task task, String prefix, List<UnitIntervention> interventions,
                                             int maxGenerated, EncodedSequences test, EncodedSequences generalization) {
        if (maxGenerated < 1) throw new IllegalArgumentException("maxGenerated must be at least 1");
        Network network = model.network();
        Intervention changed = of(network, interventions);
        model.vocabulary().encode(prefix); // names characters outside the vocabulary
        boolean stop = task == null || task.endsAtNewline();
        String originalGenerated = generate(model, prefix, null, maxGenerated, stop);
        String intervenedGenerated = generate(model, prefix, changed, maxGenerated, stop);
        String expected = task == null ? null : task.continuation(prefix).orElse(null);
        // a dataset model is scored as a language model: next-character accuracy over its test sequences
        boolean perCharacter = task != null && task.scoresEveryCharacter();
        double originalTest = perCharacter ? Evaluator.nextCharacter(network, test, null).accuracy() : sequenceAccuracy(network, test, null);
        double intervenedTest = perCharacter ? Evaluator.nextCharacter(network, test, changed).accuracy() : sequenceAccuracy(network, test, changed);
        return new InterventionResult(List.copyOf(interventions), prefix,
                trace(model, read(prefix, originalGenerated), null), trace(model, read(prefix, intervenedGenerated), changed),
                originalGenerated, intervenedGenerated, expected,
                originalTest, intervenedTest, intervenedTest - originalTest,
                sequenceAccuracy(network, generalization, null), sequenceAccuracy(network, generalization, changed));
    }

    /**
     * Greedy generation: reads the start token and {@code prefix}, then appends the most probable next
     * character and reads it, until that character is the newline (included) or {@code max} characters.
     */
    public static String generate(TrainedModel model, String prefix, Intervention intervention, int max) {
        return generate(model, prefix, intervention, max, true);
    }

    /** As {@link #generate(TrainedModel, String, Intervention, int)}; without {@code stopAtNewline} it runs to {@code max}. */
    public static String generate(TrainedModel model, String prefix, Intervention intervention, int max, boolean stopAtNewline) {
        Vocabulary vocab = model.vocabulary();
        // timesteps count from the start token, as in a single forward pass over the final text
        Stepper stepper = model.network().stepper().intervene(intervention);
        stepper.read(vocab.encode(Vocabulary.END + prefix));
        StringBuilder generated = new StringBuilder();
        while (generated.length() < max) {
            int next = stepper.argmax();
            generated.append(vocab.charAt(next));
            if (vocab.charAt(next) == Vocabulary.END && stopAtNewline) break;
            stepper.step(next);
        }
        return generated.toString();
    }

    /** The trace of a run over {@code input} (read exactly as given) with an intervention (null: none). */
    public static Trace trace(TrainedModel model, String input, Intervention intervention) {
        int[] encoded = model.vocabulary().encode(input);
        ForwardPass pass = model.network().newPass(1);
        model.network().forward(new int[][] {encoded}, pass, intervention);
        List<String> vocab = new ArrayList<>();
        for (char ch : model.vocabulary().chars()) vocab.add(String.valueOf(ch));
        return Trace.of(pass, 0, vocab, input);
    }

    /**
     * Sequence accuracy as {@link lstmexplorer.train.Evaluator} defines it (argmax right at every position
     * after the delimiter), with an intervention (null: none) applied to every sequence.
     */
    public static double sequenceAccuracy(Network network, EncodedSequences data, Intervention intervention) {
        if (data.size() == 0) return 0;
        int correct = 0;
        for (boolean ok : correctSequences(network, data, intervention)) if (ok) correct++;
        return correct / (double) data.size();
    }

    /** For each sequence, whether every scored position is predicted right under the intervention. */
    public static boolean[] correctSequences(Network network, EncodedSequences data, Intervention intervention) {
        return Evaluator.correctSequences(network, data, intervention);
    }

    /** What a run read: the start token, the prefix and what it generated, less the last generated character. */
    private static String read(String prefix, String generated) {
        return Vocabulary.END + prefix + generated.substring(0, generated.length() - 1);
    }
}
