package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import lstmexplorer.model.Network;
import lstmexplorer.train.Progress;
import lstmexplorer.train.Snapshot;
import lstmexplorer.train.TrainingListener;

/**
 * Keeps up to {@code capacity} snapshots spread evenly over a training run of unknown length, for
 * replaying the traces over training time.
 *
 * <p>Snapshots are taken at evaluations (every {@code evaluateEvery} steps), the only moments a listener
 * sees the network. The recorder keeps every k-th evaluation; when that would exceed capacity − 1 it
 * drops every other one it kept and doubles k, so what it keeps stays evenly spaced. The latest
 * evaluation is always kept besides, so the last snapshot is the network as training left it (when the
 * run ended at an evaluation, as runs that learn or run a fixed number of steps do). The untrained
 * network is never seen by a listener, so the first snapshot is at the first evaluation.
 *
 * <p>Listeners run on the training thread; {@link #snapshots()} may be called from any thread.
 */
public final class SnapshotRecorder implements TrainingListener {
    public static final int DEFAULT_CAPACITY = 20;

    private final int capacity;
    private final List<Snapshot> kept = new ArrayList<>();
    private Snapshot latest;
    private int evaluations, stride = 1;

    public SnapshotRecorder() { this(DEFAULT_CAPACITY); }

    /** @param capacity most snapshots kept, at least 2 */
    public SnapshotRecorder(int capacity) {
        if (capacity < 2) throw new IllegalArgumentException("capacity must be at least 2");
        this.capacity = capacity;
    }

    @Override public synchronized void onEvaluation(Progress progress, Network network) {
        Snapshot snapshot = new Snapshot(progress.step(), progress.sequences(), progress.loss(), progress.testAccuracy(), network.copy());
        if (evaluations % stride == 0) {
            kept.add(snapshot);
            if (kept.size() > capacity - 1) {
                // keep evaluations 0, 2·stride, 4·stride, ...
                for (int k = kept.size() - 1; k > 0; k--) if (k % 2 == 1) kept.remove(k);
                stride *= 2;
            }
        }
        latest = snapshot;
        evaluations++;
    }

    /** The snapshots so far, oldest first, at most the capacity; the last is the latest evaluation. */
    public synchronized List<Snapshot> snapshots() {
        List<Snapshot> all = new ArrayList<>(kept);
        if (latest != null && (all.isEmpty() || all.get(all.size() - 1) != latest)) all.add(latest);
        return List.copyOf(all);
    }
}
