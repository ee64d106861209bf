// What an operator relies on in Logto's page, checked here: a social
// registration that meets an email with an account links the identity to
// it; SSO noticed while an email is typed, and before registering with one;
// sign-in-only and register-only tenants; /identifier-register; the
// identifier typed before over `login_hint`.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  checkPage,
  codeBox,
  codeFor,
  configFile,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";
const SOCIAL = settingsFile("parity-social", "social", { socialConnectors: [] });
// E-mail and password on one screen, SSO on (the simulator's connectors).
const SSO_ONE_SCREEN = settingsFile("parity-sso-one-screen", "email-password-only", {
  singleSignOnEnabled: true,
  ssoConnectors: [],
});
// Registration by e-mail with a code, SSO on.
const SSO_REGISTER = settingsFile("parity-sso-register", "sso-identifier-first", {
  ssoConnectors: [],
  signUp: { identifiers: ["email"], password: false, verify: true },
});

const path = (page) => new URL(page.url()).pathname;
const LOOKUP = "/api/experience/sso-connectors";

/** At the mock provider: sign in as `sub` (with `email`). */
async function atProvider(page, { sub, email }) {
  await page.waitForURL(/\/__sim\/mock-idp\//);
  await page.getByLabel("User id at the provider").fill(sub);
  if (email) await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function outbox(sim, recipient) {
  const sent = await (await fetch(`${sim.origin}/__sim/outbox`)).json();
  return sent.filter((m) => m.recipient === recipient);
}

describe(`parity with Logto's page (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sims;
  let browser;
  before(async () => {
    const [social, ssoOneScreen, ssoRegister, signInOnly, registerOnly, codeFirst] = await Promise.all([
      startSimulator({ SETTINGS: SOCIAL }),
      startSimulator({ SETTINGS: SSO_ONE_SCREEN }),
      startSimulator({ SETTINGS: SSO_REGISTER }),
      startSimulator({ SETTINGS: configFile("sign-in-only") }),
      startSimulator({ SETTINGS: configFile("register-only") }),
      startSimulator({ SETTINGS: configFile("email-password-code") }),
    ]);
    sims = { social, ssoOneScreen, ssoRegister, signInOnly, registerOnly, codeFirst };
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const sim of Object.values(sims ?? {})) sim?.stop();
  });

  test("a social registration whose email has an account: linked to it, never a second account", async () => {
    const sim = sims.social;
    const sub = `alice-elsewhere-${Date.now()}`;
    const { context, page, requests } = await openSignIn(browser, sim);
    await page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await atProvider(page, { sub, email: "alice@example.com" });
    await page.waitForURL((url) => url.pathname === "/social/link/mock-social");
    // "Create new one instead": the server drops the taken email and asks
    // for one.
    await page.getByRole("button", { name: "Create new one instead" }).click();
    await page.waitForURL((url) => url.pathname === "/continue/email");
    await page.getByLabel("Email", { exact: true }).fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await codeBox(page).fill(await codeFor(sim, "alice@example.com"));
    const dialog = page.getByRole("dialog");
    await dialog
      .filter({ hasText: "The account with email alice@example.com already exists. Would you like to link?" })
      .waitFor();
    await dialog.getByRole("button", { name: "Change email" }).waitFor();
    await checkPage(page, "continue-link-social");
    await dialog.getByRole("button", { name: "Link and continue" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    const after = requests.slice(requests.lastIndexOf("/api/experience/verification/verification-code/verify"));
    assert.deepEqual(
      after.filter((p) => p.startsWith("/api/experience/") && !p.includes("verification-code")),
      [
        "/api/experience/profile",
        "/api/experience/interaction-event",
        "/api/experience/identification",
        "/api/experience/profile",
        "/api/experience/submit",
      ],
    );
    await context.close();

    // The identity is alice's: the next sign-in with it is hers, no question.
    const again = await openSignIn(browser, sim);
    await again.page.getByRole("button", { name: "Continue with Mock Social" }).click();
    await atProvider(again.page, { sub, email: "alice@example.com" });
    await signedIn(again.page);
    assert.match(await again.page.locator("#signed-in").textContent(), /alice/);
    await again.context.close();
  });

  test("SSO noticed while the email is typed: no password, Single Sign-On, one lookup per pause", async () => {
    const sim = sims.ssoOneScreen;
    const { context, page, requests } = await openSignIn(browser, sim);
    const email = page.getByLabel("Email", { exact: true });
    const password = page.getByLabel("Password", { exact: true });
    await password.waitFor();
    await email.pressSequentially("jane@sso.example.com", { delay: 30 });
    const notice = page.getByRole("status").filter({ hasText: "Single Sign-On is enabled for this account" });
    await notice.waitFor();
    await password.waitFor({ state: "hidden" });
    assert.equal(await page.getByRole("link", { name: "Forgot your password?" }).isVisible(), false);
    // Typed at a steady pace: looked up once, after the last key.
    assert.equal(requests.filter((p) => p === LOOKUP).length, 1);
    await checkPage(page, "sign-in-sso-noticed");
    // Another domain: the password is back at once.
    await email.fill("jane@example.com");
    await password.waitFor();
    assert.equal(await notice.isVisible(), false);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    // Back to the SSO domain, then on to its only connector.
    await email.fill("jane@sso.example.com");
    await page.getByRole("button", { name: "Single Sign-On" }).click();
    await atProvider(page, { sub: "jane-sso", email: "jane@sso.example.com" });
    await signedIn(page);
    await context.close();
  });

  test("registering with an email of an SSO domain goes to SSO instead of sending a code", async () => {
    const sim = sims.ssoRegister;
    // Noticed while typed: the button says so and leads to the connector.
    const { context, page } = await openSignIn(browser, sim);
    await page.getByRole("link", { name: "Create account" }).click();
    const email = page.getByLabel("Email", { exact: true });
    await email.pressSequentially("joe@sso.example.com", { delay: 20 });
    await page.getByRole("status").filter({ hasText: "Single Sign-On is enabled for this account" }).waitFor();
    await checkPage(page, "register-sso-noticed");
    await page.getByRole("button", { name: "Single Sign-On" }).click();
    await page.waitForURL(/\/__sim\/mock-idp\/mock-sso/);
    await context.close();

    // Submitted before the lookup while typing: checked at the submit (two
    // connectors: the chooser), and no code is sent.
    const fast = await openSignIn(browser, sim);
    await fast.page.getByRole("link", { name: "Create account" }).click();
    await fast.page.getByLabel("Email", { exact: true }).fill("max@multi.example.com");
    await fast.page.getByRole("button", { name: /Create account|Single Sign-On/ }).click();
    await fast.page.waitForURL((url) => url.pathname === "/single-sign-on/connectors");
    await fast.page.getByRole("button", { name: "Continue with Mock SSO Two" }).waitFor();
    assert.deepEqual(await outbox(sim, "max@multi.example.com"), []);
    // An email without SSO registers as usual.
    await fast.page.goto(`${sim.origin}/register`);
    await fast.page.getByLabel("Email", { exact: true }).fill(`new-${Date.now()}@example.com`);
    await fast.page.getByRole("button", { name: "Create account" }).click();
    await fast.page.waitForURL((url) => url.pathname === "/register/verification-code");
    await fast.context.close();
  });

  test("a sign-in-only tenant offers no registration; /register leads to sign-in", async () => {
    const sim = sims.signInOnly;
    const { context, page } = await openSignIn(browser, sim);
    await page.getByLabel("Username").waitFor();
    assert.equal(await page.getByRole("link", { name: "Create account" }).count(), 0);
    await page.goto(`${sim.origin}/register`);
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await signedIn(page);
    await context.close();
  });

  test("a register-only tenant opens on registration; /sign-in leads there", async () => {
    const sim = sims.registerOnly;
    const { context, page } = await openSignIn(browser, sim);
    await page.waitForURL((url) => url.pathname === "/register");
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Sign in" }).count(), 0);
    await checkPage(page, "register-only");
    await page.goto(`${sim.origin}/sign-in`);
    await page.waitForURL((url) => url.pathname === "/register");
    const name = `reg_only_${Date.now()}`;
    await page.getByLabel("Username").fill(name);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/register/password");
    await page.getByLabel("Password", { exact: true }).fill("Fresh-Passw0rd!42");
    await page.getByLabel("Confirm password").fill("Fresh-Passw0rd!42");
    await page.getByRole("button", { name: /Save password|Continue|Create account/ }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), new RegExp(name));
    await context.close();
  });

  test("first_screen=identifier:register with identifier=email: the email form alone", async () => {
    const sim = sims.codeFirst;
    const { context, page } = await openSignIn(browser, sim, {}, {
      first_screen: "identifier:register",
      identifier: "email",
    });
    assert.equal(path(page), "/identifier-register");
    const input = page.getByLabel("Email", { exact: true });
    assert.equal(await input.getAttribute("type"), "email");
    await page.getByRole("link", { name: "All account creation options" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Sign in" }).count(), 0);
    await checkPage(page, "identifier-register");
    const address = `first-screen-${Date.now()}@example.com`;
    await input.fill(address);
    await page.getByRole("button", { name: "Create account" }).click();
    await codeBox(page).fill(await codeFor(sim, address));
    await page.waitForURL((url) => url.pathname !== "/register/verification-code");
    await context.close();
  });

  test("login_hint prefills; the identifier typed before wins over it, as on Logto's page", async () => {
    const sim = sims.codeFirst;
    const { context, page } = await openSignIn(browser, sim, {}, { login_hint: "hinted@example.com" });
    const input = page.getByLabel("Email / Username");
    assert.equal(await input.inputValue(), "hinted@example.com");
    await input.fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    // Back on the sign-in page of the same tab (same hint in the address).
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    assert.equal(await page.getByLabel("Email / Username").inputValue(), "alice@example.com");
    await context.close();
  });
});
