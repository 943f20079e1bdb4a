package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import lstmexplorer.io.Datasets;
import lstmexplorer.service.Limits;
import lstmexplorer.task.Tasks;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The precision a displayed trace is computed in: double below {@link Limits#SINGLE_PRECISION_HIDDEN} hidden
 * units, single from there on, and either one when a request names it.
 */
class TracePrecisionTest {
    static final TrainedModel small = TestServer.randomModel("counter", "lstm", 10, 1, 3);
    static final TrainedModel wide = TestServer.randomModel("copy_machine", "lstm", Limits.SINGLE_PRECISION_HIDDEN, 2, 4);
    static final String INPUT = "\nabcXabc";

    @RegisterExtension
    static final TestServer s = TestServer.perClass(Map.of("counter", small, "copy_machine", wide));

    @Test
    void aSmallModelIsTracedInDoublePrecisionByDefault() {
        JsonNode t = s.get("/api/models/counter/trace?input=" + ApiTest.q("\naaXbb")).ok();
        assertEquals("double", t.get("precision").asText());
        assertValues(Trace.of(small, "\naaXbb"), t, 0);
        JsonNode sample = s.get("/api/models/counter/trace?sample=test&n=2").ok();
        List<String> sequences = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.TEST).subList(0, 2);
        for (int k = 0; k < 2; k++) {
            String input = "\n" + sequences.get(k).substring(0, sequences.get(k).length() - 1);
            assertEquals("double", sample.get("traces").get(k).get("precision").asText());
            assertValues(Trace.of(small, input), sample.get("traces").get(k), 0);
        }
    }

    @Test
    void aModelOfTheThresholdSizeIsTracedInSinglePrecisionByDefault() {
        JsonNode t = s.post("/api/models/copy_machine/trace", "{\"input\":\"\\nabcXabc\"}").ok();
        assertEquals("single", t.get("precision").asText());
        Trace single = Trace.of(wide, List.of(INPUT), true).get(0), exact = Trace.of(wide, INPUT);
        assertValues(single, t, 0);
        assertValues(exact, t, 1e-5);
        assertNotEquals(exact.layers().get(1).vectors().get("cell")[7][0], t.get("layers").get(1).get("vectors").get("cell").get(7).get(0).asDouble(),
                "computed in float, not double");
        JsonNode batch = s.post("/api/models/copy_machine/traces", "{\"inputs\":[\"\\nabcXabc\",\"\\naX\"]}").ok().get("traces");
        assertEquals("single", batch.get(0).get("precision").asText());
        assertValues(single, batch.get(0), 0);
        assertValues(Trace.of(wide, List.of("\naX"), true).get(0), batch.get(1), 0);
    }

    @Test
    void precisionDoubleGivesTheDoublePrecisionTraceOfALargeModel() {
        Trace exact = Trace.of(wide, INPUT);
        JsonNode get = s.get("/api/models/copy_machine/trace?precision=double&input=" + ApiTest.q(INPUT)).ok();
        assertEquals("double", get.get("precision").asText());
        assertValues(exact, get, 0);
        JsonNode post = s.post("/api/models/copy_machine/trace?precision=double", "{\"input\":\"\\nabcXabc\"}").ok();
        assertEquals(get, post);
        JsonNode batch = s.post("/api/models/copy_machine/traces?precision=double", "{\"inputs\":[\"\\nabcXabc\"]}").ok();
        assertEquals(get, batch.get("traces").get(0));
        // and single on a small model when asked for; each precision is cached apart from the other
        JsonNode single = s.get("/api/models/counter/trace?precision=single&input=" + ApiTest.q("\naaXbb")).ok();
        assertEquals("single", single.get("precision").asText());
        assertValues(Trace.of(small, List.of("\naaXbb"), true).get(0), single, 0);
        assertEquals("double", s.get("/api/models/counter/trace?input=" + ApiTest.q("\naaXbb")).ok().get("precision").asText());
        assertEquals("single", s.get("/api/models/copy_machine/trace?input=" + ApiTest.q(INPUT)).ok().get("precision").asText());
    }

    @Test
    void aBadPrecisionIs400NamingTheParameterAndChangesNothing() {
        JsonNode before = s.get("/api/models/copy_machine/trace?input=" + ApiTest.q(INPUT)).ok();
        for (TestServer.Response r : List.of(
                s.get("/api/models/copy_machine/trace?precision=float&input=" + ApiTest.q(INPUT)),
                s.get("/api/models/copy_machine/trace?precision=DOUBLE&sample=test"),
                s.post("/api/models/copy_machine/trace?precision=half", "{\"input\":\"\\nabcXabc\"}"),
                s.post("/api/models/copy_machine/traces?precision=64", "{\"inputs\":[\"\\nabcXabc\"]}"))) {
            ApiTest.assertError(r, 400, "precision");
            assertTrue(r.json().get("detail").asText().contains("single"), r.body());
        }
        assertEquals(before, s.get("/api/models/copy_machine/trace?input=" + ApiTest.q(INPUT)).ok());
        assertEquals(2, s.get("/api/models").json().size());
    }

    @Test
    void openApiDocumentsThePrecisionAndItsThreshold() {
        JsonNode doc = s.get("/openapi.json").json();
        for (String[] route : List.of(new String[] {"/api/models/{id}/trace", "get"}, new String[] {"/api/models/{id}/trace", "post"},
                new String[] {"/api/models/{id}/traces", "post"})) {
            JsonNode schema = null;
            for (JsonNode p : doc.get("paths").get(route[0]).get(route[1]).get("parameters"))
                if (p.get("name").asText().equals("precision")) schema = p.get("schema");
            assertTrue(schema != null, route[1] + " " + route[0] + " lists precision");
            assertEquals(List.of("single", "double"), ApiTest.strings(schema.get("enum")));
            assertEquals(Limits.SINGLE_PRECISION_HIDDEN, schema.get("x-singleFromHidden").asInt());
        }
        JsonNode trace = doc.get("components").get("schemas").get("Trace").get("properties").get("precision");
        assertEquals(List.of("single", "double"), ApiTest.strings(trace.get("enum")));
    }

    /** Every vector of every layer and the probabilities of an answer equal the trace's, to within {@code delta}. */
    private static void assertValues(Trace expected, JsonNode answer, double delta) {
        assertEquals(expected.input(), answer.get("input").asText());
        for (int l = 0; l < expected.layers().size(); l++) {
            JsonNode vectors = answer.get("layers").get(l).get("vectors");
            for (Map.Entry<String, double[][]> v : expected.layers().get(l).vectors().entrySet())
                assertMatrix(v.getValue(), vectors.get(v.getKey()), delta, "layer " + l + " " + v.getKey());
        }
        assertMatrix(expected.probabilities(), answer.get("probabilities"), delta, "probabilities");
    }

    private static void assertMatrix(double[][] expected, JsonNode answer, double delta, String what) {
        assertEquals(expected.length, answer.size(), what);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, answer.get(t).size(), what);
            for (int u = 0; u < expected[t].length; u++) assertEquals(expected[t][u], answer.get(t).get(u).asDouble(), delta, what + " t=" + t + " u=" + u);
        }
    }
}
