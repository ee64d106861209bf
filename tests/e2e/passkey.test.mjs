// Passkey sign-in with Chromium's virtual authenticator: the passkey is
// created on the page Logto offers after a password sign-in, then used by
// the "Continue with Passkey" button, by the browser's autofill, and
// identifier-first (with a silent fallback for a person without one).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  checkPage,
  launchBrowser,
  openSignIn,
  config,
  settingsFile,
  signedIn,
  startSimulator,
  virtualAuthenticator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";
// MFA factors off: the passkey is for sign-in only here. Chromium's
// virtual authenticator answers an autofill (conditional) request at once,
// so the button and identifier-first tests run without autofill.
const passkeySettings = (name, passkeySignIn) =>
  settingsFile(name, "passkey-sign-in", {
    mfa: { factors: [], policy: "UserControlled" },
    passkeySignIn: { ...config("passkey-sign-in").passkeySignIn, ...passkeySignIn },
  });
const BUTTON = passkeySettings("passkey-button", { allowAutofill: false });
const AUTOFILL = passkeySettings("passkey-autofill", { allowAutofill: true });
const IDENTIFIER_FIRST = passkeySettings("passkey-identifier-first", {
  showPasskeyButton: false,
  allowAutofill: false,
});

// Email by password or code, and passkeys with their button shown: the
// identifier-first passkey is tried all the same, as Logto does.
const METHODS = settingsFile("passkey-methods", "email-password-code", {
  mfa: { factors: [], policy: "UserControlled" },
  passkeySignIn: { enabled: true, showPasskeyButton: true, allowAutofill: false },
});

const path = (page) => new URL(page.url()).pathname;

/** Back to the sign-in page in the same tab (same virtual authenticator). */
async function again(page, sim) {
  await page.goto(`${sim.origin}/demo-app`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForSelector("#app > *");
}

/** Signs `username` in by password and creates a passkey when offered. */
async function enrol(page, username, { identifierFirst = false } = {}) {
  await page.getByLabel("Username").fill(username);
  if (identifierFirst) {
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/password");
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /^(Sign in|Continue)$/ }).click();
  await page.getByRole("heading", { name: "Simplify your sign-in" }).waitFor();
  await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
  await page.getByRole("button", { name: "Create a passkey" }).click();
  await signedIn(page);
}

describe(`passkey sign-in (${DELIVERY} path, ${CSP} CSP)`, () => {
  let landing;
  let autofill;
  let identifierFirst;
  let methods;
  let browser;
  before(async () => {
    [landing, autofill, identifierFirst, methods] = await Promise.all([
      startSimulator({ SETTINGS: BUTTON }),
      startSimulator({ SETTINGS: AUTOFILL }),
      startSimulator({ SETTINGS: IDENTIFIER_FIRST }),
      startSimulator({ SETTINGS: METHODS }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const sim of [landing, autofill, identifierFirst, methods]) sim?.stop();
  });

  test("the passkey button signs in without a password", async () => {
    const { context, page, requests } = await openSignIn(browser, landing);
    await virtualAuthenticator(context, page);
    await enrol(page, "demo");
    await again(page, landing);
    const button = page.getByRole("button", { name: "Continue with Passkey" });
    await page.waitForFunction(() => !document.querySelector(".logto_passkey-button")?.disabled);
    await checkPage(page, "sign-in-passkey-button");
    const before = requests.length;
    await button.click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /demo/);
    const calls = requests.slice(before).filter((r) => r.startsWith("/api/experience"));
    assert.ok(calls.includes("/api/experience/verification/sign-in-passkey/authentication/verify"), calls.join(" "));
    assert.ok(!calls.includes("/api/experience/verification/password"));
    await context.close();
  });

  test("autofill offers the passkey on the identifier input", async () => {
    const { context, page, requests } = await openSignIn(browser, autofill);
    assert.equal(await page.getByLabel("Username").getAttribute("autocomplete"), "username webauthn");
    await virtualAuthenticator(context, page);
    await enrol(page, "alice");
    // Back on the sign-in page, the pending autofill request is answered by
    // the virtual authenticator at once, as a person picking the passkey
    // from the input's suggestions: signed in without a click.
    const before = requests.length;
    await page.goto(`${autofill.origin}/demo-app`);
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/demo-app/callback");
    await signedIn(page);
    assert.ok(requests.slice(before).includes("/api/experience/verification/sign-in-passkey/authentication/verify"));
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    await context.close();
  });

  test("identifier first: the person's own passkey, or silently the password", async () => {
    const { context, page } = await openSignIn(browser, identifierFirst);
    await virtualAuthenticator(context, page);
    // No passkey yet: straight on to the password, no error shown.
    await enrol(page, "phoebe", { identifierFirst: true });
    await again(page, identifierFirst);
    await page.getByLabel("Username").fill("phoebe");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("heading", { name: "Verify via passkey" }).waitFor();
    assert.equal(path(page), "/sign-in/passkey");
    await checkPage(page, "sign-in-passkey");
    await page.getByRole("button", { name: "Verify via passkey" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /phoebe/);
    await context.close();
  });

  test("three ways for one identifier: the chooser at /sign-in/verification-methods, from every factor's page", async () => {
    const { context, page } = await openSignIn(browser, methods);
    await virtualAuthenticator(context, page);
    const email = page.getByLabel("Email / Username");
    // No passkey yet: the password page switches straight to the code.
    await email.fill("alice@example.com");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/password");
    await page.getByRole("button", { name: "Sign in with verification code" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Try another method to verify" }).count(), 0);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("heading", { name: "Simplify your sign-in" }).waitFor();
    await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
    await page.getByRole("button", { name: "Create a passkey" }).click();
    await signedIn(page);

    // With a passkey, even beside the landing's passkey button: the
    // identifier-first passkey first, and three ways to choose from.
    await again(page, methods);
    await email.fill("alice@example.com");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("heading", { name: "Verify via passkey" }).waitFor();
    await page.getByRole("link", { name: "Try another method to verify" }).click();
    await page.getByRole("heading", { name: "Verify your identity" }).waitFor();
    assert.equal(path(page), "/sign-in/verification-methods");
    const cards = page.locator(".logto_factor");
    assert.deepEqual(
      (await cards.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim()),
      ["PasskeyVerify via your device or USB hardware", "PasswordEnter your password", "Email verification codeSend to alice@example.com"],
    );
    await checkPage(page, "sign-in-verification-methods");
    await cards.filter({ hasText: "Password" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/password");
    await page.getByRole("link", { name: "Try another method to verify" }).click();
    await cards.filter({ hasText: "Email verification code" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/verification-code");
    await page.getByRole("link", { name: "Try another method to verify" }).click();
    await cards.filter({ hasText: "Passkey" }).click();
    await page.getByRole("heading", { name: "Verify via passkey" }).waitFor();
    await page.getByRole("button", { name: "Verify via passkey" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    await context.close();
  });
});
