package lstmexplorer.analysis;

import java.util.List;
import java.util.Map;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.SnapshotFile;
import lstmexplorer.task.SizeRange;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.EncodedSequences;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.TrainingConfig;

/**
 * The analyses of a model over its task's data: one method per analysis, each taking a model and plain
 * parameters and returning a record. Stateless and safe to call from several threads. The data is the
 * test set of the model's task as {@link TaskData} finds it (a built-in task's packaged split,
 * {@link Datasets#read}, or a user dataset's test windows), so every analysis but {@link #gradientFlow} and {@link #replay} needs a model
 * with a known task; for one without, they throw {@link IllegalArgumentException}.
 *
 * <p>Parameters are checked against the server's limits before they get here (the service layer's
 * validator); what the analyses themselves cannot work with (an unknown layer or vector, a range
 * outside the text, characters outside the vocabulary) throws {@link IllegalArgumentException}.
 *
 * <p>Conventions: layers, units and timesteps count from 0. A task sequence s is read as
 * {@code "\n" + s} minus its last character ({@link TracedSequences#modelInput}), so timestep 0 reads the
 * start token. Where a method takes an {@code input}, the model reads exactly that text, as in
 * {@link Trace#of(TrainedModel, String)} and the network view.
 */
public final class Analyses {
    private final TaskData data;

    /** Over the built-in tasks alone. */
    public Analyses() { this(TaskData.PACKAGED); }

    public Analyses(TaskData data) { this.data = data; }

    /**
     * The probe leaderboard over the test set: every layer × vector × unit against every task variable.
     *
     * @param limit how many of the strongest pairs to rank, at least 1; the best unit per variable is
     *              always included in {@link ProbeLeaderboard#best}
     */
    public ProbeLeaderboard probes(TrainedModel model, int limit) {
        return probes(model, testTraces(model), limit);
    }

    /** As {@link #probes(TrainedModel, int)} over the model's {@link #testTraces}, traced before. */
    public ProbeLeaderboard probes(TrainedModel model, TracedSequences test, int limit) {
        return ProbeLeaderboard.compute(task(model), test, limit);
    }

    /**
     * The test set of the model's task, traced: what the probes, saturation, select &amp; match, unit
     * means and unit cards read, so a caller may trace it once for all of them.
     */
    public TracedSequences testTraces(TrainedModel model) {
        Task task = task(model);
        return TracedSequences.of(model, task, data.sequences(task, Split.TEST));
    }

    /** Per layer and vector, each unit's mean over the test traces, as the probes see them (after the start token). */
    public List<Map<String, double[]>> unitMeans(TrainedModel model) {
        return testTraces(model).unitMeans();
    }

    /**
     * Hypothesis selection and matching (LSTMVis): the units of {@code vector} in {@code layer} that are
     * ≥ {@code threshold} throughout timesteps [from, to] of {@code input} and below it just before and
     * after; then the places in the test set where that unit set switches on, best first.
     *
     * @param input     the text, exactly as read
     * @param to        inclusive
     * @param threshold e.g. 0.5 for hidden or gate values; any number
     * @param limit     most matches returned, at least 1
     */
    public Hypothesis hypothesis(TrainedModel model, String input, int layer, String vector, int from, int to,
                                 double threshold, int limit) {
        return hypothesis(model, testTraces(model), input, layer, vector, from, to, threshold, limit);
    }

    /** As {@link #hypothesis(TrainedModel, String, int, String, int, int, double, int)} over the model's {@link #testTraces}, traced before. */
    public Hypothesis hypothesis(TrainedModel model, TracedSequences test, String input, int layer, String vector, int from, int to,
                                 double threshold, int limit) {
        HypothesisSelection selection = HypothesisSearch.select(Trace.of(model, input), layer, vector, from, to, threshold);
        return HypothesisSearch.match(selection, test.traces(), limit);
    }

    /**
     * Runs the model with and without {@code interventions} on {@code prefix} (read after the start token),
     * generating greedily after it, and scores both on the test and generalization sets.
     *
     * @param prefix        e.g. {@code aaaX} (may be empty)
     * @param interventions at least one; each unit at most once
     * @param maxGenerated  most characters generated, at least 1
     */
    public InterventionResult intervene(TrainedModel model, String prefix, List<UnitIntervention> interventions, int maxGenerated) {
        if (interventions.isEmpty()) throw new IllegalArgumentException("give at least one intervention");
        Task task = task(model);
        return Interventions.compare(model, task, prefix, interventions, maxGenerated,
                ModelEncoding.of(task, data.sequences(task, Split.TEST), model.vocabulary(), EncodedSequences.DEFAULT_THRESHOLD),
                ModelEncoding.of(task, data.sequences(task, Split.GENERALIZATION), model.vocabulary(), EncodedSequences.DEFAULT_THRESHOLD));
    }

    /** Gate saturation over the test set, per layer, gate and unit (Karpathy et al. 2015, fig. 3). */
    public GateSaturation gateSaturation(TrainedModel model) {
        return GateSaturation.compute(testTraces(model).traces());
    }

    /**
     * Accuracy against sequence size over the task's default sweep ({@link LengthSweep#defaultSizes}).
     *
     * @param perSize sequences drawn per size, at least 1 (duplicates are scored once)
     * @param seed    seed of the draws
     */
    public LengthSweep lengthSweep(TrainedModel model, int perSize, long seed) {
        return lengthSweep(model, null, perSize, seed);
    }

    /** Longest sequence a sweep scores unless told otherwise (the server passes its input limit). */
    public static final int SWEEP_INPUT_LIMIT = 1000;

    /** As {@link #lengthSweep(TrainedModel, SizeRange, int, long, int)} up to {@value #SWEEP_INPUT_LIMIT} characters. */
    public LengthSweep lengthSweep(TrainedModel model, SizeRange sizes, int perSize, long seed) {
        return lengthSweep(model, sizes, perSize, seed, SWEEP_INPUT_LIMIT);
    }

    /**
     * As {@link #lengthSweep(TrainedModel, int, long)} over chosen sizes.
     *
     * @param sizes      from 1; null for the task's default, which goes to at least 3 × the largest training size
     * @param inputLimit the sweep stops before the first size with a longer sequence
     */
    public LengthSweep lengthSweep(TrainedModel model, SizeRange sizes, int perSize, long seed, int inputLimit) {
        Task task = task(model);
        if (task.scoresEveryCharacter())
            throw new IllegalArgumentException("a dataset has no sequence sizes to sweep: its sequences are windows of its text or its own lines");
        // the task as the model was trained on it, so that the training range shaded is its own
        TrainingConfig config = model.summary() == null ? null : model.summary().config();
        if (config != null) task = config.task(task);
        SizeRange range = sizes == null ? LengthSweep.defaultSizes(task) : sizes;
        return LengthSweep.run(model.network(), model.vocabulary(), task, range, perSize, seed, inputLimit,
                config == null ? EncodedSequences.DEFAULT_THRESHOLD : config.threshold());
    }

    /**
     * Gradient flow through time: the norms of dloss_t/dc_k and dloss_t/dh_k for every k ≤ t and layer,
     * where loss_t is the cross-entropy at position {@code target} of {@code sequence} alone. Works for
     * any model (no task needed).
     *
     * @param sequence what the model should predict, read as {@code "\n" + sequence} minus its last
     *                 character, e.g. {@code aaaXbbb\n}
     * @param target   the position t, 0 ≤ t &lt; sequence length
     */
    public GradientFlow gradientFlow(TrainedModel model, String sequence, int target) {
        return GradientFlow.compute(model.network(), model.vocabulary(), sequence, target);
    }

    /**
     * Training replay: {@code input} traced with each snapshot, oldest first. Works for any model with
     * snapshots (from a {@link SnapshotRecorder} or {@link SnapshotFile}).
     *
     * @param input the text, exactly as read
     */
    public List<ReplayFrame> replay(TrainedModel model, List<Snapshot> snapshots, String input) {
        return TrainingReplay.trace(model, snapshots, input);
    }

    /**
     * The model's task or dataset, whose test data the analyses read. The model may know more
     * characters than the task (an imported model of real size): the traces read the task's text with
     * the model's own vocabulary.
     */
    private Task task(TrainedModel model) {
        if (model.task() == null)
            throw new IllegalArgumentException("this analysis needs the model's task and its test data; this model has no task");
        Task task = data.taskOf(model)
                .orElseThrow(() -> new IllegalArgumentException("unknown task or dataset '" + model.task() + "'; the tasks are " + Tasks.names()));
        for (char ch : task.vocabulary().chars())
            if (!model.vocabulary().contains(ch))
                throw new IllegalArgumentException("the model's vocabulary " + model.vocabulary() + " lacks characters of the "
                        + task.name() + " task's " + task.vocabulary());
        return task;
    }
}
