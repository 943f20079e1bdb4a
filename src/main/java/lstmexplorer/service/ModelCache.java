package lstmexplorer.service;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import lstmexplorer.analysis.TracedSequences;

/**
 * Results computed from one revision of a model (rendered traces, analyses), least recently used out
 * first, bounded by entries and by the bytes of rendered JSON and of traced test sets. Keys hold the model's id and revision,
 * so new weights never see an old result. A value asked for while another request computes it is
 * waited for, not computed again: the panels of a page opened on a model ask for the same traced test
 * set at once, and one pass over it is enough.
 */
final class ModelCache {
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>(64, 0.75f, true);
    /** Values being computed, by key; guarded by this. */
    private final Map<String, CompletableFuture<Object>> computing = new HashMap<>();
    private long bytes;

    /** @param maxBytes of {@link Rendered} and {@link TracedSequences} values; 0 keeps none of them */
    ModelCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * The value of {@code what} for this revision of the model, computed once: a request that finds it
     * being computed waits for that answer (or its exception). A null value is not kept, so it is
     * computed again next time; nor is a rendered value over a quarter of the budget, which would
     * evict everything else. {@code compute} may ask for other values, never for its own.
     */
    @SuppressWarnings("unchecked")
    <T> T get(ModelRecord r, String what, Supplier<T> compute) {
        String key = key(r, what);
        CompletableFuture<Object> running, mine = null;
        synchronized (this) {
            Object hit = entries.get(key);
            if (hit != null) return (T) hit;
            running = computing.get(key);
            if (running == null) computing.put(key, running = mine = new CompletableFuture<>());
        }
        if (running != mine) return (T) answer(running); // waited for outside the lock, which keeping it takes
        try {
            T value = compute.get(); // outside the lock: other values are served meanwhile
            keep(key, value);
            running.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            running.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) { computing.remove(key); }
        }
    }

    /** The value another request is computing, or its exception as that request got it. */
    private static Object answer(CompletableFuture<Object> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    private synchronized void keep(String key, Object value) {
        if (value == null || size(value) > maxBytes / 4) return;
        Object old = entries.put(key, value);
        bytes += size(value) - (old == null ? 0 : size(old));
        for (Iterator<Map.Entry<String, Object>> it = entries.entrySet().iterator();
             (bytes > maxBytes || entries.size() > maxEntries) && it.hasNext(); ) {
            bytes -= size(it.next().getValue());
            it.remove();
        }
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
