// Logto's pages for native apps: `/springboard` (a desktop or native app
// opens the system browser there with its `state` and deep link) and
// `/social/landing/:connectorId` (the app's webview hands the provider's
// page to the system browser). The provider's answer on `/callback/:id`
// then goes back to the app by its deep link, once; web pages and scripts
// are never taken for a deep link, nor followed.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CSP, DELIVERY, launchBrowser, openApp, settingsFile, startSimulator } from "./harness.mjs";

const SOCIAL = settingsFile("native-social", "social", { socialConnectors: [] });
const DEEP_LINK = "logto-demo://callback";

/** A page whose navigations (to any scheme, a deep link included) are recorded. */
async function openRecorded(browser, sim) {
  const opened = await openApp(browser, `${sim.origin}/demo-app`, { app: false });
  const cdp = await opened.context.newCDPSession(opened.page);
  await cdp.send("Page.enable");
  const navigations = [];
  cdp.on("Page.frameRequestedNavigation", (event) => navigations.push(event.url));
  const deepLink = (prefix) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const found = navigations.find((url) => url.startsWith(prefix));
        if (found) return resolve(found);
        if (Date.now() - started > 15_000) return reject(new Error(`no ${prefix} in ${navigations.join(" ")}`));
        setTimeout(poll, 100);
      };
      poll();
    });
  return { ...opened, navigations, deepLink };
}

describe(`native apps' pages (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sim;
  let browser;
  before(async () => {
    sim = await startSimulator({ SETTINGS: SOCIAL });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
  });

  test("springboard: keeps the app's state and deep link, leaves; the callback goes back to the app once", async () => {
    const { context, page, requests, deepLink } = await openRecorded(browser, sim);
    // The provider's answer stands in for the provider: the springboard
    // leaves for it as it would for the provider's page.
    const answer = `${sim.origin}/callback/mock-social?code=abc&state=st-1`;
    const query = new URLSearchParams({ state: "st-1", connectorId: "mock-social", callback: DEEP_LINK, redirectTo: answer });
    await page.goto(`${sim.origin}/springboard?${query}`);
    assert.equal(await deepLink(DEEP_LINK), `${DEEP_LINK}?code=abc&state=st-1`);
    const kept = await page.evaluate(() => ({ ...sessionStorage }));
    assert.equal(kept["social_auth_state:mock-social"], "st-1");
    assert.equal(kept["social_callback_data:mock-social"], undefined, "the deep link is good once");
    assert.ok(!requests.some((r) => r.endsWith("/verify")), "the app verifies, not the system browser");
    await context.close();
  });

  test("social landing: keeps the deep link and replaces itself with the provider's page", async () => {
    const { context, page, deepLink } = await openRecorded(browser, sim);
    const answer = `${sim.origin}/callback/mock-social?code=xyz&state=st-2`;
    const query = new URLSearchParams({ redirect_to: answer, native_callback: DEEP_LINK });
    await page.goto(`${sim.origin}/social/landing/mock-social?${query}`);
    assert.equal(await deepLink(DEEP_LINK), `${DEEP_LINK}?code=xyz&state=st-2`);
    await context.close();
  });

  test("social landing without a web address to go to: Logto's error, nothing followed", async () => {
    for (const redirectTo of [null, "javascript:alert(1)"]) {
      const { context, page, navigations } = await openRecorded(browser, sim);
      const query = new URLSearchParams({ native_callback: DEEP_LINK });
      if (redirectTo) query.set("redirect_to", redirectTo);
      await page.goto(`${sim.origin}/social/landing/mock-social?${query}`);
      await page.getByRole("alert").filter({ hasText: "The connector data is invalid" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/social/landing/mock-social");
      assert.ok(!navigations.some((url) => url.startsWith("javascript:")), navigations.join(" "));
      await context.close();
    }
  });

  test("a web page as the deep link is never kept: the callback stays a web sign-in, its state checked", async () => {
    const { context, page, navigations, requests } = await openRecorded(browser, sim);
    const answer = `${sim.origin}/callback/mock-social?code=abc&state=forged`;
    const query = new URLSearchParams({
      state: "st-3",
      connectorId: "mock-social",
      callback: "https://attacker.example/steal",
      redirectTo: answer,
    });
    await page.goto(`${sim.origin}/springboard?${query}`);
    await page.getByRole("alert").filter({ hasText: "The authorization is invalid" }).waitFor();
    assert.ok(!navigations.some((url) => url.startsWith("https://attacker.example")), navigations.join(" "));
    assert.ok(!requests.some((r) => r.endsWith("/verify")));
    await context.close();
  });
});
