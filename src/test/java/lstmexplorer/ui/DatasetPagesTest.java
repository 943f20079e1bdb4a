package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import lstmexplorer.TestTexts;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Bring your own text: upload it in the browser, train on it from the train page, read a unit over it in the text view. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetPagesTest extends BrowserTest {
    @TempDir static Path dir;
    static String datasetId, modelId;

    @Test
    @Order(1)
    void aFileIsPreviewedUploadedWithProgressAndListed() throws Exception {
        Path file = dir.resolve("my-code.txt");
        String text = TestTexts.code(250, 5);
        Files.writeString(file, text);
        browser.open("/datasets");
        browser.find("#dataset-file").sendKeys(file.toAbsolutePath().toString());
        browser.waitFor(d -> d.findElement(By.id("dataset-lines")).getText().startsWith(text.substring(0, text.indexOf('\n'))));
        assertEquals("my-code", browser.find("#dataset-name").getAttribute("value"));
        assertTrue(browser.find("#dataset-facts").getText().contains("train"), browser.find("#dataset-facts").getText());
        browser.find("#upload-dataset").click();
        browser.waitFor(d -> "done".equals(d.findElement(By.cssSelector("#upload-panel .progress")).getAttribute("data-state")), 30);
        assertTrue(browser.find("#dataset-facts").getText().contains(String.format("%,d", text.length())), browser.find("#dataset-facts").getText());
        WebElement row = browser.waitForElement("#dataset-list tr[data-dataset^='my-code-']", 20);
        datasetId = row.getAttribute("data-dataset");
        browser.screenshot("datasets");
        browser.assertNoConsoleErrors("datasets page");
    }

    @Test
    @Order(2)
    void theTrainPageOffersTheDatasetAndShowsBitsPerCharacterLive() {
        browser.open("/train?dataset=" + datasetId);
        browser.waitFor(d -> ("dataset:" + datasetId).equals(d.findElement(By.id("train-task")).getAttribute("value")), 20);
        assertFalse(browser.find("#train-window").findElement(By.xpath("..")).getAttribute("class").contains("hidden")
                || browser.find("#train-window").findElement(By.xpath("..")).getAttribute("hidden") != null, "a text has a window");
        assertTrue(browser.find("#train-afterLearned").findElement(By.xpath("..")).getAttribute("hidden") != null, "no learned stop");
        set("hidden", "8");
        set("window", "20");
        set("batch", "8");
        set("maxSeconds", "5");
        browser.find("#start-training").click();
        browser.waitFor(d -> d.findElement(By.id("progress")).getText().contains("bits/char")
                || !d.findElements(By.id("model-link")).isEmpty(), 60);
        WebElement link = browser.waitForElement("#model-link", 120);
        assertEquals("Bits per character (test split)", browser.find("#loss-title").getText());
        assertTrue(browser.find("#result").getText().contains("bits per character"), browser.find("#result").getText());
        assertEquals(1, browser.findAll("#loss-chart path.line").size(), "a curve of bits per character");
        assertTrue(browser.find("#text-view-link").getAttribute("href").endsWith("/text"));
        String href = link.getAttribute("href");
        modelId = href.substring(href.lastIndexOf('/') + 1);
        assertTrue(modelId.startsWith(datasetId), modelId);
        browser.assertNoConsoleErrors("training on a dataset");

        link.click();
        browser.waitForHeatmap("#unit-heatmap");
        assertTrue(browser.findAll("#tab-sweep").isEmpty(), "no length sweep for a dataset");
        assertTrue(browser.find("#sweep-hidden").getText().contains("no sequence sizes"));
        assertTrue(browser.find("#model-header").getText().toLowerCase(java.util.Locale.ROOT).contains("bits per character"),
                browser.find("#model-header").getText());
        browser.assertNoConsoleErrors("network view of a dataset model");
    }

    @Test
    @Order(3)
    void theTextViewColoursEveryCharacterWithItsValueOnHover() throws Exception {
        browser.open("/models/" + modelId + "/text");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#text-heat .ch")).isEmpty(), 30);
        int shown = browser.findAll("#text-heat .ch").size();
        assertTrue(shown > 300, "the test text, a tenth of the upload: " + shown);
        assertTrue(browser.find("#text-caption").getText().contains("probes rank first"), browser.find("#text-caption").getText());
        assertTrue(browser.url().contains("unit="), "the unit is in the address: " + browser.url());
        assertOpensOnCellColoursThatFitItsValues(browser);
        WebElement ch = browser.findAll("#text-heat .ch").get(30);
        assertFalse(ch.getAttribute("style").isEmpty(), "coloured");
        new Actions(browser.driver).moveToElement(ch).perform();
        browser.waitFor(d -> d.findElement(By.id("text-heat-tip")).isDisplayed());
        assertTrue(browser.find("#text-heat-tip").getText().contains("character 30"), browser.find("#text-heat-tip").getText());

        // the cell state can be coloured on the unit's own scale, as in the network view; the address keeps the choice
        browser.open("/models/" + modelId + "/text?vector=cell&unit=0");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#text-heat .ch")).isEmpty(), 30);
        browser.find("[data-name='text-cell-scale'] [data-value='unit']").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("cscale=unit"));
        assertTrue(browser.find("#text-legend").getText().contains("max"), browser.find("#text-legend").getText());
        browser.driver.navigate().refresh();
        browser.waitFor(d -> !d.findElements(By.cssSelector("#text-heat .ch")).isEmpty(), 30);
        assertEquals("true", browser.find("[data-name='text-cell-scale'] [data-value='unit']").getAttribute("aria-pressed"));

        String typed = "if (x1 > 0) {\n    call(\"s1\");\n}\n";   // characters of the uploaded code
        browser.find("#text-input").sendKeys(typed);
        browser.find("#text-read").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("#text-heat .ch")).size() == typed.length());
        assertTrue(browser.find("#text-summary").getText().contains("your text"));
        browser.screenshot("text-view");
        browser.assertNoConsoleErrors("text view");
    }

    /**
     * A text view opened with no cell colours in its address: a cell state that leaves [−1, 1] is drawn on the
     * unit's own scale and the caption says why, one within it on the fixed scale; either choice goes into the address.
     */
    static void assertOpensOnCellColoursThatFitItsValues(Browser browser) {
        if (!browser.url().contains("vector=cell")) return; // a hidden or gate unit has a bounded scale of its own
        String summary = browser.find("#text-summary").getText();
        java.util.regex.Matcher range = java.util.regex.Pattern.compile("values from (-?[\\d.]+) to (-?[\\d.]+)").matcher(summary);
        assertTrue(range.find(), summary);
        double largest = Math.max(Math.abs(Double.parseDouble(range.group(1))), Math.abs(Double.parseDouble(range.group(2))));
        if (Math.abs(largest - 1) < 0.01) return; // the summary's two decimals cannot tell which side of 1 it is
        String expected = largest > 1 ? "unit" : "fixed";
        assertEquals("true", browser.find("[data-name='text-cell-scale'] [data-value='" + expected + "']").getAttribute("aria-pressed"), summary);
        browser.waitFor(d -> d.getCurrentUrl().contains("cscale=" + expected));
        assertEquals(largest > 1, browser.findAll("#text-scale-note").size() == 1, browser.find("#text-caption").getText());
    }

    /** The server is shared by every page test: leave it as it was found. */
    @org.junit.jupiter.api.AfterAll
    static void removeWhatWasMade() throws Exception {
        if (modelId != null) assertEquals(204, UiServer.asInstructor("DELETE", "/api/models/" + modelId));
        if (datasetId != null) assertEquals(204, UiServer.asInstructor("DELETE", "/api/datasets/" + datasetId));
    }

    private static void set(String field, String value) {
        WebElement input = browser.find("#train-" + field);
        input.clear();
        input.sendKeys(value);
    }
}
