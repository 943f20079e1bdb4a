package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** A training stopped from the train page leaves a model every view can look at, with the weights it reached. */
class StoppedModelTest extends BrowserTest {
    @Test
    void aStoppedCopyMachineIsFullyViewableAndSaysWhereItStopped() throws Exception {
        browser.open("/train");
        browser.waitFor(d -> d.findElements(By.cssSelector("#train-task option")).size() >= 4);
        new Select(browser.find("#train-task")).selectByValue("copy_machine");
        set("hidden", "4");       // too small to learn it within a few seconds
        set("maxSeconds", "120");
        set("name", "Ann's copier");
        browser.find("#start-training").click();
        browser.waitFor(d -> "running".equals(d.findElement(By.id("job-status")).getAttribute("data-status")), 60);
        assertEquals("stop-training", browser.js("return document.activeElement.id;"), "the keyboard stays on Stop while training");
        browser.waitFor(d -> d.findElement(By.cssSelector("#progress .progress-caption")).getText().contains("step "), 60);
        // a job stops within a step, so its end may come over the event stream before the answer to the
        // stop: hold that answer back until the end has surely been shown
        browser.js("const fetch = window.fetch; window.fetch = (path, init) => fetch(path, init).then(answer =>"
                + " init?.method !== 'DELETE' ? answer : new Promise(done => setTimeout(() => {"
                + " done(answer); setTimeout(() => { window.stopAnswered = true; }, 300); }, 1500)));");
        browser.find("#stop-training").click();
        browser.waitFor(d -> "cancelled".equals(d.findElement(By.id("job-status")).getAttribute("data-status")), 60);
        // and the answer, read afterwards, does not turn the ended job back to "stopping"
        browser.waitFor(d -> Boolean.TRUE.equals(browser.js("return window.stopAnswered === true;")), 20);
        assertEquals("cancelled", browser.find("#job-status").getAttribute("data-status"));

        String caption = browser.find("#progress .progress-caption").getText();
        assertTrue(caption.matches("Stopped at step [\\d,]+: loss \\d+\\.\\d{3}, test accuracy [\\d.]+%\\."), caption);
        String result = browser.waitForText("#result .result-box p", 20);
        Matcher step = Pattern.compile("Stopped at step ([\\d,]+): test accuracy").matcher(result);
        assertTrue(step.find(), result);
        WebElement link = browser.find("#model-link");
        assertEquals("Open Ann's copier →", link.getText());
        browser.screenshot("train-stopped");
        browser.assertNoConsoleErrors("train page after Stop");

        String id = link.getAttribute("href").replaceAll(".*/models/", "");
        link.click();
        browser.waitForHeatmap("#unit-heatmap");
        assertEquals("4", browser.find("#unit-heatmap").getAttribute("data-rows"));
        assertEquals("Ann's copier", browser.find(".model-title").getText(), "the name, not a title-cased id");
        assertEquals("Stopped at step " + step.group(1) + "; these are the weights it had.", browser.find("#model-stopped").getText());
        assertTrue(browser.findAll("#notice .notice-error").isEmpty(), "no 'nothing to trace' error");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#analysis [role='tab']")).isEmpty(), 20);
        browser.screenshot("model-stopped");
        browser.assertNoConsoleErrors("a stopped model's page");

        browser.open("/");
        WebElement card = browser.waitForElement("#user-models .model-card[data-model-id='" + id + "']", 30);
        browser.waitFor(d -> card.findElements(By.cssSelector(".card-thumb canvas")).stream()
                .anyMatch(c -> !"0".equals(c.getAttribute("data-cols"))), 30);
        assertEquals("Ann's copier", card.findElement(By.cssSelector(".card-title")).getText());
        assertEquals("STOPPED", card.findElement(By.cssSelector(".status-chip")).getText());
        assertTrue(card.findElement(By.cssSelector(".card-stopped")).getText().startsWith("Stopped at step " + step.group(1)));
        browser.assertNoConsoleErrors("gallery with a stopped model");
    }

    private static void set(String field, String value) {
        WebElement input = browser.find("#train-" + field);
        input.clear();
        input.sendKeys(value);
    }
}
