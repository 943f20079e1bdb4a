package lstmexplorer.task;

/** An inclusive range of the size parameter of a task (N, K or L). */
public record SizeRange(int min, int max) {
    public SizeRange {
        if (min < 0 || max < min) throw new IllegalArgumentException("bad range " + min + ".." + max);
    }

    public boolean contains(int n) { return n >= min && n <= max; }

    @Override public String toString() { return min + ".." + max; }
}
