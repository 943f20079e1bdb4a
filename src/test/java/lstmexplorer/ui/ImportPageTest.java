package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import lstmexplorer.io.PyTorchStateDict;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.task.Tasks;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The import page, from the gallery's link: a PyTorch export picked, uploaded, opened; a bad one refused in the server's words. */
class ImportPageTest extends BrowserTest {
    @TempDir Path dir;

    @Test
    void importsAPyTorchExportAndOpensIt() throws Exception {
        Vocabulary vocab = Tasks.byName("counter").orElseThrow().vocabulary();
        TrainedModel model = new TrainedModel(null, vocab, Network.initialized(new NetworkConfig("gru", vocab.size(), 6, 2), new Random(12)), null);
        Path export = dir.resolve("small-gru.json");
        Files.writeString(export, PyTorchStateDict.write(model, "rnn.", "fc."));
        Path bidirectional = dir.resolve("bidirectional.json");
        Files.writeString(bidirectional, PyTorchStateDict.write(model, "rnn.", "fc.")
                .replace("\"rnn.weight_ih_l1\"", "\"rnn.weight_ih_l0_reverse\""));

        browser.open("/");
        browser.waitFor(d -> d.findElement(By.id("import-link"))).click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/import"));
        browser.waitFor(d -> d.findElement(By.id("import-limits")).getText().contains("1,024 units"));
        assertTrue(browser.find("#python-snippet").getText().contains("state_dict"));

        // refused: the server's message, word for word, naming the tensor
        browser.find("#import-file").sendKeys(bidirectional.toString());
        browser.find("#import-start").click();
        String refusal = browser.waitFor(d -> {
            String text = d.findElement(By.id("notice")).getText();
            return text.contains("unsupported") ? text : null;
        });
        assertTrue(refusal.contains("rnn.weight_ih_l0_reverse") && refusal.contains("bidirectional=False"), refusal);
        browser.consoleErrors(); // the refused upload's 400 is logged by the browser itself

        browser.find("#import-file").sendKeys(export.toString());
        browser.find("#import-name").sendKeys("small GRU");
        new Select(browser.find("#import-task")).selectByValue("counter");
        browser.find("#import-start").click();
        browser.waitFor(d -> d.findElement(By.id("open-imported")));
        assertEquals("100", browser.find("#import-progress .progress").getAttribute("data-percent"));
        assertTrue(browser.find("#import-progress").getText().contains("2 × 6 GRU"), browser.find("#import-progress").getText());
        browser.screenshot("import");
        browser.find("#open-imported").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/models/counter-"));
        browser.waitForHeatmap("#unit-heatmap");
        browser.assertNoConsoleErrors("import page and the imported model");
        // the browser kept the owner token: with it, the model goes again and the shared server is as it was
        String id = browser.url().replaceAll(".*/models/([^/?#]+).*", "$1");
        String token = (String) browser.js("return JSON.parse(localStorage.getItem('lstm-explorer.owner-tokens'))[arguments[0]];", id);
        UiServer.deleteModel(id, token);
    }
}
