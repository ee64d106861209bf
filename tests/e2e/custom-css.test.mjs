// Operators' custom CSS written for Logto's page (tests/fixtures/custom-css/,
// docs/drop-in.md "Custom CSS fixtures") applied to ours, by both ways it
// arrives: Logto core's SSR (`<style data-custom-css>` in the served head)
// and the settings' `customCss` the page injects itself (SSR=off). Each
// fixture's effect is checked by computed style on the current delivery path.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CSP, DELIVERY, ROOT, launchBrowser, openSignIn, settingsFile, startSimulator } from "./harness.mjs";

const FIXTURES = join(ROOT, "tests", "fixtures", "custom-css");
const css = (name) => readFileSync(join(FIXTURES, `${name}.css`), "utf8");

/** The computed `property` of the first element matching `selector`. */
const style = (page, selector, property, pseudo = null) =>
  page
    .locator(selector)
    .first()
    .evaluate((element, [property, pseudo]) => getComputedStyle(element, pseudo).getPropertyValue(property), [
      property,
      pseudo,
    ]);

/** Each fixture: the settings it needs, and what it must do to our page. */
const CASES = {
  "stable-main-content": {
    async check(page) {
      assert.equal(await style(page, "main.logto_main-content", "background-color"), "rgb(255, 0, 0)");
      assert.equal(await style(page, "main.logto_main-content", "border-top-left-radius"), "16px");
    },
  },
  "layout-hooks": {
    settings: { customContent: { "/sign-in": "<p>Operator's notes</p>" } },
    async check(page) {
      assert.equal(await style(page, ".logto_page-container", "background-color"), "rgb(234, 242, 255)");
      assert.equal(await style(page, ".logto_custom-content", "border-top-color"), "rgb(157, 184, 232)");
      assert.equal(await style(page, ".logto_custom-content", "padding-top"), "24px");
      assert.equal(await style(page, ".logto_branding-header", "margin-bottom"), "24px");
      assert.equal(await style(page, ".logto_signature", "opacity"), "0.5");
    },
  },
  "docs-night-theme": {
    base: "social",
    settings: { signUp: { identifiers: ["email"], password: false, verify: true } },
    async check(page) {
      assert.equal(await style(page, "#app > div", "background-color"), "rgb(27, 20, 51)");
      assert.equal(await style(page, "main", "background-color"), "rgb(42, 33, 80)");
      assert.equal(await style(page, "main", "border-top-left-radius"), "12px");
      assert.equal(await style(page, "main img.logto_logo", "height"), "96px");
      // Logto's --color-type-* set on every element recolour the text.
      assert.equal(await style(page, "main h1", "color"), "rgb(255, 255, 255)");
      assert.equal(await style(page, "form input[name=identifier]", "background-color"), "rgb(86, 79, 124)");
      assert.match(await style(page, "button[type=submit]", "background-image"), /linear-gradient/);
      assert.equal(await style(page, "div[class*=socialLinkList] > button", "background-color"), "rgb(100, 89, 149)");
      assert.equal(await style(page, "div[class*=createAccount]", "color"), "rgb(255, 255, 255)");
      assert.equal(await style(page, "div[class*=divider] > i[class*=line]", "background-color"), "rgba(247, 248, 248, 0.14)");
    },
  },
  "suffix-selectors": {
    base: "email-password-code",
    async check(page) {
      assert.equal(await style(page, "main h1", "font-size"), "28px");
      assert.equal(await style(page, "div[class$=_createAccount]", "text-align"), "center");
      await page.locator("input[name=identifier]").focus();
      assert.equal(await style(page, "div[class*=_inputField]", "outline-style"), "solid");
      assert.equal(await style(page, "div[class*=_inputField]", "outline-color"), "rgb(31, 111, 67)");
      // A secondary page: its title, its Back, a field error.
      await page.fill("input[name=identifier]", "alice@example.com");
      await page.click("button[name=submit]");
      await page.locator("div[class$=_title]").waitFor();
      assert.equal(await style(page, "main h1", "font-size"), "24px");
      assert.equal(await style(page, "div[role=button][class$=_navButton]", "color"), "rgb(31, 111, 67)");
      await page.click("button[name=submit]");
      await page.locator("div[class*=_errorMessage]").waitFor();
      assert.equal(await style(page, "div[class*=_errorMessage]", "font-weight"), "700");
    },
  },
  "theme-hooks": {
    settings: { color: { primaryColor: "#6139F6", isDarkModeEnabled: true, darkPrimaryColor: "#8768F8" } },
    async check(page) {
      assert.equal(await style(page, "body", "background-color"), "rgb(250, 247, 242)");
      assert.equal(await style(page, "main", "width"), "480px");
    },
    async checkDark(page) {
      assert.equal(await style(page, "body", "background-color"), "rgb(13, 13, 15)");
      assert.equal(await style(page, "main", "background-color"), "rgb(28, 28, 33)");
    },
  },
  "brand-variables": {
    async check(page) {
      assert.equal(await style(page, "button[name=submit]", "background-color"), "rgb(232, 89, 12)");
      assert.equal(await style(page, "input[name=identifier]", "border-top-left-radius"), "2px");
      assert.match(await style(page, "body", "font-family"), /Georgia/);
      assert.equal(await style(page, "main h1", "color"), "rgb(33, 37, 41)");
      assert.equal(await style(page, "main", "background-color"), "rgb(255, 255, 255)");
      assert.equal(await style(page, "body", "background-color"), "rgb(241, 243, 245)");
    },
  },
  "font-variables": {
    base: "email-password-code",
    settings: { customContent: { "/sign-in": '<p class="operator-note">Operator\'s notes</p>' } },
    async check(page) {
      const font = async (selector) =>
        [await style(page, selector, "font-weight"), await style(page, selector, "font-size"), await style(page, selector, "font-family")].join(" ");
      assert.equal(await font("[class$=_headline] h1"), "700 30px Georgia, serif");
      assert.equal(await font("button[name=submit]"), "600 15px Georgia, serif");
      assert.equal(await font("input[name=identifier]"), "400 15px Georgia, serif");
      assert.equal(await font("label[for=identifier]"), "600 15px Georgia, serif");
      // The operator's own element reads a variable it did not set: Logto's value.
      assert.match(await font(".operator-note"), /^500 12px -apple-system, system-ui/);
      await page.fill("input[name=identifier]", "alice@example.com");
      await page.click("button[name=submit]");
      await page.locator("div[class$=_title]").waitFor();
      assert.equal(await font("div[class$=_title] h1"), "600 26px Georgia, serif");
      // Body text: the card reads --font-body-2 itself.
      assert.equal(await font("main.logto_main-content"), "400 15px Georgia, serif");
    },
  },
  "background-image": {
    async check(page) {
      assert.match(await style(page, "#app > div[class$=viewBox]", "background-image"), /^url\("data:image\/svg\+xml/);
      assert.equal(await style(page, "#app > div[class$=viewBox]", "background-size"), "cover");
    },
  },
  "hide-signature": {
    // Deliberate deviation (docs/drop-in.md 4.6): no guard, so it hides.
    async check(page) {
      assert.equal(await page.locator(".logto_signature").isVisible(), false);
    },
  },
};

for (const [delivery, ssr] of [
  ["SSR", "on"],
  ["settings", "off"],
]) {
  describe(`custom CSS fixtures through ${delivery} (${DELIVERY} path, ${CSP} CSP)`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    for (const [name, fixture] of Object.entries(CASES)) {
      test(name, async () => {
        const SETTINGS = settingsFile(`css-${name}`, fixture.base ?? "username-password", {
          ...fixture.settings,
          customCss: css(name),
        });
        const sim = await startSimulator({ SETTINGS, ...(ssr === "off" ? { SSR: "off" } : {}) });
        try {
          for (const colorScheme of fixture.checkDark ? ["light", "dark"] : ["light"]) {
            const { context, page } = await openSignIn(browser, sim, { colorScheme });
            await page.locator("main h1").waitFor();
            // One copy of the operator's CSS in the head, whichever way it came.
            const tail = css(name).trim().slice(-60);
            const copies = await page.evaluate(
              (tail) => [...document.querySelectorAll("head style")].filter((s) => s.textContent.includes(tail)).length,
              tail,
            );
            assert.equal(copies, 1);
            await (colorScheme === "dark" ? fixture.checkDark(page) : fixture.check(page));
            await context.close();
          }
        } finally {
          sim.stop();
        }
      });
    }
  });
}
