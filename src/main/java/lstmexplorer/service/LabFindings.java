package lstmexplorer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lstmexplorer.service.LabService.CellSummary;
import lstmexplorer.service.LabService.Finding;

/**
 * What the literature reports about these languages, each claim with its source, set against a
 * lab's own results. A claim is only worded as its paper states it; no number is attributed to a
 * paper. Whether a lab agrees is decided from the lab's numbers by the rule the detail states.
 */
final class LabFindings {
    private LabFindings() {}

    static final String WEISS = "Weiss, Goldberg & Yahav 2018, \"On the Practical Computational Power of Finite Precision RNNs for Language Recognition\"";
    static final String GERS = "Gers & Schmidhuber 2001, \"LSTM Recurrent Networks Learn Simple Context-Free and Context-Sensitive Languages\"";
    static final String SUZGUN_COUNTING = "Suzgun, Gehrmann, Belinkov & Shieber 2019, \"LSTM Networks Can Perform Dynamic Counting\"";
    static final String SUZGUN_LENGTHS = "Suzgun, Belinkov & Shieber 2019, \"On Evaluating the Generalization of LSTM Models in Formal Languages\"";

    static List<Finding> judge(String task, int trainMax, List<CellSummary> cells) {
        List<Finding> out = new ArrayList<>();
        boolean counting = task.equals("anbn") || task.equals("anbncn");
        if (counting) {
            String claim = "LSTMs can count, and generalise past the training range on a^n b^n and a^n b^n c^n; GRUs cannot count.";
            Optional<CellSummary> lstm = finished(cells, "lstm"), gru = finished(cells, "gru");
            if (lstm.isEmpty() || gru.isEmpty()) out.add(new Finding(claim, WEISS, "not tested", "run lstm and gru on this task to test it"));
            else {
                double l = reach(lstm.get()), g = reach(gru.get());
                out.add(new Finding(claim, WEISS, l > g ? "agrees" : "disagrees", "here the LSTM's median first failing n is "
                        + show(lstm.get()) + " and the GRU's " + show(gru.get()) + ", trained on n ≤ " + trainMax
                        + (l > g ? ": the LSTM counts further." : ": the LSTM does not count further than the GRU.")));
            }
            String peepholeClaim = "Peephole LSTMs trained on small n learn a^n b^n and a^n b^n c^n and generalise well beyond the training range.";
            Optional<CellSummary> peephole = finished(cells, "peephole");
            if (peephole.isEmpty()) out.add(new Finding(peepholeClaim, GERS, "not tested", "run peephole on this task to test it"));
            else {
                boolean beyond = reach(peephole.get()) > 1.5 * trainMax;
                out.add(new Finding(peepholeClaim, GERS, beyond ? "agrees" : "disagrees", "here the peephole LSTM's median first failing n is "
                        + show(peephole.get()) + ", trained on n ≤ " + trainMax + "; we count \"well beyond\" as a median first failure past 1.5 × "
                        + trainMax + "."));
            }
        }
        if (task.equals("dyck1")) {
            String claim = "Small LSTMs learn Dyck-1; a single hidden unit can suffice.";
            Optional<CellSummary> lstm = finished(cells, "lstm");
            if (lstm.isEmpty()) out.add(new Finding(claim, SUZGUN_COUNTING, "not tested", "run lstm on this task to test it"));
            else {
                CellSummary s = lstm.get();
                boolean most = 2 * s.seedsLearned() > s.finished();
                out.add(new Finding(claim, SUZGUN_COUNTING, most ? "agrees" : "disagrees", "here the LSTM learned the test set (sizes in the training range) for "
                        + s.seedsLearned() + " of " + s.finished() + " seeds; set the hidden size on the train page to try one unit."));
            }
        }
        if (task.equals("dyck2")) {
            String claim = "No recurrent network learns Dyck-2.";
            List<CellSummary> done = cells.stream().filter(c -> c.finished() > 0).toList();
            if (done.isEmpty()) out.add(new Finding(claim, SUZGUN_COUNTING, "not tested", "no run has finished yet"));
            else {
                List<String> learned = done.stream().filter(c -> c.seedsLearned() == c.finished()).map(CellSummary::cell).toList();
                out.add(new Finding(claim, SUZGUN_COUNTING, learned.isEmpty() ? "agrees" : "disagrees", learned.isEmpty()
                        ? "here no cell learned the test set for all its seeds."
                        : "here " + String.join(", ", learned) + " learned the test set (sizes within the training range only) for every seed; "
                                + "see the first failing sizes for how far that goes."));
            }
        }
        out.add(new Finding("The distribution of training lengths changes how far an LSTM generalises.", SUZGUN_LENGTHS, "not tested",
                "one lab trains on one distribution: run it again with lengths uniform, short and long and compare the first failing sizes."));
        return out;
    }

    private static Optional<CellSummary> finished(List<CellSummary> cells, String cell) {
        return cells.stream().filter(c -> c.cell().equals(cell) && c.finished() > 0).findFirst();
    }

    /** The median first failing size, a run that never fails counting as past every size. */
    private static double reach(CellSummary s) { return s.firstFailingMedian() == null ? Double.POSITIVE_INFINITY : s.firstFailingMedian(); }

    private static String show(CellSummary s) {
        if (s.firstFailingMedian() == null) return "beyond the sweep";
        double m = s.firstFailingMedian();
        return m == Math.rint(m) ? String.valueOf((long) m) : String.valueOf(m);
    }
}
