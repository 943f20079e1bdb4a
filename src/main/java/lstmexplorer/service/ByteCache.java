package lstmexplorer.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A least-recently-used cache of rendered responses, bounded by total size. */
final class ByteCache {
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    ByteCache(long maxBytes) { this.maxBytes = maxBytes; }

    synchronized byte[] get(String key) { return entries.get(key); }

    synchronized void put(String key, byte[] value) {
        if (value.length > maxBytes / 4) return; // one huge entry would evict everything else
        byte[] old = entries.put(key, value);
        bytes += value.length - (old == null ? 0 : old.length);
        for (Iterator<Map.Entry<String, byte[]>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            bytes -= it.next().getValue().length;
            it.remove();
        }
    }

    synchronized int size() { return entries.size(); }
}
