package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The guided tours, walked step by step in a browser: every number a step shows is recomputed here from the
 * API's answers for the model shown, and a claim that does not hold on that model must show its honest sentence.
 */
class TourTest extends BrowserTest {
    /** One step as shown: its sentences' text and branch ("plain", "claim" or "honest"). */
    record Shown(int step, String id, List<String> text, List<String> branches, String view, String scale, String selected, String ringed) {
        String all() { return String.join(" ", text); }

        /** The one sentence containing a fragment, for a branch check. */
        int sentenceWith(String fragment) {
            for (int k = 0; k < text.size(); k++) if (text.get(k).contains(fragment)) return k;
            throw new AssertionError("step " + step + " (" + id + ") says nothing with \"" + fragment + "\": " + text);
        }

        /** Asserts the step says the fragment, in a sentence of this branch. */
        void says(String fragment, String branch) {
            assertEquals(branch, branches.get(sentenceWith(fragment)), () -> "branch of \"" + fragment + "\" in step " + step + ": " + text);
        }
    }

    @Test
    void counterTourOnTheGalleryModelShowsTheApisNumbers() throws Exception {
        List<Shown> steps = walk("/tour/counter", 6);
        checkCounter("counter", steps);
        // the model pages and the gallery lead here
        browser.open("/models/counter");
        WebElement link = browser.waitFor(d -> d.findElements(By.id("tour-link")).isEmpty() ? null : d.findElement(By.id("tour-link")), 30);
        assertTrue(link.getAttribute("href").endsWith("/tour/counter"), link.getAttribute("href"));
        browser.open("/");
        browser.waitFor(d -> d.findElements(By.cssSelector(".model-card[data-model-id='counter'] a.card-tour")).isEmpty() ? null : true, 30);
        browser.find(".model-card[data-model-id='counter'] a.card-tour").click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/tour/counter") ? true : null);
        browser.waitFor(d -> "true".equals(d.findElement(By.id("tour")).getAttribute("data-ready")) ? true : null, 60);
        browser.assertNoConsoleErrors("the counter tour");
    }

    @Test
    void stepsAreInTheUrlAndTheArrowKeysMoveBetweenThem() throws Exception {
        browser.open("/tour/counter?step=5");
        waitForStep(5);
        assertEquals("sweep", browser.find("#tour").getAttribute("data-step-id"));
        new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT).perform();
        waitForStep(6);
        assertTrue(browser.url().contains("step=6"), browser.url());
        assertEquals("Done", browser.find("#tour-next").getText());
        new Actions(browser.driver).sendKeys(Keys.ARROW_LEFT).perform();
        waitForStep(5);
        browser.find("#tour-back").click();
        waitForStep(4);
        browser.driver.navigate().back();
        waitForStep(5);
        browser.open("/tour/counter?step=99");
        waitForStep(6);
        browser.assertNoConsoleErrors("tour navigation");
    }

    @Test
    void counterTourOnACounterOfAnotherSeed() throws Exception {
        onNewModel("{\"task\": \"counter\", \"seed\": 2, \"maxSeconds\": 30}", id -> {
            checkCounter(id, walk("/tour/counter?model=" + id, 6));
            assertTrue(browser.find("#tour-open").getAttribute("href").contains("/models/" + id), "links open this model");
        });
    }

    @Test
    void aModelThatHasNotLearnedGetsTheHonestSentences() throws Exception {
        // a learning rate so small that a second of training leaves the weights where they started
        onNewModel("{\"task\": \"counter\", \"seed\": 3, \"maxSeconds\": 1, \"learningRate\": 0.00001}", id -> {
            List<Shown> steps = walk("/tour/counter?model=" + id, 6);
            checkCounter(id, steps);
            assertTrue(steps.stream().anyMatch(s -> s.branches().contains("honest")), "an unlearned model is told apart: " + steps);
            steps.get(4).says("it has not learned to count", "honest");
        });
    }

    interface ModelCheck { void check(String id) throws Exception; }

    /** Trains a model with these settings, checks it, and deletes it again, so the shared server's gallery stays as it was. */
    private static void onNewModel(String request, ModelCheck check) throws Exception {
        String id = UiServer.trainModel(request);
        try {
            check.check(id);
        } finally {
            UiServer.asInstructor("DELETE", "/api/models/" + id);
        }
    }

    @Test
    void theNetworkViewColoursTheCellStateOnTheScaleInTheAddress() throws Exception {
        browser.open("/models/counter?vector=cell&cscale=unit");
        browser.waitForHeatmap("#unit-heatmap");
        assertEquals("cell-unit", browser.find("#heatmap-legend .legend-gradient").getAttribute("data-scale"));
        assertTrue(browser.find("#heatmap-legend").getText().contains("each unit on its own scale"), browser.find("#heatmap-legend").getText());
        browser.find("[data-name='cell-scale'] [data-value='tanh']").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("cscale=tanh") ? true : null);
        assertEquals("cell-tanh", browser.find("#heatmap-legend .legend-gradient").getAttribute("data-scale"));
        browser.find("[data-name='cell-scale'] [data-value='fixed']").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("cscale") ? null : true);
        assertEquals("cell", browser.find("#heatmap-legend .legend-gradient").getAttribute("data-scale"), "the fixed scale is the default");
        assertTrue(browser.find("#heatmap-legend").getText().contains("clipped"), browser.find("#heatmap-legend").getText());
        browser.find("[data-value='hidden']").click();
        browser.waitFor(d -> d.findElement(By.cssSelector("[data-name='cell-scale']")).isDisplayed() ? null : true);
        browser.assertNoConsoleErrors("cell colour scales");
    }

    @Test
    void aModelOfAnotherTaskIsNotToured() throws Exception {
        browser.open("/tour/counter?model=copy_machine");
        String notice = browser.waitForText("#notice", 30);
        assertTrue(notice.contains("/tour/copy_machine"), notice);
        assertTrue(browser.findAll(".tour-sentence").isEmpty(), "no claims about a model the tour is not about");
    }

    // ---- the counter: what each step must say, from the API ----

    private void checkCounter(String id, List<Shown> steps) throws Exception {
        JsonNode model = UiServer.getJson("/api/models/" + id);
        JsonNode top = best(UiServer.getJson("/api/models/" + id + "/probes?limit=1"), "count");
        int layer = top.get("layer").asInt(), unit = top.get("unit").asInt();
        String vector = top.get("vector").asText();
        double r = top.get("r").asDouble();
        boolean clear = Math.abs(r) >= 0.9;

        Shown task = steps.get(0);
        assertTrue(task.all().contains("writes the right b’s for " + pct(model.get("testAccuracy").asDouble()) + " of the test sequences"), task.all());
        assertTrue(task.all().contains("sequences and " + pct(model.get("generalizationAccuracy").asDouble()) + " of the longer ones"), task.all());
        assertTrue(task.all().contains("over 4 test sequences"), task.all());
        assertEquals("trace", task.view());
        assertEquals("cell", task.scale(), "the first view colours the cell state on the fixed scale");

        Shown probe = steps.get(1);
        probe.says("unit " + unit + (clear ? " tracks it" + (r < 0 ? " inversely" : "") + ", r = " : ", has only r = ") + fixed(r), clear ? "claim" : "honest");
        if (!clear) {
            JsonNode ranking = UiServer.getJson("/api/models/" + id + "/probes?layer=" + layer + "&vector=" + vector + "&variable=count&limit=3").get("ranking");
            List<String> units = new ArrayList<>();
            for (JsonNode p : ranking) units.add(p.get("unit").asText());
            probe.says("spread over units " + and(units), "honest");
        }
        JsonNode card = UiServer.getJson("/api/models/" + id + "/layers/" + layer + "/units/" + unit + "/card?vector=" + vector);
        boolean overflows = vector.equals("cell") && card.get("max").asDouble() > 1;
        double accuracy = model.get("testAccuracy").asDouble();
        if (accuracy < 0.9) probe.says("right on only " + pct(accuracy) + " of the test sequences", "plain");
        else assertFalse(probe.all().contains("Mind that"), probe.all());
        assertEquals(String.valueOf(unit), probe.selected(), "the counting unit's row is selected");
        if (vector.equals("cell")) assertEquals("cell-unit", probe.scale(), "the count shows on the per-unit scale");
        probe.says((overflows ? "runs from " : "stay between ") + fixed(card.get("min").asDouble()) + (overflows ? " to " : " and ")
                + fixed(card.get("max").asDouble()), overflows ? "claim" : "honest");

        Shown neuron = steps.get(2);
        JsonNode first = card.get("top").get(0);
        neuron.says("(" + fixed(card.get("max").asDouble()) + ") after “" + shown(first.get("before").asText() + first.get("ch").asText()) + "”",
                clear ? "claim" : "honest");
        JsonNode explanation = card.get("explanation");
        if (!explanation.isNull()) {
            double score = explanation.get("simulationScore").asDouble();
            neuron.says("R² = " + fixed(score), score >= 0.5 ? "claim" : "honest");
        }

        Shown zero = steps.get(3);
        String held = vector.equals("candidate") ? "cell" : vector;
        JsonNode iv = UiServer.postJson("/api/models/" + id + "/intervene", "{\"prefix\": \"aaaaaaX\", \"interventions\": [{\"layer\": " + layer
                + ", \"unit\": " + unit + ", \"vector\": \"" + held + "\", \"mode\": \"zero\", \"from\": 0}]}");
        boolean changes = !iv.get("intervenedGenerated").asText().equals(iv.get("originalGenerated").asText());
        zero.says(changes ? "“" + shown(iv.get("intervenedGenerated").asText()) + "” instead of “" + shown(iv.get("originalGenerated").asText()) + "”"
                : "“" + shown(iv.get("originalGenerated").asText()) + "” both times", changes ? "claim" : "honest");
        double change = iv.get("testAccuracyChange").asDouble();
        zero.says("from " + pct(iv.get("originalTestAccuracy").asDouble()) + " to " + pct(iv.get("intervenedTestAccuracy").asDouble())
                + " (" + points(change) + ")", change <= -0.1 ? "claim" : "honest");
        assertEquals("intervention", zero.view());

        Shown sweep = steps.get(4);
        JsonNode s = UiServer.getJson("/api/models/" + id + "/length-sweep?perSize=20&seed=1");
        checkSweep(id, sweep, "counts right up to %d a's and fails at %d", "It fails at N = %d, inside the range");
        if (s.get("firstFailing").isNull()) {
            assertTrue(sweep.all().contains("every size right, from N = 1 to " + s.get("sizes").get("max").asInt()), sweep.all());
        } else {
            int ff = s.get("firstFailing").asInt();
            JsonNode failure = null;
            for (JsonNode p : s.get("points")) if (p.get("size").asInt() == ff) failure = p;
            sweep.says("Its example at " + ff + " reads “" + shown(failure.get("example").asText()) + "”; the model writes “"
                    + shown(failure.get("examplePredicted").asText()) + "” after the X", "plain");
            sweep.says("right up to 19 a’s", ff - 1 == 19 ? "claim" : "honest");
        }

        Shown sharper = steps.get(5);
        double cr = unitR(id, layer, "cell", unit), hr = unitR(id, layer, "hidden", unit);
        sharper.says("with r = " + fixed(cr) + ", the hidden state with r = " + fixed(hr), Math.abs(cr) > Math.abs(hr) ? "claim" : "honest");
        JsonNode traces = UiServer.getJson("/api/models/" + id + "/trace?sample=test&n=4").get("traces");
        List<Double> c = series(traces, layer, "cell", unit), h = series(traces, layer, "hidden", unit);
        List<Double> tanh = c.stream().map(Math::tanh).toList();
        sharper.says("h follows tanh(c) with r = " + fixed(pearson(h, tanh)) + "; its cell reaches ±" + fixed(maxAbs(c))
                + ", its hidden state only ±" + fixed(maxAbs(h)), "plain");
    }

    @Test
    void selectiveCounterTourShowsTheGateOnXAndOnA() throws Exception {
        String id = "selective_counter";
        List<Shown> steps = walk("/tour/" + id, 5);
        JsonNode model = UiServer.getJson("/api/models/" + id);
        steps.get(0).says("gets " + pct(model.get("testAccuracy").asDouble()) + " of the test sequences right", "plain");
        JsonNode probes = UiServer.getJson("/api/models/" + id + "/probes?limit=1");
        JsonNode top = best(probes, "count");
        int layer = top.get("layer").asInt(), unit = top.get("unit").asInt();
        double r = top.get("r").asDouble();
        steps.get(1).says("unit " + unit + (Math.abs(r) >= 0.9 ? " tracks a's − b's, the X's not counted" : ", has only r = " + fixed(r)),
                Math.abs(r) >= 0.9 ? "claim" : "honest");
        assertEquals(String.valueOf(unit), steps.get(1).selected());

        JsonNode gate = UiServer.getJson("/api/models/" + id + "/layers/" + layer + "/units/" + unit + "/by-input?vector=input_gate");
        JsonNode onA = group(gate, "a", null), onX = group(gate, "X", null);
        double a = onA.get("mean").asDouble(), x = onX.get("mean").asDouble();
        boolean shuts = x < 0.5 && a - x >= 0.3;
        Shown g = steps.get(2);
        assertEquals("bars", g.view());
        if (shuts) g.says("lets the a’s in (" + fixed(a) + " on average over " + onA.get("count").asInt() + " a’s) and shuts on the X ("
                + fixed(x) + " over " + onX.get("count").asInt() + " X’s)", "claim");
        else g.says("does not shut on the X: it is " + fixed(x) + " on average over " + onX.get("count").asInt() + " X’s, against "
                + fixed(a) + " on the a’s", "honest");
        JsonNode isX = best(probes, "is_x");
        g.says(vectorLabel(isX.get("vector").asText()) + " unit " + isX.get("unit").asInt() + " (r = " + fixed(isX.get("r").asDouble()), "plain");

        JsonNode gen = UiServer.postJson("/api/models/" + id + "/generate", "{\"prefix\": \"aaXaXaXaY\", \"max\": 40}");
        Shown copy = steps.get(3);
        copy.says("the model writes “" + shown(gen.get("continuation").asText()) + "”", "plain");
        assertEquals(gen.get("continuation").asText().equals(gen.get("expected").asText()) ? "claim" : "honest", copy.branches().get(1));
        assertEquals(String.valueOf(unit), copy.selected());

        checkSweep(id, steps.get(4), "counts right up to %d a's and fails at %d", "It fails at N = %d, inside the range");
        browser.assertNoConsoleErrors("the selective counter tour");
    }

    @Test
    void stateMemorizerTourPatchesTheMemoryUnit() throws Exception {
        String id = "state_memorizer";
        List<Shown> steps = walk("/tour/" + id, 5);
        JsonNode top = best(UiServer.getJson("/api/models/" + id + "/probes?limit=1"), "state");
        int layer = top.get("layer").asInt(), unit = top.get("unit").asInt();
        double r = top.get("r").asDouble();
        steps.get(1).says("unit " + unit + (Math.abs(r) >= 0.9 ? " separates A from B: it tracks the remembered letter (+1 for A, −1 for B) with r = "
                : ", has only r = ") + fixed(r), Math.abs(r) >= 0.9 ? "claim" : "honest");

        String held = top.get("vector").asText().equals("hidden") ? "hidden" : "cell";
        JsonNode byState = UiServer.getJson("/api/models/" + id + "/layers/" + layer + "/units/" + unit + "/by-input?vector=" + held + "&groupBy=state");
        JsonNode xa = group(byState, "x", 1.0), xb = group(byState, "x", -1.0);
        Shown xs = steps.get(2);
        xs.says("after an A its " + vectorLabel(held) + " is " + fixed(xa.get("mean").asDouble()) + " on average (" + xa.get("count").asInt()
                + " x’s); after a B it is " + fixed(xb.get("mean").asDouble()) + " (" + xb.get("count").asInt() + " x’s)", "plain");
        boolean apart = xa.get("min").asDouble() > xb.get("max").asDouble() || xb.get("min").asDouble() > xa.get("max").asDouble();
        xs.says(fixed(xa.get("min").asDouble()) + (apart ? " and " : " to ") + fixed(xa.get("max").asDouble()), apart ? "claim" : "honest");

        JsonNode patch = UiServer.postJson("/api/models/" + id + "/patch", "{\"base\": \"BxxxxxY\", \"source\": \"AxxxxxY\", \"at\": 6, "
                + "\"sourceAt\": 6, \"patches\": [{\"layer\": " + layer + ", \"vector\": \"state\", \"units\": [" + unit + "]}]}");
        String base = patch.get("baseRun").get("text").asText(), source = patch.get("sourceRun").get("text").asText();
        String patched = patch.get("patchedRun").get("text").asText();
        Shown p = steps.get(3);
        assertEquals("patch", p.view());
        p.says("makes the model write “" + shown(base) + "”, and ⏎AxxxxxY “" + shown(source) + "”", "plain");
        p.says("it writes “" + shown(patched) + "”", patched.equals(source) && !base.equals(source) ? "claim" : "honest");

        JsonNode s = UiServer.getJson("/api/models/" + id + "/length-sweep?perSize=20&seed=1");
        if (s.get("firstFailing").isNull()) steps.get(4).says("up to " + s.get("sizes").get("max").asInt() + " x’s", "plain");
        else checkSweep(id, steps.get(4), "across up to %d x’s and first errs at %d", "It errs already at %d x’s");
        browser.assertNoConsoleErrors("the state memorizer tour");
    }

    @Test
    void copyMachineTourNamesThePositionAndNextLetterUnits() throws Exception {
        String id = "copy_machine";
        List<Shown> steps = walk("/tour/" + id, 5);
        JsonNode model = UiServer.getJson("/api/models/" + id);
        JsonNode probes = UiServer.getJson("/api/models/" + id + "/probes?limit=1");
        int k = 1;
        for (String variable : List.of("position", "next_char")) {
            JsonNode top = best(probes, variable);
            double r = top.get("r").asDouble();
            String where = model.get("layers").asInt() > 1 ? " in layer " + (top.get("layer").asInt() + 1) : "";
            boolean clear = Math.abs(r) >= 0.7;
            String verb = variable.equals("position") ? " follows the copy position" : " predicts the letter due next";
            steps.get(k).says(vectorLabel(top.get("vector").asText()) + " unit " + top.get("unit").asInt() + where
                    + (clear ? verb : ", has only r = " + fixed(r)), clear ? "claim" : "honest");
            steps.get(k).says("r = " + fixed(r), clear ? "claim" : "honest");
            assertEquals(top.get("unit").asText(), steps.get(k).selected());
            k++;
        }
        JsonNode gen = UiServer.postJson("/api/models/" + id + "/generate", "{\"prefix\": \"abcabX\", \"max\": 40}");
        steps.get(3).says("the model writes “" + shown(gen.get("continuation").asText()) + "”", "plain");
        assertEquals(gen.get("continuation").asText().equals(gen.get("expected").asText()) ? "claim" : "honest", steps.get(3).branches().get(1));
        checkSweep(id, steps.get(4), "every word up to %d letters and first errs at %d", "It errs already on words of %d letters");
        browser.assertNoConsoleErrors("the copy machine tour");
    }

    /** The sweep step: the claim past the training range, else the honest sentence, each with the API's first failing size. */
    private static void checkSweep(String id, Shown step, String claim, String honest) throws Exception {
        JsonNode s = UiServer.getJson("/api/models/" + id + "/length-sweep?perSize=20&seed=1");
        assertEquals("sweep", step.view());
        if (s.get("firstFailing").isNull()) {
            assertEquals("", step.ringed(), "no size to ring");
            return;
        }
        int ff = s.get("firstFailing").asInt();
        assertEquals(String.valueOf(ff), step.ringed(), "the first failing size is ringed");
        if (ff > s.get("trainRange").get("max").asInt()) step.says(String.format(claim, ff - 1, ff), "claim");
        else step.says(String.format(honest, ff), "honest");
    }

    private static JsonNode group(JsonNode byInput, String ch, Double variable) {
        for (JsonNode g : byInput.get("groups"))
            if (g.get("ch").asText().equals(ch) && (variable == null || g.get("variable").asDouble() == variable)) return g;
        throw new AssertionError("no group " + ch + " " + variable + " in " + byInput);
    }

    static String vectorLabel(String vector) {
        return switch (vector) {
            case "cell" -> "cell state";
            case "hidden" -> "hidden state";
            case "candidate" -> "candidate memory";
            default -> vector.replace('_', ' ');
        };
    }

    // ---- walking a tour ----

    /** Opens a tour and presses Next through all its steps, reading each. */
    private List<Shown> walk(String path, int count) throws Exception {
        browser.open(path);
        List<Shown> steps = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (k > 1) browser.find("#tour-next").click();
            waitForStep(k);
            assertTrue(browser.url().contains(k == 1 ? "/tour/" : "step=" + k), browser.url());
            assertEquals("step " + k + " of " + count, browser.find("#tour-progress").getText().replaceAll("^.* · ", ""));
            List<String> text = new ArrayList<>(), branches = new ArrayList<>();
            for (WebElement p : browser.findAll("#tour-sentences .tour-sentence")) {
                text.add(p.getText());
                branches.add(p.getAttribute("data-branch"));
            }
            assertTrue(text.size() >= 2 && text.size() <= 4, () -> "2 to 4 sentences: " + text);
            assertTrue(browser.findAll("#tour-sentences .tour-missing").isEmpty(), () -> "a number the API did not answer: " + text);
            assertFalse(browser.findAll("#tour-stage .tour-highlight").isEmpty(), "step " + k + " highlights what to look at");
            browser.fullPageScreenshot("tour-" + path.replaceAll("[^a-z0-9_]+", "-").replaceAll("^-|-$", "") + "-" + k);
            steps.add(new Shown(k, browser.find("#tour").getAttribute("data-step-id"), text, branches,
                    browser.find("#tour-stage").getAttribute("data-view"), attribute("#tour-stage .legend-gradient", "data-scale"),
                    attribute("#tour-stage canvas[data-selected]", "data-selected"), attribute("#tour-stage .tour-ring", "data-size")));
        }
        return steps;
    }

    private static String attribute(String css, String name) {
        List<WebElement> found = browser.findAll(css);
        return found.isEmpty() ? "" : String.valueOf(found.get(0).getAttribute(name));
    }

    private void waitForStep(int k) {
        browser.waitFor(d -> {
            WebElement tour = d.findElement(By.id("tour"));
            String ready = tour.getAttribute("data-ready");
            if ("error".equals(ready)) throw new AssertionError("step " + k + " failed: " + d.findElement(By.id("tour-sentences")).getText());
            return String.valueOf(k).equals(tour.getAttribute("data-step")) && "true".equals(ready) ? true : null;
        }, 90);
    }

    // ---- the API's numbers, written as the page writes them ----

    private static JsonNode best(JsonNode probes, String variable) {
        for (JsonNode p : probes.get("best")) if (p.get("variable").asText().equals(variable)) return p;
        throw new AssertionError("no best unit for " + variable + ": " + probes.get("best"));
    }

    private static double unitR(String id, int layer, String vector, int unit) throws Exception {
        JsonNode ranking = UiServer.getJson("/api/models/" + id + "/probes?layer=" + layer + "&vector=" + vector + "&variable=count&limit=1024")
                .get("ranking");
        for (JsonNode p : ranking) if (p.get("unit").asInt() == unit) return p.get("r").asDouble();
        throw new AssertionError("no probe of " + vector + " unit " + unit);
    }

    static List<Double> series(JsonNode traces, int layer, String vector, int unit) {
        List<Double> out = new ArrayList<>();
        for (JsonNode trace : traces) {
            JsonNode rows = trace.get("layers").get(layer).get("vectors").get(vector);
            for (int t = 1; t < rows.size(); t++) out.add(rows.get(t).get(unit).asDouble());
        }
        return out;
    }

    static double pearson(List<Double> xs, List<Double> ys) {
        int n = xs.size();
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += xs.get(i); my += ys.get(i); }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = xs.get(i) - mx, dy = ys.get(i) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double maxAbs(List<Double> xs) { return xs.stream().mapToDouble(Math::abs).max().orElseThrow(); }

    /** As the page's fixed(v, 2): two decimals, a real minus sign, no "−0.00". */
    static String fixed(double v) {
        String text = new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
        if (text.equals("-0.00")) return "0.00";
        return text.startsWith("-") ? "−" + text.substring(1) : text;
    }

    /** As chars.js percent: one decimal at most. */
    static String pct(double v) {
        double p = Math.round(v * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    static String points(double change) {
        double p = Math.abs(Math.round(change * 1000) / 10.0);
        String number = p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
        return (change > 0 ? "+" : change < 0 ? "−" : "±") + number + " points";
    }

    static String shown(String text) { return text.replace("\n", "⏎"); }

    static String and(List<String> items) {
        if (items.size() <= 1) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
