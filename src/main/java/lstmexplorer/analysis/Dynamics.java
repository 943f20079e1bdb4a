package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lstmexplorer.model.Network;
import lstmexplorer.task.Task;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.trace.Trace;
import lstmexplorer.train.TrainedModel;

/**
 * The network as a dynamical system (Sussillo &amp; Barak 2013): the state space its test traces move
 * through, seen along their top principal components, and the fixed and slow points of the one-step map
 * F_x(S) under each constant input character x, with the eigenvalues of ∂F_x/∂S there.
 *
 * @param layer        the layer whose state the principal components are of
 * @param vectors      the state vectors of that layer they are of, e.g. [cell, hidden]
 * @param stateSize    entries of the whole state S (every state vector of every layer), the space of the fixed points
 * @param pca          the principal components (at most 3) of the chosen vectors over every test timestep
 * @param trajectories up to {@value #MAX_TRAJECTORIES} test sequences projected on the components
 * @param starts       starting states per input, drawn from the test traces
 * @param inputs       per input character: the fixed and slow points found
 * @param point        with {@code point=SEQ:T}: the linearisation at that trajectory point; else null
 * @param notes        what was left out and why (e.g. inputs skipped on a large model); empty when nothing
 */
public record Dynamics(int layer, List<String> vectors, int stateSize, Components pca, List<Trajectory> trajectories,
                       int starts, List<InputPoints> inputs, PointModes point, List<String> notes) {
    public static final int MAX_TRAJECTORIES = 20;
    public static final int MIN_STARTS = 64;
    /** Modes listed at a trajectory point: enough to reach past the few units that merely hold a constant. */
    public static final int POINT_MODES = 10;
    /** q at or below which a point is fixed, and at or below which it is slow. */
    public static final double FIXED_Q = 1e-12, SLOW_Q = 1e-4;
    /** Largest state for which every start is minimised directly; above it starts relax under F_x first. */
    static final int DIRECT_STATE_SIZE = 64;
    /** Inputs searched on a model whose state is larger than {@link #DIRECT_STATE_SIZE}: the most frequent ones. */
    static final int LARGE_MODEL_INPUTS = 16;
    /** Starts searched per input on such a model, of the {@link #MIN_STARTS} relaxed ones. */
    static final int LARGE_MODEL_STARTS = 8;
    private static final int RELAX_STEPS = 60, BASIN_SAMPLES = 24, BASIN_CHUNK = 50, MAX_BASIN_STEPS = 3000;
    /** Two states closer than this (RMS) are one point. */
    private static final double SAME_POINT = 1e-3;
    private static final double SETTLED = 1e-2, RESTING = 1e-5, ESCAPED = 2;
    private static final double[] ZERO = new double[0];

    /** @param units names of the entries of each component, e.g. "cell 3" */
    public record Components(List<String> units, double[][] components, double[] explained) {}

    public record Trajectory(int sequence, String text, List<TrajectoryPoint> points) {}

    /**
     * @param t         the timestep (0 reads the start token)
     * @param ch        the character read at t
     * @param xy        the projection on the components
     * @param variables the task's variables after t (none at t = 0)
     */
    public record TrajectoryPoint(int t, String ch, double[] xy, Map<String, Double> variables) {}

    /**
     * @param input      the character x held constant
     * @param candidates distinct minima found from the starts, before dropping those above {@link #SLOW_Q}
     */
    public record InputPoints(String input, int candidates, List<FixedPoint> points) {}

    /**
     * One fixed or slow point of F_x.
     *
     * @param kind       fixed (q ≤ {@value #FIXED_Q}) or slow (q ≤ {@value #SLOW_Q})
     * @param state      the whole state, per layer and vector
     * @param projection on the principal components
     * @param stability  stable (every |λ| &lt; 1), saddle or unstable
     * @param reached    which test states, held at input x, settle here
     */
    public record FixedPoint(String input, double q, String kind, String stability, State state, double[] projection,
                             List<LinearModes.Eigenvalue> eigenvalues, LinearModes.Mode slowestMode, List<LinearModes.Mode> modes,
                             Basin reached) {}

    /** {@code layers[l]} maps each state vector of layer l to its values. */
    public record State(List<Map<String, double[]>> layers) {}

    /**
     * The test states that, fed x again and again, end nearest this point (among this input's stable points).
     *
     * @param samples   how many of the sampled test states did
     * @param examples  up to 3 of their contexts (the last characters read, ending with x)
     * @param variables the task's variables averaged over them
     */
    public record Basin(int samples, List<String> examples, Map<String, Double> variables) {}

    /**
     * The linearisation at a test trajectory point, under the character read next.
     *
     * @param context the last characters read, up to and including timestep t
     * @param input   the character read at t + 1, under which F is taken
     * @param q       ½‖F_x(S) − S‖² there: how far the point is from being fixed
     */
    public record PointModes(int sequence, int t, String context, String input, double q, double[] projection,
                             State state, String stability, List<LinearModes.Eigenvalue> eigenvalues,
                             LinearModes.Mode slowestMode, List<LinearModes.Mode> modes) {}

    /** Where to linearise with {@code point=SEQ:T}: test sequence SEQ, timestep T. */
    public record PointRequest(int sequence, int t) {}

    /**
     * Hears how far a computation has got, and may stop it: {@code done} of {@code total} starts settled in
     * the search, then inputs linearised; {@code fraction} of the whole work, never falling.
     */
    public interface Progress {
        Progress NONE = (stage, done, total, fraction) -> {};

        void at(String stage, int done, int total, double fraction);

        /** True to stop: the computation then throws {@link java.util.concurrent.CancellationException}. */
        default boolean cancelled() { return false; }
    }

    /** Shares of the whole work: tracing the test set, the search, linearising each input's points; the basins take the rest. */
    private static final double TRACED = 0.05, SEARCHED = 0.85, LINEARISED = 0.95;

    /** {@link #compute(TrainedModel, Task, List, int, List, PointRequest, long, Progress)} with no one listening. */
    public static Dynamics compute(TrainedModel model, Task task, List<String> sequences, int layer, List<String> vectors,
                                   PointRequest point, long seed) {
        return compute(model, task, sequences, layer, vectors, point, seed, Progress.NONE);
    }

    /**
     * Computes the dynamics over the model's test sequences.
     *
     * @param task      for the variables at each timestep; may be null
     * @param sequences the test sequences, each read as {@link TracedSequences#modelInput}
     * @param layer     whose state vectors the components are of
     * @param vectors   state vectors of that layer (each a state vector of the cell)
     * @param point     a trajectory point to linearise at, or null
     * @param seed      of the starting states' draw
     * @param progress  told of each stage as it goes
     */
    public static Dynamics compute(TrainedModel model, Task task, List<String> sequences, int layer, List<String> vectors,
                                   PointRequest point, long seed, Progress progress) {
        Network network = model.network();
        StateMap map = new StateMap(network);
        StateLayout layout = map.layout();
        if (layer < 0 || layer >= network.layers()) throw new IllegalArgumentException("no layer " + layer + "; the model has " + network.layers());
        List<String> stateVectors = layout.stateVectors(layer);
        for (String v : vectors)
            if (!stateVectors.contains(v))
                throw new IllegalArgumentException("vector '" + v + "' is not a state vector of layer " + layer + "; its state is " + stateVectors);
        if (sequences.isEmpty()) throw new IllegalArgumentException("no test sequences");
        progress.at("tracing the test set", 0, sequences.size(), 0);
        TracedSequences data = TracedSequences.of(model, task, sequences);
        stopIfCancelled(progress);
        progress.at("traced the test set", sequences.size(), sequences.size(), TRACED);
        if (point != null) {
            if (point.sequence() < 0 || point.sequence() >= data.size())
                throw new IllegalArgumentException("point: no test sequence " + point.sequence() + "; there are " + data.size());
            if (point.t() < 0 || point.t() >= data.trace(point.sequence()).length())
                throw new IllegalArgumentException("point: test sequence " + point.sequence() + " has timesteps 0 to "
                        + (data.trace(point.sequence()).length() - 1));
        }

        // the principal components of the chosen slice over every test timestep
        int[] slice = slice(layout, layer, vectors);
        List<double[]> all = new ArrayList<>();
        List<double[]> full = new ArrayList<>();
        for (Trace trace : data.traces())
            for (int t = 0; t < trace.length(); t++) {
                double[] s = layout.state(trace, t);
                full.add(s);
                all.add(pick(s, slice));
            }
        Pca pca = Pca.fit(all, 3);
        List<String> unitNames = new ArrayList<>();
        for (int i : slice) {
            StateLayout.UnitRef u = layout.unit(i);
            unitNames.add(u.vector() + " " + u.unit());
        }
        Components components = new Components(List.copyOf(unitNames), pca.components(), pca.explained());

        List<Trajectory> trajectories = new ArrayList<>();
        int shown = Math.min(MAX_TRAJECTORIES, data.size());
        for (int k = 0; k < shown; k++) {
            int seq = k * data.size() / shown; // spread over the test set, which is ordered by size for some tasks
            Trace trace = data.trace(seq);
            Map<String, double[]> vars = data.variables(seq);
            List<TrajectoryPoint> points = new ArrayList<>();
            for (int t = 0; t < trace.length(); t++)
                points.add(new TrajectoryPoint(t, String.valueOf(trace.input().charAt(t)),
                        pca.project(pick(layout.state(trace, t), slice)), variablesAt(vars, t)));
            trajectories.add(new Trajectory(seq, data.sequence(seq), List.copyOf(points)));
        }

        // starting states: a seeded draw of test timesteps
        Random random = new Random(seed);
        List<double[]> starts = new ArrayList<>();
        for (int k = 0; k < MIN_STARTS; k++) starts.add(full.get(random.nextInt(full.size())));

        Vocabulary vocab = model.vocabulary();
        List<String> notes = new ArrayList<>();
        List<Integer> tokens = inputsToSearch(layout, vocab, data, notes);
        // every start under every input, searched together
        int count = starts.size();
        List<double[]> from = new ArrayList<>();
        int[] fromTokens = new int[tokens.size() * count];
        for (int i = 0; i < tokens.size(); i++) {
            from.addAll(starts);
            java.util.Arrays.fill(fromTokens, i * count, (i + 1) * count, tokens.get(i));
        }
        int[] first = new int[tokens.size() + 1]; // the starts of input i are first[i] .. first[i + 1] - 1
        for (int i = 0; i <= tokens.size(); i++) first[i] = i * count;
        if (layout.size() > DIRECT_STATE_SIZE) {
            from = relax(map, from, fromTokens);
            // starts that relaxed onto the same spot would be minimised to the same point: search each once,
            // and of the rest the LARGE_MODEL_STARTS nearest to fixed (lowest q), since each costs S³ a step
            List<double[]> relaxed = from;
            double[][] moved = map.apply(relaxed.toArray(new double[0][]), fromTokens);
            List<double[]> distinct = new ArrayList<>();
            List<Integer> distinctTokens = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                int begin = distinct.size();
                List<Integer> byQ = new ArrayList<>();
                for (int k = i * count; k < (i + 1) * count; k++) byQ.add(k);
                byQ.sort(java.util.Comparator.comparingDouble(k -> FixedPointSearch.q(moved[k], relaxed.get(k))));
                for (int k : byQ) {
                    double[] start = relaxed.get(k);
                    boolean seen = false;
                    for (double[] other : distinct.subList(begin, distinct.size())) if (rms(start, other) < SAME_POINT) { seen = true; break; }
                    if (!seen && distinct.size() - begin < LARGE_MODEL_STARTS) { distinct.add(start); distinctTokens.add(tokens.get(i)); }
                }
                first[i + 1] = distinct.size();
            }
            notes.add("the state has " + layout.size() + " entries, so the " + count + " starts of each input were first stepped "
                    + RELAX_STEPS + " times under it and the " + LARGE_MODEL_STARTS + " nearest to fixed were searched");
            from = distinct;
            fromTokens = distinctTokens.stream().mapToInt(Integer::intValue).toArray();
        }
        FixedPointSearch search = new FixedPointSearch(map);
        List<FixedPointSearch.Found> minima = search.minimise(from, fromTokens, (settled, total, share) -> {
            stopIfCancelled(progress);
            progress.at("searching: starts settled", settled, total, TRACED + (SEARCHED - TRACED) * share);
        });
        if (search.cutShort())
            notes.add("the search from " + from.size() + " starts stopped at its work limit (a state of " + layout.size()
                    + " entries makes each step cost about " + layout.size() + "³); the points are where the starts had got to, "
                    + "and some that would have become fixed or slow are missing");
        List<List<FixedPointSearch.Found>> kept = new ArrayList<>();
        List<List<LinearModes>> modes = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<FixedPointSearch.Found> found = distinct(minima.subList(first[i], first[i + 1]));
            candidates.add(found.size());
            List<FixedPointSearch.Found> points = new ArrayList<>();
            List<LinearModes> linear = new ArrayList<>();
            for (FixedPointSearch.Found f : found) {
                if (f.q() > SLOW_Q) continue;
                points.add(f);
                linear.add(LinearModes.of(map.jacobian(f.state(), tokens.get(i)), layout));
            }
            kept.add(points);
            modes.add(linear);
            stopIfCancelled(progress);
            progress.at("inputs linearised", i + 1, tokens.size(), SEARCHED + (LINEARISED - SEARCHED) * (i + 1) / tokens.size());
        }
        List<List<Basin>> basins = basins(map, tokens, kept, modes, data, task);
        List<InputPoints> inputs = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String x = String.valueOf(vocab.charAt(tokens.get(i)));
            List<FixedPoint> points = new ArrayList<>();
            for (int k = 0; k < kept.get(i).size(); k++) {
                FixedPointSearch.Found f = kept.get(i).get(k);
                LinearModes m = modes.get(i).get(k);
                points.add(new FixedPoint(x, f.q(), f.q() <= FIXED_Q ? "fixed" : "slow", m.stability(),
                        new State(layout.split(f.state())), pca.project(pick(f.state(), slice)), m.eigenvalues(),
                        m.modes().get(0), m.modes(), basins.get(i).get(k)));
            }
            inputs.add(new InputPoints(x, candidates.get(i), List.copyOf(points)));
        }

        PointModes at = null;
        if (point != null) {
            Trace trace = data.trace(point.sequence());
            double[] s = layout.state(trace, point.t());
            int token = vocab.indexOf(data.sequence(point.sequence()).charAt(point.t()));
            double q = FixedPointSearch.q(map.apply(new double[][] {s}, token)[0], s);
            LinearModes m = LinearModes.of(map.jacobian(s, token), layout, POINT_MODES);
            at = new PointModes(point.sequence(), point.t(), context(trace.input(), point.t()), String.valueOf(vocab.charAt(token)), q,
                    pca.project(pick(s, slice)), new State(layout.split(s)), m.stability(), m.eigenvalues(), m.modes().get(0), m.modes());
        }
        progress.at("done", tokens.size(), tokens.size(), 1);
        return new Dynamics(layer, List.copyOf(vectors), layout.size(), components, List.copyOf(trajectories), starts.size(),
                List.copyOf(inputs), at, List.copyOf(notes));
    }

    private static void stopIfCancelled(Progress progress) {
        if (progress.cancelled()) throw new java.util.concurrent.CancellationException("the dynamics were cancelled");
    }

    /**
     * Every input the test data reads on a model of moderate size; the most frequent ones on a large one.
     * The notes say which were left out (a model may know more characters than its task uses).
     */
    private static List<Integer> inputsToSearch(StateLayout layout, Vocabulary vocab, TracedSequences data, List<String> notes) {
        int[] counts = new int[vocab.size()];
        for (Trace trace : data.traces()) for (char ch : trace.input().toCharArray()) counts[vocab.indexOf(ch)]++;
        List<Integer> tokens = new ArrayList<>();
        StringBuilder unread = new StringBuilder();
        for (int v = 0; v < vocab.size(); v++) {
            if (counts[v] > 0) tokens.add(v);
            else unread.append(Vocabulary.display(vocab.charAt(v))).append(' ');
        }
        if (unread.length() > 0)
            notes.add("the test data never reads " + (vocab.size() - tokens.size()) + " of the model's characters, so they were not searched: "
                    + unread.toString().trim());
        if (layout.size() <= DIRECT_STATE_SIZE || tokens.size() <= LARGE_MODEL_INPUTS) return tokens;
        tokens.sort((a, b) -> Integer.compare(counts[b], counts[a]));
        List<Integer> kept = new ArrayList<>(tokens.subList(0, LARGE_MODEL_INPUTS));
        StringBuilder skipped = new StringBuilder();
        for (int v : tokens.subList(LARGE_MODEL_INPUTS, tokens.size())) skipped.append(Vocabulary.display(vocab.charAt(v))).append(' ');
        notes.add("the state has " + layout.size() + " entries, so only the " + LARGE_MODEL_INPUTS
                + " most frequent input characters were searched; left out: " + skipped.toString().trim());
        kept.sort(null);
        return kept;
    }

    /** The starts after {@value #RELAX_STEPS} steps of their F_x: on a large state, the attractors are found this way first. */
    private static List<double[]> relax(StateMap map, List<double[]> starts, int[] tokens) {
        double[][] s = starts.toArray(new double[0][]);
        for (int k = 0; k < RELAX_STEPS; k++) s = map.apply(s, tokens);
        return List.of(s);
    }

    /** The minima with duplicates dropped (two are the same when within {@value #SAME_POINT} of each other, RMS), lowest q first. */
    private static List<FixedPointSearch.Found> distinct(List<FixedPointSearch.Found> found) {
        List<FixedPointSearch.Found> sorted = new ArrayList<>(found);
        sorted.removeIf(f -> !Double.isFinite(f.q()));
        sorted.sort((a, b) -> Double.compare(a.q(), b.q()));
        List<FixedPointSearch.Found> out = new ArrayList<>();
        for (FixedPointSearch.Found f : sorted) {
            boolean duplicate = false;
            for (FixedPointSearch.Found g : out) if (rms(f.state(), g.state()) < SAME_POINT) { duplicate = true; break; }
            if (!duplicate) out.add(f);
        }
        return out;
    }

    /**
     * For each point, the sampled test states at which x was just read that, fed x again and again,
     * settle on it: within {@value #SETTLED} of it, relative to its size (RMS), among this input's
     * stable points. A memory decays slowly (|λ| close to 1), so the states are stepped until they
     * settle, up to {@value #MAX_BASIN_STEPS} steps; those that do not, or come to rest elsewhere (moving
     * less than {@value #RESTING} of their size over {@value #BASIN_CHUNK} steps) or run away (to {@value #ESCAPED}
     * times the size of the input's sampled test states and stable points), are in no basin. Every input's
     * samples step together.
     */
    private static List<List<Basin>> basins(StateMap map, List<Integer> tokens, List<List<FixedPointSearch.Found>> points,
                                            List<List<LinearModes>> modes, TracedSequences data, Task task) {
        List<int[]> picked = new ArrayList<>(); // (input index, sequence, t)
        for (int i = 0; i < tokens.size(); i++) {
            boolean anyStable = modes.get(i).stream().anyMatch(m -> m.stability().equals("stable"));
            if (!anyStable) continue;
            char x = data.trace(0).vocab().get(tokens.get(i)).charAt(0);
            List<int[]> where = new ArrayList<>();
            for (int k = 0; k < data.size(); k++) {
                String read = data.trace(k).input();
                for (int t = 0; t < read.length(); t++) if (read.charAt(t) == x) where.add(new int[] {i, k, t});
            }
            // an even, deterministic thinning when there are many
            int n = Math.min(BASIN_SAMPLES, where.size());
            for (int j = 0; j < n; j++) picked.add(where.get((int) ((long) j * where.size() / n)));
        }
        int n = picked.size();
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        double[][] s = new double[n][];
        for (int j = 0; j < n; j++) s[j] = map.layout().state(data.trace(picked.get(j)[1]), picked.get(j)[2]);
        // per input, a state this far out, beyond its test states and stable points, is running away (a cell counting without bound)
        double[] escaped = new double[tokens.size()];
        for (int j = 0; j < n; j++) escaped[picked.get(j)[0]] = Math.max(escaped[picked.get(j)[0]], rms(s[j], ZERO));
        for (int i = 0; i < tokens.size(); i++) {
            for (int p = 0; p < points.get(i).size(); p++)
                if (modes.get(i).get(p).stability().equals("stable")) escaped[i] = Math.max(escaped[i], rms(points.get(i).get(p).state(), ZERO));
            escaped[i] = ESCAPED * (1 + escaped[i]);
        }
        List<Integer> moving = new ArrayList<>();
        for (int j = 0; j < n; j++) moving.add(j);
        for (int step = 0; step < MAX_BASIN_STEPS && !moving.isEmpty(); step += BASIN_CHUNK) {
            double[][] batch = new double[moving.size()][];
            int[] batchTokens = new int[batch.length];
            for (int m = 0; m < batch.length; m++) {
                batch[m] = s[moving.get(m)];
                batchTokens[m] = tokens.get(picked.get(moving.get(m))[0]);
            }
            double[][] before = batch;
            for (int k = 0; k < BASIN_CHUNK; k++) batch = map.apply(batch, batchTokens);
            List<Integer> still = new ArrayList<>();
            for (int m = 0; m < batch.length; m++) {
                int j = moving.get(m), i = picked.get(j)[0];
                s[j] = batch[m];
                for (int p = 0; p < points.get(i).size(); p++) {
                    double[] point = points.get(i).get(p).state();
                    if (modes.get(i).get(p).stability().equals("stable") && rms(s[j], point) < SETTLED * (1 + rms(point, ZERO))) owner[j] = p;
                }
                // at rest away from every stable point (say on a line of slow points): it will settle on none of them
                double size = rms(batch[m], ZERO);
                boolean resting = rms(batch[m], before[m]) < RESTING * (1 + size);
                if (owner[j] < 0 && !resting && size < escaped[i]) still.add(j);
            }
            moving = still;
        }
        List<List<Basin>> basins = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<Basin> forInput = new ArrayList<>();
            for (int p = 0; p < points.get(i).size(); p++) {
                int count = 0;
                List<String> examples = new ArrayList<>();
                Map<String, Double> sums = new LinkedHashMap<>();
                for (int j = 0; j < n; j++) {
                    int[] at = picked.get(j);
                    if (at[0] != i || owner[j] != p) continue;
                    count++;
                    if (examples.size() < 3) examples.add(context(data.trace(at[1]).input(), at[2]));
                    variablesAt(data.variables(at[1]), at[2]).forEach((name, v) -> sums.merge(name, v, Double::sum));
                }
                Map<String, Double> means = new LinkedHashMap<>();
                for (Map.Entry<String, Double> e : sums.entrySet()) means.put(e.getKey(), e.getValue() / count);
                forInput.add(new Basin(count, List.copyOf(examples), means));
            }
            basins.add(forInput);
        }
        return basins;
    }

    /** Up to 15 characters read up to and including timestep t. */
    static String context(String input, int t) {
        return input.substring(Math.max(0, t - 14), t + 1);
    }

    private static Map<String, Double> variablesAt(Map<String, double[]> vars, int t) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (t == 0) return out;
        for (Map.Entry<String, double[]> e : vars.entrySet()) if (t - 1 < e.getValue().length) out.put(e.getKey(), e.getValue()[t - 1]);
        return out;
    }

    private static int[] slice(StateLayout layout, int layer, List<String> vectors) {
        int[] idx = new int[vectors.size() * layout.hidden()];
        int k = 0;
        for (String v : vectors) {
            int off = layout.offset(layer, v);
            for (int u = 0; u < layout.hidden(); u++) idx[k++] = off + u;
        }
        return idx;
    }

    private static double[] pick(double[] s, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) out[k] = s[idx[k]];
        return out;
    }

    /** RMS of a − b; b may be empty for the RMS of a. */
    private static double rms(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += (a[i] - (b.length == 0 ? 0 : b[i])) * (a[i] - (b.length == 0 ? 0 : b[i]));
        return Math.sqrt(sum / a.length);
    }
}
