package lstmexplorer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What a room full of people (and a few trying to break it) send the packaged jar: every answer is a
 * 4xx with the JSON error body, nothing leaks from inside, the server stays up, and not one byte of
 * the data directory changes.
 */
class BadInputIT {
    static final String SCRIPT = "<script>alert(1)</script>";
    static JarServer server;
    static Path data;
    static Map<String, String> before;

    /** One bad request and the status it must get (0: any 4xx). */
    record Case(String name, String method, String path, String contentType, byte[] body, int status) {
        static Case json(String name, String method, String path, String body, int status) {
            return new Case(name, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8), status);
        }

        static Case of(String name, String method, String path, int status) {
            return new Case(name, method, path, null, null, status);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        data = JarServer.galleryCopy();
        before = JarServer.hashes(data);
        server = JarServer.start(data, JarServer.NO_LIMITS);
        server.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.stop();
        JarServer.deleteTree(data);
    }

    static String repeat(char c, int n) { return String.valueOf(c).repeat(n); }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String models = "/api/models", trace = "/api/models/counter/trace", generate = "/api/models/counter/generate";
        String imp = "/api/models/import";
        // malformed JSON
        c.add(Case.json("unclosed object", "POST", models, "{", 400));
        c.add(Case.json("trailing comma", "POST", models, "{\"task\": \"counter\",}", 400));
        c.add(Case.json("not JSON at all", "POST", trace, "not json", 400));
        c.add(Case.json("truncated generate body", "POST", generate, "{\"prefix\": \"aX\"", 400));
        c.add(Case.json("array instead of object", "POST", models, "[\"counter\"]", 400));
        c.add(Case.json("string instead of object", "POST", models, "\"counter\"", 400));
        c.add(Case.json("null body", "POST", models, "null", 400));
        c.add(Case.json("empty body", "POST", models, "", 400));
        c.add(Case.json("unclosed import", "POST", imp, "{\"vocab\": [", 400));
        c.add(Case.json("import of an empty object", "POST", imp, "{}", 400));
        c.add(Case.json("import of a model with no weights", "POST", imp,
                "{\"format\":\"lstm-explorer/model\",\"version\":1,\"vocab\":[\"a\"],\"config\":{\"cell\":\"lstm\",\"hidden\":2,\"layers\":1}}", 400));
        c.add(Case.json("raw control character in a string", "POST", trace, "{\"input\": \"\u0000\"}", 400));
        c.add(new Case("invalid UTF-8", "POST", trace, "application/json", new byte[] {'{', '"', 'i', 'n', 'p', 'u', 't', '"', ':', '"',
                (byte) 0xff, (byte) 0xfe, '"', '}'}, 0));
        // wrong types
        c.add(Case.json("hidden as a word", "POST", models, "{\"task\":\"counter\",\"hidden\":\"ten\"}", 400));
        c.add(Case.json("layers as a fraction", "POST", models, "{\"task\":\"counter\",\"layers\":1.5}", 400));
        c.add(Case.json("task as a list", "POST", models, "{\"task\":[\"counter\"]}", 400));
        c.add(Case.json("learning rate as a word", "POST", models, "{\"task\":\"counter\",\"learningRate\":\"fast\"}", 400));
        c.add(Case.json("input as a number", "POST", trace, "{\"input\": 42}", 400));
        c.add(Case.json("input as an object", "POST", trace, "{\"input\": {\"a\": 1}}", 400));
        c.add(Case.json("layer as a word", "POST", trace, "{\"input\": \"aXb\", \"layer\": \"zero\"}", 400));
        c.add(Case.json("max as a word", "POST", generate, "{\"prefix\": \"aX\", \"max\": \"lots\"}", 400));
        c.add(Case.json("unknown field", "POST", models, "{\"task\":\"counter\",\"epochs\":5}", 400));
        // missing fields
        c.add(Case.json("no task", "POST", models, "{}", 400));
        c.add(Case.json("trace without input", "POST", trace, "{}", 400));
        c.add(Case.json("generate without prefix", "POST", generate, "{}", 400));
        c.add(Case.of("trace query without input", "GET", trace, 400));
        // negative, huge, NaN numbers
        c.add(Case.json("negative hidden", "POST", models, "{\"task\":\"counter\",\"hidden\":-1}", 400));
        c.add(Case.json("huge hidden", "POST", models, "{\"task\":\"counter\",\"hidden\":100000}", 400));
        c.add(Case.json("zero layers", "POST", models, "{\"task\":\"counter\",\"layers\":0}", 400));
        c.add(Case.json("negative learning rate", "POST", models, "{\"task\":\"counter\",\"learningRate\":-0.1}", 400));
        c.add(Case.json("NaN learning rate (bare)", "POST", models, "{\"task\":\"counter\",\"learningRate\":NaN}", 400));
        c.add(Case.json("NaN learning rate (string)", "POST", models, "{\"task\":\"counter\",\"learningRate\":\"NaN\"}", 400));
        c.add(Case.json("infinite max seconds", "POST", models, "{\"task\":\"counter\",\"maxSeconds\":\"Infinity\"}", 400));
        c.add(Case.json("max seconds 1e308", "POST", models, "{\"task\":\"counter\",\"maxSeconds\":1e308}", 400));
        c.add(Case.json("batch past int", "POST", models, "{\"task\":\"counter\",\"batch\":99999999999999999999}", 400));
        c.add(Case.json("negative seed", "POST", models, "{\"task\":\"counter\",\"seed\":-5}", 400));
        c.add(Case.json("generate max 0", "POST", generate, "{\"prefix\": \"aX\", \"max\": 0}", 400));
        c.add(Case.json("negative from", "POST", trace, "{\"input\": \"aXb\", \"from\": -3}", 400));
        c.add(Case.json("layer past the model", "POST", trace, "{\"input\": \"aXb\", \"layer\": 7}", 400));
        c.add(Case.of("negative n", "GET", trace + "?sample=test&n=-1", 400));
        c.add(Case.of("n past long", "GET", trace + "?sample=test&n=99999999999999999999", 400));
        c.add(Case.of("n as NaN", "GET", trace + "?sample=test&n=NaN", 400));
        c.add(Case.of("samples n huge", "GET", "/api/tasks/counter/samples?n=1000000", 400));
        // the counting lab and the training range: each names its field, nothing is queued
        String labs = "/api/labs";
        c.add(Case.json("trainMax 0", "POST", models, "{\"task\":\"anbn\",\"trainMax\":0}", 400));
        c.add(Case.json("trainMax 101", "POST", models, "{\"task\":\"anbn\",\"trainMax\":101}", 400));
        c.add(Case.json("unknown lengths", "POST", models, "{\"task\":\"anbn\",\"lengths\":\"medium\"}", 400));
        c.add(Case.json("threshold 0", "POST", models, "{\"task\":\"dyck1\",\"threshold\":0}", 400));
        c.add(Case.json("threshold 1", "POST", models, "{\"task\":\"dyck1\",\"threshold\":1}", 400));
        c.add(Case.json("lab with no cells", "POST", labs, "{\"task\":\"anbn\",\"cells\":[]}", 400));
        c.add(Case.json("lab with ten cells", "POST", labs, "{\"task\":\"anbn\",\"cells\":[\"lstm\",\"rnn\",\"peephole\",\"cifg\","
                + "\"gru\",\"mgu\",\"gru1\",\"gru2\",\"gru3\",\"lstm\"]}", 400));
        c.add(Case.json("lab with six seeds", "POST", labs, "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"seeds\":[1,2,3,4,5,6]}", 400));
        c.add(Case.json("lab threshold 1.5", "POST", labs, "{\"task\":\"dyck2\",\"cells\":[\"lstm\"],\"threshold\":1.5}", 400));
        c.add(Case.json("lab trainMax 101", "POST", labs, "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"trainMax\":101}", 400));
        c.add(Case.json("lab with an unknown field", "POST", labs, "{\"task\":\"anbn\",\"cells\":[\"lstm\"],\"epochs\":3}", 400));
        c.add(Case.of("unknown lab", "GET", "/api/labs/lab-nope", 404));
        c.add(Case.of("../ in a lab id", "GET", "/api/labs/..%2f..%2fetc", 404));
        // unknown task, cell, split, format, vector
        c.add(Case.json("unknown task", "POST", models, "{\"task\":\"translate\"}", 400));
        c.add(Case.json("unknown cell", "POST", models, "{\"task\":\"counter\",\"cell\":\"transformer\"}", 400));
        c.add(Case.of("unknown task samples", "GET", "/api/tasks/translate/samples", 404));
        c.add(Case.of("unknown split", "GET", trace + "?sample=validation", 400));
        c.add(Case.of("unknown export format", "GET", "/api/models/counter/export?format=pickle", 400));
        c.add(Case.of("unknown vector", "GET", trace + "?input=aXb&vectors=attention", 400));
        c.add(Case.of("unknown model", "GET", "/api/models/nope", 404));
        c.add(Case.of("unknown job", "GET", "/api/jobs/job-nope", 404));
        // characters outside the vocabulary, huge inputs and bodies
        c.add(Case.json("characters outside the vocabulary", "POST", trace, "{\"input\": \"hello\"}", 422));
        c.add(Case.json("prefix outside the vocabulary", "POST", generate, "{\"prefix\": \"aaZ\"}", 422));
        c.add(Case.json("emoji input", "POST", trace, "{\"input\": \"a\uD83D\uDE00X\"}", 422));
        c.add(Case.json("control characters", "POST", trace, "{\"input\": \"a\\u0000\\u0007X\"}", 422));
        c.add(Case.json("input of 1 MB", "POST", trace, "{\"input\": \"" + repeat('a', 1_000_000) + "\"}", 400));
        c.add(Case.json("prefix of 1 MB", "POST", generate, "{\"prefix\": \"" + repeat('a', 1_000_000) + "\"}", 400));
        c.add(Case.of("input of 1 MB in the query", "GET", trace + "?input=" + repeat('a', 1_000_000), 0));
        c.add(Case.json("body of 20 MB (train)", "POST", models, "{\"task\": \"" + repeat('a', 20_000_000) + "\"}", 413));
        c.add(Case.json("body of 20 MB (trace)", "POST", trace, "{\"input\": \"" + repeat('a', 20_000_000) + "\"}", 413));
        c.add(Case.json("body of 65 MB (import)", "POST", imp, "{\"vocab\": \"" + repeat('a', 65 << 20) + "\"}", 413));
        c.add(Case.json("deeply nested JSON", "POST", models, "[".repeat(100_000) + "]".repeat(100_000), 400));
        // ids with ../ and %2e%2e
        c.add(Case.of("../ in a model id", "GET", "/api/models/..%2F..%2Fetc%2Fpasswd", 404));
        c.add(Case.of("%2e%2e as a model id", "GET", "/api/models/%2e%2e", 404));
        c.add(Case.of("%2e%2e/ then a gallery model", "DELETE", "/api/models/%2e%2e%2fcounter", 404));
        c.add(Case.of("%2e%2e in a trace path", "GET", "/api/models/%2e%2e/trace?input=aX", 404));
        c.add(Case.of("../ in an export path", "GET", "/api/models/..%2f..%2fpom.xml/export", 404));
        c.add(Case.of("../ in a job id", "GET", "/api/jobs/..%2f..%2fetc", 404));
        c.add(Case.of("../ in a task", "GET", "/api/tasks/..%2fcounter/samples", 404));
        c.add(Case.of("NUL in an id", "GET", "/api/models/counter%00.json", 0));
        c.add(Case.of("an id of 10,000 characters", "GET", "/api/models/" + repeat('a', 10_000), 0));
        // <script> in every text field
        c.add(Case.json("script as task", "POST", models, "{\"task\":\"" + SCRIPT + "\"}", 400));
        c.add(Case.json("script as cell", "POST", models, "{\"task\":\"counter\",\"cell\":\"" + SCRIPT + "\"}", 400));
        c.add(Case.json("script as input", "POST", trace, "{\"input\":\"" + SCRIPT + "\"}", 422));
        c.add(Case.json("script as prefix", "POST", generate, "{\"prefix\":\"" + SCRIPT + "\"}", 422));
        c.add(Case.json("script as vectors", "POST", trace, "{\"input\":\"aXb\",\"vectors\":\"" + SCRIPT + "\"}", 400));
        c.add(Case.json("script as units", "POST", trace, "{\"input\":\"aXb\",\"units\":\"" + SCRIPT + "\"}", 400));
        c.add(Case.json("script as a field name", "POST", models, "{\"" + SCRIPT + "\":1}", 400));
        c.add(Case.json("script as import name", "POST", imp + "?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "{}", 400));
        c.add(Case.json("script as imported task", "POST", imp, "{\"task\":\"" + SCRIPT + "\",\"vocab\":[\"a\"],\"state_dict\":{}}", 400));
        c.add(Case.of("script as model id", "GET", "/api/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404));
        c.add(Case.of("script as split", "GET", trace + "?sample=%3Cscript%3E", 400));
        c.add(Case.of("script as format", "GET", "/api/models/counter/export?format=%3Cscript%3E", 400));
        c.add(Case.of("script as task", "GET", "/api/tasks/%3Cscript%3E/samples", 404));
        // wrong methods
        c.add(Case.of("PUT models", "PUT", models, 405));
        c.add(Case.of("PATCH a model", "PATCH", "/api/models/counter", 405));
        c.add(Case.of("DELETE tasks", "DELETE", "/api/tasks", 405));
        c.add(Case.of("POST health", "POST", "/api/health", 405));
        c.add(Case.of("DELETE all models", "DELETE", models, 405));
        c.add(Case.of("GET generate", "GET", generate, 405));
        // gallery models and other people's things
        c.add(Case.of("delete a gallery model", "DELETE", "/api/models/counter", 403));
        c.add(Case.json("delete a gallery model with a made-up token", "DELETE", "/api/models/copy_machine", "", 403));
        // wrong content types
        c.add(new Case("train as text/plain", "POST", models, "text/plain", "{\"task\":\"counter\"}".getBytes(StandardCharsets.UTF_8), 415));
        c.add(new Case("trace as a form", "POST", trace, "application/x-www-form-urlencoded", "input=aXb".getBytes(StandardCharsets.UTF_8), 415));
        c.add(new Case("generate without a content type", "POST", generate, null, "{\"prefix\":\"aX\"}".getBytes(StandardCharsets.UTF_8), 415));
        c.add(new Case("import as XML", "POST", imp, "application/xml", "<model/>".getBytes(StandardCharsets.UTF_8), 415));
        c.add(new Case("train as json-patch", "POST", models, "application/json-patch+json", "[]".getBytes(StandardCharsets.UTF_8), 415));
        c.add(new Case("train as multipart", "POST", models, "multipart/form-data; boundary=x", "--x--".getBytes(StandardCharsets.UTF_8), 415));
        return c;
    }

    @TestFactory
    List<DynamicTest> everyBadRequestIsA4xxWithAJsonError() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Map<String, String> headers = c.name().contains("made-up token") ? Map.of("X-Owner-Token", "made-up") : Map.of();
                JarServer.Response r = server.send(c.method(), c.path(), c.contentType(), c.body(), headers);
                String what = c.name() + ": " + r.status() + " " + (r.body().length() > 500 ? r.body().substring(0, 500) : r.body());
                if (c.status() != 0) assertEquals(c.status(), r.status(), what);
                assertTrue(r.status() >= 400 && r.status() < 500, what);
                assertTrue(r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/json"), what);
                JsonNode body = r.json();
                assertTrue(body.path("error").isTextual() && !body.path("error").asText().isBlank(), what);
                assertTrue(body.path("detail").isTextual() && !body.path("detail").asText().isBlank(), what);
                assertNoLeak(r.body(), what);
                assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
                assertTrue(r.header("Content-Security-Policy") != null, what);
            }));
        }
        assertTrue(tests.size() >= 40, "at least 40 cases; have " + tests.size());
        return tests;
    }

    static void assertNoLeak(String body, String what) {
        for (String inside : List.of("Exception", "\tat ", "at lstmexplorer.", "at io.javalin", "at org.eclipse", "java.lang.",
                data.toString(), System.getProperty("user.dir"), "/tmp/", ".java:"))
            assertFalse(body.contains(inside), what + " leaks '" + inside + "'");
    }

    /** Error pages that are not API answers leak nothing either, and traversal never reaches a file. */
    @Test
    void pagesAndStaticFilesRefuseTraversal() {
        for (String path : List.of("/static/..%2f..%2f..%2fpom.xml", "/static/%2e%2e/%2e%2e/README.md", "/webjars/..%2f..%2fMETA-INF/MANIFEST.MF",
                "/models/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/models/counter/layers/0/units/999", "/static/js/../../templates/index.html")) {
            JarServer.Response r = server.send("GET", path, null, null, Map.of());
            assertTrue(r.status() >= 400 && r.status() < 500, path + ": " + r.status());
            assertFalse(r.body().contains("<modelVersion>") || r.body().contains("Manifest-Version") || r.body().contains("th:"), path);
            assertNoLeak(r.body(), path);
        }
    }

    @Test
    void stillHealthyAndUnchanged() throws Exception {
        // send every case once more from here, so this check does not depend on test order
        List<String> failed = new ArrayList<>();
        for (Case c : cases()) {
            try {
                JarServer.Response r = server.send(c.method(), c.path(), c.contentType(), c.body(), Map.of());
                if (r.status() < 400 || r.status() >= 500) failed.add(c.name() + ": " + r.status());
            } catch (java.io.UncheckedIOException e) {
                failed.add(c.name() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failed);
        JarServer.Response health = server.get("/api/health");
        assertEquals(200, health.status());
        assertTrue(health.json().get("ready").asBoolean());
        assertTrue(server.process.isAlive());
        assertEquals(before, JarServer.hashes(data), "the data directory changed");
        assertEquals(5, server.get("/api/models").json().size(), "the four task models and the code model");
    }
}
