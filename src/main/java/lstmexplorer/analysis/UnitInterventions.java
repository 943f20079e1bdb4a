package lstmexplorer.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.model.Intervention;
import lstmexplorer.model.Network;

/** A set of {@link UnitIntervention}s checked against a network, as the forward pass's {@link Intervention}. */
final class UnitInterventions implements Intervention {
    private record Target(int layer, int vector, int unit) {}

    private final Map<Target, UnitIntervention> byTarget = new HashMap<>();
    private final int[] firstStep; // per layer: the earliest step changed, MAX_VALUE if none

    /** @throws IllegalArgumentException naming a layer, vector or unit the network lacks, or a unit changed twice */
    UnitInterventions(Network network, List<UnitIntervention> interventions) {
        firstStep = new int[network.layers()];
        java.util.Arrays.fill(firstStep, Integer.MAX_VALUE);
        for (UnitIntervention i : interventions) {
            if (i.layer() < 0 || i.layer() >= network.layers())
                throw new IllegalArgumentException("no layer " + i.layer() + "; the model has " + network.layers());
            List<String> vectors = network.cell(i.layer()).vectors();
            int v = vectors.indexOf(i.vector());
            if (v < 0) throw new IllegalArgumentException("no vector '" + i.vector() + "' in layer " + i.layer() + "; it has " + vectors);
            if (i.unit() < 0 || i.unit() >= network.hidden())
                throw new IllegalArgumentException("no unit " + i.unit() + "; layers have " + network.hidden());
            if (byTarget.put(new Target(i.layer(), v, i.unit()), i) != null)
                throw new IllegalArgumentException("layer " + i.layer() + " " + i.vector() + " unit " + i.unit() + " is changed twice");
            firstStep[i.layer()] = Math.min(firstStep[i.layer()], i.from());
        }
    }

    @Override public boolean touches(int timestep, int layer) { return timestep >= firstStep[layer]; }

    @Override public double value(int timestep, int layer, int vector, int row, int unit, double computed) {
        UnitIntervention i = byTarget.get(new Target(layer, vector, unit));
        return i != null && timestep >= i.from() ? i.value() : computed;
    }
}
