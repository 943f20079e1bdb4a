package lstmexplorer.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import lstmexplorer.service.ClientLimits;
import lstmexplorer.web.Server;
import lstmexplorer.web.ServerOptions;

/**
 * One real server for all browser tests in this JVM: a free port, a temporary data directory, the gallery
 * trained with a short time limit. Started on first use, stopped when the JVM exits.
 */
final class UiServer {
    /** The instructor's token on the test server. */
    static final String INSTRUCTOR_TOKEN = "instructor-token-of-the-page-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Server server;
    private static Path dataDir;

    private UiServer() {}

    static synchronized String baseUrl() throws Exception {
        if (server == null) start();
        return "http://127.0.0.1:" + server.port();
    }

    private static void start() throws Exception {
        dataDir = Files.createTempDirectory("lstm-ui-data");
        ServerOptions options = ServerOptions.defaults()
                .withPort(0)
                .withDataDir(dataDir)
                .withGalleryMaxSeconds(20.0)
                .withWorkers(1)
                // two trainings per client as in a workshop; many new models a minute, since every test comes from one address
                .withClients(ClientLimits.defaults().withTrainingsPerMinute(600).withInstructorToken(INSTRUCTOR_TOKEN)
                        .withLimitLoopback(true)); // the browser stands for a participant in the room, whose address is not loopback
        server = Server.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(UiServer::stop));
        waitUntilReady(Duration.ofMinutes(4));
    }

    private static void waitUntilReady(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (getJson("/api/health").path("ready").asBoolean(false)) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gallery models were not ready within " + limit);
    }

    /** GET a JSON document from the server under test. */
    static JsonNode getJson(String path) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** POST a JSON body to the server under test; returns the response's JSON (any 2xx status). */
    static JsonNode postJson(String path, String body) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + server.port();
        // long enough for a model upload of tens of megabytes on a busy machine
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) throw new IOException("POST " + path + " -> " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** Sends a request with the instructor's token; returns the status. */
    static int asInstructor(String method, String path) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + server.port();
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Owner-Token", INSTRUCTOR_TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** DELETE a model with its owner token, so a test leaves the shared server's gallery as it found it. */
    static void deleteModel(String id, String ownerToken) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/models/" + id)).timeout(Duration.ofSeconds(30))
                .header("X-Owner-Token", ownerToken).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) throw new IOException("DELETE " + id + " -> " + response.statusCode() + ": " + response.body());
    }

    /** Trains a small model through the API and waits until it is ready; returns its id. */
    static String trainModel(String task, String cell, int hidden, double maxSeconds) throws Exception {
        return trainModel("{\"task\": \"" + task + "\", \"cell\": \"" + cell + "\", \"hidden\": " + hidden
                + ", \"maxSeconds\": " + maxSeconds + ", \"seed\": 1}");
    }

    /** Trains a model with these settings (a TrainRequest as JSON) and waits until it is ready; returns its id. */
    static String trainModel(String request) throws Exception {
        JsonNode started = postJson("/api/models", request);
        String id = started.get("model").get("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode model = getJson("/api/models/" + id);
            String status = model.get("status").asText();
            if (status.equals("ready")) return id;
            if (!status.equals("training")) throw new IllegalStateException("training " + id + " ended " + status + ": " + model.path("error"));
            Thread.sleep(200);
        }
        throw new IllegalStateException(id + " was not trained within two minutes");
    }

    private static synchronized void stop() {
        if (server == null) return;
        try {
            server.stop();
        } finally {
            server = null;
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
