package lstmexplorer.service;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * One listener's queue of a job's events. The training thread only ever adds to it and never waits:
 * when a slow reader lets it fill up, the oldest progress events are dropped (the final event never is).
 */
public final class JobSubscription implements AutoCloseable {
    static final int CAPACITY = 256;

    private final ArrayDeque<JobEvent> queue = new ArrayDeque<>();
    private final Runnable onClose;
    private boolean closed;

    JobSubscription(Runnable onClose) { this.onClose = onClose; }

    synchronized void offer(JobEvent event) {
        if (closed) return;
        if (queue.size() >= CAPACITY) {
            for (Iterator<JobEvent> it = queue.iterator(); it.hasNext(); ) {
                if (!it.next().terminal()) { it.remove(); break; }
            }
        }
        queue.addLast(event);
        notifyAll();
    }

    /** The next event, waiting up to the timeout; null when none came. */
    public synchronized JobEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return queue.pollFirst();
    }

    @Override public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            notifyAll();
        }
        onClose.run();
    }
}
