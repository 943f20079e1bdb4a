package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** What a newcomer does on a model page at 1280 px: Back, the tabs, a bad character, the example, the plain errors. */
class NavigationTest extends BrowserTest {
    private static void waitForUrl(String part, boolean present) {
        browser.waitFor(d -> d.getCurrentUrl().contains(part) == present, 10);
    }

    @Test
    void backStepsThroughTheChoicesNotTheKeystrokes() throws Exception {
        browser.open("/");
        browser.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")), 60);
        browser.open("/models/counter");
        browser.waitForHeatmap("#unit-heatmap");
        browser.find("#toolbar .segment[data-value='hidden']").click();
        waitForUrl("vector=hidden", true);
        browser.waitFor(d -> !d.findElements(By.id("tab-sweep")).isEmpty());
        browser.find("#tab-sweep").click();
        waitForUrl("tab=sweep", true);
        WebElement input = browser.find("#playground-input");
        input.sendKeys("aaX");
        waitForUrl("input=aaX", true);

        browser.driver.navigate().back(); // the typing replaced the entry: Back undoes the tab
        waitForUrl("tab=sweep", false);
        browser.waitForHeatmap("#unit-heatmap");
        assertTrue(browser.url().contains("vector=hidden"), browser.url());
        assertEquals("true", browser.find("#tab-probes").getAttribute("aria-selected"));
        browser.driver.navigate().back();
        waitForUrl("vector=hidden", false);
        browser.waitForHeatmap("#unit-heatmap");
        assertEquals("cell", browser.find("#toolbar .segment.active").getAttribute("data-value"));
        browser.driver.navigate().back();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/"), 10);
        browser.driver.navigate().forward();
        browser.waitForHeatmap("#unit-heatmap");
        assertTrue(browser.url().matches(".*/models/counter(\\?vector=cell)?$"), "the page as first opened: " + browser.url());
        browser.assertNoConsoleErrors("back and forward");
    }

    @Test
    void findTheNeuronOpensOnTheProbesAndItsTabsFollowTheArrowKeys() throws Exception {
        browser.open("/models/counter");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#probe-table tbody tr")).isEmpty(), 60);
        WebElement probes = browser.find("#tab-probes");
        assertEquals("true", probes.getAttribute("aria-selected"), "the probe leaderboard is open by default");
        assertEquals("0", probes.getAttribute("tabindex"));
        probes.click();
        assertEquals("true", probes.getAttribute("aria-selected"), "clicking the open tab keeps it open");
        assertTrue(browser.find("#analysis-probes").isDisplayed());
        probes.sendKeys(Keys.ARROW_RIGHT);
        assertEquals("tab-intervene", browser.js("return document.activeElement.id;"));
        assertEquals("true", browser.find("#tab-intervene").getAttribute("aria-selected"));
        assertEquals("-1", browser.find("#tab-probes").getAttribute("tabindex"));
        String last = browser.js("const tabs = document.querySelectorAll('[role=tab]'); return tabs[tabs.length - 1].id;").toString();
        browser.find("#tab-intervene").sendKeys(Keys.END);
        assertEquals("true", browser.find("#" + last).getAttribute("aria-selected"), "End opens the last tab");
        browser.find("#" + last).sendKeys(Keys.ARROW_RIGHT);
        assertEquals("true", browser.find("#tab-probes").getAttribute("aria-selected"), "the arrows wrap around");
        browser.find("#tab-probes").sendKeys(Keys.ARROW_LEFT);
        assertEquals("true", browser.find("#" + last).getAttribute("aria-selected"));
        browser.find("#" + last).sendKeys(Keys.HOME);
        assertEquals("tab-probes", browser.js("return document.activeElement.id;"));
        assertEquals("analysis-probes", browser.find("#tab-probes").getAttribute("aria-controls"));
        browser.assertNoConsoleErrors("tabs");
    }

    @Test
    void aCharacterTheModelCannotReadDimsTheLastValidTrace() throws Exception {
        browser.open("/models/counter?input=aaX");
        browser.waitForHeatmap("#unit-heatmap");
        browser.waitFor(d -> d.findElement(By.id("heatmap-title")).getText().contains("your sequence"));
        assertFalse("true".equals(browser.find("#trace-view").getAttribute("data-stale")));
        browser.find("#playground-input").sendKeys("z");
        browser.waitFor(d -> "true".equals(d.findElement(By.id("trace-view")).getAttribute("data-stale")), 10);
        assertTrue(browser.find("#heatmap-title").getText().endsWith("— the last valid input, not what is typed"),
                browser.find("#heatmap-title").getText());
        String opacity = (String) browser.js("return getComputedStyle(document.querySelector('#heatmap')).opacity;");
        assertTrue(Double.parseDouble(opacity) < 0.5, "dimmed: opacity " + opacity);
        browser.find("#playground-input").sendKeys(Keys.BACK_SPACE);
        browser.waitFor(d -> "false".equals(d.findElement(By.id("trace-view")).getAttribute("data-stale")), 10);
        browser.screenshot("network-valid-again");
        browser.assertNoConsoleErrors("stale trace");
    }

    @Test
    void theSequenceBoxSuggestsTheTasksOwnExample() throws Exception {
        JsonNode vocab = UiServer.getJson("/api/models/state_memorizer").get("vocab");
        browser.open("/models/state_memorizer");
        browser.waitForHeatmap("#unit-heatmap");
        String placeholder = browser.find("#playground-input").getAttribute("placeholder");
        assertTrue(placeholder.startsWith("type e.g. "), placeholder);
        String example = placeholder.substring("type e.g. ".length(), placeholder.indexOf(" — "));
        for (char ch : example.toCharArray()) {
            boolean known = false;
            for (JsonNode v : vocab) known |= v.asText().equals(String.valueOf(ch));
            assertTrue(known, "the example '" + example + "' is one the state memorizer reads");
        }
    }

    @Test
    void probeTextAndInterventionErrorsSpeakPlainly() throws Exception {
        browser.open("/models/copy_machine");
        String intro = browser.waitForText("#analysis-probes .analysis-intro", 60);
        assertFalse(intro.contains("counter"), "no counter on the copy machine: " + intro);
        assertTrue(intro.matches("(?s).*if the unit really carries ‘\\w+’ as the probes say.*"), intro);

        browser.open("/models/counter?tab=intervene");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#intervention-rows input[type='number']")).isEmpty(), 20);
        browser.js("const u = document.querySelector('#intervention-rows input[type=\"number\"]'); u.value = '99';"
                + "u.dispatchEvent(new Event('change'));");
        browser.find("#intervention-run").click();
        String error = browser.waitFor(d -> {
            String text = d.findElement(By.id("intervention-result")).getText();
            return text.contains("does not exist") ? text : null;
        }, 20);
        assertTrue(error.contains("Unit 99 does not exist; this layer has units 0–9."), error);
        assertFalse(error.contains("interventions[0]"), error);
        browser.assertNoScriptErrors("plain errors");
    }

    @Test
    void selectAndMatchOpensOnASelectionThatFindsSomething() throws Exception {
        browser.open("/models/counter?tab=hypothesis");
        String selection = browser.waitForText("#analysis-hypothesis .hypothesis-selection", 60);
        assertFalse(selection.contains("no unit"), selection);
        assertFalse(browser.findAll("#match-table tbody tr").isEmpty(), "matches in the test set");
        assertTrue(browser.url().contains("hf=") && browser.url().contains("ht="), "the range it picked is in the address: " + browser.url());
        browser.assertNoConsoleErrors("select & match");
    }
}
