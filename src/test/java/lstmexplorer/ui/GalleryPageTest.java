package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class GalleryPageTest extends BrowserTest {
    @Test
    void listsTheFourTaskModelsReadyWithThumbnails() throws Exception {
        browser.open("/");
        List<WebElement> cards = browser.waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#gallery-models .model-card[data-status='ready']"));
            return found.size() >= 5 ? found : null;
        }, 60);
        assertEquals(List.of("counter", "selective_counter", "state_memorizer", "copy_machine", "code"),
                cards.stream().map(c -> c.getAttribute("data-model-id")).toList());
        for (WebElement card : cards) {
            assertEquals("true", card.getAttribute("data-gallery"));
            assertTrue(card.findElement(By.cssSelector(".card-arch")).getText().contains("units"));
            assertTrue(card.findElement(By.cssSelector(".stat-value")).getText().endsWith("%"));
        }
        // every card gets its cell-state thumbnail
        browser.waitFor(d -> d.findElements(By.cssSelector("#gallery-models .card-thumb canvas")).stream()
                .filter(c -> !"0".equals(c.getAttribute("data-cols"))).count() == 5);
        // the code model's card says how it was made and which unit follows the line or the indentation
        WebElement code = browser.find("#gallery-models .model-card[data-model-id='code']");
        assertTrue(code.findElement(By.cssSelector(".card-about")).getText().contains("Java sources"), code.getText());
        WebElement note = browser.waitFor(d -> {
            WebElement n = d.findElement(By.cssSelector("#gallery-models .model-card[data-model-id='code'] .card-note"));
            return n.isDisplayed() ? n : null;
        }, 30);
        assertTrue(note.getText().matches("(?s).*(line position|indent).*r = .*"), note.getText());
        assertTrue(note.findElement(By.tagName("a")).getAttribute("href").contains("/models/code/text?"));
        assertTrue(browser.find("#train-new").getAttribute("href").endsWith("/train"));
        browser.screenshot("gallery");
        browser.assertNoConsoleErrors("gallery");

        // the card's link opens the text view on that unit, coloured on a scale that shows its course
        browser.open(note.findElement(By.tagName("a")).getAttribute("href").replaceFirst("^https?://[^/]+", ""));
        browser.waitFor(d -> !d.findElements(By.cssSelector("#text-heat .ch")).isEmpty(), 60);
        DatasetPagesTest.assertOpensOnCellColoursThatFitItsValues(browser);
        browser.screenshot("code-text-view");
        browser.assertNoConsoleErrors("the code model's text view");
    }

    @Test
    void apiPageListsTheEndpoints() throws Exception {
        browser.open("/api");
        assertTrue(browser.find(".api-table").getText().contains("/api/models/{id}/trace"));
        browser.screenshot("api");
        browser.assertNoConsoleErrors("api page");
    }
}
