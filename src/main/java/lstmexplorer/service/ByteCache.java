package lstmexplorer.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A least-recently-used cache of rendered responses, bounded by total size. */
final class ByteCache {
    private final long maxBytes;
    private final LinkedHashMap<String, Rendered> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    ByteCache(long maxBytes) { this.maxBytes = maxBytes; }

    synchronized Rendered get(String key) { return entries.get(key); }

    synchronized void put(String key, Rendered value) {
        if (value.size() > maxBytes / 4) return; // one huge entry would evict everything else
        Rendered old = entries.put(key, value);
        bytes += value.size() - (old == null ? 0 : old.size());
        for (Iterator<Map.Entry<String, Rendered>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            bytes -= it.next().getValue().size();
            it.remove();
        }
    }

    synchronized int size() { return entries.size(); }
}
