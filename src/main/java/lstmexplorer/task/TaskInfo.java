package lstmexplorer.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a task says about itself, apart from its sequences.
 *
 * @param name                identifier used in files, URLs and the CLI, e.g. {@code counter}
 * @param description         one or two sentences for people
 * @param sizeName            what the size parameter counts, e.g. "N (a's)"
 * @param delimiter           the character after which the rest of the sequence is determined
 * @param defaultModel        the network shape the task is meant to be learned with
 * @param stepsAfterLearned   how many steps the task's gallery model trains on once the task is learned
 *                            (the train page suggests the same). At its first 100% a model has only just
 *                            learned; training on is what lets a counter keep counting past its training lengths.
 * @param variables           the ground-truth variables {@link Task#variables} computes, each with what it means, in order
 */
public record TaskInfo(String name, String description, String sizeName, Vocabulary vocabulary, char delimiter,
                       DefaultModel defaultModel, int stepsAfterLearned, SizeRange trainRange, SizeRange generalizationRange,
                       Map<String, String> variables) {
    public TaskInfo {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** A task's values of its variables, named in the order {@link #variables} lists them. */
    public Map<String, double[]> values(double[]... values) {
        if (values.length != variables.size())
            throw new IllegalArgumentException(name + " has " + variables.size() + " variables, not " + values.length);
        Map<String, double[]> out = new LinkedHashMap<>();
        int k = 0;
        for (String variable : variables.keySet()) out.put(variable, values[k++]);
        return out;
    }

    /** The values of the variables over a sequence of {@code length} characters, to be filled timestep by timestep. */
    public Values valuesOver(int length) { return new Values(this, length); }

    /** One array per variable, in the order {@link #variables} lists them. */
    public static final class Values {
        private final TaskInfo info;
        private final double[][] columns;

        private Values(TaskInfo info, int length) {
            this.info = info;
            this.columns = new double[info.variables.size()][length];
        }

        /** The variables' values at timestep t, in order. */
        public void set(int t, double... values) {
            for (int k = 0; k < columns.length; k++) columns[k][t] = values[k];
        }

        public Map<String, double[]> map() { return info.values(columns); }
    }

    /** Variable names and their descriptions, alternating, in the order given. */
    public static Map<String, String> variables(String... nameThenDescription) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int k = 0; k < nameThenDescription.length; k += 2) out.put(nameThenDescription[k], nameThenDescription[k + 1]);
        return out;
    }
}
