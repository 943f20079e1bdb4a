package lstmexplorer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dynamics, the unit card, attribution and patching on a model trained on an uploaded dataset: each answers, and makes sense. */
class DatasetMechanismRoutesTest {
    private static final int HIDDEN = 8;
    @RegisterExtension
    static final TestServer s = TestServer.perClass();
    static String model;
    static Set<String> vocabulary = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        TestServer.Response uploaded = s.post("/api/datasets?name=code&kind=text", "text/plain; charset=utf-8", lstmexplorer.TestTexts.code(300, 3));
        assertEquals(201, uploaded.status(), uploaded.body());
        TestServer.Response started = s.post("/api/models", "{\"dataset\":\"" + uploaded.json().get("id").asText() + "\",\"hidden\":" + HIDDEN
                + ",\"window\":20,\"batch\":8,\"maxSeconds\":3,\"seed\":2}");
        assertEquals(202, started.status(), started.body());
        model = started.json().get("model").get("id").asText();
        JsonNode job = s.awaitJob(started.json().get("job").get("id").asText(), Duration.ofSeconds(60));
        assertEquals("done", job.get("status").asText(), job.toString());
        for (JsonNode ch : s.get("/api/models/" + model).json().get("vocab")) vocabulary.add(ch.asText());
    }


    private static String json(String text) throws Exception { return TestServer.JSON.writeValueAsString(text); }

    @Test
    void dynamicsSearchesTheCharactersOfTheTextAndTheJobGivesTheSameAnswer() throws Exception {
        JsonNode d = s.get("/api/models/" + model + "/dynamics").ok();
        assertEquals(2 * HIDDEN, d.get("stateSize").asInt(), "cell and hidden of one layer");
        double explained = 0;
        for (JsonNode e : d.get("pca").get("explained")) {
            assertTrue(e.asDouble() >= 0 && e.asDouble() <= 1 + 1e-9, d.get("pca").toString());
            explained += e.asDouble();
        }
        assertTrue(explained > 0 && explained <= 1 + 1e-9, "explained variance " + explained);
        assertTrue(d.get("trajectories").size() > 0);
        assertTrue(d.get("inputs").size() > 1, "more than one character searched");
        for (JsonNode input : d.get("inputs")) {
            assertTrue(vocabulary.contains(input.get("input").asText()), input.get("input") + " in the model's vocabulary");
            for (JsonNode p : input.get("points")) {
                assertTrue(p.get("q").asDouble() <= 1e-4, "fixed or slow: " + p.get("q"));
                assertEquals(2 * HIDDEN, p.get("eigenvalues").size());
                assertEquals(p.get("stability").asText().equals("stable"), p.get("eigenvalues").get(0).get("modulus").asDouble() < 1, p.toString());
            }
        }
        assertTrue(d.get("inputs").findValues("points").stream().mapToInt(JsonNode::size).sum() > 0, "some fixed or slow point: " + d.get("inputs"));

        JsonNode job = s.post("/api/models/" + model + "/dynamics/jobs", "").json();
        assertEquals("done", job.get("status").asText(), "cached by the request above: " + job);
        assertEquals(d, job.get("result"));
    }

    @Test
    void aUnitCardHasItsContextsHistogramAndAblationOverTheTestText() {
        JsonNode card = s.get("/api/models/" + model + "/layers/0/units/3/card?vector=cell").ok();
        assertEquals(10, card.get("top").size());
        assertEquals(10, card.get("bottom").size());
        assertEquals(card.get("max").asDouble(), card.get("top").get(0).get("value").asDouble(), 1e-12);
        assertEquals(card.get("min").asDouble(), card.get("bottom").get(0).get("value").asDouble(), 1e-12);
        for (int k = 1; k < 10; k++) assertTrue(card.get("top").get(k).get("value").asDouble() <= card.get("top").get(k - 1).get("value").asDouble());
        for (JsonNode c : card.get("top")) assertTrue(vocabulary.contains(c.get("ch").asText()), c.toString());
        int counted = 0;
        for (JsonNode n : card.get("histogram").get("counts")) counted += n.asInt();
        assertEquals(card.get("samples").asInt(), counted, "the histogram counts every value");
        JsonNode ablation = card.get("ablation");
        for (String field : new String[] {"nextCharacterAccuracy", "zeroNextCharacterAccuracy", "meanNextCharacterAccuracy"}) {
            double a = ablation.get(field).asDouble();
            assertTrue(a > 0 && a <= 1, field + " " + a);
        }
        JsonNode explanation = card.get("explanation");
        if (!explanation.isNull()) {
            assertTrue(Set.of("line_position", "indent").contains(explanation.get("variable").asText())
                    || s.get("/api/models/" + model + "/probes?limit=1").json().get("variables").has(explanation.get("variable").asText()), explanation.toString());
            assertTrue(explanation.get("simulationScore").asDouble() <= 1, explanation.toString());
        }
    }

    /**
     * Integrated gradients on this model, trained for a few seconds (so not the same model on every machine), answer honestly: complete
     * within 1%, or saying they are not after halving the path where it could. Their completeness error is computed from their own sums as
     * documented: relative to f(x) − f(0), but never to less than the floor. Completeness at 64 steps on a dataset model trained for a
     * fixed number of steps is AttributionTest's. Gradient × input answers too.
     */
    @Test
    void integratedGradientsSayHowCompleteTheyAreAndGradientTimesInputAnswers() throws Exception {
        for (String input : new String[] {"if (x1 > 0) {\n    call(", lstmexplorer.TestTexts.code(300, 3).substring(400, 460)}) {
            for (int steps : new int[] {64, 512}) {
                JsonNode a = integratedGradients(input, steps);
                assertEquals(steps, a.get("stepsRequested").asInt());
                boolean complete = a.get("complete").asBoolean();
                assertEquals(a.get("completenessError").asDouble() <= 0.01, complete, a.toString());
                if (!complete) assertTrue(a.get("nodesEvaluated").asInt() > steps, "not complete only after halving the path: " + a);
            }
        }
        String input = "if (x1 > 0) {\n    call(";
        JsonNode g = s.post("/api/models/" + model + "/attribution", "{\"input\":" + json(input) + ",\"target\":" + (input.length() - 1)
                + ",\"method\":\"gradient_x_input\"}").ok();
        assertEquals(g.get("read").size(), g.get("attributions").size());
        for (JsonNode v : g.get("attributions")) assertTrue(Double.isFinite(v.asDouble()), g.toString());
        assertTrue(g.get("complete").isNull(), g.toString());
    }

    /** Integrated gradients of the last character's log-probability, its own sums and completeness error checked. */
    private static JsonNode integratedGradients(String input, int steps) throws Exception {
        JsonNode a = s.post("/api/models/" + model + "/attribution", "{\"input\":" + json(input) + ",\"target\":" + (input.length() - 1)
                + ",\"steps\":" + steps + "}").ok();
        assertEquals(a.get("read").size(), a.get("attributions").size());
        double sum = 0;
        for (JsonNode v : a.get("attributions")) sum += v.asDouble();
        assertEquals(sum, a.get("sum").asDouble(), 1e-9);
        double change = a.get("value").asDouble() - a.get("baselineValue").asDouble();
        assertTrue(a.get("value").asDouble() < 0 && a.get("baselineValue").asDouble() < 0, "log-probabilities: " + a);
        assertEquals(Math.abs(sum - change), a.get("completenessGap").asDouble(), 1e-9, a.toString());
        assertEquals(Math.abs(sum - change) / Math.max(Math.abs(change), 0.01), a.get("completenessError").asDouble(), 1e-9, a.toString());
        return a;
    }

    @Test
    void patchingTheFullStateMakesTheBaseContinueAsTheSourceAndTheEffectMapCoversEveryUnit() throws Exception {
        String base = "call(\"s1\");", source = "    if (x2 > 0) {";
        JsonNode p = s.post("/api/models/" + model + "/patch", "{\"base\":" + json(base) + ",\"source\":" + json(source)
                + ",\"patches\":[{\"layer\":0,\"vector\":\"state\",\"units\":\"all\"}],\"max\":20}").ok();
        assertEquals(p.get("sourceRun").get("text").asText(), p.get("patchedRun").get("text").asText(), p.toString());
        for (JsonNode prob : p.get("patchedRun").get("probabilities")) assertTrue(prob.asDouble() > 0 && prob.asDouble() <= 1, p.toString());

        JsonNode e = s.post("/api/models/" + model + "/patch/effects", "{\"base\":" + json(base) + ",\"source\":" + json(source)
                + ",\"vector\":\"cell\",\"max\":5}").ok();
        assertEquals(HIDDEN, e.get("effects").size(), "one row per unit");
        assertEquals(e.get("read").size(), e.get("effects").get(0).size(), "one column per base timestep");
        int finite = 0;
        for (JsonNode row : e.get("effects")) for (JsonNode v : row) if (!v.isNull() && Double.isFinite(v.asDouble())) finite++;
        assertTrue(finite > 0, e.toString());
        assertTrue(Double.isFinite(e.get("fullState").asDouble()) && Double.isFinite(e.get("unpatched").asDouble()), e.toString());
    }
}
