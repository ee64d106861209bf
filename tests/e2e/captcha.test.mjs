// Captcha: with Turnstile (or reCAPTCHA Enterprise) on, the page loads the
// provider's script from its real URL, which the test answers with a fake
// provider (fixtures/fake-captcha.js), and sends the provider's token in
// PUT /api/experience before the password is checked. The simulator
// accepts only "sim-captcha-ok".
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  configFile,
  CSP,
  DELIVERY,
  ROOT,
  checkPage,
  launchBrowser,
  openSignIn,
  settingsFile,
  startSimulator,
} from "./harness.mjs";

const FAKE = readFileSync(join(ROOT, "tests", "e2e", "fixtures", "fake-captcha.js"), "utf8");
const TURNSTILE = "https://challenges.cloudflare.com/turnstile/v0/api.js";
const RECAPTCHA = settingsFile("captcha-recaptcha", "captcha", {
  captchaConfig: { type: "RecaptchaEnterprise", siteKey: "sim-site-key", domain: "recaptcha.net", mode: "invisible" },
});

/** Serves the fake provider at every captcha host, yielding `token`; records what was loaded. */
function fakeProvider(token, loaded = []) {
  return async (context) => {
    const serve = (route) => {
      loaded.push(route.request().url());
      route.fulfill({ status: 200, headers: { "content-type": "text/javascript" }, body: FAKE.replace("__TOKEN__", token) });
    };
    await context.route("https://challenges.cloudflare.com/**", serve);
    await context.route("https://www.google.com/recaptcha/**", serve);
    await context.route("https://recaptcha.net/recaptcha/**", serve);
  };
}

async function submitPassword(page) {
  await page.getByLabel("Username").fill("demo");
  await page.getByLabel("Password").fill("Demo-Passw0rd!");
  await page.getByRole("button", { name: "Sign in" }).click();
}

const captchaTokens = (page) => {
  const tokens = [];
  page.on("request", (request) => {
    if (request.method() === "PUT" && new URL(request.url()).pathname === "/api/experience") {
      tokens.push(JSON.parse(request.postData() ?? "{}").captchaToken ?? null);
    }
  });
  return tokens;
};

describe(`captcha (${DELIVERY} path, ${CSP} CSP)`, () => {
  let turnstile;
  let recaptcha;
  let plain;
  let browser;
  before(async () => {
    [turnstile, recaptcha, plain] = await Promise.all([
      startSimulator({ SETTINGS: configFile("captcha") }),
      startSimulator({ SETTINGS: RECAPTCHA }),
      startSimulator(),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    turnstile?.stop();
    recaptcha?.stop();
    plain?.stop();
  });

  test("Turnstile: the provider's token is accepted and the person signed in", async () => {
    const loaded = [];
    const { context, page, errors } = await openSignIn(browser, turnstile, { setup: fakeProvider("sim-captcha-ok", loaded) });
    const tokens = captchaTokens(page);
    await page.waitForFunction(() => window.turnstile !== undefined);
    assert.deepEqual(loaded, [TURNSTILE]);
    await submitPassword(page);
    await page.locator("#signed-in").waitFor();
    assert.ok(tokens.includes("sim-captcha-ok"), JSON.stringify(tokens));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("Turnstile: a refused token says so; the next attempt gets a fresh challenge", async () => {
    const { context, page } = await openSignIn(browser, turnstile, { setup: fakeProvider("bad-token") });
    const tokens = captchaTokens(page);
    await page.waitForFunction(() => window.turnstile !== undefined);
    await submitPassword(page);
    await page.getByRole("alert").getByText("Captcha verification failed.").waitFor();
    assert.equal(new URL(page.url()).pathname, "/sign-in");
    await page.locator("#captcha-box [data-fake-captcha]").waitFor();
    await checkPage(page, "captcha-refused");
    // The person tries again: a new widget, a new token.
    await page.evaluate(() => {
      window.turnstile.state.token = "sim-captcha-ok";
    });
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(tokens.filter(Boolean), ["bad-token", "sim-captcha-ok"]);
    await context.close();
  });

  test("Turnstile: a provider error is shown without calling the server", async () => {
    const { context, page } = await openSignIn(browser, turnstile, { setup: fakeProvider("error") });
    await page.waitForFunction(() => window.turnstile !== undefined);
    await submitPassword(page);
    await page.getByRole("alert").getByText("Failed to perform captcha verification.").waitFor();
    await context.close();
  });

  test("Turnstile: a username registration starts with the provider's token", async () => {
    const { context, page } = await openSignIn(browser, turnstile, { setup: fakeProvider("sim-captcha-ok") });
    const tokens = captchaTokens(page);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Username").fill(`captcha_${Date.now()}`);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByLabel("Password", { exact: true }).fill("Captcha-Passw0rd!");
    await page.getByLabel("Confirm password").fill("Captcha-Passw0rd!");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.locator("#signed-in").waitFor();
    assert.ok(tokens.includes("sim-captcha-ok"), JSON.stringify(tokens));
    await context.close();
  });

  test("reCAPTCHA Enterprise, invisible: loaded from the configured host, executed with the site key", async () => {
    const loaded = [];
    const { context, page } = await openSignIn(browser, recaptcha, { setup: fakeProvider("sim-captcha-ok", loaded) });
    await page.waitForFunction(() => window.grecaptcha !== undefined);
    assert.deepEqual(loaded, ["https://recaptcha.net/recaptcha/enterprise.js?render=sim-site-key"]);
    await submitPassword(page);
    await page.locator("#signed-in").waitFor();
    await context.close();
  });

  test("captcha off: no provider script at all", async () => {
    const loaded = [];
    const { context, page } = await openSignIn(browser, plain, { setup: fakeProvider("sim-captcha-ok", loaded) });
    await submitPassword(page);
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(loaded, []);
    await context.close();
  });
});
