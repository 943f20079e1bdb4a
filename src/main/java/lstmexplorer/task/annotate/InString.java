package lstmexplorer.task.annotate;

/** 1 inside a '…' or "…" literal, otherwise 0 (see {@link Quotes} for where one starts and ends). */
final class InString implements Annotator {
    @Override public String name() { return "in_string"; }

    @Override public String description() { return "1 inside a '…' or \"…\" literal, otherwise 0"; }

    @Override public double[] annotate(String text) {
        boolean[] in = Quotes.inside(text);
        double[] v = new double[in.length];
        for (int t = 0; t < v.length; t++) v[t] = in[t] ? 1 : 0;
        return v;
    }
}
