package lstmexplorer.cli;

import java.util.Arrays;

/** How the bench commands time a piece of work: warm-up runs first, then timed runs. */
final class Timing {
    private Timing() {}

    /** The milliseconds of {@code repeats} timed runs after {@code warmups} untimed ones, sorted. */
    static double[] sortedMillis(int warmups, int repeats, Runnable work) {
        double[] ms = millis(warmups, repeats, work);
        Arrays.sort(ms);
        return ms;
    }

    /** The same in the order the runs ran, which shows how long the JIT takes to compile the work. */
    static double[] millis(int warmups, int repeats, Runnable work) {
        for (int k = 0; k < warmups; k++) work.run();
        double[] ms = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            work.run();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** The median of some runs' milliseconds. */
    static double median(double[] runs) {
        double[] ms = runs.clone();
        Arrays.sort(ms);
        int n = ms.length;
        return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    }
}
