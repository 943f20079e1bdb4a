package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

class TrainPageTest extends BrowserTest {
    @Test
    void invalidSettingsAreCaughtInTheBrowser() {
        browser.open("/train");
        waitForForm();
        set("hidden", "999");
        browser.find("#start-training").click();
        WebElement error = browser.find("#train-hidden").findElement(By.xpath("..")).findElement(By.cssSelector(".field-error"));
        assertEquals("At most 64.", error.getText());
        assertEquals("true", browser.find("#train-hidden").getAttribute("aria-invalid"));
        assertEquals("idle", browser.find("#job-status").getAttribute("data-status"), "nothing was sent");
        browser.assertNoConsoleErrors("train page validation");
    }

    @Test
    void aShortJobShowsProgressAndEndsWithALinkToTheModel() throws Exception {
        browser.open("/train");
        waitForForm();
        new Select(browser.find("#train-task")).selectByValue("counter");
        set("hidden", "6");
        set("maxSeconds", "4");
        set("seed", "7");
        browser.find("#start-training").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("job="));
        // progress arrives over Server-Sent Events: the bar moves or the job ends first
        browser.waitFor(d -> {
            String percent = d.findElement(By.cssSelector("#progress .progress")).getAttribute("data-percent");
            return Integer.parseInt(percent) > 0 || !d.findElements(By.id("model-link")).isEmpty();
        }, 60);
        WebElement link = browser.waitForElement("#model-link", 120);
        assertEquals("done", browser.find("#job-status").getAttribute("data-status"));
        assertTrue(browser.findAll("#loss-chart path.line").size() == 1, "a loss curve");
        for (String chart : new String[] {"#loss-chart", "#accuracy-chart"}) assertEquals(0L, axisLabelOverlaps(chart), chart);
        browser.screenshot("train");
        browser.assertNoConsoleErrors("train page");

        String href = link.getAttribute("href");
        assertTrue(href.matches(".*/models/counter-[0-9a-f]{8}$"), href);
        link.click();
        browser.waitForHeatmap("#unit-heatmap");
        assertEquals("6", browser.find("#unit-heatmap").getAttribute("data-rows"));
        browser.assertNoConsoleErrors("the new model's network view");

        // and it shows up under "Your models"
        browser.open("/");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#user-models .model-card[data-status='ready']")).isEmpty(), 30);
        browser.screenshot("gallery-with-user-model");
        browser.assertNoConsoleErrors("gallery with a user model");
    }

    @Test
    void changingTheTaskKeepsTheSizesTypedAndChangesOnlyTheOthers() throws Exception {
        JsonNode tasks = UiServer.getJson("/api/tasks");
        browser.open("/train");
        waitForForm();
        new Select(browser.find("#train-task")).selectByValue("counter");
        set("hidden", "7");
        new Select(browser.find("#train-task")).selectByValue("copy_machine");
        assertEquals("7", browser.find("#train-hidden").getAttribute("value"), "the typed size stays");
        JsonNode copy = null;
        for (JsonNode t : tasks) if (t.get("name").asText().equals("copy_machine")) copy = t;
        assertEquals(copy.at("/defaultModel/afterLearned").asText("0"), browser.find("#train-afterLearned").getAttribute("value"),
                "an untouched field takes the new task's default");
        assertTrue(browser.url().contains("hidden=7"), browser.url());
        browser.assertNoConsoleErrors("task change");
    }

    @Test
    void badValuesInTheLinkAreMarked() {
        browser.open("/train?task=nonsense&hidden=999&seed=1.5&batch=16");
        waitForForm();
        browser.waitFor(d -> "true".equals(d.findElement(By.id("train-hidden")).getAttribute("aria-invalid")));
        assertEquals("true", browser.find("#train-task").getAttribute("aria-invalid"));
        assertEquals("true", browser.find("#train-seed").getAttribute("aria-invalid"));
        assertEquals("false", browser.find("#train-batch").getAttribute("aria-invalid"));
        assertEquals("16", browser.find("#train-batch").getAttribute("value"));
        assertTrue(fieldError("task").contains("“nonsense”"), fieldError("task"));
        assertEquals("At most 64.", fieldError("hidden"));
        assertTrue(browser.find("#notice").getText().contains("could not be used"), browser.find("#notice").getText());
        browser.assertNoConsoleErrors("bad link values");
    }

    /** How many tick labels the chart's x label covers. */
    static long axisLabelOverlaps(String chart) {
        return (Long) browser.js("""
                const svg = document.querySelector(arguments[0] + ' svg'), label = svg.querySelector('.axis-label').getBoundingClientRect();
                return [...svg.querySelectorAll('.axis .tick text')].map((t) => t.getBoundingClientRect())
                  .filter((r) => r.left < label.right && label.left < r.right && r.top < label.bottom && label.top < r.bottom).length;""", chart);
    }

    private static String fieldError(String field) {
        return browser.find("#train-" + field).findElement(By.xpath("..")).findElement(By.cssSelector(".field-error")).getText();
    }

    private static void waitForForm() {
        browser.waitFor(d -> d.findElements(By.cssSelector("#train-task option")).size() >= 4
                && d.findElements(By.cssSelector("#train-cell option")).size() >= 1);
    }

    private static void set(String field, String value) {
        WebElement input = browser.find("#train-" + field);
        input.clear();
        input.sendKeys(value);
    }
}
