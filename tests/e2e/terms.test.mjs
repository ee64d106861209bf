// The terms of use and privacy policy under each of Logto's policies:
// `Manual` (a box on sign-in and registration; unticked, Logto's "Agree"
// dialog asks and the action goes on once agreed; the SSO link, a direct
// sign-in and the providers' callbacks never register anyone who did not
// agree), `ManualRegistrationOnly` (the box on /register, the links alone
// on /sign-in), `Automatic` (a sentence, nothing to tick) and no document
// configured (nothing at all).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  checkPage,
  codeBox,
  codeFor,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";
const DOCUMENTS = {
  termsOfUseUrl: "https://example.com/terms",
  privacyPolicyUrl: "https://example.com/privacy",
};
// Username and email by password, the simulator's mock social provider and
// SSO connectors (empty lists: the simulator lists its own), registration
// by email with a code.
const BASE = {
  ssoConnectors: [],
  socialConnectors: [],
  socialSignInConnectorTargets: ["mock-social"],
  signUp: { identifiers: ["email"], password: false, verify: true },
};
const settings = (name, policy, documents = DOCUMENTS) =>
  settingsFile(`terms-${name}`, "sso-identifier-first", { ...BASE, ...documents, agreeToTermsPolicy: policy });

const path = (page) => new URL(page.url()).pathname;
const unique = (prefix) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** At the mock provider: sign in as `sub` with `email`. */
async function atProvider(page, sub, email) {
  await page.waitForURL(/\/__sim\/mock-idp\//);
  await page.getByLabel("User id at the provider").fill(sub);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

const AGREE_TEXT = "To proceed, please agree to the Terms of Use and Privacy Policy.";

describe(`terms (${DELIVERY} path, ${CSP} CSP)`, () => {
  let browser;
  const sims = {};
  before(async () => {
    browser = await launchBrowser();
    [sims.manual, sims.registrationOnly, sims.automatic, sims.none, sims.termsOnly] = await Promise.all([
      startSimulator({ SETTINGS: settings("manual", "Manual") }),
      startSimulator({ SETTINGS: settings("registration-only", "ManualRegistrationOnly") }),
      startSimulator({ SETTINGS: settings("automatic", "Automatic") }),
      startSimulator({ SETTINGS: settings("none", "Manual", { termsOfUseUrl: "", privacyPolicyUrl: null }) }),
      startSimulator({ SETTINGS: settings("terms-only", "Manual", { termsOfUseUrl: DOCUMENTS.termsOfUseUrl, privacyPolicyUrl: null }) }),
    ]);
  });
  after(async () => {
    await browser?.close();
    for (const sim of Object.values(sims)) sim?.stop();
  });

  test("Manual: unticked, the Agree dialog asks; Cancel sends nothing, Agree ticks the box and goes on", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.manual);
    const box = page.getByRole("checkbox", { name: /I have read and agree/ });
    assert.equal(await box.isChecked(), false);
    // alice: this tenant asks every account for an e-mail, which demo lacks.
    await page.getByLabel(/Username/).fill("alice");
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(AGREE_TEXT).waitFor();
    await checkPage(page, "terms-agree-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.equal(path(page), "/sign-in");
    assert.equal(await box.isChecked(), false);
    assert.ok(!requests.some((r) => r.startsWith("/api/experience")), requests.join(" "));
    // Escape closes it as Cancel does.
    await page.getByRole("button", { name: "Continue", exact: true }).focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(await box.isChecked(), false);
    // Agree: ticked, and the sign-in goes on without a second click.
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await dialog.getByRole("button", { name: "Agree" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/password");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await signedIn(page);
    await context.close();
  });

  test("Manual: the Single Sign-On link asks first; agreed, an SSO newcomer registers without a second question", async () => {
    const { context, page } = await openSignIn(browser, sims.manual);
    const link = page.getByRole("link", { name: "Single Sign-On" });
    await link.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(AGREE_TEXT).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.equal(path(page), "/sign-in", "the link did not bypass the box");
    await link.click();
    await dialog.getByRole("button", { name: "Agree" }).click();
    await page.getByRole("heading", { name: "Single Sign-On" }).waitFor();
    const email = `${unique("sso")}@sso.example.com`;
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Single Sign-On" }).click();
    await atProvider(page, unique("sso-sub-"), email);
    await signedIn(page);
    await context.close();
  });

  test("Manual: a callback that would register someone who never agreed asks; declined, nobody is registered", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.manual);
    await page.getByRole("button", { name: "Continue with Mock Social" }).waitFor();
    // Straight to the provider, as `direct_sign_in` does: no box on the way.
    const sub = unique("direct-");
    const email = `${sub}@example.com`;
    await page.goto(`${sims.manual.origin}/direct/social/mock-social`);
    await atProvider(page, sub, email);
    const dialog = page.getByRole("dialog");
    await dialog.getByText(AGREE_TEXT).waitFor();
    await checkPage(page, "terms-callback");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("link", { name: "Go back" }).waitFor();
    assert.ok(!requests.includes("/api/experience/interaction-event"), "never switched to Register");
    // Again, agreeing: the account is created.
    await page.goto(`${sims.manual.origin}/direct/social/mock-social`);
    await atProvider(page, sub, email);
    await dialog.getByRole("button", { name: "Agree" }).click();
    await page.waitForURL((url) => url.pathname === "/continue/username" || url.pathname === "/demo-app/callback");
    if (path(page) === "/continue/username") {
      await page.getByLabel("Username").fill(unique("u"));
      await page.getByRole("button", { name: "Continue", exact: true }).click();
    }
    await signedIn(page);
    await context.close();
  });

  test("Manual, one document: the box and the dialog name only the configured one", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.termsOnly);
    await page.getByRole("link", { name: "Terms of Use" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Privacy Policy" }).count(), 0);
    await page.getByRole("link", { name: "Single Sign-On" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("To proceed, please agree to the Terms of Use.", { exact: true }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.equal(path(page), "/sign-in");
    assert.ok(!requests.some((r) => r.startsWith("/api/experience")), requests.join(" "));
    await context.close();
  });

  test("Manual: a social button with the box ticked registers without asking again", async () => {
    const { context, page } = await openSignIn(browser, sims.manual);
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    const sub = unique("ticked-");
    await atProvider(page, sub, `${sub}@example.com`);
    await page.waitForURL((url) => url.pathname === "/continue/username" || url.pathname === "/demo-app/callback");
    assert.equal(await page.getByRole("dialog").count(), 0);
    await context.close();
  });

  test("ManualRegistrationOnly: the links alone on /sign-in, the box on /register, agree-and-continue", async () => {
    const { context, page } = await openSignIn(browser, sims.registrationOnly);
    assert.equal(await page.getByRole("checkbox").count(), 0);
    const terms = page.locator(".logto_terms");
    assert.equal((await terms.textContent()).trim(), "Terms of Use and Privacy Policy");
    await page.getByRole("link", { name: "Terms of Use" }).waitFor();
    await page.getByRole("link", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/register");
    const box = page.getByRole("checkbox");
    assert.equal(await box.isChecked(), false);
    await checkPage(page, "register-terms");
    // The Single Sign-On link asks too (Logto's register footer), with its icon.
    const sso = page.getByRole("link", { name: "Single Sign-On" });
    assert.equal(await sso.locator("svg").count(), 1);
    await sso.click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    assert.equal(path(page), "/register", "the link did not bypass the box");
    const email = `${unique("reg")}@example.com`;
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Agree" }).click();
    await page.waitForURL((url) => url.pathname === "/register/verification-code");
    await codeBox(page).fill(await codeFor(sims.registrationOnly, email));
    await page.waitForURL((url) => url.pathname !== "/register/verification-code");
    await context.close();
  });

  test("Automatic: the sentence on both pages, nothing to tick; no document: nothing at all", async () => {
    const { context, page } = await openSignIn(browser, sims.automatic);
    const sentence = "By continuing, you agree to the Terms of Use and Privacy Policy.";
    assert.equal((await page.locator(".logto_terms").textContent()).replace(/\s+/g, " ").trim(), sentence);
    assert.equal(await page.getByRole("checkbox").count(), 0);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/register");
    assert.equal((await page.locator(".logto_terms").textContent()).replace(/\s+/g, " ").trim(), sentence);
    await checkPage(page, "register-terms-automatic");
    await context.close();

    const none = await openSignIn(browser, sims.none);
    await none.page.getByLabel(/Username/).fill("demo");
    await none.page.getByRole("button", { name: "Continue", exact: true }).click();
    await none.page.waitForURL((url) => url.pathname === "/sign-in/password");
    assert.equal(await none.page.locator(".logto_terms").count(), 0);
    await none.page.goto(`${sims.none.origin}/register`);
    await none.page.getByRole("button", { name: "Create account" }).waitFor();
    assert.equal(await none.page.locator(".logto_terms").count(), 0);
    await none.context.close();
  });
});
