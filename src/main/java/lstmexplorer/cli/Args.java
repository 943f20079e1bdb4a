package lstmexplorer.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lstmexplorer.service.Limits;
import lstmexplorer.service.Limits.Range;
import lstmexplorer.service.Limits.Real;
import lstmexplorer.service.Validator;

/** {@code --name value} options and {@code --flag}s of one sub-command, each checked against what it accepts. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    /**
     * @param options names that take a value
     * @param flagNames names that stand alone
     */
    public Args(List<String> args, Set<String> options, Set<String> flagNames) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) throw new UsageException("unexpected argument '" + a + "'");
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name) && inline == null) flags.add(name);
            else if (options.contains(name)) {
                if (inline == null && i + 1 >= args.size()) throw new UsageException("--" + name + " needs a value");
                values.put(name, inline != null ? inline : args.get(++i));
            } else throw new UsageException("unknown option --" + name);
        }
    }

    public boolean flag(String name) { return flags.contains(name); }

    public boolean has(String name) { return values.containsKey(name); }

    public String string(String name, String fallback) { return values.getOrDefault(name, fallback); }

    public String required(String name) {
        String v = values.get(name);
        if (v == null) throw new UsageException("--" + name + " is required");
        return v;
    }

    /** A whole number within one of the server's {@link Limits}. */
    public int integer(String name, int fallback, Range range) {
        return integer(name, fallback, Math.toIntExact(range.min()), Math.toIntExact(range.max()));
    }

    /** A number within one of the server's {@link Limits}. */
    public double number(String name, double fallback, Real range) {
        double v = number(name, fallback, -Double.MAX_VALUE, Double.MAX_VALUE);
        if (has(name) && !range.contains(v))
            throw new UsageException("--" + name + " must be " + Validator.describe(range) + ", got " + values.get(name));
        return v;
    }

    public int integer(String name, int fallback, int min, int max) {
        if (!has(name)) return fallback;
        try {
            int v = Integer.parseInt(values.get(name));
            if (v < min || v > max) throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + v);
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + values.get(name) + "'");
        }
    }

    public double number(String name, double fallback, double min, double max) {
        if (!has(name)) return fallback;
        try {
            double v = Double.parseDouble(values.get(name));
            if (!(v >= min && v <= max)) throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + values.get(name));
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + values.get(name) + "'");
        }
    }

    /** A command line the user got wrong: the message says how. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) { super(message); }
    }
}
