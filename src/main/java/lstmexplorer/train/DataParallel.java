package lstmexplorer.train;

import java.util.concurrent.locks.LockSupport;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Gradients;
import lstmexplorer.model.Network;

/**
 * Computes a batch's loss and gradients, split across threads when more than one is asked for: each
 * thread runs its share of the sequences through its own pass, and the gradients are summed, weighted
 * by timesteps, so the result equals one thread's.
 *
 * <p>A batch of the small models takes well under a millisecond, about what waking a parked thread
 * through an executor costs. So each worker keeps its own thread and, once it has finished a share,
 * spins for the next one for up to {@value #SPIN_MICROS} µs before it parks: back-to-back batches
 * are handed over in well under a microsecond, and a worker with nothing to do sleeps.
 */
final class DataParallel implements AutoCloseable {
    private final Network network;
    private final ForwardPass[] passes;
    private final Gradients[] grads;
    private final Worker[] workers;
    private static final long SPIN_MICROS = 50;
    /** Work of a batch (timesteps × layers × hidden²) from which it is split across threads. */
    static final long MIN_SPLIT = 1 << 16;

    DataParallel(Network network, int batch, int threads) {
        this.network = network;
        int n = Math.max(1, Math.min(threads, batch));
        passes = new ForwardPass[n];
        grads = new Gradients[n];
        for (int w = 0; w < n; w++) {
            // the first pass takes a whole batch when one share is all a batch is worth
            passes[w] = network.newPass(w == 0 ? batch : (batch + n - 1) / n);
            grads[w] = new Gradients(network.parameters());
        }
        workers = new Worker[n - 1];
        for (int w = 0; w < workers.length; w++) workers[w] = new Worker();
    }

    /** The summed gradients of the last batch. */
    Gradients gradients() { return grads[0]; }

    /** Mean loss of the batch; leaves dLoss/dθ in {@link #gradients()}. */
    double lossAndGradients(EncodedSequences data, int[] batch) {
        long timesteps = 0;
        for (int k : batch) timesteps += data.inputs()[k].length;
        int n = shares(network, timesteps, Math.min(passes.length, batch.length));
        int[][][] inputs = new int[n][][], targets = new int[n][][], legal = data.legal() == null ? null : new int[n][][];
        long[] counts = new long[n];
        long total = 0;
        for (int w = 0; w < n; w++) {
            // a batch is sorted by length: dealt out in turn, every share gets sequences as long as the others'
            int size = (batch.length - w + n - 1) / n;
            inputs[w] = new int[size][];
            targets[w] = new int[size][];
            if (legal != null) legal[w] = new int[size][];
            for (int s = 0; s < size; s++) {
                int k = batch[w + s * n];
                if (legal != null) legal[w][s] = data.legal()[k];
                inputs[w][s] = data.inputs()[k];
                targets[w][s] = data.targets()[k];
                counts[w] += data.inputs()[k].length;
            }
            total += counts[w];
        }
        double[] losses = new double[n];
        for (int w = 1; w < n; w++) {
            int share = w;
            workers[w - 1].start(() -> losses[share] = run(share, inputs[share], targets[share], legal == null ? null : legal[share]));
        }
        losses[0] = run(0, inputs[0], targets[0], legal == null ? null : legal[0]);
        for (int w = 1; w < n; w++) workers[w - 1].await();

        // each share is averaged over its own timesteps: re-weight to an average over the whole batch
        double loss = losses[0] * counts[0] / total;
        for (int w = 1; w < n; w++) {
            loss += losses[w] * counts[w] / total;
            grads[0].scaleAndAdd(w == 1 ? counts[0] / (double) total : 1, grads[w], counts[w] / (double) total);
        }
        return loss;
    }

    /**
     * How many shares a batch of {@code timesteps} is split into, at most {@code threads}: one when its work
     * (timesteps × layers × hidden²) is below {@value #MIN_SPLIT}. A step of a small model costs about
     * the same for 16 rows as for 32, so halving the rows saves less than handing over and summing costs.
     * The rule reads only the batch and the model, so a run's numbers do not depend on timing.
     */
    static int shares(Network network, long timesteps, int threads) {
        long hidden = network.hidden();
        return threads > 1 && timesteps * network.layers() * hidden * hidden < MIN_SPLIT ? 1 : threads;
    }

    private double run(int w, int[][] inputs, int[][] targets, int[][] legal) {
        network.forward(inputs, passes[w]);
        double loss = SequenceLoss.lossAndGradient(passes[w], targets, legal);
        grads[w].zero();
        network.backward(passes[w], grads[w]);
        return loss;
    }

    @Override public void close() {
        for (Worker w : workers) w.close();
    }

    /** A thread that runs one share at a time, handed to it by the thread that trains. */
    private static final class Worker {
        private final Thread thread;
        private volatile Runnable share;  // set by the trainer, cleared by the worker when it is done
        private volatile Thread waiting;  // the trainer, while it waits for the share
        private volatile boolean closed;
        private volatile RuntimeException failure;

        Worker() {
            thread = new Thread(this::loop, "trainer-worker");
            thread.setDaemon(true);
            thread.start();
        }

        void start(Runnable work) {
            failure = null;
            waiting = Thread.currentThread();
            share = work;
            LockSupport.unpark(thread);
        }

        void await() {
            long spinUntil = System.nanoTime() + SPIN_MICROS * 1000;
            while (share != null) {
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 1_000_000);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training");
                }
            }
            if (failure != null) throw failure;
        }

        private void loop() {
            long spinUntil = System.nanoTime() + SPIN_MICROS * 1000;
            while (!closed) {
                Runnable work = share;
                if (work == null) {
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.park(this);
                    continue;
                }
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                share = null;
                LockSupport.unpark(waiting);
                spinUntil = System.nanoTime() + SPIN_MICROS * 1000;
            }
        }

        void close() {
            closed = true;
            LockSupport.unpark(thread);
        }
    }
}
