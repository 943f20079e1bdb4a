package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Every page on a 375 × 800 phone: nothing wider than the screen, and the wide things scroll in their own box. */
class NarrowScreenTest extends BrowserTest {
    static final int WIDTH = 375, HEIGHT = 800;

    /** Elements sticking out past the right edge that no scrolling box of their own contains. */
    static final String STICKING_OUT = """
            const vw = arguments[0], out = [];
            const inScroller = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
            for (const el of document.querySelectorAll('body *')) {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.right > vw + 1 && !inScroller(el)) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className + ' → ' + Math.round(r.right));
            }
            return out.slice(0, 8);""";

    @BeforeEach
    void onAPhone() { browser.phone(WIDTH, HEIGHT); }

    @AfterEach
    void backToDesktop() { browser.desktop(); }

    /** Opens a page with a heat map and checks, once it is drawn, that the page fits the screen. */
    private void openAndFit(String path, String heatmap, String page) {
        browser.open(path);
        browser.waitForHeatmap(heatmap);
        assertFits(page);
    }

    /** The sequence box is wide enough to type in. */
    private void assertSequenceBoxUsable() {
        assertTrue(width(".playground-field input") >= 200, "the sequence box is " + width(".playground-field input") + " px wide");
    }

    private void assertFits(String page) {
        long scrollWidth = (Long) browser.js("return document.documentElement.scrollWidth;");
        assertTrue(scrollWidth <= WIDTH, page + " is " + scrollWidth + " px wide on a " + WIDTH + " px screen; sticking out: "
                + browser.js(STICKING_OUT, WIDTH));
        @SuppressWarnings("unchecked")
        List<Object> out = (List<Object>) browser.js(STICKING_OUT, WIDTH);
        assertEquals(List.of(), out, page + ": elements past the right edge");
        // the whole menu can be reached: it wraps instead of running off screen
        for (var link : browser.findAll(".site-nav a")) {
            long right = (Long) browser.js("return Math.round(arguments[0].getBoundingClientRect().right);", link);
            assertTrue(right <= WIDTH, page + ": menu item " + link.getText() + " ends at " + right);
        }
    }

    private long width(String css) {
        return (Long) browser.js("return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().width);", css);
    }

    @Test
    void everyPageFitsAPhoneScreen() throws Exception {
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("gallery", "/");
        pages.put("train", "/train");
        pages.put("api", "/api");
        pages.put("not-found", "/no-such-page");
        for (var page : pages.entrySet()) {
            browser.open(page.getValue());
            browser.waitFor(d -> "complete".equals(browser.js("return document.readyState;")));
            if (page.getKey().equals("gallery"))
                browser.waitFor(d -> d.findElements(By.cssSelector("#gallery-models .card-thumb canvas")).size() >= 4, 60);
            if (page.getKey().equals("train")) browser.waitFor(d -> d.findElements(By.cssSelector("#train-task option")).size() >= 4);
            assertFits(page.getKey());
            browser.fullPageScreenshot("phone-" + page.getKey());
            if (page.getKey().equals("not-found")) {
                assertEquals(1, browser.findAll("link[rel='icon'][href='/static/img/favicon.svg']").size(), "the 404 page has the favicon");
                browser.consoleErrors(); // the 404 itself
            }
        }
        browser.assertNoConsoleErrors("pages on a phone");
    }

    @Test
    void modelAndNeuronPagesFitAndTheirHeatMapsScrollInTheirOwnBox() throws Exception {
        openAndFit("/models/counter", "#unit-heatmap", "model page");
        assertSequenceBoxUsable();
        long inner = (Long) browser.js("const s = document.querySelector('#heatmap .heatmap-scroll'); return s.scrollWidth - s.clientWidth;");
        assertTrue(inner > 0, "six test sequences are wider than a phone: the heat map scrolls inside its box");
        for (var segment : browser.findAll("#toolbar .segment")) {
            long right = (Long) browser.js("return Math.round(arguments[0].getBoundingClientRect().right);", segment);
            assertTrue(right <= WIDTH, "vector button " + segment.getText() + " is cut off at " + right);
        }
        browser.fullPageScreenshot("phone-model");

        openAndFit("/models/counter/layers/0/units/8", "#neuron-heatmap", "neuron page");
        assertTrue(browser.find("#next-unit").isDisplayed());
        long nextRight = (Long) browser.js("return Math.round(document.querySelector('#next-unit').getBoundingClientRect().right);");
        assertTrue(nextRight <= WIDTH, "“next →” ends at " + nextRight);
        browser.fullPageScreenshot("phone-neuron");
        browser.assertNoConsoleErrors("model pages on a phone");
    }

    @Test
    void comparePageFitsWithAUsableSequenceBox() throws Exception {
        openAndFit("/compare?a=counter&b=counter", "#heatmap-a canvas", "compare page");
        assertSequenceBoxUsable();
        browser.fullPageScreenshot("phone-compare");
        browser.assertNoConsoleErrors("compare on a phone");
    }

    @Test
    void scoreboardScrollsInsideItsBoxWithTheCellColumnPinned() throws Exception {
        browser.open("/scoreboard");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#scoreboard-table .cell-row")).isEmpty(), 30);
        assertFits("scoreboard");
        long overflow = (Long) browser.js("const s = document.querySelector('#scoreboard'); return s.scrollWidth - s.clientWidth;");
        assertTrue(overflow > 0, "the table is wider than a phone and scrolls inside its box");
        String firstCell = "#scoreboard-table .cell-row > :first-child";
        long before = (Long) browser.js("return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().left);", firstCell);
        browser.js("document.querySelector('#scoreboard').scrollLeft = 300;");
        long after = (Long) browser.js("return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().left);", firstCell);
        assertTrue(Math.abs(before - after) <= 1, "the cell names stay where they are while the numbers scroll: " + before + " → " + after);
        long second = (Long) browser.js("return Math.round(document.querySelector('#scoreboard-table .cell-row > :nth-child(2)').getBoundingClientRect().left);");
        assertTrue(second < before + 100, "the other columns did scroll");
        browser.screenshot("phone-scoreboard");
        browser.assertNoConsoleErrors("scoreboard on a phone");
    }
}
