package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

class NetworkViewTest extends BrowserTest {
    @Test
    void drawsOneRowPerUnitAndOneColumnPerTimestep() throws Exception {
        JsonNode model = UiServer.getJson("/api/models/counter");
        JsonNode traces = UiServer.getJson("/api/models/counter/trace?sample=test&n=6&layer=0&vectors=cell").get("traces");
        int timesteps = 0;
        for (JsonNode trace : traces) timesteps += trace.get("input").asText().codePointCount(0, trace.get("input").asText().length());

        browser.open("/models/counter");
        WebElement canvas = browser.waitForHeatmap("#unit-heatmap");
        assertEquals(model.get("hidden").asInt(), Integer.parseInt(canvas.getAttribute("data-rows")));
        assertEquals(timesteps, Integer.parseInt(canvas.getAttribute("data-cols")));
        WebElement probabilities = browser.waitForHeatmap("#probability-heatmap");
        assertEquals(model.get("vocab").size(), Integer.parseInt(probabilities.getAttribute("data-rows")));
        assertEquals(timesteps, Integer.parseInt(probabilities.getAttribute("data-cols")));
        assertFalse(browser.findAll(".legend-gradient").isEmpty(), "a colour legend");
        assertTrue(browser.find("#heatmap-legend").getText().contains("clipped"), "cell legend states the clipping");
        // the unit search's example names a unit of this layer
        assertEquals("unit " + (model.get("hidden").asInt() - 1), browser.find("#find-unit").getAttribute("placeholder"));
        browser.screenshot("network");
        browser.assertNoConsoleErrors("network view");
    }

    @Test
    void hoverShowsValueAndCharacter() {
        browser.open("/models/counter");
        WebElement canvas = browser.waitForHeatmap("#unit-heatmap");
        browser.pointAt(canvas, 0, 1).perform();
        WebElement tip = browser.waitFor(d -> {
            WebElement t = d.findElement(By.cssSelector(".heatmap-tooltip"));
            return t.isDisplayed() ? t : null;
        });
        assertTrue(tip.getText().contains("unit 0"), tip.getText());
        assertTrue(tip.getText().matches("(?s).*‘.’.*"), "shows the character read: " + tip.getText());
        assertTrue(tip.getText().matches("(?s).*\\d\\.\\d{3}.*"), "shows the value: " + tip.getText());
    }

    @Test
    void clickingAUnitOpensItsNeuronViewAndArrowsMoveBetweenUnits() throws Exception {
        browser.open("/models/counter");
        WebElement canvas = browser.waitForHeatmap("#unit-heatmap");
        browser.pointAt(canvas, 2, 3).click().perform();
        browser.waitFor(d -> d.getCurrentUrl().contains("/models/counter/layers/0/units/2"));
        WebElement neuron = browser.waitForHeatmap("#neuron-heatmap");
        JsonNode model = UiServer.getJson("/api/models/counter");
        assertEquals(model.get("vectors").get(0).size(), Integer.parseInt(neuron.getAttribute("data-rows")));
        assertEquals("unit 2", browser.find("#unit-label").getText());
        browser.find("body").sendKeys(Keys.ARROW_RIGHT);
        browser.waitFor(d -> d.getCurrentUrl().contains("/units/3"));
        assertEquals("unit 3", browser.find("#unit-label").getText());
        assertFalse(browser.findAll("#linechart path.line").isEmpty(), "cell and hidden lines");
        browser.screenshot("neuron");
        browser.assertNoConsoleErrors("neuron view");
        // the address reproduces the view
        browser.driver.navigate().refresh();
        browser.waitForHeatmap("#neuron-heatmap");
        assertEquals("unit 3", browser.find("#unit-label").getText());
    }

    @Test
    void typingInThePlaygroundRetracesAndGenerateMarksTheDivergence() throws Exception {
        browser.open("/models/counter");
        WebElement canvas = browser.waitForHeatmap("#unit-heatmap");
        int before = Integer.parseInt(canvas.getAttribute("data-cols"));
        String input = "a".repeat(19) + "X";
        browser.find("#playground-input").sendKeys(input);
        browser.waitFor(d -> "21".equals(d.findElement(By.cssSelector("#unit-heatmap")).getAttribute("data-cols")));
        assertFalse(before == 21);
        assertTrue(browser.url().contains("input=" + input), browser.url());
        browser.find("#generate").click();
        WebElement generation = browser.waitFor(d -> {
            WebElement g = d.findElement(By.id("generation"));
            return g.isDisplayed() ? g : null;
        });
        assertTrue(generation.getText().toLowerCase().contains("model"), generation.getText());
        assertTrue(generation.getText().contains("a".repeat(19) + "X"), "the prefix, as text");
        assertFalse(generation.findElements(By.cssSelector(".generation-verdict")).isEmpty());
        browser.screenshot("playground");
        browser.assertNoConsoleErrors("playground");

        // the continuation itself can be traced
        browser.find("#trace-generation").click();
        browser.waitFor(d -> Integer.parseInt(d.findElement(By.cssSelector("#unit-heatmap")).getAttribute("data-cols")) > 21);
        assertTrue(browser.find("#generation").isDisplayed(), "the generation stays visible");
        browser.find("#playground-input").clear();
        browser.find("#playground-input").sendKeys(input);
        browser.waitFor(d -> "21".equals(d.findElement(By.cssSelector("#unit-heatmap")).getAttribute("data-cols")));

        // reload: the same input comes back from the address
        browser.driver.navigate().refresh();
        browser.waitFor(d -> "21".equals(d.findElement(By.cssSelector("#unit-heatmap")).getAttribute("data-cols")));
        assertEquals(input, browser.find("#playground-input").getAttribute("value"));
    }

    @Test
    void viewStateComesFromTheAddress() {
        browser.open("/models/counter?vector=forget_gate&hide=1&input=aaX&unit=1");
        browser.waitFor(d -> "4".equals(d.findElement(By.cssSelector("#unit-heatmap")).getAttribute("data-cols")));
        assertEquals("forget_gate", browser.find(".segment.active").getAttribute("data-value"));
        assertFalse(browser.find("#chars").isSelected());
        assertEquals("1", browser.find("#unit-heatmap").getAttribute("data-selected-row"));
        assertTrue(browser.find("#heatmap-legend").getText().contains("forget gate"));
        browser.find("body").sendKeys(Keys.ARROW_DOWN);
        browser.waitFor(d -> d.getCurrentUrl().contains("unit=2"));
    }

    @Test
    void charactersOutsideTheVocabularyAreFlaggedAndNotSent() {
        browser.open("/models/counter");
        browser.waitForHeatmap("#unit-heatmap");
        browser.find("#playground-input").sendKeys("aaZX");
        WebElement status = browser.waitFor(d -> {
            WebElement s = d.findElement(By.id("playground-status"));
            return s.getText().contains("not in this model") ? s : null;
        });
        assertEquals("Z", status.findElement(By.cssSelector(".echo-char.bad")).getText());
        assertEquals("true", browser.find("#playground-input").getAttribute("aria-invalid"));
        browser.assertNoConsoleErrors("flagged input (nothing sent, so no 422)");
    }

    @Test
    void scriptInTheSequenceIsShownAsText() {
        String payload = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        browser.open("/models/counter?input=" + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8));
        browser.waitFor(d -> d.findElement(By.id("playground-status")).getText().contains("not in this model"));
        assertEquals(payload, browser.find("#playground-input").getAttribute("value"));
        assertTrue(browser.find("#playground-status .echo").getText().contains("<script>"));
        assertNull(browser.js("return window.__xss === undefined ? null : window.__xss;"));
        assertEquals(0L, browser.js("return document.querySelectorAll('main script, main img').length;"));
        assertEquals(2L, browser.js("return document.scripts.length;"), "only d3 and the page module");
    }

    @Test
    void failedRequestsAppearAsReadableMessages() throws Exception {
        browser.driver.executeCdpCommand("Network.enable", java.util.Map.of());
        browser.driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of("*/api/models/counter/trace*")));
        try {
            browser.open("/models/counter");
            WebElement error = browser.waitForElement(".notice-error");
            assertTrue(error.getText().contains("Could not trace the model"), error.getText());
            assertTrue(browser.find(".model-title").isDisplayed(), "the rest of the page is still there");
            browser.screenshot("error");
        } finally {
            browser.driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of()));
        }
    }

    @Test
    void unknownAddressValuesFallBackToDefaults() {
        browser.open("/models/counter?sample=bogus&n=5000&layer=7");
        WebElement canvas = browser.waitForHeatmap("#unit-heatmap");
        assertEquals("test", new org.openqa.selenium.support.ui.Select(browser.find("#sample")).getFirstSelectedOption().getAttribute("value"));
        assertEquals("10", canvas.getAttribute("data-rows"));
        // a count above the server's limit is held to it, read from /openapi.json
        assertEquals(String.valueOf(lstmexplorer.service.Limits.TRACE_SAMPLES.max()),
                new org.openqa.selenium.support.ui.Select(browser.find("#n")).getFirstSelectedOption().getAttribute("value"));
        browser.assertNoConsoleErrors("network view with odd address values");
    }

    @Test
    void anUnknownModelIsAReadablePage() {
        browser.open("/models/no-such-model");
        assertTrue(browser.find("body").getText().contains("no-such-model"));
    }
}
