package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lstmexplorer.io.SeededExport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The network view of an imported 2 × 256 LSTM (the seeded PyTorch export of the parity test, attached to the
 * counter task): its gallery thumbnail of the most varying units; rows sorted by variance, the top 20 kept, a unit found
 * by the search box, hover, and a unit opened, then another reached by number.
 */
class LargeModelViewTest extends BrowserTest {
    @Test
    void sortsByVarianceFiltersTheTopTwentyAndOpensAUnit() throws Exception {
        JsonNode imported = UiServer.postJson("/api/models/import?task=counter&name=seeded%202%20x%20256",
                SeededExport.of("lstm", 256, 2, 18).json());
        String id = imported.get("id").asText();
        try {
            check(id);
        } finally {
            UiServer.deleteModel(id, imported.get("ownerToken").asText());
        }
    }

    private void check(String id) throws Exception {

        // what the view should find: the units of layer 0's cell state by variance over the six test sequences it shows
        JsonNode traces = UiServer.getJson("/api/models/" + id + "/trace?sample=test&n=6&layer=0&vectors=cell").get("traces");
        List<double[]> columns = new ArrayList<>();
        for (JsonNode trace : traces) for (JsonNode step : trace.get("layers").get(0).get("vectors").get("cell")) {
            double[] row = new double[256];
            for (int u = 0; u < 256; u++) row[u] = step.get(u).asDouble();
            columns.add(row);
        }
        List<Integer> byVariance = new ArrayList<>();
        double[] variance = new double[256];
        for (int u = 0; u < 256; u++) {
            double mean = 0, m2 = 0;
            for (double[] c : columns) mean += c[u] / columns.size();
            for (double[] c : columns) m2 += (c[u] - mean) * (c[u] - mean);
            variance[u] = m2 / columns.size();
            byVariance.add(u);
        }
        byVariance.sort(Comparator.comparingDouble((Integer u) -> -variance[u]).thenComparing(u -> u));

        // its gallery card: a thumbnail of its most varying units, and a caption that says so
        browser.open("/");
        String card = ".model-card[data-model-id='" + id + "'] ";
        String caption = browser.waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(card + ".card-thumb-caption"));
            String text = found.isEmpty() ? "" : found.get(0).getAttribute("textContent");
            return text.contains("most varying") ? text : null;
        }, 60);
        assertTrue(caption.contains("the 16 most varying of 256 units"), caption);
        assertEquals("16", browser.find(card + ".card-thumb canvas").getAttribute("data-rows"));

        browser.open("/models/" + id);
        WebElement canvas = browser.waitForHeatmap("#unit-heatmap");
        assertEquals("256", canvas.getAttribute("data-rows"));
        assertTrue(canvas.getSize().getHeight() <= 600, "the rows scroll inside the view: " + canvas.getSize());

        new Select(browser.find("#rows-order")).selectByValue("variance");
        browser.waitFor(d -> !d.findElement(By.id("unit-heatmap")).getAttribute("data-row-order").isEmpty());
        WebElement top = browser.find("#rows-top");
        top.sendKeys("20", Keys.TAB);
        browser.waitFor(d -> "20".equals(d.findElement(By.id("unit-heatmap")).getAttribute("data-rows")));
        assertEquals(join(byVariance.subList(0, 20)), canvas.getAttribute("data-row-order"));
        assertTrue(browser.url().contains("rows=variance") && browser.url().contains("top=20"), browser.url());

        // hover names the unit of the row, not its position
        int first = byVariance.get(0);
        browser.pointAt(canvas, 0, 3).perform();
        WebElement tip = browser.waitFor(d -> {
            WebElement t = d.findElement(By.cssSelector(".heatmap-tooltip"));
            return t.isDisplayed() ? t : null;
        });
        assertTrue(tip.getText().startsWith("unit " + first + " · read ‘"), tip.getText());
        assertTrue(tip.getText().contains("t 3"), tip.getText());

        // the search box finds a unit outside the top 20: the filter lifts and the unit is selected
        int outside = byVariance.get(200);
        browser.find("#find-unit").sendKeys("unit " + outside, Keys.ENTER);
        browser.waitFor(d -> String.valueOf(outside).equals(d.findElement(By.id("unit-heatmap")).getAttribute("data-selected-row")));
        assertEquals("256", canvas.getAttribute("data-rows"));
        browser.screenshot("network-large");

        // back to the top 20, and open the strongest unit from its row
        top.clear();
        top.sendKeys("20", Keys.TAB);
        browser.waitFor(d -> "20".equals(d.findElement(By.id("unit-heatmap")).getAttribute("data-rows")));
        browser.pointAt(canvas, 0, 2).click().perform();
        browser.waitFor(d -> d.getCurrentUrl().contains("/models/" + id + "/layers/0/units/" + first));
        browser.waitForHeatmap("#neuron-heatmap");
        assertEquals("unit " + first, browser.find("#unit-label").getText());
        WebElement go = browser.find("#unit-input");
        assertEquals("255", go.getAttribute("max"));
        go.sendKeys(Keys.chord(Keys.CONTROL, "a"), "250", Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().contains("/units/250"));
        // the unit card needs a model that reads exactly its task's characters: refused (400) for this one, nothing else
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("/card") && e.contains("400")), errors.toString());
    }

    private static String join(List<Integer> units) {
        return String.join(",", units.stream().map(String::valueOf).toList());
    }
}
