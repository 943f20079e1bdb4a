package lstmexplorer.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;

/**
 * A forward pass of one sequence through a stack of layers on two cores. Layer l at timestep t needs
 * only layer l − 1 at t and layer l at t − 1, so the layers below the top run on a second thread as far
 * ahead as they get, and the calling thread runs the top layer and the output layer once the layers
 * below are done with a timestep.
 *
 * <p>The top layer's input product x_t·W_x does not wait for its step: it depends only on the layer
 * below, so it is computed for a block of {@link #BLOCK} timesteps at once, as one product with as many
 * rows, which reads each block of W_x once per block of timesteps instead of once per step. The lower
 * thread computes the first half of a block's rows, the calling thread the second half before it steps
 * through the block; the step then finds its rows computed ({@link ForwardWeights#withProductsAhead})
 * and runs only the recurrent product h_t−1·W_h. The products compute each row on its own, in the same
 * order whatever the number of rows, and each layer runs the same step in the same order as in the
 * plain loop, so the numbers are the same to the last bit.
 */
final class LayerPipeline {
    /** Multiply-adds of the lower layers' recurrence (timesteps × hidden²) from which a second thread pays for its start. */
    private static final long MIN_WORK = 1 << 20;
    /** Spins of a thread waiting for the other before it yields its core. */
    private static final int SPINS = 1 << 10;
    /** Timesteps whose top-layer input products are computed together. */
    static final int BLOCK = 32;

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
        InputProducts inputs = InputProducts.of(network, pass, weights);
        int block = inputs == null ? 1 : BLOCK;
        AtomicInteger lowerDone = new AtomicInteger(); // timesteps the layers below the top have computed, with their share of the input products
        AtomicInteger topDone = new AtomicInteger();   // timesteps the top layer has computed
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> lower = LOWER_LAYERS.submit(() -> {
            for (int t = 0; t < length && !stop.get(); t++) {
                network.layers(0, top, pass.inputs.get(t), previous(pass, t), pass.steps.get(t), null, t, weights);
                if (inputs != null && ((t + 1) % block == 0 || t + 1 == length)) {
                    int from = t / block * block;
                    // the rows of this block go where those of two blocks back were: wait until the top layer has read them
                    if (awaitTop(topDone, from - block, stop)) inputs.lowerHalf(from, t + 1);
                }
                lowerDone.set(t + 1);
            }
        });
        try {
            ForwardWeights ahead = inputs == null ? weights : weights.withProductsAhead();
            for (int from = 0; from < length; from += block) {
                int to = Math.min(length, from + block);
                awaitLower(lowerDone, to, lower);
                if (inputs != null) inputs.upperHalf(from, to);
                for (int t = from; t < to; t++) {
                    StepCache[] now = pass.steps.get(t);
                    if (inputs != null) inputs.handTo(ahead, t);
                    network.layers(top, top + 1, pass.inputs.get(t), previous(pass, t), now, null, t, ahead);
                    if (inputs != null) ahead.clearAhead();
                    network.output(now, pass.probabilities.get(t), weights);
                    topDone.set(t + 1);
                }
            }
        } catch (RuntimeException | Error e) {
            stop.set(true);
            throw e;
        } finally {
            join(lower); // the pass is the caller's again only once the other thread has left it
        }
    }

    /**
     * The top layer's input products x_t·W_x, a block of timesteps at a time, in two slots that the blocks
     * take in turn: the lower thread fills one while the top layer reads the other.
     */
    private static final class InputProducts {
        private final ForwardPass pass;
        private final ForwardWeights weights;
        private final DMatrixRMaj wx;
        private final int below, hiddenIndex, batch;
        /** [slot]: the gathered inputs of the timesteps of a half block, and their products. */
        private final DMatrixRMaj[] lowerInputs = new DMatrixRMaj[2], lowerProducts = new DMatrixRMaj[2];
        private final DMatrixRMaj[] upperInputs = new DMatrixRMaj[2], upperProducts = new DMatrixRMaj[2];

        private InputProducts(ForwardPass pass, ForwardWeights weights, DMatrixRMaj wx, int below, int hiddenIndex) {
            this.pass = pass;
            this.weights = weights;
            this.wx = wx;
            this.below = below;
            this.hiddenIndex = hiddenIndex;
            this.batch = pass.batch;
            for (int slot = 0; slot < 2; slot++) {
                lowerInputs[slot] = new DMatrixRMaj(BLOCK * batch, wx.numRows);
                upperInputs[slot] = new DMatrixRMaj(BLOCK * batch, wx.numRows);
                lowerProducts[slot] = new DMatrixRMaj(BLOCK * batch, wx.numCols);
                upperProducts[slot] = new DMatrixRMaj(BLOCK * batch, wx.numCols);
            }
        }

        /** For the top layer of {@code network}: null when its cell has no input weight W_x read from a blocked copy. */
        static InputProducts of(Network network, ForwardPass pass, ForwardWeights weights) {
            int top = network.layers() - 1;
            for (Parameter p : network.cell(top).parameters())
                if (p.name().equals("W_x") && weights.blocked(p.value()) != null)
                    return new InputProducts(pass, weights, p.value(), top - 1, network.cell(top - 1).hiddenIndex());
            return null;
        }

        /** Timesteps of the block [from, to) whose rows the lower thread computes. */
        private static int lowerSteps(int from, int to) { return (to - from) / 2; }

        void lowerHalf(int from, int to) { multiply(from, from + lowerSteps(from, to), lowerInputs, lowerProducts); }

        void upperHalf(int from, int to) { multiply(from + lowerSteps(from, to), to, upperInputs, upperProducts); }

        /** x_t·W_x for t in [from, to), x_t the hidden state of the layer below, into the slot of their block. */
        private void multiply(int from, int to, DMatrixRMaj[] inputs, DMatrixRMaj[] products) {
            if (from == to) return;
            int slot = from / BLOCK % 2, in = wx.numRows;
            DMatrixRMaj x = inputs[slot], z = products[slot];
            x.reshape((to - from) * batch, in, false);
            z.reshape((to - from) * batch, wx.numCols, false);
            for (int t = from; t < to; t++)
                System.arraycopy(pass.steps.get(t)[below].matrix(hiddenIndex).data, 0, x.data, (t - from) * batch * in, batch * in);
            Products.mult(x, wx, z, weights);
        }

        /** Lets the top layer's step t find its input product in {@code ahead}. */
        void handTo(ForwardWeights ahead, int t) {
            int from = t / BLOCK * BLOCK, to = Math.min(pass.length, from + BLOCK), split = from + lowerSteps(from, to), slot = from / BLOCK % 2;
            DMatrixRMaj input = pass.steps.get(t)[below].matrix(hiddenIndex);
            if (t < split) ahead.ahead(input, wx, lowerProducts[slot], (t - from) * batch);
            else ahead.ahead(input, wx, upperProducts[slot], (t - split) * batch);
        }
    }

    /** Waits until the top layer has computed {@code timesteps}; false when it stopped first. */
    private static boolean awaitTop(AtomicInteger done, int timesteps, AtomicBoolean stop) {
        for (int spins = 0; done.get() < timesteps; spins++) {
            if (stop.get()) return false;
            if (spins < SPINS) Thread.onSpinWait();
            else Thread.yield();
        }
        return true;
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
