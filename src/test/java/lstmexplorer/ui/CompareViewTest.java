package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class CompareViewTest extends BrowserTest {
    private static String gru;

    @BeforeAll
    static void trainAGru() throws Exception {
        gru = UiServer.trainModel("counter", "gru", 4, 2);
    }

    private int cols(String css) {
        return Integer.parseInt(browser.find(css).getAttribute("data-cols"));
    }

    private List<String> vectorsOf(String side) {
        return browser.findAll("#controls-" + side + " .segment").stream().map(b -> b.getAttribute("data-value")).collect(Collectors.toList());
    }

    private void waitForBoth() {
        browser.waitForHeatmap("#heatmap-canvas-a");
        browser.waitForHeatmap("#heatmap-canvas-b");
    }

    @Test
    void anLstmAndAGruReadTheSameInputSideBySide() throws Exception {
        String first = UiServer.getJson("/api/tasks/counter/samples?split=test&n=1").get("sequences").get(0).asText().replaceAll("\n+$", "");
        browser.open("/compare?a=counter&b=" + gru);
        waitForBoth();
        // the same input, one column per timestep (the start token, then each character) in every heat map
        assertEquals(first.length() + 1, cols("#heatmap-canvas-a"));
        assertEquals(cols("#heatmap-canvas-a"), cols("#heatmap-canvas-b"));
        assertEquals(cols("#heatmap-canvas-a"), cols("#probs-canvas-a"));
        assertEquals(cols("#heatmap-canvas-b"), cols("#probs-canvas-b"));
        assertEquals(browser.find("#heatmap-canvas-a").getAttribute("data-col-width"), browser.find("#heatmap-canvas-b").getAttribute("data-col-width"));
        assertEquals(browser.find("#heatmap-canvas-a").getLocation().getX(), browser.find("#heatmap-canvas-b").getLocation().getX(), "columns line up");
        assertEquals(first, browser.find("#playground-input").getAttribute("value"));

        // each picker offers the vectors its cell records; both start on the hidden state
        List<String> lstm = vectorsOf("a");
        List<String> gruVectors = vectorsOf("b");
        assertNotEquals(lstm, gruVectors);
        assertTrue(lstm.contains("forget_gate") && lstm.contains("cell"), lstm.toString());
        assertTrue(gruVectors.contains("reset_gate") && gruVectors.contains("update_gate") && !gruVectors.contains("cell"), gruVectors.toString());
        assertEquals("hidden", browser.find("#controls-a .segment.active").getAttribute("data-value"));
        assertEquals("hidden", browser.find("#controls-b .segment.active").getAttribute("data-value"));
        assertEquals(10, Integer.parseInt(browser.find("#heatmap-canvas-a").getAttribute("data-rows")));
        assertEquals(4, Integer.parseInt(browser.find("#heatmap-canvas-b").getAttribute("data-rows")));

        // the training curves overlaid: one line per model in each chart, with a key naming them
        browser.waitFor(d -> d.findElements(By.cssSelector("#accuracy-chart path.line")).size() == 2);
        assertEquals(2, browser.findAll("#loss-chart path.line").size());
        String key = browser.find("#accuracy-chart .linechart-key").getText();
        assertTrue(key.contains("counter") && key.contains(gru), key);

        // a typed input goes to both, and into the address
        WebElement input = browser.find("#playground-input");
        input.clear();
        input.sendKeys("aaaaaaX");
        browser.waitFor(d -> "8".equals(d.findElement(By.id("heatmap-canvas-a")).getAttribute("data-cols"))
                && "8".equals(d.findElement(By.id("heatmap-canvas-b")).getAttribute("data-cols")));
        assertTrue(browser.url().contains("input=aaaaaaX"), browser.url());

        // Generate: both continuations against the task's
        browser.find("#generate").click();
        WebElement generation = browser.waitFor(d -> {
            WebElement g = d.findElement(By.id("compare-generation"));
            return g.isDisplayed() ? g : null;
        });
        assertEquals(2, generation.findElements(By.cssSelector(".generation-model")).size());
        assertEquals(1, generation.findElements(By.cssSelector(".generation-expected")).size());
        assertTrue(generation.getText().contains("bbbbbb"), "the correct continuation: " + generation.getText());
        assertEquals(2, generation.findElements(By.cssSelector(".generation-verdict")).size());
        browser.screenshot("compare");
        browser.fullPageScreenshot("compare-full");
        browser.assertNoConsoleErrors("compare view");

        // another vector on one side only; the address keeps it
        browser.find("#controls-b .segment[data-value='update_gate']").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("vectorB=update_gate"));
        assertTrue(browser.find("#legend-b").getText().contains("update gate"));
        assertTrue(browser.find("#legend-a").getText().contains("hidden state"));
        browser.driver.navigate().refresh();
        browser.waitFor(d -> "8".equals(d.findElement(By.id("heatmap-canvas-b")).getAttribute("data-cols")));
        assertEquals("update_gate", browser.find("#controls-b .segment.active").getAttribute("data-value"));
        assertEquals("aaaaaaX", browser.find("#playground-input").getAttribute("value"));
        browser.assertNoConsoleErrors("compare view after reload");
    }

    @Test
    void hoveringATimestepMarksItInBothModels() {
        browser.open("/compare?a=counter&b=" + gru + "&input=aaabbX");
        waitForBoth();
        WebElement canvas = browser.find("#heatmap-canvas-a");
        int label = Integer.parseInt(canvas.getAttribute("data-label-width"));
        int header = Integer.parseInt(canvas.getAttribute("data-header-height"));
        double colWidth = Double.parseDouble(canvas.getAttribute("data-col-width"));
        int x = (int) Math.round(label + 3 * colWidth + colWidth / 2) - canvas.getSize().getWidth() / 2;
        int y = header + 4 - canvas.getSize().getHeight() / 2;
        new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(canvas, x, y).perform();
        WebElement tip = browser.waitFor(d -> {
            WebElement t = d.findElement(By.cssSelector("#heatmap-a .heatmap-tooltip"));
            return t.isDisplayed() ? t : null;
        });
        assertTrue(tip.getText().contains("t 3"), tip.getText());
        for (String other : new String[] {"#heatmap-canvas-b", "#probs-canvas-a", "#probs-canvas-b"})
            assertEquals("3", browser.find(other).getAttribute("data-hover-col"), other + " marks the same timestep");
    }

    @Test
    void modelsWithDifferentVocabulariesCompareOnAnInputBothRead() throws Exception {
        browser.open("/compare?a=counter&b=selective_counter");
        waitForBoth(); // aaaXbbb is valid for both, though selective_counter also reads Y
        WebElement note = browser.waitForElement("#vocab-notice .notice-info");
        assertTrue(note.getText().contains("Both read ⏎ X a b"), note.getText());
        assertTrue(browser.findAll(".notice-error").isEmpty(), "no error: the two compare");
        WebElement input = browser.find("#playground-input");
        input.clear();
        input.sendKeys("aaYX");
        String status = browser.waitForText("#playground-status .playground-error", 10);
        assertEquals("‘Y’ is not in counter's vocabulary — not sent.", status, "names the model that lacks the character");
        browser.screenshot("compare-vocabularies");
        browser.assertNoConsoleErrors("compare view with two vocabularies");
    }

    @Test
    void compareWithPicksAModelThatFitsAndListsTheClosestFirst() throws Exception {
        browser.open("/compare?a=counter");
        waitForBoth();
        String b = browser.url().replaceAll(".*[?&]b=([^&]+).*", "$1");
        assertTrue(b.startsWith("counter"), "a model of the same task: " + b);
        List<String> options = browser.findAll("#pick-b option").stream().map(o -> o.getAttribute("value"))
                .filter(id -> !id.equals("counter")).toList(); // A itself comes last
        int lastCounter = -1, firstOther = Integer.MAX_VALUE;
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).startsWith("counter")) lastCounter = i;
            else firstOther = Math.min(firstOther, i);
        }
        assertTrue(lastCounter < firstOther, "models of the same task come first: " + options);
        assertTrue(browser.findAll(".notice-error").isEmpty());

        // nothing else reads a model of "é" and "ü" (not even the code model, which reads every ASCII character): the page
        // opens on the picker, not on an error
        var imported = UiServer.postJson("/api/models/import?name=umlaut", "{\"vocab\": [\"\\n\", \"é\", \"ü\"], \"state_dict\": {"
                + "\"lstm.weight_ih_l0\": [[0,0,0],[0,0,0],[0,0,0],[0,0,0]], \"lstm.weight_hh_l0\": [[0],[0],[0],[0]],"
                + "\"lstm.bias_ih_l0\": [0,0,0,0], \"lstm.bias_hh_l0\": [0,0,0,0],"
                + "\"decoder.weight\": [[0],[0],[0]], \"decoder.bias\": [0,0,0]}}");
        String alone = imported.get("id").asText();
        try {
            browser.open("/compare?a=" + alone);
            browser.waitFor(d -> "picker".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")), 20);
            assertEquals("pick-b", browser.js("return document.activeElement.id;"));
            assertTrue(browser.find("#model-b").getText().contains("No other model reads every character " + alone + " reads"),
                    browser.find("#model-b").getText());
            assertTrue(browser.findAll(".notice-error").isEmpty(), "no red box to open on");
            browser.assertNoConsoleErrors("compare with…");
        } finally {
            UiServer.deleteModel(alone, imported.get("ownerToken").asText());
        }
    }

    @Test
    void pickingAnotherModelKeepsTheRestOfTheAddress() {
        browser.open("/compare?a=counter&b=" + gru + "&input=aaX");
        waitForBoth();
        new org.openqa.selenium.support.ui.Select(browser.find("#pick-b")).selectByValue("counter");
        browser.waitFor(d -> d.getCurrentUrl().contains("b=counter") && d.getCurrentUrl().contains("input=aaX"));
        waitForBoth();
        assertEquals(vectorsOf("a"), vectorsOf("b"));
    }

    @Test
    void theModelPageLinksHereAndTheNavToo() {
        browser.open("/models/counter");
        WebElement link = browser.waitForElement("#compare-link");
        assertTrue(link.getAttribute("href").endsWith("/compare?a=counter"), link.getAttribute("href"));
        link.click();
        waitForBoth();
        assertTrue(browser.url().contains("a=counter") && browser.url().contains("b="), browser.url());
        assertEquals("Compare", browser.find(".site-nav a.active").getText());
        assertFalse(browser.findAll(".site-nav a[href='/scoreboard']").isEmpty());
    }

    @Test
    void anUnknownModelIsAReadableMessage() {
        browser.open("/compare?a=no-such-model&b=counter");
        WebElement error = browser.waitForElement("#notice .notice-error");
        assertTrue(error.getText().contains("no-such-model"), error.getText());
        waitForBoth();
    }
}
