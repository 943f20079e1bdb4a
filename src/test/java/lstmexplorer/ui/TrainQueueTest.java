package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A room that presses Train at once: waiting is the normal case, with a place in line and an estimate, and a refusal retries by itself. */
class TrainQueueTest extends BrowserTest {
    @Test
    void aQueuedTrainingShowsItsPlaceAndARefusedOneRetriesByItself() throws Exception {
        // the test server has one worker: this run holds it
        JsonNode blocker = UiServer.postJson("/api/models", "{\"task\": \"copy_machine\", \"hidden\": 1, \"maxSeconds\": 90}");
        String blockerJob = blocker.at("/job/id").asText();
        String queuedModel = null;
        try {
            browser.open("/train");
            browser.waitFor(d -> d.findElements(By.cssSelector("#train-task option")).size() >= 4);
            new Select(browser.find("#train-task")).selectByValue("counter");
            browser.find("#start-training").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("job="), 20);
            String caption = browser.waitFor(d -> {
                String text = d.findElement(By.cssSelector("#progress .progress-caption")).getText();
                return text.contains("in line") ? text : null;
            }, 20);
            assertTrue(caption.matches("Waiting for a free trainer: next in line, about \\d+ (s|min)\\."), caption);
            assertEquals("queued", browser.find("#job-status").getAttribute("data-status"));
            String queuedJob = browser.url().replaceAll(".*job=([^&]+).*", "$1");
            queuedModel = UiServer.getJson("/api/jobs/" + queuedJob).get("modelId").asText();
            assertEquals(1, UiServer.getJson("/api/jobs/" + queuedJob).at("/queue/position").asInt());
            browser.screenshot("train-queued");

            // the gallery card says the same
            browser.open("/");
            String id = queuedModel;
            String cardCaption = browser.waitFor(d -> {
                var found = d.findElements(By.cssSelector(".model-card[data-model-id='" + id + "'] .progress-caption"));
                return found.isEmpty() || !found.get(0).getText().contains("in line") ? null : found.get(0).getText();
            }, 30);
            assertTrue(cardCaption.matches("next in line, about \\d+ (s|min)"), cardCaption);
            assertEquals("1", browser.find(".model-card[data-model-id='" + id + "']").getAttribute("data-queue-position"));

            // a third training is over this client's limit of two: the page waits and tries again by itself
            browser.open("/train");
            browser.waitFor(d -> d.findElements(By.cssSelector("#train-task option")).size() >= 4);
            browser.find("#start-training").click();
            String waiting = browser.waitForText("#notice .notice-info", 20);
            assertTrue(waiting.matches("(?s).*Trying again by itself in \\d+ s.*"), waiting);
            assertEquals("waiting", browser.find("#job-status").getAttribute("data-status"));
            assertEquals("stop-training", browser.js("return document.activeElement.id;"), "Stop gives up waiting");
            UiServer.asInstructor("DELETE", "/api/jobs/" + queuedJob); // a place frees up
            browser.waitFor(d -> d.getCurrentUrl().contains("job="), 30);
            browser.waitFor(d -> !"waiting".equals(d.findElement(By.id("job-status")).getAttribute("data-status")), 10);
            String retried = browser.url().replaceAll(".*job=([^&]+).*", "$1");
            UiServer.asInstructor("DELETE", "/api/jobs/" + retried);
            UiServer.asInstructor("DELETE", "/api/models/" + UiServer.getJson("/api/jobs/" + retried).get("modelId").asText());
            browser.assertNoScriptErrors("train page in a queue");
        } finally {
            UiServer.asInstructor("DELETE", "/api/jobs/" + blockerJob);
            UiServer.asInstructor("DELETE", "/api/models/" + blocker.at("/model/id").asText());
            if (queuedModel != null) UiServer.asInstructor("DELETE", "/api/models/" + queuedModel);
        }
    }
}
