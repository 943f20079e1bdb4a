package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** "Your models" are this browser's; everyone else's are in a collapsed section without Delete, unless you are the instructor. */
class GallerySectionsTest extends BrowserTest {
    @Test
    void yourModelsAreThisBrowsersAndOthersAreApartWithoutDelete() throws Exception {
        // someone else in the room trains one (no owner token in this browser)
        JsonNode theirs = UiServer.postJson("/api/models", "{\"task\": \"counter\", \"hidden\": 3, \"maxSeconds\": 2}");
        String theirId = theirs.at("/model/id").asText();
        browser.open("/");
        browser.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")), 60);
        // this browser trains one
        String mine = (String) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/static/js/api.js').then((m) => m.api.createModel({ task: 'counter', hidden: 3, maxSeconds: 2 }))
                  .then((r) => done(r.model.id), (e) => done('failed: ' + e.message));""");
        assertFalse(mine.startsWith("failed"), mine);
        browser.open("/");
        WebElement own = card("#user-models", mine);
        assertFalse(own.findElements(By.cssSelector(".card-delete")).isEmpty(), "Delete on the browser's own model");
        assertTrue(browser.findAll("#user-models .model-card[data-model-id='" + theirId + "']").isEmpty(), "not under Your models");
        WebElement others = browser.find("#others-section");
        assertEquals(null, others.getAttribute("open"), "Others on this server starts collapsed");
        assertTrue(others.getText().toLowerCase(java.util.Locale.ROOT).contains("others on this server"), others.getText());
        WebElement other = card("#other-models", theirId);
        assertTrue(other.findElements(By.cssSelector(".card-delete")).isEmpty(), "no Delete on someone else's model");
        browser.screenshot("gallery-sections");

        // a wrong instructor token: Delete shows, and the refusal speaks plainly
        browser.find("#instructor summary").click();
        browser.find("#instructor-token").sendKeys("not-the-instructor-token");
        browser.find("#instructor-form button[type='submit']").click();
        browser.find("#others-section summary").click();
        assertEquals("true", browser.find("#others-section").getAttribute("open"));
        browser.js("window.confirm = () => true;");
        clickDelete(theirId);
        String message = browser.waitForText("#notice .notice-error .notice-text", 20);
        assertTrue(message.endsWith("Only the person who made this model can delete it."), message);
        assertFalse(message.contains("X-Owner-Token"), "the API's wording stays in the API: " + message);

        // the right one: Delete works on everyone's models
        browser.find("#instructor-token").sendKeys(UiServer.INSTRUCTOR_TOKEN);
        browser.find("#instructor-form button[type='submit']").click();
        browser.js("document.querySelector('#others-section').open = true;");
        browser.js("window.confirm = () => true;");
        clickDelete(theirId);
        browser.waitFor(d -> d.findElements(By.cssSelector(".model-card[data-model-id='" + theirId + "']")).isEmpty(), 20);
        browser.find("#instructor-forget").click();
        assertEquals(204, UiServer.asInstructor("DELETE", "/api/models/" + mine));
        browser.assertNoScriptErrors("gallery sections");
    }

    /**
     * Clicks a card's Delete, again if the gallery re-rendered the card under the click (the instructor token
     * re-renders it) or scrolled it under the sticky header.
     */
    private static void clickDelete(String id) {
        browser.waitFor(d -> {
            try {
                WebElement button = deleteButton(id);
                browser.js("arguments[0].scrollIntoView({block: 'center'})", button);
                button.click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.ElementClickInterceptedException e) {
                return null;
            }
        }, 30);
    }

    private static WebElement deleteButton(String id) {
        WebElement button = browser.waitFor(d -> {
            var found = d.findElements(By.cssSelector("#other-models .model-card[data-model-id='" + id + "'] .card-delete"));
            try {
                return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null; // re-rendered while looked at: look again
            }
        }, 30);
        // out from under the sticky site header, where a click would land on the header instead
        browser.js("arguments[0].scrollIntoView({block: 'center'});", button);
        return button;
    }

    private static WebElement card(String grid, String id) {
        return browser.waitForElement(grid + " .model-card[data-model-id='" + id + "']", 30);
    }
}
