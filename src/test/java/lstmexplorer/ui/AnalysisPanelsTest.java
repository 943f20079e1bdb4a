package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The "find the neuron" panels under the network heat map, on the gallery counter. */
class AnalysisPanelsTest extends BrowserTest {
    private void showPanel(String id) {
        browser.js("document.getElementById(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -60);", id);
    }

    @Test
    void probeTableNamesTheCounterAndItsClampChangesTheGeneration() throws Exception {
        browser.open("/models/counter?tab=probes");
        browser.waitForHeatmap("#unit-heatmap");
        WebElement best = browser.waitFor(d -> d.findElements(By.cssSelector("#probe-best li")).isEmpty() ? null
                : d.findElement(By.cssSelector("#probe-best li")), 60);
        assertTrue(best.getText().contains("a's − b's"), best.getText());
        WebElement link = best.findElement(By.cssSelector("a.probe-link"));
        assertTrue(link.getAttribute("href").matches(".*/models/counter/layers/0/units/\\d+\\?vector=.*"), link.getAttribute("href"));
        assertFalse(browser.findAll("#probe-table tbody tr").isEmpty());
        showPanel("analysis");
        browser.screenshot("probes");
        browser.assertNoConsoleErrors("probe table");

        best.findElement(By.cssSelector(".probe-clamp")).click();
        WebElement verdict = browser.waitFor(d -> d.findElements(By.id("intervention-verdict")).isEmpty() ? null
                : d.findElement(By.id("intervention-verdict")), 60);
        assertTrue(verdict.getText().contains("changes what the model writes"), verdict.getText());
        List<WebElement> lines = browser.findAll(".intervention-generations .generation-seq");
        assertNotEquals(lines.get(0).getText(), lines.get(1).getText(), "original and intervened generations differ");
        assertTrue(browser.url().contains("tab=intervene") && browser.url().contains("iv="), "the demo is in the URL: " + browser.url());
        assertTrue(browser.find(".intervention-accuracy").getText().contains("→"));
        showPanel("analysis");
        browser.screenshot("intervention");
        browser.assertNoConsoleErrors("intervention");
    }

    @Test
    void neuronViewSaysWhatTheUnitTracks() throws Exception {
        browser.open("/models/counter?tab=probes");
        WebElement link = browser.waitFor(d -> d.findElements(By.cssSelector("#probe-best li a.probe-link")).isEmpty() ? null
                : d.findElement(By.cssSelector("#probe-best li a.probe-link")), 60);
        link.click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/layers/") ? true : null);
        WebElement best = browser.waitFor(d -> {
            WebElement p = d.findElement(By.id("unit-best"));
            return p.isDisplayed() && p.getText().contains("Best match") ? p : null;
        }, 60);
        assertTrue(best.getText().contains("a's − b's"), best.getText());
        browser.assertNoConsoleErrors("neuron view");
    }

    @Test
    void lengthSweepOpensTheFailureInThePlayground() throws Exception {
        browser.open("/models/counter?tab=sweep");
        browser.waitForHeatmap("#unit-heatmap");
        browser.waitFor(d -> d.findElements(By.cssSelector(".sweep-point")).size() == 30 ? true : null, 60);
        showPanel("analysis");
        browser.screenshot("sweep");
        List<WebElement> open = browser.findAll("#sweep-open-failure");
        if (!open.isEmpty()) {
            open.get(0).click();
            browser.waitFor(d -> d.getCurrentUrl().contains("input=") ? true : null);
            String value = browser.find("#playground-input").getAttribute("value");
            assertTrue(value.endsWith("X") && value.startsWith("a"), value);
            browser.waitFor(d -> d.findElement(By.id("generation")).isDisplayed() ? true : null);
        }
        browser.assertNoConsoleErrors("length sweep");
    }

    @Test
    void saturationGradientHypothesisAndReplayDraw() throws Exception {
        browser.open("/models/counter?tab=saturation");
        browser.waitFor(d -> d.findElements(By.cssSelector(".saturation-dot")).size() >= 30 ? true : null, 60);
        assertEquals(3, browser.findAll(".saturation-plot").size(), "input, forget and output gates");
        showPanel("analysis");
        browser.screenshot("saturation");

        browser.open("/models/counter?tab=gradient&input=aaaaXbbbb");
        browser.waitFor(d -> d.findElements(By.cssSelector("#gradient-strip .gradient-cell")).size() > 0 ? true : null, 60);
        assertTrue(browser.find(".gradient-legend").getText().contains("log scale"));
        browser.find("#gradient-strip .gradient-col[data-k='5'] .gradient-hit").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("gt=5") ? true : null);
        showPanel("analysis");
        browser.screenshot("gradient");

        browser.open("/models/counter?tab=hypothesis&input=aaaaXbbbb&vector=hidden&hf=1&ht=4&thr=0.3");
        browser.waitFor(d -> d.findElement(By.id("hypothesis-result")).getText().contains("throughout") ? true : null, 60);
        showPanel("analysis");
        browser.screenshot("hypothesis");

        browser.open("/models/counter?tab=replay&input=aaaXbbb");
        browser.waitFor(d -> !d.findElements(By.id("replay-slider")).isEmpty() || !d.findElements(By.id("replay-empty")).isEmpty() ? true : null, 60);
        assertFalse(browser.findAll("#replay-slider").isEmpty(), "the gallery model was trained by the server, so it kept snapshots");
        browser.waitForHeatmap("#analysis-replay canvas.heatmap-canvas");
        showPanel("analysis");
        browser.screenshot("replay");
        browser.assertNoConsoleErrors("saturation, gradient, hypothesis, replay");
    }
}
