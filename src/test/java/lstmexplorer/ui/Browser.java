package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven by the system chromedriver, with helpers the page tests share. */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private final String base;

    Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("lstm-ui-chrome");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,720", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(base + path);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    <T> T waitFor(ExpectedCondition<T> condition, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(condition);
    }

    <T> T waitFor(ExpectedCondition<T> condition) {
        return waitFor(condition, 20);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    int intAttribute(String css, String attribute) {
        String value = find(css).getAttribute(attribute);
        return value == null ? -1 : Integer.parseInt(value);
    }

    /** Waits until the canvas has drawn data: data-cols above zero. */
    WebElement waitForHeatmap(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) return null;
            String cols = found.get(0).getAttribute("data-cols");
            return cols != null && Integer.parseInt(cols) > 0 ? found.get(0) : null;
        });
    }

    /**
     * The pointer over the square of a heat map's display row and column (its canvas states the geometry). The
     * canvas is scrolled to the middle of the window first: Selenium aims from the centre of the part in view.
     */
    Actions pointAt(WebElement canvas, int row, int col) {
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", canvas);
        int width = canvas.getSize().getWidth();
        int height = canvas.getSize().getHeight();
        int label = Integer.parseInt(canvas.getAttribute("data-label-width"));
        int header = Integer.parseInt(canvas.getAttribute("data-header-height"));
        double rowHeight = Double.parseDouble(canvas.getAttribute("data-row-height"));
        double colWidth = Double.parseDouble(canvas.getAttribute("data-col-width"));
        int x = (int) Math.round(label + col * colWidth + colWidth / 2);
        int y = (int) Math.round(header + row * rowHeight + rowHeight / 2);
        return new Actions(driver).moveToElement(canvas, x - width / 2, y - height / 2);
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        // Let pending animation frames paint before the picture.
        js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));");
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page, not just the 1280×720 window: the window grows to the page's height for the picture. */
    void fullPageScreenshot(String name) throws IOException {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), (int) Math.min(6000, height + 160)));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Emulates a phone's screen (a mobile viewport of width × height CSS pixels) until {@link #desktop}. */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Back to the plain 1280 × 720 desktop window. */
    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /** The first element matching css, once there is one. */
    WebElement waitForElement(String css, int seconds) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        }, seconds);
    }

    WebElement waitForElement(String css) { return waitForElement(css, 20); }

    /** The text of the first element matching css once it is non-empty. */
    String waitForText(String css, int seconds) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) return null;
            String text = found.get(0).getText();
            return text == null || text.isBlank() ? null : text;
        }, seconds);
    }

    /** Console errors (SEVERE) since the last call; reading the log empties it. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList());
    }

    /** No script errors; failed requests (a 429 the page answers by waiting, a 404 it expects) are allowed. */
    void assertNoScriptErrors(String where) {
        List<String> errors = consoleErrors().stream().filter(e -> !e.contains("Failed to load resource")).toList();
        assertTrue(errors.isEmpty(), () -> "script errors on " + where + ": " + errors);
    }

    void assertNoConsoleErrors(String where) {
        List<String> errors = consoleErrors();
        assertTrue(errors.isEmpty(), () -> "console errors on " + where + ": " + errors);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
