package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** The requests that share the compute bucket: anything below one model, not the model itself nor the listings. */
    @Test
    void modelWorkIsEverythingBelowOneModel() {
        for (String path : new String[] {"/api/models/counter/trace", "/api/models/a/layers/0/units/3/card", "/api/models/x-1/export"})
            assertTrue(RateLimiter.isModelWork(path), path);
        for (String path : new String[] {"/api/models", "/api/models/", "/api/models/counter", "/api/models/counter/", "/api/models//trace",
                "/api/jobs/abc/x", "/api/modelsx/counter/trace"})
            assertFalse(RateLimiter.isModelWork(path), path);
    }
}
