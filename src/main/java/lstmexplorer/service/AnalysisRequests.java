package lstmexplorer.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import lstmexplorer.analysis.UnitIntervention;
import lstmexplorer.service.Limits.Range;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;

/**
 * What an analysis request asks of which model, resolved and checked before anything runs: the model
 * with a task whose test data the analyses read, and the unit changes of an intervention.
 */
final class AnalysisRequests {
    /** How an intervention picks the value it holds. */
    static final List<String> MODES = List.of("zero", "mean", "value", "shut", "open");

    private final ModelService models;

    AnalysisRequests(ModelService models) { this.models = models; }

    /** A model with weights and a known task or dataset that reads the task's vocabulary; else 400 (404, 409 as for any model). */
    ModelRecord withTask(String id) {
        ModelRecord r = models.requireWeights(id);
        Task task = models.taskOf(r).orElseThrow(() -> ServiceException.badRequest("model '" + id + "' has no known task or "
                + "dataset, so there is no test data to analyse it on; this analysis needs a model of one of " + Tasks.names()
                + " or of a dataset"));
        for (char ch : task.vocabulary().chars())
            if (!r.model().vocabulary().contains(ch))
                throw ServiceException.badRequest("model '" + id + "' lacks characters of its task " + task.name()
                        + ", so the task's test data cannot be analysed with it");
        return r;
    }

    /**
     * The changes of an intervention request, each unit at most once.
     *
     * @param unitMeans per layer and vector, each unit's mean over the test set, for mode mean; asked for only then
     */
    List<UnitIntervention> interventions(ModelRecord r, List<ModelAnalysis.UnitChange> changes,
                                         Supplier<List<Map<String, double[]>>> unitMeans) {
        Range count = Limits.INTERVENTIONS;
        if (changes == null || !count.contains(changes.size()))
            throw ServiceException.badParameter("interventions", "interventions must list " + count.min() + " to " + count.max() + " changes"
                    + (changes == null ? "" : "; got " + changes.size()));
        List<UnitIntervention> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < changes.size(); k++) {
            UnitIntervention i = intervention(r, changes.get(k), "interventions[" + k + "]", unitMeans);
            if (!seen.add(i.layer() + "|" + i.vector() + "|" + i.unit()))
                throw ServiceException.badParameter("interventions[" + k + "]", "layer " + i.layer() + " " + i.vector() + " unit "
                        + i.unit() + " is changed twice");
            list.add(i);
        }
        return list;
    }

    private static UnitIntervention intervention(ModelRecord r, ModelAnalysis.UnitChange c, String field,
                                                 Supplier<List<Map<String, double[]>>> unitMeans) {
        if (c == null) throw ServiceException.badParameter(field, field + " must be an object {layer, vector, unit, mode, value, from}");
        int layer = Validator.layer(field + ".layer", c.layer(), r);
        String vector = Validator.vector(field + ".vector", c.vector(), r);
        int unit = Validator.unit(field + ".unit", c.unit(), r);
        int from = Validator.check(field + ".from", c.from(), Limits.INTERVENTION_FROM);
        String mode = c.mode() == null ? (c.value() != null ? "value" : "zero") : c.mode().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode))
            throw ServiceException.badParameter(field + ".mode", field + ".mode must be one of " + MODES + "; got '" + c.mode() + "'");
        boolean gate = UnitIntervention.isGate(vector);
        if ((mode.equals("shut") || mode.equals("open")) && !gate)
            throw ServiceException.badParameter(field + ".mode", field + ".mode " + mode + " is for gates; " + vector + " is not a gate");
        if (c.value() != null && !mode.equals("value"))
            throw ServiceException.badParameter(field + ".value", field + ".value goes with mode value only; got mode " + mode);
        double value = switch (mode) {
            case "zero", "shut" -> 0;
            case "open" -> 1;
            case "mean" -> unitMeans.get().get(layer).get(vector)[unit];
            default -> Validator.check(field + ".value", c.value(), gate ? Limits.HELD_GATE : Limits.HELD_VALUE);
        };
        return new UnitIntervention(layer, vector, unit, value, from);
    }
}
