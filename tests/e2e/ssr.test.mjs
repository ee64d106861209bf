// Logto core's SSR on the current delivery path: when core (here the
// simulator) fills index.html's placeholder with the settings and phrases,
// the page requests neither, and the custom CSS and dark mode apply before
// the app has even been downloaded; served unfilled (SSR=off, as logto-host
// or a plain file server serves it), the page requests both, as before.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CSP, DELIVERY, launchBrowser, openApp, openSignIn, settingsFile, startFilledAndUnfilled } from "./harness.mjs";

const WELL_KNOWN = ["/api/.well-known/experience", "/api/.well-known/phrases"];
// Observable before the app exists: a rule on <body>.
const CUSTOM_CSS = "body { border-top: 7px solid rgb(1, 2, 3); } .logto_main-content { border-radius: 3px; }";
const isBuild = (url) => /\.wasm$|^\/js-[0-9a-f]+\/|^\/wasm-full-|^\/logto-experience-.*\.js$/.test(new URL(url).pathname);
const wellKnown = (requests) => requests.filter((path) => WELL_KNOWN.includes(path));
const bodyStyle = (page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { border: style.borderTopColor, background: getComputedStyle(document.documentElement).backgroundColor };
  });

describe(`Logto's SSR placeholder (${DELIVERY} path, ${CSP} CSP)`, () => {
  let filled;
  let unfilled;
  let browser;
  before(async () => {
    // Dark mode enabled (the fixture), and custom CSS.
    const SETTINGS = settingsFile("ssr", "custom-css-dark-mode", { customCss: CUSTOM_CSS });
    [filled, unfilled] = await startFilledAndUnfilled({ SETTINGS });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    filled?.stop();
    unfilled?.stop();
  });

  test("filled: no well-known request; custom CSS and dark mode before the app loads; signs in", async () => {
    // The app's build is held back until the page has been looked at.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let reached;
    const buildRequested = new Promise((resolve) => (reached = resolve));
    const { context, page, requests, errors } = await openApp(browser, `${filled.origin}/demo-app`, {
      app: false,
      colorScheme: "dark",
      setup: (context) =>
        context.route(isBuild, async (route) => {
          reached();
          await held;
          await route.continue();
        }),
    });
    await page.getByRole("link", { name: "Sign in" }).click();
    await buildRequested;
    await page.waitForFunction(() => document.documentElement.dataset.delivery);
    assert.equal(await page.locator("#app > *").count(), 0, "the app has not started");
    assert.equal(await page.locator("head style[data-custom-css]").count(), 1, "core's custom CSS is in the head");
    assert.ok(await page.evaluate(() => document.documentElement.hasAttribute("data-dark-mode")));
    assert.deepEqual(await bodyStyle(page), { border: "rgb(1, 2, 3)", background: "rgb(0, 0, 0)" });
    release();

    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.deepEqual(wellKnown(requests), [], "no well-known request");
    // One copy of the custom CSS, after the brand colours.
    assert.deepEqual(
      await page.evaluate(() =>
        [...document.head.querySelectorAll("style")].map((s) => s.id || (s.hasAttribute("data-custom-css") ? "core" : "?")),
      ),
      ["logto-brand", "core"],
    );
    assert.equal(await page.locator("#logto-custom-css").count(), 0);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".logto_main-content")).borderTopLeftRadius), "3px");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(wellKnown(requests), []);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/i.test(e)), []);
    await context.close();
  });

  test("filled: ui_locales in another language fetches the phrases only", async () => {
    const { context, page, requests } = await openSignIn(browser, filled, {}, { ui_locales: "fr" });
    await page.getByRole("heading", { name: "Connectez-vous à votre compte" }).waitFor();
    assert.deepEqual(wellKnown(requests), ["/api/.well-known/phrases"]);
    await context.close();
  });

  test("filled: the full build takes over without a well-known request", { skip: DELIVERY !== "wasm" }, async () => {
    const { context, page, requests } = await openSignIn(browser, filled);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), "full");
    assert.deepEqual(wellKnown(requests), []);
    await context.close();
  });

  test("unfilled (SSR=off): requests the settings and phrases, the app applies the custom CSS", async () => {
    const { context, page, requests } = await openSignIn(browser, unfilled, { colorScheme: "dark" });
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.deepEqual(wellKnown(requests).sort(), WELL_KNOWN);
    assert.equal(await page.evaluate(() => typeof window.logtoSsr), "string");
    assert.equal(await page.locator("style[data-custom-css]").count(), 0);
    assert.equal(await page.locator("#logto-custom-css").count(), 1);
    assert.deepEqual(await bodyStyle(page), { border: "rgb(1, 2, 3)", background: "rgb(0, 0, 0)" });
    await context.close();
  });
});
