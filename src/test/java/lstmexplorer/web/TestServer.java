package lstmexplorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Task;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;

/** A server on a free port with its own data directory, and a small HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Server server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(ServerOptions options) { server = Server.start(options.withPort(0)); }

    /** Gallery off, two workers, the data directory as given. */
    static ServerOptions options(Path dataDir) {
        return ServerOptions.defaults().withDataDir(dataDir).withGallery(false).withWorkers(2).withPort(0);
    }

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
    }

    Response get(String path) { return send(HttpRequest.newBuilder(uri(path)).GET()); }

    Response delete(String path) { return send(HttpRequest.newBuilder(uri(path)).DELETE()); }

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
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** Writes a model file into a data directory, as the server would. */
    static void seed(Path dataDir, String id, TrainedModel model) throws IOException {
        ModelFile.save(model, dataDir.resolve(id + ".json"));
    }
}
