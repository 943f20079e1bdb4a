package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large uploads parsed at once are bounded: past the budget the next one is refused with a retry time, and nothing is stored. */
class ImportBudgetTest {
    @TempDir Path dir;

    /** A body that announces itself, then blocks until released, then ends (an unfinished JSON document). */
    static final class HeldBody extends InputStream {
        final CountDownLatch reading = new CountDownLatch(1), release = new CountDownLatch(1);
        private final byte[] start = "{\"format\": \"lstm-explorer/model\", ".getBytes(StandardCharsets.UTF_8);
        private int at;

        @Override public int read() throws IOException {
            reading.countDown();
            if (at < start.length) return start[at++];
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted");
            }
            return -1;
        }
    }

    @Test
    void aBurstOfLargeImportsIsRefusedWithRetryAfterAndLeavesNothingBehind() throws Exception {
        ModelStore store = new ModelStore(dir, Json.newMapper());
        store.load();
        JobService jobs = new JobService(1, 1);
        ModelService models = new ModelService(store, jobs, new TaskCatalog(), 10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long largest = Limits.MAX_IMPORT_BYTES;
            List<HeldBody> bodies = new ArrayList<>();
            List<Future<?>> uploads = new ArrayList<>();
            for (int k = 0; k < Limits.IMPORT_BUDGET_MB / (Limits.MAX_IMPORT_BYTES >> 20); k++) {
                HeldBody body = new HeldBody();
                bodies.add(body);
                uploads.add(pool.submit(() -> models.importModel(body, largest, null, null)));
                assertTrue(body.reading.await(10, TimeUnit.SECONDS));
            }
            String small = ModelFile.toJson(new TrainedModel("counter", Tasks.byName("counter").orElseThrow().vocabulary(),
                    Network.initialized(new NetworkConfig("lstm", 4, 2, 1), new Random(3)), null));
            ServiceException refused = assertThrows(ServiceException.class,
                    () -> models.importModel(new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8)), small.length(), null, null));
            assertEquals(ServiceException.Kind.TOO_MANY, refused.kind());
            assertEquals(Limits.IMPORT_RETRY_AFTER_SECONDS, refused.extra().get("retryAfterSeconds"));
            ServiceException unknownLength = assertThrows(ServiceException.class,
                    () -> models.importModel(new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8)), -1, null, null));
            assertEquals(ServiceException.Kind.TOO_MANY, unknownLength.kind());

            for (HeldBody body : bodies) body.release.countDown();
            for (Future<?> upload : uploads) {
                Exception e = assertThrows(Exception.class, upload::get);
                assertTrue(e.getCause() instanceof ServiceException s && s.kind() == ServiceException.Kind.BAD_REQUEST, e.toString());
            }
            assertEquals(0, store.size(), "refused and broken uploads store nothing");
            // the budget is back: the same small import now goes through
            models.importModel(new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8)), small.length(), null, null);
            assertEquals(1, store.size());
        } finally {
            pool.shutdownNow();
            jobs.close();
        }
    }
}
