package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The counting lab in the browser: LSTM against GRU on a^n b^n, the results, and a result click. */
class LabPageTest extends BrowserTest {
    @Test
    void lstmAgainstGruOnAnbnShowsFirstFailingAndAResultOpensTheModel() throws Exception {
        // LSTM against GRU on a^n b^n trained to n ≤ 10, one seed, from the address
        browser.open("/lab?task=anbn&cells=lstm,gru&seeds=1&max=10&secs=60");
        browser.waitFor(d -> d.findElements(By.cssSelector("#lab-cells input")).size() >= 9
                && "10".equals(d.findElement(By.id("lab-trainMax")).getAttribute("value")));
        assertTrue(browser.find("#lab-cell-lstm").isSelected() && browser.find("#lab-cell-gru").isSelected());
        assertFalse(browser.find("#lab-cell-rnn").isSelected());
        assertTrue(browser.find("#lab-seed-1").isSelected() && !browser.find("#lab-seed-2").isSelected());
        browser.find("#lab-start").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("lab=lab-"), 30);
        browser.waitFor(d -> "done".equals(d.findElement(By.tagName("body")).getAttribute("data-lab-status")), 240);

        // one summary row per cell, one run row per cell × seed, each with its first failing size or "none"
        List<WebElement> summary = browser.findAll("#lab-summary tbody tr");
        assertEquals(List.of("lstm", "gru"), summary.stream().map(r -> r.getAttribute("data-cell")).toList());
        List<WebElement> runs = browser.findAll("#lab-runs tbody tr");
        assertEquals(2, runs.size());
        for (WebElement run : runs) {
            String first = run.findElements(By.tagName("td")).get(4).getText();
            assertTrue(first.matches("\\d+|none up to \\d+"), first);
        }
        assertEquals(2, browser.findAll("#lab-chart .lab-run").size(), "a line per run");
        assertEquals(1, browser.findAll("#lab-chart .lab-train-range").size(), "the training range shaded");
        assertFalse(browser.findAll("#lab-findings-list li").isEmpty());
        assertTrue(browser.find("#lab-findings-list li").getText().contains("Weiss, Goldberg & Yahav 2018"));
        assertTrue(browser.find(".lab-export-csv").getAttribute("href").contains("format=csv"));
        browser.screenshot("lab");
        browser.assertNoConsoleErrors("lab page");

        // the state is in the address: a reload shows the same lab
        String labUrl = browser.url();
        browser.open(labUrl.substring(labUrl.indexOf("/lab")));
        browser.waitFor(d -> "done".equals(d.findElement(By.tagName("body")).getAttribute("data-lab-status")), 30);
        assertEquals(2, browser.findAll("#lab-runs tbody tr").size());

        // a result click opens the model in the playground at its first failing sequence
        WebElement open = browser.find("#lab-runs .lab-open-playground");
        String href = open.getAttribute("href");
        open.click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/models/anbn-"), 30);
        browser.waitForHeatmap("#unit-heatmap");
        String url = URLDecoder.decode(browser.url(), StandardCharsets.UTF_8);
        if (href.contains("input=")) {
            String input = url.replaceAll(".*[?&]input=([^&]*).*", "$1");
            assertTrue(input.matches("a+b"), url);
            assertEquals(input, browser.find("#playground-input").getAttribute("value"));
        }
        browser.assertNoConsoleErrors("the lab's model in the network view");

        // and in the neuron view of its best counting unit
        browser.open(labUrl.substring(labUrl.indexOf("/lab")));
        browser.waitFor(d -> !d.findElements(By.cssSelector("#lab-runs .lab-open-neuron")).isEmpty(), 30);
        browser.find("#lab-runs .lab-open-neuron").click();
        browser.waitFor(d -> d.getCurrentUrl().matches(".*/models/anbn-[0-9a-f]{8}/layers/0/units/\\d+.*"), 30);
        browser.waitForHeatmap("#neuron-heatmap");
        browser.assertNoConsoleErrors("the lab's counting unit in the neuron view");
    }
}
