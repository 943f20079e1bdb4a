package lstmexplorer.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lstmexplorer.model.ForwardPass;
import lstmexplorer.model.Gradients;
import lstmexplorer.model.Network;

/**
 * Computes a batch's loss and gradients, split across threads when more than one is asked for: each
 * thread runs its share of the sequences through its own pass, and the gradients are summed, weighted
 * by timesteps, so the result equals one thread's.
 */
final class DataParallel implements AutoCloseable {
    private final Network network;
    private final ForwardPass[] passes;
    private final Gradients[] grads;
    private final ExecutorService pool;

    DataParallel(Network network, int batch, int threads) {
        this.network = network;
        int n = Math.max(1, Math.min(threads, batch));
        passes = new ForwardPass[n];
        grads = new Gradients[n];
        for (int w = 0; w < n; w++) {
            passes[w] = network.newPass((batch + n - 1) / n);
            grads[w] = new Gradients(network.parameters());
        }
        pool = n > 1 ? Executors.newFixedThreadPool(n - 1, r -> {
            Thread t = new Thread(r, "trainer-worker");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** The summed gradients of the last batch. */
    Gradients gradients() { return grads[0]; }

    /** Mean loss of the batch; leaves dLoss/dθ in {@link #gradients()}. */
    double lossAndGradients(EncodedSequences data, int[] batch) {
        int n = Math.min(passes.length, batch.length);
        int[][][] inputs = new int[n][][], targets = new int[n][][], legal = data.legal() == null ? null : new int[n][][];
        long[] counts = new long[n];
        long total = 0;
        for (int w = 0; w < n; w++) {
            int from = batch.length * w / n, to = batch.length * (w + 1) / n;
            inputs[w] = new int[to - from][];
            targets[w] = new int[to - from][];
            if (legal != null) legal[w] = new int[to - from][];
            for (int i = from; i < to; i++) {
                if (legal != null) legal[w][i - from] = data.legal()[batch[i]];
                inputs[w][i - from] = data.inputs()[batch[i]];
                targets[w][i - from] = data.targets()[batch[i]];
                counts[w] += data.inputs()[batch[i]].length;
            }
            total += counts[w];
        }
        double[] losses = new double[n];
        Future<?>[] futures = new Future<?>[n];
        for (int w = 1; w < n; w++) {
            int worker = w;
            futures[w] = pool.submit(() -> losses[worker] = run(worker, inputs[worker], targets[worker], legal == null ? null : legal[worker]));
        }
        losses[0] = run(0, inputs[0], targets[0], legal == null ? null : legal[0]);
        for (int w = 1; w < n; w++) await(futures[w]);

        // each share is averaged over its own timesteps: re-weight to an average over the whole batch
        double loss = losses[0] * counts[0] / total;
        if (n > 1) grads[0].scale(counts[0] / (double) total);
        for (int w = 1; w < n; w++) {
            loss += losses[w] * counts[w] / total;
            grads[w].scale(counts[w] / (double) total);
            grads[0].add(grads[w]);
        }
        return loss;
    }

    private double run(int w, int[][] inputs, int[][] targets, int[][] legal) {
        network.forward(inputs, passes[w]);
        double loss = SequenceLoss.lossAndGradient(passes[w], targets, legal);
        grads[w].zero();
        network.backward(passes[w], grads[w]);
        return loss;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
