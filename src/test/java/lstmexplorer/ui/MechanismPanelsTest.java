package lstmexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dynamics and patching tabs, the attribution strip under the playground and the unit card, on the gallery models. */
class MechanismPanelsTest extends BrowserTest {
    @Test
    void theDynamicsTabSaysWhatTheStateMemorizerRemembersAndDrawsItsEigenvalues() throws Exception {
        browser.open("/models/state_memorizer?tab=dynamics");
        WebElement claims = browser.waitFor(d -> d.findElements(By.cssSelector("#dynamics-claims .claim")).isEmpty() ? null
                : d.findElement(By.id("dynamics-claims")), 120);
        assertTrue(claims.getText().matches("(?s)A memory: .*under x there are 2 stable fixed points that test states settle on, one per value of state.*"),
                claims.getText());
        // the search ran as a job the panel polled, and the page is left with the answer, not the progress bar
        assertEquals(Boolean.TRUE, browser.js("return performance.getEntriesByType('resource').some(e => e.name.includes('/dynamics/jobs'))"));
        assertTrue(browser.findAll("#dynamics-progress").isEmpty(), "the progress bar gave way to the answer");
        browser.js("document.getElementById('analysis').scrollIntoView({block: 'start'});");
        // selecting a trajectory point linearises there and opens it in the playground
        browser.js("const c = document.getElementById('dynamics-plane'); const r = c.getBoundingClientRect();"
                + "for (let x = 0; x < c.width; x += 2) for (let y = 0; y < c.height; y += 2) {"
                + "  const p = c.getContext('2d').getImageData(x, y, 1, 1).data;"
                + "  if (p[3] > 200 && !(p[0] === p[1] && p[1] === p[2])) { c.dispatchEvent(new MouseEvent('click', {clientX: r.left + x * r.width / c.width,"
                + "    clientY: r.top + y * r.height / c.height, bubbles: true})); if (new URL(location).searchParams.get('dpoint')) return; } }");
        browser.waitFor(d -> d.findElements(By.id("dynamics-eigen")).isEmpty() ? null : true, 60);
        assertTrue(browser.url().contains("dpoint="), browser.url());
        assertTrue(browser.find("#dynamics-detail").getText().contains("|λ|"), browser.find("#dynamics-detail").getText());
        browser.screenshot("dynamics");
        browser.assertNoConsoleErrors("dynamics");
    }

    @Test
    void aPatchOfTheFullStateMakesTheBaseWriteTheSourcesBsAndTheEffectMapDraws() throws Exception {
        browser.open("/models/counter?tab=patch&pbase=aaX&psource=aaaaaX&pvector=state&punits=all");
        WebElement run = browser.waitFor(d -> d.findElements(By.id("patch-run")).isEmpty() ? null : d.findElement(By.id("patch-run")), 60);
        run.click();
        WebElement result = browser.waitFor(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("#patch-result .claim"));
            return r.isEmpty() ? null : d.findElement(By.id("patch-result"));
        }, 60);
        assertEquals("bbbbb\n", result.getAttribute("data-patched"));
        assertTrue(result.getText().contains("continues exactly as the source"), result.getText());
        browser.find("#patch-effects").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("#patch-map canvas")).isEmpty() ? null : true, 60);
        browser.screenshot("patch");
        browser.assertNoConsoleErrors("patch");
    }

    @Test
    void theAttributionStripColoursEveryCharacterReadAndTheCardShowsContexts() throws Exception {
        browser.open("/models/counter?input=aaaXbb");
        List<WebElement> chars = browser.waitFor(d -> {
            List<WebElement> c = d.findElements(By.cssSelector("#attribution-strip .attribution-char"));
            return c.size() == 7 ? c : null;
        }, 60);
        assertTrue(chars.get(6).getAttribute("title").startsWith("after"), chars.get(6).getAttribute("title"));
        assertTrue(chars.get(5).getAttribute("class").contains("attribution-target"));
        assertTrue(browser.find("#attribution").getText().contains("completeness error"), browser.find("#attribution").getText());
        browser.screenshot("attribution");
        browser.assertNoConsoleErrors("attribution");

        browser.open("/models/counter/layers/0/units/0?vector=cell");
        WebElement card = browser.waitFor(d -> d.findElements(By.cssSelector("#unit-card .context")).size() == 20
                ? d.findElement(By.id("unit-card")) : null, 60);
        assertTrue(card.getText().contains("Simulation score"), card.getText());
        // its line reads "a · count − b" for a negative intercept, not "+ −b"
        assertTrue(card.getText().matches("(?s).*≈ \\S+ · \\w+ [+−] \\d.*"), card.getText());
        // the page heads its panels "Layer 1, unit 0": the card counts layers from 1 too
        assertEquals("Unit card: layer 1, unit 0", card.findElement(By.cssSelector(".panel-title")).getText());
        assertTrue(browser.find("#unit-card-patch").getAttribute("href").contains("tab=patch"));
        browser.assertNoConsoleErrors("unit card");

        // the card's attribution link opens the strip on this unit, after the centre of its highest context
        browser.find("#unit-card-attribution").click();
        WebElement title = browser.waitFor(d -> {
            List<WebElement> t = d.findElements(By.cssSelector("#attribution .attribution-title"));
            return !t.isEmpty() && t.get(0).getText().contains("cell unit 0") ? t.get(0) : null;
        }, 60);
        assertTrue(title.getText().startsWith("Attribution of layer 1 cell unit 0 after timestep"), title.getText());
        assertTrue(browser.url().contains("aof=0%3Acell%3A0") || browser.url().contains("aof=0:cell:0"), browser.url());
        assertTrue(browser.find("#attribution").getText().contains("completeness error"), browser.find("#attribution").getText());
        browser.assertNoConsoleErrors("attribution of a unit");
    }
}
