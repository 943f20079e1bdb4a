package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;

/**
 * One unit's value grouped by the character it reads, over the traced test set: "the input gate is 0.9 on
 * a and 0.05 on X". Optionally split further by a task variable's value at that timestep, so the state
 * memorizer's unit can be read on the x's after an A apart from the x's after a B.
 *
 * @param groupBy   the task variable the groups are split by, or null
 * @param sequences test sequences read
 * @param groups    in the order of the vocabulary, then of the variable's value
 */
public record UnitByInput(int layer, String vector, int unit, String groupBy, int sequences, List<Group> groups) {
    /**
     * The timesteps that read one character (with one value of the variable).
     *
     * @param ch       the character read
     * @param variable the variable's value there, or null without groupBy
     * @param count    timesteps in the group
     */
    public record Group(String ch, Double variable, int count, double mean, double min, double max) {}

    /** Timestep t ≥ 1 of sequence k reads {@code input.charAt(t)} and is compared with {@code variables(s)[t - 1]}, as the probes do. */
    public static UnitByInput compute(Task task, TracedSequences data, int layer, String vector, int unit, String groupBy) {
        if (groupBy != null && !task.variableDescriptions().containsKey(groupBy))
            throw new IllegalArgumentException("groupBy must be a variable of the task, one of " + task.variableDescriptions().keySet()
                    + "; got '" + groupBy + "'");
        Vocabulary vocab = task.vocabulary();
        // character index → variable value (NaN without groupBy) → {count, sum, min, max}
        Map<Integer, TreeMap<Double, double[]>> sums = new TreeMap<>();
        for (int k = 0; k < data.size(); k++) {
            Trace trace = data.trace(k);
            double[][] values = trace.layers().get(layer).vectors().get(vector);
            double[] variable = groupBy == null ? null : data.variables(k).get(groupBy);
            String read = trace.input();
            for (int t = 1; t < values.length; t++) {
                double v = values[t][unit];
                double key = variable == null ? Double.NaN : variable[t - 1];
                double[] s = sums.computeIfAbsent(vocab.indexOf(read.charAt(t)), c -> new TreeMap<>())
                        .computeIfAbsent(key, x -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                s[0]++;
                s[1] += v;
                s[2] = Math.min(s[2], v);
                s[3] = Math.max(s[3], v);
            }
        }
        List<Group> groups = new ArrayList<>();
        sums.forEach((c, byValue) -> byValue.forEach((value, s) -> groups.add(new Group(String.valueOf(vocab.charAt(c)),
                groupBy == null ? null : value, (int) s[0], s[1] / s[0], s[2], s[3]))));
        return new UnitByInput(layer, vector, unit, groupBy, data.size(), List.copyOf(groups));
    }
}
