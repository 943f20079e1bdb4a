package lstmexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Each cell's forward pass on one input and one unit with fixed weights, against the paper's equations
 * written out by hand, so the conventions (gate order, z versus 1 − z, i = 1 − f, where biases sit) are
 * pinned and not only self-consistent. Weights differ per block so a swapped block gives a different answer.
 */
class CellEquationsTest {
    static final double TOL = 1e-12;
    static final double X = 0.9, H_PREV = -0.35, C_PREV = 0.6;

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    @Test
    void registryOrderAndDescriptions() {
        assertEquals(List.of("lstm", "rnn", "peephole", "cifg", "gru", "mgu", "gru1", "gru2", "gru3"), CellTypes.names());
        for (CellTypes.CellType t : CellTypes.all()) {
            assertFalse(t.description().isBlank(), t.name());
            assertEquals(t.description(), CellTypes.description(t.name()));
            List<String> vectors = CellTypes.vectors(t.name());
            assertEquals("hidden", vectors.get(vectors.size() - 1), t.name());
            assertEquals(t.name(), CellTypes.create(t.name(), 1, 1).type());
        }
    }

    /** Names and shapes (rows × columns, input 2, hidden 3) that a weight importer relies on. */
    @Test
    void parameterNamesAndShapes() {
        assertEquals(List.of("W_x 2x12", "W_h 3x12", "b 1x12"), shapes("lstm"));
        assertEquals(List.of("W_x 2x3", "W_h 3x3", "b 1x3"), shapes("rnn"));
        assertEquals(List.of("W_x 2x12", "W_h 3x12", "b 1x12", "p_i 1x3", "p_f 1x3", "p_o 1x3"), shapes("peephole"));
        assertEquals(List.of("W_x 2x9", "W_h 3x9", "b 1x9"), shapes("cifg"));
        assertEquals(List.of("W_x 2x9", "W_h 3x9", "b_x 1x9", "b_h 1x9"), shapes("gru"));
        assertEquals(List.of("W_x 2x6", "W_hf 3x3", "W_hn 3x3", "b 1x6"), shapes("mgu"));
    }

    /** The plain LSTM in PyTorch's nn.LSTM block order i, f, g, o, with c = f∘c_prev + i∘g and h = o∘tanh(c). */
    @Test
    void lstmFollowsPyTorch() {
        assertLstm(CellTypes.create("lstm", 1, 1), 0, 0, 0);
    }

    @Test
    void rnn() {
        Cell cell = CellTypes.create("rnn", 1, 1);
        set(cell, "W_x", 0.7);
        set(cell, "W_h", -1.3);
        set(cell, "b", 0.2);
        StepCache out = step(cell, H_PREV);
        double h = Math.tanh(X * 0.7 + H_PREV * -1.3 + 0.2);
        assertVectors(cell, out, "hidden", h);
    }

    @Test
    void peepholeLstm() {
        Cell cell = CellTypes.create("peephole", 1, 1);
        set(cell, "p_i", 0.45);
        set(cell, "p_f", -0.55);
        set(cell, "p_o", 0.65);
        assertLstm(cell, 0.45, -0.55, 0.65);
    }

    /**
     * An LSTM step with peepholes p_i, p_f onto the previous cell state and p_o onto the new one (0 for
     * the plain LSTM). Weights differ per block, in the order i, f, g, o.
     */
    static void assertLstm(Cell cell, double pi, double pf, double po) {
        set(cell, "W_x", 0.5, -0.4, 0.9, 0.3);
        set(cell, "W_h", -0.2, 0.6, -0.7, 0.8);
        set(cell, "b", 0.1, 1.0, -0.3, 0.05);
        StepCache out = step(cell, C_PREV, H_PREV);
        double i = sigmoid(X * 0.5 + H_PREV * -0.2 + 0.1 + pi * C_PREV);
        double f = sigmoid(X * -0.4 + H_PREV * 0.6 + 1.0 + pf * C_PREV);
        double g = Math.tanh(X * 0.9 + H_PREV * -0.7 - 0.3);
        double c = f * C_PREV + i * g;
        double o = sigmoid(X * 0.3 + H_PREV * 0.8 + 0.05 + po * c); // a peephole sees the new cell state
        double h = o * Math.tanh(c);
        assertVectors(cell, out, "input_gate", i, "forget_gate", f, "output_gate", o, "candidate", g, "cell", c, "hidden", h);
    }

    @Test
    void coupledInputForgetGateLstm() {
        Cell cell = CellTypes.create("cifg", 1, 1);
        //                  f     g     o
        set(cell, "W_x", -0.4, 0.9, 0.3);
        set(cell, "W_h", 0.6, -0.7, 0.8);
        set(cell, "b", 1.0, -0.3, 0.05);
        StepCache out = step(cell, C_PREV, H_PREV);
        double f = sigmoid(X * -0.4 + H_PREV * 0.6 + 1.0);
        double i = 1 - f;
        double g = Math.tanh(X * 0.9 + H_PREV * -0.7 - 0.3);
        double o = sigmoid(X * 0.3 + H_PREV * 0.8 + 0.05);
        double c = f * C_PREV + i * g;
        double h = o * Math.tanh(c);
        assertVectors(cell, out, "input_gate", i, "forget_gate", f, "output_gate", o, "candidate", g, "cell", c, "hidden", h);
    }

    /** PyTorch nn.GRU: n = tanh(W_in·x + b_in + r∘(W_hn·h + b_hn)), h' = (1 − z)∘n + z∘h. */
    @Test
    void gruFollowsPyTorch() {
        Cell cell = CellTypes.create("gru", 1, 1);
        //                  r     z     n
        set(cell, "W_x", 0.5, -0.3, 0.8);
        set(cell, "W_h", 0.2, 0.7, -0.6);
        set(cell, "b_x", 0.1, -0.2, 0.3);
        set(cell, "b_h", -0.4, 0.25, 0.15);
        StepCache out = step(cell, H_PREV);
        double r = sigmoid(X * 0.5 + 0.1 + H_PREV * 0.2 - 0.4);
        double z = sigmoid(X * -0.3 - 0.2 + H_PREV * 0.7 + 0.25);
        double n = Math.tanh(X * 0.8 + 0.3 + r * (H_PREV * -0.6 + 0.15)); // b_hn inside the reset product
        double h = (1 - z) * n + z * H_PREV;
        assertVectors(cell, out, "reset_gate", r, "update_gate", z, "candidate", n, "hidden", h);
    }

    /** Dey & Salem 2017: the gates of GRU1 read h₋₁ and a bias, of GRU2 h₋₁ alone, of GRU3 a bias alone; the candidate is the GRU's. */
    @Test
    void gruGateVariants() {
        assertEquals(List.of("W_x 2x3", "W_h 3x3", "b_x 1x3", "b_h 1x3", "U_gates 3x6", "b_gates 1x6"), shapes("gru1"));
        assertEquals(List.of("W_x 2x3", "W_h 3x3", "b_x 1x3", "b_h 1x3", "U_gates 3x6"), shapes("gru2"));
        assertEquals(List.of("W_x 2x3", "W_h 3x3", "b_x 1x3", "b_h 1x3", "b_gates 1x6"), shapes("gru3"));
        for (String type : List.of("gru1", "gru2", "gru3")) {
            Cell cell = CellTypes.create(type, 1, 1);
            set(cell, "W_x", 0.8);
            set(cell, "W_h", -0.6);
            set(cell, "b_x", 0.3);
            set(cell, "b_h", 0.15);
            boolean hidden = !type.equals("gru3"), bias = !type.equals("gru2");
            //                          r     z
            if (hidden) set(cell, "U_gates", 0.2, 0.7);
            if (bias) set(cell, "b_gates", -0.4, 0.25);
            StepCache out = step(cell, H_PREV);
            double r = sigmoid((hidden ? H_PREV * 0.2 : 0) + (bias ? -0.4 : 0));
            double z = sigmoid((hidden ? H_PREV * 0.7 : 0) + (bias ? 0.25 : 0));
            double n = Math.tanh(X * 0.8 + 0.3 + r * (H_PREV * -0.6 + 0.15));
            double h = (1 - z) * n + z * H_PREV;
            assertVectors(cell, out, "reset_gate", r, "update_gate", z, "candidate", n, "hidden", h);
        }
    }

    @Test
    void minimalGatedUnit() {
        Cell cell = CellTypes.create("mgu", 1, 1);
        //                  f     n
        set(cell, "W_x", 0.4, -0.9);
        set(cell, "W_hf", 0.75);
        set(cell, "W_hn", -1.1);
        set(cell, "b", 0.2, 0.35);
        StepCache out = step(cell, H_PREV);
        double f = sigmoid(X * 0.4 + H_PREV * 0.75 + 0.2);
        double n = Math.tanh(X * -0.9 + (f * H_PREV) * -1.1 + 0.35);
        double h = (1 - f) * H_PREV + f * n;
        assertVectors(cell, out, "forget_gate", f, "candidate", n, "hidden", h);
    }

    static List<String> shapes(String type) {
        List<String> out = new ArrayList<>();
        for (Parameter p : CellTypes.create(type, 2, 3).parameters())
            out.add(p.name() + " " + p.value().numRows + "x" + p.value().numCols);
        return out;
    }

    static void set(Cell cell, String name, double... values) {
        DMatrixRMaj m = cell.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(cell.type() + " has no parameter " + name)).value();
        assertEquals(values.length, m.getNumElements(), name);
        System.arraycopy(values, 0, m.data, 0, values.length);
    }

    /** One step from input X and the given previous state (one value per state vector, in stateVectors() order). */
    static StepCache step(Cell cell, double... state) {
        int[] slots = cell.stateVectors();
        assertEquals(slots.length, state.length, "state values for " + cell.type());
        StepCache prev = cell.newCache(1), out = cell.newCache(1);
        for (int s = 0; s < slots.length; s++) prev.vectors[slots[s]].set(0, 0, state[s]);
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        x.set(0, 0, X);
        cell.forward(x, prev, out);
        return out;
    }

    /** Alternating vector name and expected value; also checks that every vector is covered, in order. */
    static void assertVectors(Cell cell, StepCache out, Object... nameValue) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < nameValue.length; k += 2) {
            String name = (String) nameValue[k];
            names.add(name);
            int v = cell.vectors().indexOf(name);
            assertEquals((double) nameValue[k + 1], out.value(v, 0, 0), TOL, cell.type() + " " + name);
        }
        assertEquals(cell.vectors(), names);
    }
}
