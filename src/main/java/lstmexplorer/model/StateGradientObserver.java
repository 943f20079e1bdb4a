package lstmexplorer.model;

import org.ejml.data.DMatrixRMaj;

/**
 * Hears the gradient of the loss with respect to each layer's carried state as backpropagation
 * through time passes each timestep, e.g. to show how far back a loss reaches.
 */
public interface StateGradientObserver {
    /**
     * Called once per timestep and layer, from the last timestep back to the first, with dLoss/d(state of
     * {@code layer} after timestep {@code t}): one batch × hidden matrix per state vector, in the order of
     * the cell's {@link Cell#stateVectors()}. Each is the partial derivative with the other state vectors
     * held fixed (for an LSTM, dLoss/dc counts only what flows on through the cell state, not through
     * h = o∘tanh(c)). The matrices are the pass's own, read during the call. An observer may add to them:
     * what it adds is backpropagated from there on as if the loss had that gradient with respect to this
     * state (so the gradient of a unit's own value is taken by adding 1 at its entry); it changes them in
     * no other way.
     */
    void stateGradient(int t, int layer, DMatrixRMaj[] dState);
}
