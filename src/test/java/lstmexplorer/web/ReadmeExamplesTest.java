package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lstmexplorer.service.ClientLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the curl lines of the README's REST API section, as written, against a server on its defaults
 * with the gallery trained, one after another in one directory (so a file one line writes, the next can
 * send). Each must succeed with a 2xx; the claims their comments make about the gallery counter are
 * checked against what the server answers.
 */
class ReadmeExamplesTest {
    @TempDir static Path dataDir;
    @TempDir static Path workDir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        // the gallery as the server trains it, without its time limit: the claims are about the trained models, not about speed
        s = new TestServer(ServerOptions.defaults().withDataDir(dataDir).withWorkers(2).withClients(ClientLimits.defaults())
                .withGalleryMaxSeconds(600.0));
        long t0 = System.nanoTime();
        while (!s.get("/api/health").json().get("ready").asBoolean()) {
            assertTrue(System.nanoTime() - t0 < 900e9, "gallery ready in time");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() { s.close(); }

    /** The curl lines of the first sh block after "## REST API", continuation lines joined. */
    static List<String> readmeCurlLines() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## REST API");
        int start = readme.indexOf("```sh\n", section) + 6;
        String block = readme.substring(start, readme.indexOf("```", start));
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1);
                continue;
            }
            current.append(line);
            if (current.toString().startsWith("curl ")) lines.add(current.toString());
            current.setLength(0);
        }
        return lines;
    }

    record Run(String command, String comment, int status, String out) {}

    static final java.util.Map<Process, Integer> launched = new java.util.HashMap<>();

    /**
     * Starts one README line with bash in the work directory, pointed at the test server; its output and
     * (after it) the status code curl writes to stderr go to files.
     */
    static Process launch(String line) throws IOException {
        String command = line.replace("localhost:7070", "localhost:" + s.server.port())
                .replaceFirst("^curl ", "curl -sS --max-time 120 -w '%{stderr}%{http_code}' ");
        int n = launched.size();
        Process p = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout-" + n).toFile()).redirectError(workDir.resolve("stderr-" + n).toFile()).start();
        launched.put(p, n);
        return p;
    }

    static Run finish(String line, Process p) throws Exception {
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "finished: " + line);
        int n = launched.get(p);
        String out = Files.readString(workDir.resolve("stdout-" + n), StandardCharsets.UTF_8);
        String err = Files.readString(workDir.resolve("stderr-" + n), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), line + "\n" + err);
        int status = Integer.parseInt(err.substring(Math.max(0, err.length() - 3)));
        int hash = line.indexOf("   #");
        return new Run(line, hash < 0 ? "" : line.substring(hash), status, out);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*\\{?\\s*(\"id\":\\s*)?\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(2);
    }

    @Test
    void everyExampleRequestWorksAsTheReadmeSays() throws Exception {
        List<String> lines = readmeCurlLines();
        assertTrue(lines.size() >= 15, "the README's examples: " + lines);
        String job = null, token = null;
        Process events = null;
        String eventsLine = null;
        List<String> checked = new ArrayList<>();
        for (String line : lines) {
            if (job != null) line = line.replace("<job id>", job).replace("<ownerToken>", token);
            assertTrue(!line.contains("<"), "a placeholder no earlier line fills: " + line);
            if (line.startsWith("curl -N ")) { // an event stream: it ends with the job, which a later line stops
                events = launch(line);
                eventsLine = line;
                continue;
            }
            Run r = finish(line, launch(line));
            assertTrue(r.status() / 100 == 2, r.status() + " for " + line + "\n" + r.out());
            String body = r.out().trim();
            if (body.startsWith("{") || body.startsWith("[")) TestServer.JSON.readTree(body);
            if (line.contains("-X POST") && line.matches(".*/api/models -H.*")) {
                job = field(body, "job");
                token = field(body, "ownerToken");
            }
            if (line.contains("/generate") && r.comment().contains("b's come back")) {
                checkGenerationClaim(line, r);
                checked.add("generate");
            }
            if (line.contains("/intervene")) {
                checkInterventionClaim(line);
                checked.add("intervene");
            }
            if (line.contains("format=echen")) {
                JsonNode data = TestServer.JSON.readTree(workDir.resolve("counter.json").toFile());
                assertTrue(data.isObject() && data.get("chars").size() > 0 && data.get("cs0").size() == 10, "the echen file");
                checked.add("echen");
            }
            if (line.contains("-X DELETE") && line.contains("/api/jobs/")) {
                assertTrue(events != null, "the event stream was started before the job is stopped");
                Run stream = finish(eventsLine, events);
                assertTrue(stream.out().contains("event: cancelled") || stream.out().contains("event: done"), stream.out());
                events = null;
                checked.add("events");
            }
        }
        assertEquals(List.of("generate", "events", "echen", "intervene"), checked, "every claim found and checked");
        assertTrue(events == null, "an event stream no line ends");
    }

    /** "# 20 a's: 19 b's come back": the prefix has that many a's and the continuation that many b's. */
    static void checkGenerationClaim(String line, Run r) throws IOException {
        Matcher claim = Pattern.compile("(\\d+) a's: (\\d+) b's come back").matcher(r.comment());
        assertTrue(claim.find(), r.comment());
        JsonNode answer = TestServer.JSON.readTree(r.out());
        assertEquals(Integer.parseInt(claim.group(1)), answer.get("prefix").asText().chars().filter(c -> c == 'a').count(), line);
        assertEquals("b".repeat(Integer.parseInt(claim.group(2))) + "\n", answer.get("continuation").asText(), line);
    }

    /** The unit the intervention example zeroes is the gallery counter's top unit for count, as its comment says. */
    static void checkInterventionClaim(String line) throws IOException {
        Matcher m = Pattern.compile("-d '(\\{.*\\})'").matcher(line);
        assertTrue(m.find(), line);
        JsonNode intervention = TestServer.JSON.readTree(m.group(1)).get("interventions").get(0);
        JsonNode best = null;
        for (JsonNode b : s.get("/api/models/counter/probes").json().get("best")) if (b.get("variable").asText().equals("count")) best = b;
        assertTrue(best != null, "the probes name a unit for count");
        assertEquals(best.get("layer").asInt(), intervention.get("layer").asInt(), "layer of the probes' top unit for count");
        assertEquals(best.get("vector").asText(), intervention.get("vector").asText(), "vector of the probes' top unit for count");
        assertEquals(best.get("unit").asInt(), intervention.get("unit").asInt(), "the probes' top unit for count");
    }
}
