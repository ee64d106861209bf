// Google One Tap: the widget Google's script reads (#g_id_onload), the
// credential Google posts to the connector's callback, Google's CSRF
// double-submit cookie, and an application's credential passed through the
// authorization request (`google_one_tap_credential`). Google's script is
// the simulator's stand-in, served in its place.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  checkPage,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const ONE_TAP = settingsFile("one-tap", "social", {
  socialConnectors: [],
  socialSignInConnectorTargets: ["mock-social", "mock-google"],
  googleOneTap: {
    isEnabled: true,
    autoSelect: false,
    closeOnTapOutside: true,
    clientId: "demo.apps.googleusercontent.com",
    connectorId: "mock-google",
  },
});
const GSI = "https://accounts.google.com/gsi/client";

/** Serves the simulator's stand-in for Google's script in `context`. */
const withGoogle = (sim) => async (context) => {
  await context.route(GSI, async (route) => {
    const script = await (await fetch(`${sim.origin}/__sim/mock-gsi/client`)).text();
    await route.fulfill({ status: 200, headers: { "content-type": "text/javascript" }, body: script });
  });
};

const path = (page) => new URL(page.url()).pathname;

describe(`Google One Tap (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sim;
  let browser;
  before(async () => {
    sim = await startSimulator({ SETTINGS: ONE_TAP });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
  });

  test("the widget is on the sign-in page; a new person registers through it", async () => {
    const { context, page, requests } = await openSignIn(browser, sim, { setup: withGoogle(sim) });
    const onload = page.locator("body > #g_id_onload");
    await onload.waitFor({ state: "attached" });
    assert.equal(await onload.getAttribute("data-client_id"), "demo.apps.googleusercontent.com");
    assert.equal(await onload.getAttribute("data-context"), "signin");
    assert.equal(await onload.getAttribute("data-login_uri"), `${sim.origin}/callback/mock-google`);
    assert.equal(await onload.getAttribute("data-cancel_on_tap_outside"), "true");
    // Google's script, under Logto's CSP.
    await page.getByRole("button", { name: "Continue as Google User" }).waitFor();
    assert.ok(requests.includes("/gsi/client"), requests.join(" "));
    await checkPage(page, "sign-in-one-tap");
    await page.getByRole("button", { name: "Continue as Google User" }).click();
    // Google's form post becomes the callback page (core's 303).
    await page.waitForURL((url) => ["/callback/mock-google", "/continue/username", "/demo-app/callback"].includes(url.pathname));
    await page.waitForURL((url) => url.pathname !== "/callback/mock-google");
    if (path(page) === "/continue/username") {
      await page.getByLabel("Username").fill("google_user");
      await page.getByRole("button", { name: "Continue" }).click();
    }
    await signedIn(page);
    assert.ok(requests.includes("/api/experience/verification/social/mock-google/verify"));
    // The widget went with the sign-in page.
    await context.close();
  });

  test("a credential posted without Google's cookie is refused without asking Logto", async () => {
    const { context, page, requests } = await openSignIn(browser, sim);
    await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
    await page.goto(`${sim.origin}/callback/mock-google?credential=forged&g_csrf_token=t`);
    await page.getByRole("alert").filter({ hasText: "The authorization is invalid" }).waitFor();
    assert.ok(!requests.some((r) => r.endsWith("/verify")), requests.join(" "));
    assert.ok(!new URL(page.url()).searchParams.has("credential"), "the credential left the address bar");
    await context.close();
  });

  test("an application's credential signs in through /direct, once", async () => {
    const issued = await (
      await fetch(`${sim.origin}/__sim/mock-gsi/credential`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sub: "g-alice", email: "alice@example.com" }),
      })
    ).json();
    const { context, page } = await openSignIn(
      browser,
      sim,
      {},
      { google_one_tap_credential: issued.credential },
    );
    // Core sent the page to the Google connector's direct sign-in with the
    // credential in a cookie; the page went on to the callback with it.
    await page.getByRole("heading", { name: "Link or create account" }).waitFor();
    assert.equal(path(page), "/social/link/mock-google");
    await page.getByRole("button", { name: "Link with alice@example.com" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    // Logto cleared its copy of the credential.
    const cookies = await context.cookies(sim.origin);
    assert.ok(!cookies.some((c) => c.name === "_logto_google_one_tap_credential" && c.value), JSON.stringify(cookies));
    await context.close();
  });

  test("no widget where One Tap is off", async () => {
    const plain = await startSimulator({ SETTINGS: settingsFile("one-tap-off", "social", { socialConnectors: [] }) });
    try {
      const { context, page, requests } = await openSignIn(browser, plain);
      await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
      assert.equal(await page.locator("#g_id_onload").count(), 0);
      assert.ok(!requests.includes("/gsi/client"));
      await context.close();
    } finally {
      plain.stop();
    }
  });
});
