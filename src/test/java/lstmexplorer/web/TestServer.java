package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server on a free port with its own data directory, and a small HTTP client for it. Either started at once
 * from options, or, as {@link #perClass}, registered with {@code @RegisterExtension} so that it serves one test
 * class at a time from a fresh data directory.
 */
final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Writes what a test class needs (model files, as a rule) into the data directory before the server starts on it. */
    interface Seed { void into(Path dataDir) throws Exception; }

    Server server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Seed seed;
    private Path dataDir;

    TestServer(ServerOptions options) {
        seed = null;
        server = Server.start(options.withPort(0));
    }

    private TestServer(Seed seed) { this.seed = seed; }

    /**
     * A server for each test class it is registered in: before the class's tests it seeds a new temporary data
     * directory and starts on it with {@link #options}; after them it stops and deletes the directory.
     */
    static TestServer perClass(Seed seed) { return new TestServer(seed); }

    /** A server per test class over an empty data directory. */
    static TestServer perClass() { return perClass(dir -> { }); }

    /** A server per test class over these models, by id (written in the order of their ids). */
    static TestServer perClass(Map<String, TrainedModel> models) {
        return perClass(dir -> {
            for (Map.Entry<String, TrainedModel> m : new TreeMap<>(models).entrySet()) seed(dir, m.getKey(), m.getValue());
        });
    }

    @Override public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("lstm-explorer-test-");
        seed.into(dataDir);
        ownerTokens.clear();
        server = Server.start(options(dataDir));
    }

    @Override public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) close();
        server = null;
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** The data directory of a {@link #perClass} server, for tests that look at the files it writes. */
    Path dataDir() { return dataDir; }

    /** Gallery off, two workers, the data directory as given, no per-client limits (every test request comes from one address). */
    static ServerOptions options(Path dataDir) {
        return ServerOptions.defaults().withDataDir(dataDir).withGallery(false).withWorkers(2).withPort(0)
                .withClients(lstmexplorer.service.ClientLimits.unlimited());
    }

    /** Owner tokens handed out by this server, by model id and job id, so that delete() acts as the creator. */
    final java.util.Map<String, String> ownerTokens = new java.util.concurrent.ConcurrentHashMap<>();

    String base() { return "http://localhost:" + server.port(); }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        /** The body of a 200 answer as JSON; any other status fails the test, showing the body. */
        JsonNode ok() {
            assertEquals(200, status, body);
            return json();
        }
    }

    Response get(String path) { return send(HttpRequest.newBuilder(uri(path)).GET()); }

    /** DELETE as the creator: with the owner token this server handed out for the model or job in the path, if any. */
    Response delete(String path) {
        String id = path.substring(path.lastIndexOf('/') + 1);
        return delete(path, ownerTokens.get(id));
    }

    /** DELETE with the given owner token (null for none). */
    Response delete(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).DELETE();
        if (token != null) b.header("X-Owner-Token", token);
        return send(b);
    }

    Response post(String path, String json) { return post(path, "application/json", json); }

    Response post(String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    Response method(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) { return URI.create(base() + path); }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(r.statusCode(), r.body(), r);
            if (r.body() != null && r.body().contains("\"ownerToken\"")) remember(response.json());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(JsonNode body) {
        String token = body.path("ownerToken").asText(null);
        if (token == null) return;
        if (body.has("model")) ownerTokens.put(body.get("model").get("id").asText(), token);
        if (body.has("job")) ownerTokens.put(body.get("job").get("id").asText(), token);
        if (body.has("id")) ownerTokens.put(body.get("id").asText(), token);
    }

    /** Polls a job until it is finished. */
    JsonNode awaitJob(String jobId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            JsonNode job = get("/api/jobs/" + jobId).json();
            String s = job.get("status").asText();
            if (s.equals("done") || s.equals("failed") || s.equals("cancelled")) return job;
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not finish in " + timeout);
    }

    @Override public void close() { server.stop(); }

    /** A model of a task with seeded random weights (untrained), as a model file would hold it. */
    static TrainedModel randomModel(String taskName, String cell, int hidden, int layers, long seed) {
        Task task = Tasks.byName(taskName).orElseThrow();
        Network n = Network.initialized(new NetworkConfig(cell, task.vocabulary().size(), hidden, layers), new Random(seed));
        return new TrainedModel(task.name(), task.vocabulary(), n, null);
    }

    /** A model of no task, as an import without one: seeded random weights over the counter's vocabulary. */
    static TrainedModel taskless(String cell, int hidden, int layers, long seed) {
        TrainedModel m = randomModel("counter", cell, hidden, layers, seed);
        return new TrainedModel(null, m.vocabulary(), m.network(), null);
    }

    /** Writes a model file into a data directory, as the server would. */
    static void seed(Path dataDir, String id, TrainedModel model) throws IOException {
        ModelFile.save(model, dataDir.resolve(id + ".json"));
    }
}
