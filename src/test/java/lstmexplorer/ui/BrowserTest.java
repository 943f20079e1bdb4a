package lstmexplorer.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * A page test class: one headless Chromium for the class, against the shared test server. Console
 * errors are drained after each test, so a test that checks them sees only its own.
 */
@Tag("browser")
abstract class BrowserTest {
    protected static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser(UiServer.baseUrl());
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) browser.close();
        browser = null;
    }

    @AfterEach
    void clearConsoleLog() {
        browser.consoleErrors();
    }
}
