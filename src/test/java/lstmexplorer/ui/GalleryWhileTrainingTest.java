package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import lstmexplorer.web.Server;
import lstmexplorer.web.ServerOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The gallery of a first start: the four task cards are there while their models train, with progress, and fill in
 * when ready; the code model's card, shipped in the jar, is ready from the start.
 */
@Tag("browser")
class GalleryWhileTrainingTest {
    @TempDir Path dataDir;

    @Test
    void showsTheFourCardsWithProgressWhileTheyTrain() throws Exception {
        try (Browser browser = new Browser("")) {
            // one worker: the four jobs run one after another, so most of them wait in the queue for a while
            Server server = Server.start(ServerOptions.defaults().withPort(0).withDataDir(dataDir).withWorkers(1));
            try {
                browser.driver.get("http://127.0.0.1:" + server.port() + "/");
                List<WebElement> cards = browser.waitFor(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector("#gallery-models .model-card"));
                    return found.size() == 5 ? found : null;
                }, 30);
                assertEquals(List.of("counter", "selective_counter", "state_memorizer", "copy_machine", "code"),
                        cards.stream().map(c -> c.getAttribute("data-model-id")).toList());
                List<WebElement> training = browser.findAll("#gallery-models .model-card[data-status='training']");
                assertTrue(training.size() >= 2, "cards shown while their models train: " + training.size() + " training");
                for (WebElement card : training) assertEquals(1, card.findElements(By.cssSelector(".card-progress")).size(), "a progress bar");
                browser.screenshot("gallery-training");

                // each card fills in when its model is ready: accuracies, and a thumbnail
                browser.waitFor(d -> d.findElements(By.cssSelector("#gallery-models .model-card[data-status='ready']")).size() == 5, 240);
                for (WebElement card : browser.findAll("#gallery-models .model-card")) {
                    assertTrue(card.findElement(By.cssSelector(".stat-value")).getText().endsWith("%"), card.getText());
                    assertTrue(card.findElements(By.cssSelector(".card-progress")).isEmpty(), "no progress bar once ready");
                }
                browser.waitFor(d -> d.findElements(By.cssSelector("#gallery-models .card-thumb canvas")).stream()
                        .filter(c -> !"0".equals(c.getAttribute("data-cols"))).count() == 5, 60);
                browser.assertNoConsoleErrors("gallery while training");
            } finally {
                server.stop();
            }
        }
    }
}
