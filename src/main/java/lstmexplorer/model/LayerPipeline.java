package lstmexplorer.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward pass of one sequence through a stack of layers on two cores. Layer l at timestep t needs
 * only layer l − 1 at t and layer l at t − 1, so the layers below the top run on a second thread as far
 * ahead as they get, and the calling thread runs the top layer and the output layer at each timestep
 * once the layers below are done with it. Each layer runs the same step in the same order as in the
 * plain loop, so the numbers are the same to the last bit.
 *
 * <p>With one sequence the products stream each weight matrix from the cache once per timestep; two
 * threads stream two of them at once.
 */
final class LayerPipeline {
    /** Multiply-adds of the lower layers' recurrence (timesteps × hidden²) from which a second thread pays for its start. */
    private static final long MIN_WORK = 1 << 20;
    /** Spins of a thread waiting for the other before it yields its core. */
    private static final int SPINS = 1 << 10;

    private static final ExecutorService LOWER_LAYERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "lower-layers");
        thread.setDaemon(true);
        return thread;
    });

    private LayerPipeline() {}

    /** Whether a pass is worth two threads: one sequence (or two, three) through several large layers, on a machine with two cores. */
    static boolean pays(Network network, ForwardPass pass) {
        long hidden = network.hidden();
        return network.layers() > 1 && pass.batch < 4 && pass.length * hidden * hidden >= MIN_WORK
                && Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Runs every timestep of a prepared pass that has no intervention. */
    static void run(Network network, ForwardPass pass, ForwardWeights weights) {
        int top = network.layers() - 1, length = pass.length;
        AtomicInteger lowerDone = new AtomicInteger(); // timesteps the layers below the top have computed
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> lower = LOWER_LAYERS.submit(() -> {
            for (int t = 0; t < length && !stop.get(); t++) {
                network.layers(0, top, pass.inputs.get(t), previous(pass, t), pass.steps.get(t), null, t, weights);
                lowerDone.set(t + 1);
            }
        });
        try {
            for (int t = 0; t < length; t++) {
                awaitLower(lowerDone, t + 1, lower);
                StepCache[] now = pass.steps.get(t);
                network.layers(top, top + 1, pass.inputs.get(t), previous(pass, t), now, null, t, weights);
                network.output(now, pass.probabilities.get(t), weights);
            }
        } catch (RuntimeException | Error e) {
            stop.set(true);
            throw e;
        } finally {
            join(lower); // the pass is the caller's again only once the other thread has left it
        }
    }

    private static StepCache[] previous(ForwardPass pass, int t) { return t == 0 ? pass.initial : pass.steps.get(t - 1); }

    private static void awaitLower(AtomicInteger done, int timesteps, Future<?> lower) {
        for (int spins = 0; done.get() < timesteps; spins++) {
            if (lower.isDone()) {
                join(lower); // throws what the lower layers threw
                if (done.get() < timesteps) throw new IllegalStateException("the lower layers stopped at timestep " + done.get());
            }
            if (spins < SPINS) Thread.onSpinWait();
            else Thread.yield();
        }
    }

    private static void join(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the lower layers ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
