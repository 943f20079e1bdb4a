package lstmexplorer.service;

import java.util.List;
import java.util.Locale;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.model.CellTypes;
import lstmexplorer.service.Limits.Range;
import lstmexplorer.service.Limits.Real;
import lstmexplorer.task.Vocabulary;

/**
 * The one place request values are checked, against {@link Limits} and against the model they are
 * about. A bad value is a 400 that names the field and what it may be; characters outside a model's
 * vocabulary are a 422 naming them. The layers below trust what passes here.
 */
public final class Validator {
    private Validator() {}

    /** {@code value} within [min, max]. */
    public static long check(String field, long value, long min, long max) {
        if (value < min || value > max)
            throw ServiceException.badParameter(field, field + " must be from " + min + " to " + max + "; got " + value);
        return value;
    }

    public static long check(String field, long value, Range range) { return check(field, value, range.min(), range.max()); }

    /** {@code value}, or the range's default when it is left out; within the range. */
    public static int check(String field, Integer value, Range range) {
        if (value == null && range.fallback() == null) throw required(field, "a whole number from " + range.min() + " to " + range.max());
        return (int) check(field, (long) range.orDefault(value), range);
    }

    /** {@code value}, or the range's default when it is left out; a finite number within the range. */
    public static double check(String field, Double value, Real range) {
        if (value == null && range.fallback() == null) throw required(field, "a number " + describe(range));
        double v = value != null ? value : range.fallback();
        if (!Double.isFinite(v) || !range.contains(v))
            throw ServiceException.badParameter(field, field + " must be " + describe(range) + "; got " + v);
        return v;
    }

    /** A text of the range's length whose characters the vocabulary has. */
    public static String text(String field, String text, Range length, Vocabulary vocabulary) {
        if (text == null) throw required(field, length.min() + " to " + length.max() + " characters");
        if (!length.contains(text.length()))
            throw ServiceException.badParameter(field, field + " must have " + length.min() + " to " + length.max()
                    + " characters; got " + text.length());
        List<String> unknown = ServiceException.unknownCharacters(text, vocabulary);
        if (!unknown.isEmpty())
            throw ServiceException.outsideVocabulary(field, unknown, vocabulary.chars().stream().map(String::valueOf).toList());
        return text;
    }

    /** A layer of the model; a missing one is layer 0. */
    public static int layer(String field, Integer layer, ModelRecord r) {
        return (int) check(field, layer == null ? 0 : layer, 0, r.layers() - 1);
    }

    /** A unit of the model's layers. */
    public static int unit(String field, Integer unit, ModelRecord r) {
        if (unit == null) throw required(field, "0 to " + (r.hidden() - 1));
        return (int) check(field, unit, 0, r.hidden() - 1);
    }

    /** One of the vectors the model's cell records. */
    public static String vector(String field, String vector, ModelRecord r) {
        List<String> known = CellTypes.vectors(r.cell());
        if (vector == null || !known.contains(vector))
            throw ServiceException.badParameter(field, field + " must be one of " + known + " for a " + r.cell() + " model; got "
                    + (vector == null ? "nothing" : "'" + vector + "'"));
        return vector;
    }

    /** The part of a model's trace a request asks for. */
    public static void slice(ModelRecord r, Slice s) {
        if (s.layer() != null) check("layer", s.layer(), 0, r.layers() - 1);
        if (s.vectors() != null) {
            List<String> known = CellTypes.vectors(r.cell());
            if (s.vectors().isEmpty()) throw ServiceException.badParameter("vectors", "vectors must name at least one of " + known);
            for (String v : s.vectors())
                if (!known.contains(v))
                    throw ServiceException.badParameter("vectors", "vectors must be among " + known + " for a " + r.cell() + " model; got '" + v + "'");
        }
        if (s.units() != null) {
            if (s.units().isEmpty()) throw ServiceException.badParameter("units", "units must list at least one unit from 0 to " + (r.hidden() - 1));
            for (int u : s.units()) check("units", u, 0, r.hidden() - 1);
        }
        if (s.from() != null) check("from", s.from(), Limits.SLICE_FROM);
        if (s.to() != null) check("to", s.to(), s.from() == null ? 0 : s.from(), Limits.SLICE_TO.max());
    }

    /**
     * The constant of {@code values} whose lower-case name {@code name} is; null when the request names
     * none (the caller's default applies), a 400 naming {@code field} and the choices otherwise.
     */
    public static <E extends Enum<E>> E choice(String field, String name, E[] values) {
        if (name == null || name.isEmpty()) return null;
        for (E e : values) if (id(e).equals(name)) return e;
        throw ServiceException.badParameter(field, field + " must be one of " + ids(values) + "; got '" + name + "'");
    }

    /** The lower-case names of {@code values}, as requests give them. */
    public static List<String> ids(Enum<?>[] values) { return java.util.Arrays.stream(values).map(Validator::id).toList(); }

    private static String id(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }

    /** The split named {@code train}, {@code test} or {@code generalization}. */
    public static Split split(String name) {
        if (name != null) for (Split s : Split.values()) if (s.id().equals(name.toLowerCase(Locale.ROOT))) return s;
        throw ServiceException.badParameter("split", "split must be one of train, test, generalization; got '" + name + "'");
    }

    /** A display name: printable characters within the length limit, or none. */
    public static String name(String name) {
        if (name != null && (!Limits.NAME.contains(name.length()) || name.isBlank() || name.chars().anyMatch(Character::isISOControl)))
            throw ServiceException.badParameter("name", "name must be " + Limits.NAME.min() + " to " + Limits.NAME.max() + " printable characters");
        return name;
    }

    /** How a range reads in a message: "from 1 to 600", or "in (0, 1]" when its minimum is excluded. */
    public static String describe(Real range) {
        return range.minExclusive() ? "in (" + fmt(range.min()) + ", " + fmt(range.max()) + "]"
                : "from " + fmt(range.min()) + " to " + fmt(range.max());
    }

    private static ServiceException required(String field, String what) {
        return ServiceException.badParameter(field, field + " is required: " + what);
    }

    private static String fmt(double d) { return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d); }
}
