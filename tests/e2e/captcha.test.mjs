// Captcha: with Turnstile (or reCAPTCHA Enterprise) on, the page loads the
// provider's script from its real URL, which the test answers with a fake
// provider (fixtures/fake-captcha.js, as strict as the real ones: no
// `execute` before `ready`, no widget left behind without `remove`, no
// element rendered twice), and sends the provider's token in
// PUT /api/experience before the password is checked. The simulator
// accepts "sim-captcha-ok.<n>", each token once.
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
const CHECKBOX = settingsFile("captcha-recaptcha-checkbox", "captcha", {
  captchaConfig: { type: "RecaptchaEnterprise", siteKey: "sim-site-key", mode: "checkbox" },
});

/**
 * Serves the fake provider at every captcha host, yielding `token`; records
 * what was loaded. `autoload: false` holds reCAPTCHA's library until the
 * test calls `fakeCaptcha.load()`.
 */
function fakeProvider(token, loaded = [], { autoload = true } = {}) {
  const body = FAKE.replaceAll("__TOKEN__", token).replaceAll("__AUTOLOAD__", String(autoload));
  return async (context) => {
    const serve = (route) => {
      loaded.push(route.request().url());
      route.fulfill({ status: 200, headers: { "content-type": "text/javascript" }, body });
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

/** From the sign-in page, "Create account" with a new username and a password, to the application. */
async function registerUsername(page) {
  await page.getByRole("link", { name: "Create account" }).click();
  await page.getByLabel("Username").fill(`captcha_${Date.now()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel("Password", { exact: true }).fill("Captcha-Passw0rd!");
  await page.getByLabel("Confirm password").fill("Captcha-Passw0rd!");
  await page.getByRole("button", { name: "Save password" }).click();
  await page.locator("#signed-in").waitFor();
}

/** The captcha tokens of the page's PUT /api/experience, without the fake's page nonce ("<token>.<n>"). */
const captchaTokens = (page) => {
  const tokens = [];
  page.on("request", (request) => {
    if (request.method() === "PUT" && new URL(request.url()).pathname === "/api/experience") {
      const token = JSON.parse(request.postData() ?? "{}").captchaToken;
      if (token) tokens.push(token.split(".").slice(0, 2).join("."));
    }
  });
  return tokens;
};

describe(`captcha (${DELIVERY} path, ${CSP} CSP)`, () => {
  let turnstile;
  let recaptcha;
  let checkbox;
  let plain;
  let browser;
  before(async () => {
    [turnstile, recaptcha, checkbox, plain] = await Promise.all([
      startSimulator({ SETTINGS: configFile("captcha") }),
      startSimulator({ SETTINGS: RECAPTCHA }),
      startSimulator({ SETTINGS: CHECKBOX }),
      startSimulator(),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    turnstile?.stop();
    recaptcha?.stop();
    checkbox?.stop();
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
    assert.deepEqual(tokens, ["sim-captcha-ok.1"]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("Turnstile: a refused token says so; the next attempt removes the widget and renders a fresh one", async () => {
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
    // The fake throws if the first widget was not removed first.
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(tokens, ["bad-token.1", "sim-captcha-ok.2"]);
    await context.close();
  });

  test("Turnstile: a token is good once; another page's form renders its own widget after removing the old one", async () => {
    const { context, page, errors } = await openSignIn(browser, turnstile, { setup: fakeProvider("sim-captcha-ok") });
    await page.waitForFunction(() => window.turnstile !== undefined);
    // A token already redeemed is refused, as the providers' verification does.
    const reused = await page.evaluate(async () => {
      const put = () =>
        fetch("/api/experience", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ interactionEvent: "SignIn", captchaToken: "sim-captcha-ok.9" }),
        }).then(async (response) => (response.ok ? "ok" : (await response.json()).code));
      return [await put(), await put()];
    });
    assert.deepEqual(reused, ["ok", "session.captcha_failed"]);
    const tokens = captchaTokens(page);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").first().waitFor();
    // The sign-in form's widget leaves with it: the fake throws at the
    // register form's rendering if it was not removed.
    await registerUsername(page);
    assert.deepEqual(tokens, ["sim-captcha-ok.1", "sim-captcha-ok.2"]);
    // Only the refusals asked for: the reused token, the wrong password.
    assert.deepEqual(
      errors.filter((error) => !error.includes("422")),
      [],
    );
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
    await registerUsername(page);
    assert.deepEqual(tokens, ["sim-captcha-ok.1"]);
    await context.close();
  });

  test("reCAPTCHA Enterprise, invisible: loaded from the configured host, executed with the site key once ready", async () => {
    const loaded = [];
    const { context, page } = await openSignIn(browser, recaptcha, {
      setup: fakeProvider("sim-captcha-ok", loaded, { autoload: false }),
    });
    const tokens = captchaTokens(page);
    await page.waitForFunction(() => window.grecaptcha !== undefined);
    assert.deepEqual(loaded, ["https://recaptcha.net/recaptcha/enterprise.js?render=sim-site-key"]);
    // Submitted while the library still loads: the page waits for ready().
    await submitPassword(page);
    await page.waitForTimeout(300);
    assert.deepEqual(tokens, []);
    await page.evaluate(() => window.fakeCaptcha.load());
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(tokens, ["sim-captcha-ok.1"]);
    await context.close();
  });

  test("reCAPTCHA Enterprise, checkbox: explicit rendering, the person ticks; a retry renders a new box", async () => {
    const loaded = [];
    const { context, page, errors } = await openSignIn(browser, checkbox, { setup: fakeProvider("bad-token", loaded) });
    const tokens = captchaTokens(page);
    await page.waitForFunction(() => window.grecaptcha !== undefined);
    assert.deepEqual(loaded, ["https://www.google.com/recaptcha/enterprise.js?render=explicit"]);
    await submitPassword(page);
    await page.locator("#captcha-box").getByRole("button", { name: "I'm not a robot" }).click();
    await page.getByRole("alert").getByText("Captcha verification failed.").waitFor();
    await page.evaluate(() => {
      window.fakeCaptcha.token = "sim-captcha-ok";
    });
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The fake throws if the new box went into the element of the first.
    await page.locator("#captcha-box").getByRole("button", { name: "I'm not a robot" }).click();
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(tokens, ["bad-token.1", "sim-captcha-ok.2"]);
    assert.deepEqual(
      errors.filter((error) => !error.includes("422")),
      [],
    );
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
