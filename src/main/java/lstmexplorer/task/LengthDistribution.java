package lstmexplorer.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How training sizes are drawn from a range, after Suzgun et al. 2019, who found that the
 * distribution of training lengths decides much of how far a recurrent net generalises:
 * uniformly, biased towards short sequences (P(n) ∝ max − n + 1) or towards long ones (P(n) ∝ n − min + 1).
 */
public enum LengthDistribution {
    UNIFORM, SHORT, LONG;

    @JsonValue public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The distribution named {@code uniform}, {@code short} or {@code long}. */
    @JsonCreator public static LengthDistribution of(String id) {
        for (LengthDistribution d : values()) if (d.id().equals(id)) return d;
        throw new IllegalArgumentException("lengths must be one of " + ids() + "; got '" + id + "'");
    }

    public static List<String> ids() { return Arrays.stream(values()).map(LengthDistribution::id).toList(); }

    /** A size from {@code range}. */
    public int draw(SizeRange range, Random random) {
        int k = range.max() - range.min() + 1;
        if (this == UNIFORM) return range.min() + random.nextInt(k);
        // weights 1, 2, …, k: the i-th size from the favoured end has weight k − i
        int u = random.nextInt(k * (k + 1) / 2), i = 0;
        for (int w = k; u >= w; w--, i++) u -= w;
        return this == SHORT ? range.min() + i : range.max() - i;
    }
}
