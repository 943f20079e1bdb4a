package lstmexplorer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The packaged jar run as its own process, exactly as the README and the Docker image run it:
 * {@code java -jar target/lstm-explorer.jar} with the port and the data directory from the
 * environment variables PORT and LSTM_EXPLORER_DATA. Plus a small HTTP client for it.
 */
final class JarServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Environment that switches the per-client limits off: every request of a test comes from one address. */
    static final Map<String, String> NO_LIMITS = Map.of("LSTM_EXPLORER_JOBS_PER_CLIENT", "0", "LSTM_EXPLORER_REQUESTS_PER_SECOND", "0",
            "LSTM_EXPLORER_TRAININGS_PER_MINUTE", "0");
    private static Path galleryTemplate;

    final int port;
    final Path dataDir, log;
    final Process process;

    private JarServer(int port, Path dataDir, Path log, Process process) {
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.process = process;
    }

    /** The jar the package phase built (failsafe passes its path). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("lstmexplorer.jar", "target/lstm-explorer.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no packaged jar at " + jar + "; run mvn -B verify");
        return jar;
    }

    /** Starts {@code java -jar <jar> args} with PORT (a free port), LSTM_EXPLORER_DATA and {@code env}. */
    static JarServer start(Path dataDir, Map<String, String> env, String... args) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("LSTM_EXPLORER_DATA", dataDir.toString());
        pb.environment().putAll(env);
        Path log = Files.createTempFile("lstm-explorer-it-", ".log");
        log.toFile().deleteOnExit(); // shown in a failure message when it matters
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new JarServer(port, dataDir, log, pb.start());
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /**
     * A data directory with the four gallery models trained by the jar itself (started once per JVM,
     * exactly as the README says, and stopped); each caller gets its own copy.
     */
    static synchronized Path galleryCopy() throws Exception {
        if (galleryTemplate == null) {
            Path dir = Files.createTempDirectory("lstm-explorer-gallery-");
            try (JarServer s = start(dir, Map.of())) {
                s.awaitReady(Duration.ofMinutes(3));
                s.stop();
            }
            galleryTemplate = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        Path copy = Files.createTempDirectory("lstm-explorer-it-data-");
        try (Stream<Path> files = Files.list(galleryTemplate)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }

    String base() { return "http://localhost:" + port; }

    /** Waits until /api/health says ready (the gallery is loaded or trained). */
    JsonNode awaitReady(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logText());
            try {
                Response r = get("/api/health");
                if (r.status == 200 && r.json().path("ready").asBoolean(false)) return r.json();
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + limit + ":\n" + logText());
    }

    String logText() {
        try {
            String text = Files.readString(log);
            return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    record Response(int status, byte[] bytes, HttpResponse<byte[]> raw) {
        String body() { return new String(bytes, java.nio.charset.StandardCharsets.UTF_8); }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body(), e);
            }
        }

        String header(String name) { return raw.headers().firstValue(name).orElse(null); }
    }

    Response get(String path) { return send("GET", path, null, null, Map.of()); }

    Response post(String path, String json) { return send("POST", path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()); }

    /** Any request; {@code path} goes to the server as it is (already encoded). */
    Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (body != null && body.length > (1 << 20) && headers.isEmpty()) return sendLarge(method, path, contentType, body);
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request with a large body over a plain socket: the body is written from another thread while
     * the answer is read, so a server that refuses early (413) and closes is read cleanly, where an
     * HTTP client would report the broken upload instead of the answer.
     */
    private Response sendLarge(String method, String path, String contentType, byte[] body) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "Content-Length: " + body.length + "\r\n\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException ignored) {
                    // the server answered and closed before taking the whole body
                }
            });
            writer.setDaemon(true);
            writer.start();
            byte[] raw = socket.getInputStream().readAllBytes();
            String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                fields.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            byte[] content = text.substring(split + 4).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new Response(status, content, new RawResponse(status, java.net.http.HttpHeaders.of(fields, (a, b2) -> true)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status and headers of a response read from a socket, shaped like the HTTP client's. */
    private record RawResponse(int statusCode, java.net.http.HttpHeaders headers) implements HttpResponse<byte[]> {
        @Override public HttpRequest request() { return null; }
        @Override public java.util.Optional<HttpResponse<byte[]>> previousResponse() { return java.util.Optional.empty(); }
        @Override public byte[] body() { return null; }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        @Override public URI uri() { return null; }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }

    /** SIGTERM, as docker stop sends; waits for the shutdown hook. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL: no shutdown hook, no flushing, the process is simply gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Runs work on a thread of its own, with a Random seeded from {@code random}, and kills this server at a
     * random moment 300 ms to 300 + {@code spreadMillis} ms later; then tells the work to stop (connection
     * errors after the kill are expected) and waits for it.
     */
    void killDuring(Random random, int spreadMillis, BiConsumer<AtomicBoolean, Random> work) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long workSeed = random.nextLong();
        Thread worker = new Thread(() -> work.accept(stop, new Random(workSeed)));
        worker.start();
        Thread.sleep(300 + random.nextInt(spreadMillis));
        kill();
        stop.set(true);
        worker.join(30_000);
    }

    /** The models the server lists, by id. */
    Map<String, JsonNode> modelsById() {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode m : get("/api/models").json()) byId.put(m.get("id").asText(), m);
        return byId;
    }

    /**
     * After a restart: every model accepted before is still listed, each ready, interrupted, cancelled or failed
     * (none still "training"); answers the ids of those ready.
     */
    static List<String> assertSettled(Set<String> accepted, Map<String, JsonNode> listed) {
        List<String> ready = new ArrayList<>();
        for (String id : accepted) {
            JsonNode m = listed.get(id);
            assertNotNull(m, "model " + id + " was accepted, then lost");
            String status = m.get("status").asText();
            assertTrue(Set.of("ready", "interrupted", "cancelled", "failed").contains(status), id + " is " + status);
            if (status.equals("ready")) ready.add(id);
        }
        return ready;
    }

    /** Starts a training and answers its model id; any answer but 202 fails the test. */
    String train(String body) {
        Response r = post("/api/models", body);
        assertEquals(202, r.status(), r.body());
        return r.json().get("model").get("id").asText();
    }

    @Override public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    /** Every regular file under the data directory (relative path) with the SHA-256 of its bytes. */
    static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                try {
                    out.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
