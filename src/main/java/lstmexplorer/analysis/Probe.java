package lstmexplorer.analysis;

/**
 * How well one unit's values follow one ground-truth variable of the task over the test traces.
 *
 * @param layer     layer index, from 0 at the input
 * @param vector    the recorded vector, e.g. {@code hidden}, {@code cell}, {@code forget_gate}
 * @param unit      unit index within the layer, from 0
 * @param variable  the task variable, e.g. {@code count}
 * @param r         Pearson correlation between unit value and variable over all timesteps compared
 * @param rSquared  R² of the least-squares line through them (r² for a line with intercept)
 * @param slope     of that line, read as variable ≈ slope · unit value + intercept
 * @param intercept of that line
 * @param mean      the unit's mean value over those timesteps: clamping the unit to it removes what it
 *                  carries while keeping its usual level (a fairer test than zeroing, which also moves
 *                  units that act as a constant offset)
 * @param samples   number of timesteps compared
 * @param sentence  the finding in plain words, e.g. "hidden unit 2 tracks count, r = 0.98"
 */
public record Probe(int layer, String vector, int unit, String variable, double r, double rSquared,
                    double slope, double intercept, double mean, int samples, String sentence) {}
