package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/scoreboard serves the bench results kept as a resource; the pages that show it exist. */
class ScoreboardEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.start(ServerOptions.defaults().withPort(0).withDataDir(data).withGallery(false).withWorkers(1));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Each run of the packaged scoreboard names a commit of this history, so its code can be checked out (skipped outside a clone). */
    @Test
    void everyRunNamesACommitOfThisHistory() throws Exception {
        JsonNode board = JSON.readTree(get("/api/scoreboard").body());
        org.junit.jupiter.api.Assumptions.assumeTrue(git("rev-parse", "HEAD") == 0, "not a git clone");
        for (JsonNode run : board.get("runs")) {
            String commit = run.get("commit").asText();
            assertEquals(0, git("merge-base", "--is-ancestor", commit, "HEAD"), commit + " (" + run.get("command").asText()
                    + ") is not in the history of HEAD");
        }
    }

    private static int git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void servesEveryTaskTimesEveryCell() throws Exception {
        HttpResponse<String> response = get("/api/scoreboard");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode board = JSON.readTree(response.body());
        // it says what made it
        assertTrue(board.get("commit").asText().matches("[0-9a-f]{40}(, [0-9a-f]{40})*"), board.get("commit").asText());
        assertTrue(board.get("command").asText().startsWith("java -jar target/lstm-explorer.jar bench "), board.get("command").asText());
        JsonNode rows = board.get("rows");
        assertTrue(rows.isArray());
        Set<String> pairs = new HashSet<>();
        for (JsonNode row : rows) {
            assertTrue(pairs.add(row.get("task").asText() + "/" + row.get("cell").asText() + "/" + row.path("train_max").asText("")),
                    "no task × cell × range twice");
            assertEquals(3, row.get("per_seed").size(), "three seeds per row");
            assertTrue(row.get("timesteps_per_second").asDouble() > 0);
        }
        // every cell type on the tasks of Exploring LSTMs
        for (String task : List.of("counter", "selective_counter", "state_memorizer", "copy_machine"))
            for (String cell : List.of("lstm", "rnn", "peephole", "cifg", "gru", "mgu"))
                assertTrue(rows.findValuesAsText("task").contains(task) && pairs.stream().anyMatch(p -> p.startsWith(task + "/" + cell + "/")), task + "/" + cell);
    }

    @Test
    void isInTheOpenApiDocumentAndTheApiPage() throws Exception {
        JsonNode doc = JSON.readTree(get("/openapi.json").body());
        JsonNode op = doc.path("paths").path("/api/scoreboard").path("get");
        assertEquals("object", op.path("responses").path("200").path("content").path("application/json").path("schema").path("type").asText());
        assertTrue(get("/api").body().contains("/api/scoreboard"));
    }

    @Test
    void comparePageAndScoreboardPageAreServed() throws Exception {
        for (String page : new String[] {"/compare", "/compare?a=counter&b=copy_machine", "/scoreboard", "/lab", "/lab?task=dyck1&cells=lstm"}) {
            HttpResponse<String> response = get(page);
            assertEquals(200, response.statusCode(), page);
            assertTrue(response.body().contains("type=\"module\""), page + " loads its page script");
        }
    }
}
