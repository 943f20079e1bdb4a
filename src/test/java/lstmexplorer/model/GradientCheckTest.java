package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import lstmexplorer.train.SequenceLoss;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every cell type's backward pass, in double precision on tiny sizes:
 * weights, biases, inputs and the initial state, for T = 1 and longer, batch = 1 and larger.
 */
class GradientCheckTest {
    static final double EPS = 1e-5, TOLERANCE = 1e-5;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (String type : CellTypes.names())
            for (int steps : new int[] {1, 4})
                for (int batch : new int[] {1, 3}) list.add(Arguments.of(type, steps, batch));
        return list.stream();
    }

    /** One cell on dense random inputs, loss = Σ_t Σ w_t∘h_t over the hidden state. */
    @ParameterizedTest(name = "{0} cell, T={1}, batch={2}")
    @MethodSource("cases")
    void cellGradientsMatchFiniteDifferences(String type, int steps, int batch) {
        Random random = new Random(7);
        int in = 3, hidden = 2;
        Cell cell = CellTypes.create(type, in, hidden);
        cell.initialize(random);
        for (Parameter p : cell.parameters()) CellMath.uniform(p.value(), 0.8, random); // beyond ±1/√H: larger gradients
        List<DMatrixRMaj> xs = new ArrayList<>(), ws = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(randomMatrix(batch, in, random));
            ws.add(randomMatrix(batch, hidden, random));
        }
        StepCache initial = cell.newCache(batch);
        for (int s : cell.stateVectors()) initial.vectors[s].setTo(randomMatrix(batch, hidden, random));

        DoubleSupplier loss = () -> {
            StepCache prev = initial;
            double sum = 0;
            for (int t = 0; t < steps; t++) {
                StepCache cur = cell.newCache(batch);
                cell.forward(xs.get(t), prev, cur);
                DMatrixRMaj h = cur.vectors[cell.hiddenIndex()];
                for (int k = 0; k < h.getNumElements(); k++) sum += h.data[k] * ws.get(t).data[k];
                prev = cur;
            }
            return sum;
        };

        // analytic
        List<StepCache> caches = new ArrayList<>();
        StepCache prev = initial;
        for (int t = 0; t < steps; t++) {
            StepCache cur = cell.newCache(batch);
            cell.forward(xs.get(t), prev, cur);
            caches.add(cur);
            prev = cur;
        }
        int[] state = cell.stateVectors();
        DMatrixRMaj[] dState = new DMatrixRMaj[state.length];
        for (int s = 0; s < state.length; s++) dState[s] = new DMatrixRMaj(batch, hidden);
        List<Parameter> params = cell.parameters();
        DMatrixRMaj[] grads = new DMatrixRMaj[params.size()];
        for (int k = 0; k < grads.length; k++) grads[k] = new DMatrixRMaj(params.get(k).value().numRows, params.get(k).value().numCols);
        List<DMatrixRMaj> dxs = new ArrayList<>();
        for (int t = 0; t < steps; t++) dxs.add(new DMatrixRMaj(batch, in));
        for (int t = steps - 1; t >= 0; t--) {
            org.ejml.dense.row.CommonOps_DDRM.addEquals(dState[cell.hiddenStateSlot()], ws.get(t));
            cell.backward(xs.get(t), t == 0 ? initial : caches.get(t - 1), caches.get(t), dState, grads, dxs.get(t));
        }

        for (int k = 0; k < params.size(); k++) check(type + " " + params.get(k).name(), params.get(k).value(), grads[k], loss);
        for (int t = 0; t < steps; t++) check(type + " x[" + t + "]", xs.get(t), dxs.get(t), loss);
        for (int s = 0; s < state.length; s++)
            check(type + " initial " + cell.vectors().get(state[s]), initial.vectors[state[s]], dState[s], loss);
    }

    /** A two-layer network with softmax loss over sequences of unequal length (padding). */
    @ParameterizedTest(name = "{0} network, T={1}, batch={2}")
    @MethodSource("cases")
    void networkGradientsMatchFiniteDifferences(String type, int steps, int batch) {
        Random random = new Random(11);
        int vocab = 3;
        Network net = Network.initialized(new NetworkConfig(type, vocab, 3, 2), random);
        for (Parameter p : net.parameters()) CellMath.uniform(p.value(), 0.8, random);
        int[][] inputs = new int[batch][], targets = new int[batch][];
        for (int r = 0; r < batch; r++) {
            int len = Math.max(1, steps - r); // unequal lengths exercise the padding
            inputs[r] = new int[len];
            targets[r] = new int[len];
            for (int t = 0; t < len; t++) {
                inputs[r][t] = random.nextInt(vocab);
                targets[r][t] = random.nextInt(vocab);
            }
        }
        ForwardPass pass = net.newPass(batch);
        pass.prepare(batch, 1);
        for (int l = 0; l < net.layers(); l++)
            for (int s : net.cell(l).stateVectors()) pass.initialState(l).vectors[s].setTo(randomMatrix(batch, 3, random));

        DoubleSupplier loss = () -> {
            net.forward(inputs, pass);
            return SequenceLoss.loss(pass, targets);
        };
        net.forward(inputs, pass);
        SequenceLoss.lossAndGradient(pass, targets);
        Gradients grads = new Gradients(net.parameters());
        net.backward(pass, grads);
        List<DMatrixRMaj> initialGrads = new ArrayList<>();
        for (int l = 0; l < net.layers(); l++)
            for (int s = 0; s < net.cell(l).stateVectors().length; s++) initialGrads.add(pass.initialStateGradient(l, s).copy());

        List<Parameter> params = net.parameters();
        for (int k = 0; k < params.size(); k++) check(type + " " + params.get(k).name(), params.get(k).value(), grads.get(k), loss);
        int g = 0;
        for (int l = 0; l < net.layers(); l++)
            for (int s : net.cell(l).stateVectors())
                check(type + " layer " + l + " initial " + net.cell(l).vectors().get(s), pass.initialState(l).vectors[s], initialGrads.get(g++), loss);
    }

    static DMatrixRMaj randomMatrix(int rows, int cols, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) m.data[k] = random.nextGaussian() * 0.7;
        return m;
    }

    /** Central differences on every entry of {@code value}, compared with {@code analytic}. */
    static void check(String what, DMatrixRMaj value, DMatrixRMaj analytic, DoubleSupplier loss) {
        for (int k = 0; k < value.getNumElements(); k++) {
            double saved = value.data[k];
            value.data[k] = saved + EPS;
            double up = loss.getAsDouble();
            value.data[k] = saved - EPS;
            double down = loss.getAsDouble();
            value.data[k] = saved;
            double numeric = (up - down) / (2 * EPS);
            double a = analytic.data[k];
            double relative = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-4);
            assertTrue(relative < TOLERANCE,
                    what + " entry " + k + ": analytic " + a + " vs numeric " + numeric + " (relative error " + relative + ")");
        }
    }
}
