package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class ScoreboardPageTest extends BrowserTest {
    @Test
    void showsEveryTaskTimesEveryCell() throws Exception {
        browser.open("/scoreboard");
        browser.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        List<WebElement> tasks = browser.findAll("tbody.scoreboard-task");
        assertTrue(tasks.size() >= 4, "the tasks of Exploring LSTMs and the lab's");
        for (WebElement task : tasks)
            assertFalse(task.findElements(By.cssSelector("td.best")).isEmpty(), "a best value in " + task.getAttribute("data-task"));
        for (String task : List.of("counter", "selective_counter", "state_memorizer", "copy_machine"))
            assertTrue(browser.findAll("tbody[data-task='" + task + "'] tr.cell-row").size() >= 6, task);
        assertEquals(browser.findAll("tr.cell-row").size(), browser.findAll("svg.sparkline").size());
        // it says what made it: each command and its commit
        assertTrue(browser.find("#how").getText().contains("bench --cells all --seeds 1,2,3 --max-seconds 20"), browser.find("#how").getText());
        for (WebElement commit : browser.findAll("#scoreboard-provenance .scoreboard-commit"))
            assertTrue(commit.getText().matches("[0-9a-f]{40}"), commit.getText());
        assertFalse(browser.findAll("#scoreboard-provenance li").isEmpty());
        String findings = browser.find("#findings").getText();
        assertTrue(findings.contains("RNN") && findings.contains("copy machine"), findings);
        assertTrue(findings.contains("peephole"), findings);
        WebElement rnnCopy = browser.find("tbody[data-task='copy_machine'] tr[data-cell='rnn']");
        assertTrue(rnnCopy.getText().contains("224,128"), rnnCopy.getText());
        assertEquals("Scoreboard", browser.find(".site-nav a.active").getText());
        browser.screenshot("scoreboard");
        browser.fullPageScreenshot("scoreboard-full");
        browser.assertNoConsoleErrors("scoreboard");
    }

    @Test
    void aFailedRequestIsAReadableMessage() {
        browser.driver.executeCdpCommand("Network.enable", java.util.Map.of());
        browser.driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of("*/api/scoreboard")));
        try {
            browser.open("/scoreboard");
            WebElement error = browser.waitForElement(".notice-error");
            assertTrue(error.getText().contains("Could not load the scoreboard"), error.getText());
        } finally {
            browser.driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of()));
            browser.consoleErrors();
        }
    }
}
