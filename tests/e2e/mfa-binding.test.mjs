// Adding a second factor when the server asks for one: the authenticator
// app (the key read from the page, codes computed here), a security key or
// passkey (Chromium's virtual authenticator over CDP), backup codes, an
// email address; the onboarding prompt; the passkey offer after sign-in.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  codeBox,
  configFile,
  CSP,
  DELIVERY,
  checkPage,
  codeFor,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
  virtualAuthenticator,
} from "./harness.mjs";
import { totp } from "./totp.mjs";

const PASSWORD = "Demo-Passw0rd!";
const EMAIL_FACTOR = settingsFile("mfa-email", "mfa-mandatory", {
  mfa: { factors: ["EmailVerificationCode"], policy: "Mandatory" },
});
// Registration by e-mail alone with MFA required: the e-mail code is the
// new account's factor already, so the server suggests adding another.
const SUGGESTION = settingsFile("mfa-suggestion", "email-password-code", {
  signUp: { identifiers: ["email"], password: false, verify: true },
  mfa: { factors: ["Totp", "EmailVerificationCode"], policy: "Mandatory" },
});
// MFA is the person's choice, except for members of an organization that
// requires it (Initech: mfa_demo, whose TOTP is not a factor here).
const ORGANIZATION = settingsFile("mfa-organization", "username-password", {
  mfa: {
    factors: ["WebAuthn", "EmailVerificationCode"],
    policy: "PromptAtSignInAndSignUp",
    organizationRequiredMfaPolicy: "Mandatory",
  },
});

async function signIn(page, username) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const path = (page) => new URL(page.url()).pathname;

/**
 * Signed in, on the application: Logto's demo app then shows a picture named
 * "Congrats", which Logto's own automation waits for once a binding is
 * done (`img[alt="Congrats"]`, `toBindTotp`). Logto's page shows none: it
 * goes on to the application at once; the simulator's demo app draws one.
 */
async function congrats(page) {
  await signedIn(page);
  await page.waitForFunction(() => document.querySelector('img[alt="Congrats"]')?.naturalWidth > 0);
  assert.equal(await page.locator("#app").count(), 0, "on the application, not the sign-in page");
}

describe(`MFA binding (${DELIVERY} path, ${CSP} CSP)`, () => {
  let mandatory;
  let prompt;
  let email;
  let passkey;
  let suggestion;
  let organization;
  let browser;
  before(async () => {
    [mandatory, prompt, email, passkey, suggestion, organization] = await Promise.all([
      startSimulator({ SETTINGS: configFile("mfa-mandatory") }),
      startSimulator({ SETTINGS: configFile("mfa-prompt") }),
      startSimulator({ SETTINGS: EMAIL_FACTOR }),
      startSimulator({ SETTINGS: configFile("passkey-sign-in") }),
      startSimulator({ SETTINGS: SUGGESTION }),
      startSimulator({ SETTINGS: ORGANIZATION }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const sim of [mandatory, prompt, email, passkey, suggestion, organization]) sim?.stop();
  });

  test("another factor suggested after registration: the e-mail shown as set up, the others offered, skip", async () => {
    const address = `suggest-${Date.now()}@example.com`;
    const { context, page, requests } = await openSignIn(browser, suggestion);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Create account" }).click();
    await codeBox(page).fill(await codeFor(suggestion, address));
    await page.getByRole("heading", { name: "Add another 2-step verification" }).waitFor();
    assert.equal(path(page), "/mfa-binding");
    // Offered: the authenticator app. Set up: the e-mail code, to the
    // (masked) address, not a link.
    await page.getByRole("button", { name: /Authenticator app OTP/ }).waitFor();
    assert.equal(await page.getByRole("button", { name: /Email verification code/ }).count(), 0);
    const bound = page.locator(".logto_factor-bound");
    assert.equal(await bound.count(), 1);
    const text = await bound.textContent();
    assert.match(text, /^Email verification code/);
    assert.match(text, /@example\.com/);
    assert.ok(!text.includes(address), `the address is masked: ${text}`);
    assert.match(text, /Configured$/);
    await checkPage(page, "mfa-binding-suggestion");
    // Skip: the suggestion is declined (not MFA as a whole), then submit.
    const before = requests.length;
    await page.getByRole("button", { name: "Skip" }).click();
    await signedIn(page);
    assert.deepEqual(
      requests.slice(before).filter((p) => p.startsWith("/api/experience")),
      ["/api/experience/profile/mfa/mfa-suggestion-skipped", "/api/experience/submit"],
    );
    await context.close();
  });

  test("an organization that requires MFA: binding without skip; others may skip", async () => {
    const { context, page } = await openSignIn(browser, organization);
    await signIn(page, "mfa_demo");
    await page.getByRole("heading", { name: "Add 2-step verification" }).waitFor();
    assert.equal(path(page), "/mfa-binding");
    await page.getByRole("button", { name: /Passkey/ }).waitFor();
    assert.equal(await page.locator(".logto_factor-bound").count(), 0);
    assert.equal(await page.getByRole("button", { name: "Skip" }).count(), 0);
    await checkPage(page, "mfa-binding-organization");
    await page.getByRole("button", { name: /Email verification code/ }).click();
    await page.getByRole("heading", { name: "Link your email address" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Skip" }).count(), 0);
    await page.getByLabel("Email").fill("mfa.demo@example.com");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await codeBox(page).fill(await codeFor(organization, "mfa.demo@example.com"));
    await signedIn(page);
    await context.close();

    // Not a member: the usual optional prompt, which can be skipped.
    const other = await openSignIn(browser, organization);
    await signIn(other.page, "demo");
    await other.page.getByRole("heading", { name: "Turn on 2-step verification" }).waitFor();
    await other.page.getByRole("button", { name: "Skip" }).click();
    await signedIn(other.page);
    await other.context.close();
  });

  test("authenticator app: the key, a wrong code inline, then backup codes; a backup code signs in later", async () => {
    const { context, page } = await openSignIn(browser, mandatory);
    await signIn(page, "demo");
    await page.getByRole("heading", { name: "Add 2-step verification" }).waitFor();
    assert.equal(path(page), "/mfa-binding");
    await checkPage(page, "mfa-binding");
    // Mandatory: no way around it.
    assert.equal(await page.getByRole("button", { name: "Skip" }).count(), 0);
    await page.getByRole("button", { name: /Authenticator app OTP/ }).click();
    await page.getByRole("heading", { name: "Add authenticator app" }).waitFor();
    await page.locator("img.logto_qr-code").waitFor();
    await checkPage(page, "mfa-binding-totp");
    await page.getByRole("button", { name: "Can’t scan the QR code?" }).click();
    const secret = (await page.locator("#totp-secret").textContent()).replaceAll(" ", "");
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    const input = codeBox(page);
    const right = totp(secret);
    await input.fill(right === "000000" ? "111111" : "000000");
    await page.locator("#code-error").waitFor();
    await input.fill(totp(secret));
    await page.getByRole("heading", { name: "Save your backup code" }).waitFor();
    assert.equal(path(page), "/mfa-binding/BackupCode");
    // The codes are generated when the page opens.
    await page.locator(".logto_backup-codes li").nth(9).waitFor();
    const codes = await page.locator(".logto_backup-codes li").allTextContents();
    assert.equal(codes.length, 10);
    const download = await page.getByRole("link", { name: "Download" });
    assert.equal(await download.getAttribute("download"), "backup_code.txt");
    assert.equal(decodeURIComponent((await download.getAttribute("href")).split(",")[1]), codes.join("\n"));
    // Codes are secrets: never kept in the browser's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    assert.ok(!stored.includes(codes[0]));
    await checkPage(page, "mfa-binding-backup-code");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await congrats(page);
    await context.close();

    const again = await openSignIn(browser, mandatory);
    await signIn(again.page, "demo");
    await again.page.getByRole("heading", { name: "Enter the one-time code" }).waitFor();
    await again.page.getByRole("link", { name: "Try another method to verify" }).click();
    await again.page.getByRole("button", { name: "Backup code" }).click();
    await again.page.getByLabel("Backup code").fill(codes[3]);
    await again.page.getByRole("button", { name: "Continue", exact: true }).click();
    await signedIn(again.page);
    await again.context.close();
  });

  test("a passkey as second factor (virtual authenticator), then verification with it", async () => {
    const { context, page } = await openSignIn(browser, mandatory);
    await virtualAuthenticator(context, page);
    await signIn(page, "alice");
    await page.getByRole("button", { name: /Passkey/ }).click();
    await page.getByRole("heading", { name: "Create a passkey" }).waitFor();
    await checkPage(page, "mfa-binding-webauthn");
    const create = page.getByRole("button", { name: "Create a passkey" });
    await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
    await create.click();
    await page.getByRole("heading", { name: "Save your backup code" }).waitFor();
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await signedIn(page);

    // Same browser, same authenticator: the passkey is the second factor now.
    await page.goto(`${mandatory.origin}/demo-app`);
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForSelector("#app > *");
    await signIn(page, "alice");
    await page.getByRole("heading", { name: "Verify via passkey" }).waitFor();
    assert.equal(path(page), "/mfa-verification/WebAuthn");
    await checkPage(page, "mfa-verification-webauthn");
    await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
    await page.getByRole("button", { name: "Verify via passkey" }).click();
    await signedIn(page);
    await context.close();
  });

  test("a failed passkey prompt says so and can be tried again", async () => {
    const { context, page } = await openSignIn(browser, mandatory);
    const { cdp, authenticatorId } = await virtualAuthenticator(context, page);
    await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: false });
    await signIn(page, "phoebe");
    await page.getByRole("button", { name: /Passkey/ }).click();
    await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
    await page.getByRole("button", { name: "Create a passkey" }).click();
    await page.getByRole("alert").filter({ hasText: "Failed to create. Please try again." }).waitFor();
    assert.equal(path(page), "/mfa-binding/WebAuthn");
    await context.close();
  });

  test("a browser without WebAuthn is told so, with no dead button", async () => {
    const { context, page } = await openSignIn(browser, mandatory, {
      setup: (context) => context.addInitScript(() => delete window.PublicKeyCredential),
    });
    await page.goto(`${mandatory.origin}/mfa-binding/WebAuthn`);
    await page.getByRole("alert").filter({ hasText: "WebAuthn is not supported in this browser." }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Create a passkey" }).count(), 0);
    await context.close();
  });

  test("an email address as second factor, verified by its code", async () => {
    const { context, page } = await openSignIn(browser, email);
    await signIn(page, "demo");
    await page.getByRole("heading", { name: "Link your email address" }).waitFor();
    assert.equal(path(page), "/mfa-binding/EmailVerificationCode");
    await checkPage(page, "mfa-binding-email");
    await page.getByLabel("Email").fill("demo.2fa@example.com");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await codeBox(page).fill(await codeFor(email, "demo.2fa@example.com"));
    await congrats(page);
    await context.close();
  });

  test("the optional prompt: skip signs in; enable leads to the factor, which can be skipped", async () => {
    const first = await openSignIn(browser, prompt);
    await signIn(first.page, "demo");
    await first.page.getByRole("heading", { name: "Turn on 2-step verification" }).waitFor();
    assert.equal(path(first.page), "/mfa-onboarding");
    await checkPage(first.page, "mfa-onboarding");
    await first.page.getByRole("button", { name: "Skip" }).click();
    await signedIn(first.page);
    await first.context.close();

    const second = await openSignIn(browser, prompt);
    await signIn(second.page, "phoebe");
    await second.page.getByRole("button", { name: "Enable 2-step verification" }).click();
    await second.page.getByRole("heading", { name: "Add authenticator app" }).waitFor();
    await second.page.getByRole("button", { name: "Skip" }).click();
    await signedIn(second.page);
    await second.context.close();
  });

  test("after sign-in, the passkey offer: create one, or skip", async () => {
    const { context, page } = await openSignIn(browser, passkey);
    await virtualAuthenticator(context, page);
    await signIn(page, "demo");
    await page.getByRole("heading", { name: "Simplify your sign-in" }).waitFor();
    assert.equal(path(page), "/create-passkey");
    await checkPage(page, "create-passkey");
    await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
    await page.getByRole("button", { name: "Create a passkey" }).click();
    // The new sign-in passkey is the person's only factor: the server
    // suggests another; the passkey shows as set up, the app is offered.
    await page.getByRole("heading", { name: "Add another 2-step verification" }).waitFor();
    assert.equal(await page.getByRole("button", { name: /Passkey/ }).count(), 0);
    assert.match(await page.locator(".logto_factor-bound").textContent(), /^Passkey.*Configured$/);
    await page.getByRole("button", { name: /Authenticator app OTP/ }).waitFor();
    await checkPage(page, "mfa-binding-suggestion-passkey");
    await page.getByRole("button", { name: "Skip" }).click();
    // Backup codes are an MFA factor of these settings: asked for next.
    await page.getByRole("heading", { name: "Save your backup code" }).waitFor();
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await signedIn(page);
    await context.close();

    const other = await openSignIn(browser, passkey);
    await signIn(other.page, "alice");
    await other.page.getByRole("heading", { name: "Simplify your sign-in" }).waitFor();
    await other.page.getByRole("button", { name: "Skip" }).click();
    // MFA is the user's choice in these settings: it is offered next.
    await other.page.getByRole("heading", { name: "Turn on 2-step verification" }).waitFor();
    await other.page.getByRole("button", { name: "Skip" }).click();
    await signedIn(other.page);
    await other.context.close();
  });
});
