package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelCacheTest {
    private static ModelRecord model(String id, long revision) {
        return new ModelRecord(id, "counter", "lstm", 4, 1, 100, List.of("\n", "X", "a", "b"), false, ModelStatus.READY,
                Instant.EPOCH, null, null, null, "trained", null, null, revision);
    }

    private static Rendered bytes(int n) { return new Rendered(new byte[n]); }

    @Test
    void aResultIsComputedOncePerRevisionOfAModel() {
        ModelCache cache = new ModelCache(10, Long.MAX_VALUE);
        AtomicInteger computed = new AtomicInteger();
        Object first = cache.get(model("a", 1), "probes", () -> "probes " + computed.incrementAndGet());
        assertSame(first, cache.get(model("a", 1), "probes", () -> "probes " + computed.incrementAndGet()));
        assertEquals("probes 2", cache.get(model("a", 2), "probes", () -> "probes " + computed.incrementAndGet()), "new weights");
        assertEquals("probes 3", cache.get(model("b", 1), "probes", () -> "probes " + computed.incrementAndGet()), "another model");
        assertNull(cache.get(model("a", 1), "none", () -> null));
        assertEquals(3, cache.size(), "nothing is kept of null");
    }

    @Test
    void theLeastRecentlyUsedGoFirstWhenEntriesOrBytesRunOut() {
        ModelCache byEntries = new ModelCache(2, Long.MAX_VALUE);
        byEntries.get(model("a", 1), "x", () -> "a");
        byEntries.get(model("b", 1), "x", () -> "b");
        byEntries.get(model("a", 1), "x", () -> "a again"); // a is now the most recent
        byEntries.get(model("c", 1), "x", () -> "c");
        assertEquals("a", byEntries.get(model("a", 1), "x", () -> "a recomputed"));
        assertEquals("b recomputed", byEntries.get(model("b", 1), "x", () -> "b recomputed"));

        ModelCache byBytes = new ModelCache(Integer.MAX_VALUE, 1000);
        for (int k = 0; k < 6; k++) byBytes.get(model("m" + k, 1), "t", () -> bytes(160)); // 200 bytes each, with room for gzip
        assertEquals(5, byBytes.size(), "five of 200 bytes fit in 1000");
        Rendered huge = bytes(201);
        assertSame(huge, byBytes.get(model("h", 1), "t", () -> huge));
        assertEquals(5, byBytes.size(), "a value over a quarter of the budget is answered but not kept");
        ModelCache off = new ModelCache(10, 0);
        off.get(model("z", 1), "t", () -> bytes(1));
        assertEquals(0, off.size(), "a budget of 0 keeps no JSON");
    }
}
