package lstmexplorer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's run command and the Docker image's, tested on the jar the build just packaged: started
 * as its own process with PORT and LSTM_EXPLORER_DATA from the environment, ready once the gallery is
 * loaded, serving pages and the API, stopped by SIGTERM (docker stop), and started again on the same
 * data directory (the volume) with the models still there.
 */
class PackagedJarIT {
    static final Path ROOT = Path.of(System.getProperty("basedir", "."));

    @Test
    void runsAsTheReadmeAndTheImageSay() throws Exception {
        Path data = JarServer.galleryCopy(); // the first start of the jar on an empty directory trained these
        try {
            JsonNode health;
            try (JarServer s = JarServer.start(data, Map.of())) {
                health = s.awaitReady(Duration.ofSeconds(60));
                assertEquals("ok", health.get("status").asText());
                assertTrue(health.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), health.toString());
                assertTrue(health.get("uptimeSeconds").asDouble() >= 0);
                assertEquals(List.of("counter", "selective_counter", "state_memorizer", "copy_machine"),
                        iterable(health.get("gallery").fieldNames()));
                assertTrue(s.logText().contains("http://localhost:" + s.port), s.logText());

                JarServer.Response page = s.get("/");
                assertEquals(200, page.status());
                assertTrue(page.header("Content-Type").startsWith("text/html"));
                assertTrue(page.body().contains("<script type=\"module\"") || page.body().contains("src=\"/static/js/"), page.body());
                assertNotNull(page.header("Content-Security-Policy"));
                assertEquals(200, s.get("/static/js/api.js").status());

                JsonNode models = s.get("/api/models").json();
                assertEquals(5, models.size(), "the four task models and the code model shipped in the jar: " + models);
                for (JsonNode m : models) assertEquals("ready", m.get("status").asText(), m.toString());
                JsonNode trace = s.post("/api/models/counter/trace", "{\"input\":\"\\naaaXbbb\"}").json();
                assertEquals(8, trace.get("probabilities").size());
                assertEquals(0, s.get("/api/jobs").json().size(), "the gallery loads from the data directory, nothing trains");

                s.stop();
                assertFalse(s.process.isAlive());
            }
            // the same data directory again: everything is still there
            try (JarServer s = JarServer.start(data, Map.of())) {
                s.awaitReady(Duration.ofSeconds(60));
                assertEquals(5, s.get("/api/models").json().size());
                assertEquals(0, s.get("/api/jobs").json().size());
            }
        } finally {
            JarServer.deleteTree(data);
        }
    }

    @Test
    void aTakenPortIsAClearErrorNotAHang() throws Exception {
        Path data = Files.createTempDirectory("lstm-explorer-it-port-");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    JarServer.jar().toString(), "--no-gallery");
            pb.environment().put("PORT", String.valueOf(taken.getLocalPort()));
            pb.environment().put("LSTM_EXPLORER_DATA", data.toString());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(p.exitValue() != 0, out);
        } finally {
            JarServer.deleteTree(data);
        }
    }

    /** The image builds and runs with the very commands the README gives, so testing those tests the image. */
    @Test
    void theDockerfileUsesTheReadmesCommands() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md")), docker = Files.readString(ROOT.resolve("Dockerfile"));
        assertTrue(readme.contains("mvn -B package -DskipTests && java -jar target/lstm-explorer.jar"), "README build and run command");
        assertTrue(readme.contains("mvn -B verify"), "README test command");
        assertTrue(docker.contains("RUN mvn -B package -DskipTests\n"), "the image builds with the README's command");
        assertTrue(docker.contains("COPY --from=build /src/target/lstm-explorer.jar"), "and runs the jar that command built");
        assertTrue(docker.matches("(?s).*CMD \\[\"java\",( \"[^\"]+\",)* \"-jar\", \"/app/lstm-explorer.jar\"\\].*"), "with java -jar");
        for (String line : List.of("EXPOSE 7070", "VOLUME /data", "LSTM_EXPLORER_DATA=/data", "PORT=7070", "/api/health", "USER "))
            assertTrue(docker.contains(line), "Dockerfile lacks " + line);
        assertFalse(docker.contains("USER root"));
        String ignore = Files.readString(ROOT.resolve(".dockerignore"));
        for (String line : List.of("target/", "data/", ".git/")) assertTrue(ignore.lines().anyMatch(line::equals), ".dockerignore lacks " + line);
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        assertTrue(ci.contains("mvn -B verify"), "CI runs the README's test command, which runs these tests");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
