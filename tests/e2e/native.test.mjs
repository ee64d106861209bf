// Logto's pages for native apps: `/springboard` (a desktop or native app
// opens the system browser there with its `state` and deep link) and
// `/social/landing/:connectorId` (the app's webview hands the provider's
// page to the system browser). The provider's answer on `/callback/:id`
// then goes back to the app by its deep link, once; web pages and scripts
// are never taken for a deep link, nor followed. And the page inside an
// app's webview (`window.logtoNativeSdk`, injected here as the SDKs do):
// the app's Native connectors, the sign-in handed to the app by
// `getPostMessage()`, the app's return to `/callback/social/:id`.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CSP, DELIVERY, launchBrowser, openApp, openSignIn, settingsFile, startSimulator } from "./harness.mjs";

// The simulator lists every connector of the enabled targets, as core
// does: mock-wechat has a Web and a Native one.
const SOCIAL = settingsFile("native-social", "social", {
  socialConnectors: [],
  socialSignInConnectorTargets: ["mock-social", "mock-wechat"],
});
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

  /** The sign-in page in an app's webview whose bridge records what it is given. */
  async function openInApp({ callbackLink = DEEP_LINK } = {}) {
    const setup = (context) =>
      context.addInitScript((link) => {
        window.__posted = [];
        window.logtoNativeSdk = {
          platform: "ios",
          callbackLink: link,
          getPostMessage: () => (data) => window.__posted.push(JSON.parse(JSON.stringify(data))),
          supportedConnector: { universal: true, nativeTargets: ["mock-wechat"] },
        };
      }, callbackLink);
    return openSignIn(browser, sim, { setup });
  }

  const posted = async (page) => {
    await page.waitForFunction(() => window.__posted.length > 0);
    return page.evaluate(() => window.__posted);
  };

  test("in an app's webview: its Native connector, the sign-in handed to the app, its return signs in", async () => {
    const { context, page, requests } = await openInApp();
    const wechat = page.getByRole("button", { name: "Continue with Mock WeChat" });
    await wechat.waitFor();
    assert.equal(await wechat.count(), 1, "one button per target");
    await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
    await wechat.click();
    const [message] = await posted(page);
    assert.equal(message.callbackUri, `${sim.origin}/callback/social/mock-wechat-native`);
    const provider = new URL(message.redirectTo);
    assert.equal(provider.pathname, "/__sim/mock-idp/mock-wechat-native", "the Native connector's own page");
    assert.equal(provider.searchParams.get("redirect_uri"), `${sim.origin}/callback/mock-wechat-native`);
    const state = provider.searchParams.get("state");
    assert.match(state, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(new URL(page.url()).pathname, "/sign-in", "the page stays: the app opens the provider");
    assert.ok(requests.includes("/api/experience/verification/social/mock-wechat-native/authorization-uri"));

    // The app: the provider signs in, and its answer comes back to the
    // callback address the page gave.
    await page.route(
      (url) => url.pathname === "/__sim/mock-idp/mock-wechat-native/authorize",
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const answer = new URL(response.headers().location, sim.origin);
        assert.equal(answer.pathname, "/callback/mock-wechat-native");
        await route.fulfill({ status: 302, headers: { location: `${message.callbackUri}${answer.search}` } });
      },
    );
    const visited = [];
    page.on("framenavigated", (frame) => frame === page.mainFrame() && visited.push(new URL(frame.url()).pathname));
    await page.goto(message.redirectTo);
    await page.getByLabel("User id at the provider").fill("wechat-native-1");
    await page.getByLabel("E-mail").fill("wechat.native@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname === "/continue/username" || url.pathname === "/demo-app/callback");
    if (new URL(page.url()).pathname === "/continue/username") {
      await page.getByLabel("Username").fill("wechat_native");
      await page.getByRole("button", { name: "Continue" }).click();
    }
    await page.locator("#signed-in").waitFor();
    assert.ok(visited.includes("/callback/social/mock-wechat-native"), visited.join(" "));
    assert.ok(!requests.includes("/callback/mock-wechat-native"), "the app's return, not the provider's");
    assert.ok(requests.includes("/api/experience/verification/social/mock-wechat-native/verify"));
    await context.close();
  });

  test("in an app's webview: a Universal connector goes through the landing page with the app's deep link", async () => {
    const { context, page } = await openInApp();
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    const [message] = await posted(page);
    assert.equal(message.callbackUri, `${sim.origin}/callback/social/mock-social`);
    const landing = new URL(message.redirectTo);
    assert.equal(`${landing.origin}${landing.pathname}`, `${sim.origin}/social/landing/mock-social`);
    assert.equal(landing.searchParams.get("native_callback"), DEEP_LINK);
    assert.equal(new URL(landing.searchParams.get("redirect_to")).pathname, "/__sim/mock-idp/mock-social");
    await context.close();
  });

  test("in an app without a deep link: only its Native connectors; in a browser: the Web one", async () => {
    const inApp = await openInApp({ callbackLink: "" });
    await inApp.page.getByRole("button", { name: "Continue with Mock WeChat" }).waitFor();
    assert.equal(await inApp.page.getByRole("button", { name: "Continue with Mock Social" }).count(), 0);
    await inApp.context.close();

    const { context, page } = await openSignIn(browser, sim);
    const wechat = page.getByRole("button", { name: "Continue with Mock WeChat" });
    await wechat.waitFor();
    assert.equal(await wechat.count(), 1);
    await wechat.click();
    await page.waitForURL(/\/__sim\/mock-idp\/mock-wechat-web\?/);
    await context.close();
  });
});
