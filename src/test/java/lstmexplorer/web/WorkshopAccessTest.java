package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lstmexplorer.io.ModelFile;
import lstmexplorer.service.ClientLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner tokens, the instructor token, per-client limits and the security headers, on a server in this JVM. */
class WorkshopAccessTest {
    static final String INSTRUCTOR = "instructor-secret-0123";
    /** A run long enough to still be going while the test looks at it. */
    static final String LONG_RUN = "{\"task\":\"copy_machine\",\"hidden\":32,\"layers\":2,\"maxSeconds\":60,\"learningRate\":0.0001}";

    @TempDir Path dataDir;

    static void assertError(TestServer.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error") && body.hasNonNull("detail"), r.body());
    }

    @Test
    void creatorsTokenDeletesAndStopsNobodyElsesDoes() throws Exception {
        TestServer.seed(dataDir, "counter", TestServer.randomModel("counter", "lstm", 4, 1, 1));
        try (TestServer s = new TestServer(TestServer.options(dataDir)
                .withClients(ClientLimits.unlimited().withInstructorToken(INSTRUCTOR)))) {
            JsonNode started = s.post("/api/models", LONG_RUN).json();
            String token = started.get("ownerToken").asText();
            String model = started.get("model").get("id").asText(), job = started.get("job").get("id").asText();
            assertTrue(token.length() >= 32, token);
            // only a hash is stored, and never given out again
            String stored = Files.readString(dataDir.resolve(model + ".owner"));
            assertFalse(stored.contains(token));
            assertFalse(s.get("/api/models/" + model).body().contains(token));
            assertFalse(s.get("/api/models").body().contains(token));
            assertFalse(s.get("/api/jobs/" + job).body().contains(token));

            // without the token, or with another: 403 and nothing changes
            assertError(s.delete("/api/jobs/" + job, null), 403);
            assertError(s.delete("/api/jobs/" + job, "not-the-token"), 403);
            assertError(s.delete("/api/models/" + model, null), 403);
            assertError(s.delete("/api/models/" + model, token + "x"), 403);
            assertNotNullStatus(s, job, "queued", "running");
            assertEquals(200, s.get("/api/models/" + model).status());

            // the creator stops and deletes
            assertEquals(202, s.delete("/api/jobs/" + job, token).status());
            s.awaitJob(job, java.time.Duration.ofSeconds(30));
            assertEquals(204, s.delete("/api/models/" + model, token).status());
            assertEquals(404, s.get("/api/models/" + model).status());
            assertFalse(Files.exists(dataDir.resolve(model + ".owner")));

            // the instructor stops and deletes anybody's model
            JsonNode other = s.post("/api/models", LONG_RUN).json();
            String otherJob = other.get("job").get("id").asText(), otherModel = other.get("model").get("id").asText();
            assertEquals(202, s.delete("/api/jobs/" + otherJob, INSTRUCTOR).status());
            s.awaitJob(otherJob, java.time.Duration.ofSeconds(30));
            assertEquals(204, s.delete("/api/models/" + otherModel, INSTRUCTOR).status());

            // gallery models: nobody deletes them, not even the instructor
            byte[] before = Files.readAllBytes(dataDir.resolve("counter.json"));
            assertError(s.delete("/api/models/counter", null), 403);
            assertError(s.delete("/api/models/counter", token), 403);
            assertError(s.delete("/api/models/counter", INSTRUCTOR), 403);
            assertEquals(200, s.get("/api/models/counter").status());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dataDir.resolve("counter.json"))));

            // an unknown model or job is still 404
            assertError(s.delete("/api/models/nope-00000000", token), 404);
            assertError(s.delete("/api/jobs/job-nope", token), 404);
        }
    }

    private static void assertNotNullStatus(TestServer s, String job, String... allowed) {
        String status = s.get("/api/jobs/" + job).json().get("status").asText();
        assertTrue(List.of(allowed).contains(status), status);
    }

    @Test
    void importAnswersWithAnOwnerToken() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            String file = ModelFile.toJson(TestServer.randomModel("counter", "lstm", 3, 1, 2));
            JsonNode info = s.post("/api/models/import", file).json();
            String id = info.get("id").asText(), token = info.get("ownerToken").asText();
            assertEquals("counter", info.get("task").asText());
            assertError(s.delete("/api/models/" + id, null), 403);
            assertEquals(204, s.delete("/api/models/" + id, token).status());
        }
    }

    @Test
    void aClientMayRunOnlySoManyTrainingsAtOnce() throws Exception {
        try (TestServer s = new TestServer(TestServer.options(dataDir).withWorkers(1)
                .withClients(ClientLimits.unlimited().withJobsPerClient(2).withLimitLoopback(true)))) {
            TestServer.Response a = s.post("/api/models", LONG_RUN), b = s.post("/api/models", LONG_RUN);
            assertEquals(202, a.status(), a.body());
            assertEquals(202, b.status(), b.body());
            int models = s.get("/api/models").json().size();
            TestServer.Response c = s.post("/api/models", LONG_RUN);
            assertError(c, 429);
            assertNotNull(c.header("Retry-After"));
            assertTrue(Integer.parseInt(c.header("Retry-After")) >= 1);
            assertEquals(models, s.get("/api/models").json().size(), "a refused training leaves no model behind");
            String jobA = a.json().get("job").get("id").asText();
            assertEquals(202, s.delete("/api/jobs/" + jobA).status());
            s.awaitJob(jobA, java.time.Duration.ofSeconds(30));
            TestServer.Response d = s.post("/api/models", LONG_RUN);
            assertEquals(202, d.status(), d.body());
            for (TestServer.Response r : List.of(b, d)) s.delete("/api/jobs/" + r.json().get("job").get("id").asText());
        }
    }

    @Test
    void expensiveRequestsAreRateLimitedPerClient() throws Exception {
        TestServer.seed(dataDir, "counter", TestServer.randomModel("counter", "lstm", 4, 1, 1));
        try (TestServer s = new TestServer(TestServer.options(dataDir)
                .withClients(ClientLimits.unlimited().withRequestsPerSecond(0.5).withBurst(3).withLimitLoopback(true)))) {
            for (int i = 0; i < 3; i++) assertEquals(200, s.get("/api/models/counter/trace?input=aXb").status());
            TestServer.Response limited = s.get("/api/models/counter/trace?input=aXb");
            assertError(limited, 429);
            assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1, limited.header("Retry-After"));
            assertError(s.post("/api/models/counter/generate", "{\"prefix\":\"aX\"}"), 429);
            // cheap requests are not limited
            for (int i = 0; i < 10; i++) {
                assertEquals(200, s.get("/api/models").status());
                assertEquals(200, s.get("/api/health").status());
                assertEquals(200, s.get("/").status());
            }
        }
    }

    @Test
    void clientsOnThisMachineAreNotLimitedByDefault() throws Exception {
        TestServer.seed(dataDir, "counter", TestServer.randomModel("counter", "lstm", 4, 1, 1));
        ServerOptions defaults = ServerOptions.parse(new String[] {"--no-gallery", "--port", "0", "--data", dataDir.toString()}, java.util.Map.of());
        assertEquals(ClientLimits.defaults(), defaults.clients());
        try (TestServer s = new TestServer(defaults.withWorkers(1))) {
            for (int i = 0; i < 3 * ClientLimits.defaults().burst(); i++)
                assertEquals(200, s.get("/api/models/counter/trace?input=aX" + "b".repeat(i % 7)).status(), "request " + i);
            List<TestServer.Response> started = new ArrayList<>();
            for (int i = 0; i <= ClientLimits.defaults().jobsPerClient(); i++) {
                TestServer.Response r = s.post("/api/models", LONG_RUN);
                assertEquals(202, r.status(), r.body());
                started.add(r);
            }
            for (TestServer.Response r : started) s.delete("/api/jobs/" + r.json().get("job").get("id").asText());
        }
        ServerOptions limited = ServerOptions.parse(new String[] {"--no-gallery", "--port", "0", "--data", dataDir.toString(),
                "--limit-loopback", "--burst", "3", "--requests-per-second", "0.5"}, java.util.Map.of());
        try (TestServer s = new TestServer(limited)) {
            for (int i = 0; i < 3; i++) assertEquals(200, s.get("/api/models/counter/trace?input=aXb").status());
            assertError(s.get("/api/models/counter/trace?input=aXb"), 429);
        }
    }

    @Test
    void loopbackAddressesAndTheSwitch() {
        ClientLimits d = ClientLimits.defaults();
        for (String local : List.of("127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1", "[0:0:0:0:0:0:0:1]", "::ffff:127.0.0.1"))
            assertFalse(d.appliesTo(local), local);
        for (String remote : List.of("192.168.1.20", "10.0.0.7", "172.17.0.1", "::ffff:10.0.0.1", "fe80::1", "2001:db8::1", "localhost", ""))
            assertTrue(d.appliesTo(remote), remote);
        assertTrue(d.withLimitLoopback(true).appliesTo("127.0.0.1"));
        assertTrue(ServerOptions.parse(new String[] {"--limit-loopback"}, java.util.Map.of()).clients().limitLoopback());
        assertFalse(ServerOptions.parse(new String[] {"--limit-loopback=false"}, java.util.Map.of()).clients().limitLoopback());
        assertTrue(ServerOptions.parse(new String[0], java.util.Map.of("LSTM_EXPLORER_LIMIT_LOOPBACK", "true")).clients().limitLoopback());
        assertFalse(ServerOptions.parse(new String[0], java.util.Map.of("LSTM_EXPLORER_LIMIT_LOOPBACK", "0")).clients().limitLoopback());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[0], java.util.Map.of("LSTM_EXPLORER_LIMIT_LOOPBACK", "maybe"))).getMessage()
                .contains("LSTM_EXPLORER_LIMIT_LOOPBACK"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        TestServer.seed(dataDir, "counter", TestServer.randomModel("counter", "lstm", 4, 1, 1));
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            for (String path : List.of("/", "/train", "/models/counter", "/static/css/app.css", "/static/js/api.js",
                    "/webjars/d3/7.9.0/dist/d3.min.js", "/api/health", "/api/models", "/api/models/counter/trace?input=aXb",
                    "/nope", "/api/nope", "/api/models/nope", "/openapi.json")) {
                TestServer.Response r = s.get(path);
                String csp = r.header("Content-Security-Policy");
                assertNotNull(csp, path);
                assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"), csp);
                assertTrue(csp.contains("default-src 'self'") && csp.contains("object-src 'none'"), csp);
                assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
                assertEquals("no-referrer", r.header("Referrer-Policy"), path);
            }
        }
    }

    @Test
    void pagesHaveNoInlineScriptsOrStyles() throws Exception {
        TestServer.seed(dataDir, "counter", TestServer.randomModel("counter", "lstm", 4, 1, 1));
        try (TestServer s = new TestServer(TestServer.options(dataDir))) {
            for (String path : List.of("/", "/train", "/api", "/compare", "/scoreboard", "/models/counter",
                    "/models/counter/layers/0/units/1", "/nope")) {
                String html = s.get(path).body();
                assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), path + " has an inline script");
                assertFalse(html.matches("(?s).*\\sstyle=.*"), path + " has an inline style attribute");
                assertFalse(html.matches("(?s).*<style.*"), path + " has a style element");
                assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), path + " has an inline event handler");
            }
        }
    }

    @Test
    void limitsFromTheEnvironmentAndTheCommandLine() {
        ServerOptions o = ServerOptions.parse(new String[] {"--jobs-per-client", "3", "--requests-per-second=50"},
                java.util.Map.of("LSTM_EXPLORER_TRAININGS_PER_MINUTE", "30", "LSTM_EXPLORER_INSTRUCTOR_TOKEN", INSTRUCTOR));
        assertEquals(3, o.clients().jobsPerClient());
        assertEquals(50, o.clients().requestsPerSecond());
        assertEquals(30, o.clients().trainingsPerMinute());
        assertEquals(INSTRUCTOR, o.clients().instructorToken());
        assertEquals(ClientLimits.defaults().burst(), o.clients().burst());
        assertNull(ServerOptions.parse(new String[0], java.util.Map.of()).clients().instructorToken());
        assertEquals(ClientLimits.defaults(), ServerOptions.parse(new String[0], java.util.Map.of()).clients());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[] {"--jobs-per-client", "-1"}, java.util.Map.of())).getMessage().contains("--jobs-per-client"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[0], java.util.Map.of("LSTM_EXPLORER_INSTRUCTOR_TOKEN", "short")));
    }
}
