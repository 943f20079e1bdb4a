package lstmexplorer.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import lstmexplorer.analysis.TracedSequences;

/**
 * Results computed from one revision of a model (rendered traces, analyses), least recently used out
 * first, bounded by entries and by the bytes of rendered JSON and of traced test sets. Keys hold the model's id and revision,
 * so new weights never see an old result.
 */
final class ModelCache {
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** @param maxBytes of {@link Rendered} and {@link TracedSequences} values; 0 keeps none of them */
    ModelCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * The value of {@code what} for this revision of the model, computed once. A null value is not
     * kept, so it is computed again next time; nor is a rendered value over a quarter of the budget,
     * which would evict everything else.
     */
    <T> T get(ModelRecord r, String what, Supplier<T> compute) {
        String key = key(r, what);
        T hit = peek(key);
        if (hit != null) return hit;
        T value = compute.get(); // outside the lock: two requests may both compute, and both get the same answer
        if (value == null || size(value) > maxBytes / 4) return value;
        synchronized (this) {
            Object old = entries.put(key, value);
            bytes += size(value) - (old == null ? 0 : size(old));
            for (Iterator<Map.Entry<String, Object>> it = entries.entrySet().iterator();
                 (bytes > maxBytes || entries.size() > maxEntries) && it.hasNext(); ) {
                bytes -= size(it.next().getValue());
                it.remove();
            }
        }
        return value;
    }

    /** The value kept for {@code what} of this revision, or null. */
    <T> T peek(ModelRecord r, String what) { return peek(key(r, what)); }

    @SuppressWarnings("unchecked")
    private synchronized <T> T peek(String key) { return (T) entries.get(key); }

    private static String key(ModelRecord r, String what) { return r.id() + "|" + r.revision() + "|" + what; }

    synchronized int size() { return entries.size(); }

    private static long size(Object value) {
        if (value instanceof Rendered rendered) return rendered.size();
        return value instanceof TracedSequences traced ? traced.bytes() : 0;
    }
}
