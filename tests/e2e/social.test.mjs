// Social sign-in and enterprise SSO through the simulator's mock identity
// provider: a linked account, a new account, linking to an account with the
// same email, forged and missing `state`, a refusal at the provider,
// direct sign-in; SSO found from the email domain, with one connector and
// with two.
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

// The configuration names the recording server's connector ids: empty
// lists let the simulator list its own (mock-social, mock-sso, mock-sso-2).
const SOCIAL = settingsFile("social", "social", { socialConnectors: [] });
const MANY = settingsFile("social-many", "social", {
  socialConnectors: [],
  socialSignInConnectorTargets: ["mock-social", "mock-github", "mock-google", "mock-apple", "mock-azure", "mock-discord"],
});
const SSO = settingsFile("sso", "sso-identifier-first", { ssoConnectors: [] });

const path = (page) => new URL(page.url()).pathname;

/** At the mock provider: sign in as `sub` (with `email`), or refuse. */
async function atProvider(page, { sub, email, deny = false } = {}) {
  await page.waitForURL(/\/__sim\/mock-idp\//);
  if (sub) await page.getByLabel("User id at the provider").fill(sub);
  if (email) await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: deny ? "Cancel" : "Continue" }).click();
}

describe(`social sign-in and SSO (${DELIVERY} path, ${CSP} CSP)`, () => {
  let social;
  let many;
  let sso;
  let browser;
  before(async () => {
    [social, many, sso] = await Promise.all([
      startSimulator({ SETTINGS: SOCIAL }),
      startSimulator({ SETTINGS: MANY }),
      startSimulator({ SETTINGS: SSO }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const sim of [social, many, sso]) sim?.stop();
  });

  test("a linked account signs in through its provider; the state is random and checked", async () => {
    const { context, page, requests } = await openSignIn(browser, social);
    const button = page.getByRole("button", { name: "Continue with Mock Social" });
    await button.waitFor();
    await checkPage(page, "sign-in-social");
    await button.click();
    await page.waitForURL(/\/__sim\/mock-idp\//);
    const state = new URL(page.url()).searchParams.get("state");
    assert.match(state, /^[A-Za-z0-9_-]{22}$/);
    await atProvider(page, { sub: "mock-user-1" });
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /social_demo/);
    assert.ok(requests.includes("/api/experience/verification/social/mock-social/verify"));
    await context.close();
  });

  test("many providers: every button shown, as on Logto's page", async () => {
    const { context, page } = await openSignIn(browser, many);
    const buttons = page.locator(".logto_social-button");
    await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
    assert.equal(await buttons.filter({ visible: true }).count(), 6);
    await checkPage(page, "sign-in-social-many");
    // The settings' order, and any of them works.
    assert.equal(await buttons.last().textContent(), "Continue with Mock Discord");
    await page.getByRole("button", { name: "Continue with Mock Discord" }).click();
    await page.waitForURL(/\/__sim\/mock-idp\/mock-discord/);
    await context.close();
  });

  test("a new person registers with the social account", async () => {
    const { context, page } = await openSignIn(browser, social);
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await atProvider(page, { sub: "brand-new-1", email: "brand.new@example.com" });
    // The settings may still ask for a username: fill what is asked.
    await page.waitForURL((url) => url.pathname === "/continue/username" || url.pathname === "/demo-app/callback");
    if (path(page) === "/continue/username") {
      await page.getByLabel("Username").fill("brand_new");
      await page.getByRole("button", { name: "Continue" }).click();
    }
    await signedIn(page);
    await context.close();
  });

  test("an email that has an account: link to it", async () => {
    const { context, page } = await openSignIn(browser, social);
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await atProvider(page, { sub: "alice-at-provider", email: "alice@example.com" });
    await page.getByRole("heading", { name: "Link or create account" }).waitFor();
    assert.equal(path(page), "/social/link/mock-social");
    await checkPage(page, "social-link");
    await page.getByRole("button", { name: "Link with alice@example.com" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    await context.close();
  });

  test("the provider answering in another view (in-app browsers) still signs in, once", async () => {
    const { context, page } = await openSignIn(browser, social);
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await page.waitForURL(/\/__sim\/mock-idp\//);
    // Logto's fallback copy, keyed by the state sent.
    const state = new URL(page.url()).searchParams.get("state");
    const copy = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), `logto:redirect-context:fallback:${state}`));
    assert.deepEqual(Object.keys(copy).sort(), ["appId", "connectorId", "createdAt", "expiresAt", "flow", "state", "verificationId"]);
    assert.equal(copy.flow, "social");
    assert.equal(copy.expiresAt - copy.createdAt, 10 * 60 * 1000);
    // The provider's page opens in a new view: no session storage of the
    // first tab, the same cookies and local storage.
    const view = await context.newPage();
    await view.goto(page.url());
    await atProvider(view, { sub: "mock-user-1" });
    await signedIn(view);
    assert.match(await view.locator("#signed-in").textContent(), /social_demo/);
    // The local copy was good once.
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("logto:")).length), 0);
    await context.close();
  });

  test("session storage lost on the way back (in-app browser): still signs in", async () => {
    const { context, page, requests } = await openSignIn(browser, social);
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await page.waitForURL(/\/__sim\/mock-idp\//);
    await page.evaluate(() => sessionStorage.clear());
    await atProvider(page, { sub: "mock-user-1" });
    await signedIn(page);
    assert.ok(requests.includes("/api/experience/verification/social/mock-social/verify"));
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("logto:")).length), 0);
    await context.close();
  });

  test("a forged or missing state is refused without asking the server", async () => {
    for (const query of ["?code=stolen&state=forged", "?code=stolen"]) {
      const { context, page, requests } = await openSignIn(browser, social);
      await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
      await page.goto(`${social.origin}/callback/mock-social${query}`);
      await page.getByRole("alert").filter({ hasText: "The authorization is invalid" }).waitFor();
      assert.ok(!requests.some((r) => r.endsWith("/verify")), requests.join(" "));
      // The code left the address bar.
      assert.ok(!new URL(page.url()).searchParams.has("code"));
      await checkPage(page, "callback-refused");
      await context.close();
    }
  });

  test("Logto unreachable at the callback: said, and the same answer tried again", async () => {
    const { context, page, requests } = await openSignIn(browser, social);
    const verify = "**/api/experience/verification/social/mock-social/verify";
    await page.route(verify, (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await atProvider(page, { sub: "mock-user-1" });
    await page.getByRole("alert").filter({ hasText: /Something went wrong/ }).waitFor();
    await page.unroute(verify);
    await page.getByRole("button", { name: "Try again" }).click();
    await signedIn(page);
    const verified = requests.filter((url) => url.endsWith("/mock-social/verify"));
    assert.equal(verified.length, 2, "the aborted attempt, then one retry: nothing sent twice");
    await context.close();
  });

  test("a refusal at the provider says so and leads back", async () => {
    const { context, page } = await openSignIn(browser, social);
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await atProvider(page, { deny: true });
    await page.getByRole("alert").waitFor();
    await page.getByRole("link", { name: "Go back" }).click();
    await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
    await context.close();
  });

  test("direct sign-in goes straight to the provider; an unknown one falls back", async () => {
    const { context, page } = await openSignIn(browser, social);
    await page.goto(`${social.origin}/direct/social/mock-social`);
    await atProvider(page, { sub: "mock-user-1" });
    await signedIn(page);
    await page.goto(`${social.origin}/direct/social/nope?fallback=register`);
    await page.waitForURL((url) => url.pathname === "/register");
    // Every first screen core sends as the fallback.
    for (const [fallback, to] of [
      ["reset-password", "/reset-password"],
      ["identifier-sign-in", "/identifier-sign-in"],
      ["sign-in", "/sign-in"],
    ]) {
      await page.goto(`${social.origin}/direct/social/nope?fallback=${fallback}`);
      await page.waitForURL((url) => url.pathname === to);
    }
    await context.close();
    // Without SSO, its page is the sign-in page (in an interaction: the
    // one above ended with the sign-in).
    const fresh = await openSignIn(browser, social);
    await fresh.page.goto(`${social.origin}/single-sign-on`);
    await fresh.page.waitForURL((url) => url.pathname === "/sign-in");
    await fresh.page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
    await fresh.context.close();
  });

  test("SSO from the sign-in form's email: one connector goes straight there", async () => {
    const { context, page } = await openSignIn(browser, sso);
    await page.getByLabel(/Email/).first().fill("jane@sso.example.com");
    await page.getByRole("button", { name: /Continue|Sign in/ }).first().click();
    await atProvider(page, { sub: "jane-sso", email: "jane@sso.example.com" });
    await signedIn(page);
    await context.close();
  });

  test("the SSO page: an unknown domain inline, two connectors to choose from", async () => {
    const { context, page } = await openSignIn(browser, sso);
    await page.getByRole("link", { name: "Single Sign-On" }).click();
    await page.getByRole("heading", { name: "Single Sign-On" }).waitFor();
    await checkPage(page, "single-sign-on");
    const email = page.getByLabel("Email");
    await email.fill("jane@nowhere.example.com");
    await page.getByRole("button", { name: "Single Sign-On" }).click();
    await page.locator("#identifier-error").filter({ hasText: "Single Sign-On is not enabled" }).waitFor();
    await email.fill("sam@multi.example.com");
    await page.getByRole("button", { name: "Single Sign-On" }).click();
    await page.waitForURL((url) => url.pathname === "/single-sign-on/connectors");
    await page.getByRole("button", { name: "Continue with Mock SSO Two" }).waitFor();
    await checkPage(page, "single-sign-on-connectors");
    await page.getByRole("button", { name: "Continue with Mock SSO Two" }).click();
    await atProvider(page, { sub: "sam-sso", email: "sam@multi.example.com" });
    await signedIn(page);
    await context.close();
  });
});
