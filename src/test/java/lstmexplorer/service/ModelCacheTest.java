package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void requestsArrivingWhileAValueIsComputedWaitForItInsteadOfComputingItAgain() throws Exception {
        ModelCache cache = new ModelCache(10, Long.MAX_VALUE);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Object> first = pool.submit(() -> cache.get(model("a", 1), "traced-test", () -> {
                started.countDown();
                await(release);
                return "traced " + computed.incrementAndGet();
            }));
            started.await();
            List<Future<Object>> others = new ArrayList<>();
            for (int k = 0; k < 3; k++)
                others.add(pool.submit(() -> cache.get(model("a", 1), "traced-test", () -> "traced " + computed.incrementAndGet())));
            // another value is served meanwhile
            assertEquals("probes", cache.get(model("b", 1), "probes", () -> "probes"));
            release.countDown();
            assertEquals("traced 1", first.get(10, TimeUnit.SECONDS));
            for (Future<Object> other : others) assertEquals("traced 1", other.get(10, TimeUnit.SECONDS));
            assertEquals(1, computed.get());

            // a failure is thrown to the request that computed it and is not kept
            assertThrows(IllegalStateException.class, () -> cache.get(model("a", 1), "probes", () -> {
                throw new IllegalStateException("no test data");
            }));
            assertEquals("computed again", cache.get(model("a", 1), "probes", () -> "computed again"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
