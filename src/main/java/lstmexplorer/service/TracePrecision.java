package lstmexplorer.service;

import java.util.List;

/**
 * The arithmetic of a displayed trace's forward pass. {@code single}: weights and inputs rounded to
 * float and their products summed in float, as PyTorch computes by default ({@code float32}); on the
 * seeded models of the parity tests within 1e-5 of the double-precision trace. {@code double}: every value in double precision. A request that
 * names neither gets single for models of at least {@link Limits#SINGLE_PRECISION_HIDDEN} hidden units,
 * double below.
 */
public enum TracePrecision {
    SINGLE, DOUBLE;

    public static final List<String> NAMES = Validator.ids(values());

    /** The precision a request names; null when it names none (then {@link #orDefault} picks by size). */
    public static TracePrecision of(String name) { return Validator.choice("precision", name, values()); }

    /** What a trace of a model of this hidden size is computed in by default. */
    public static TracePrecision forHidden(int hidden) {
        return hidden >= Limits.SINGLE_PRECISION_HIDDEN ? SINGLE : DOUBLE;
    }

    /** {@code asked}, or the default for a model of this hidden size when none was asked for. */
    public static TracePrecision orDefault(TracePrecision asked, int hidden) { return asked != null ? asked : forHidden(hidden); }

    public boolean single() { return this == SINGLE; }

    public String id() { return NAMES.get(ordinal()); }
}
