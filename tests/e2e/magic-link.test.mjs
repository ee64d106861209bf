// Magic links (one-time tokens): sign-in, registration of a new e-mail,
// the error page of an expired or used link, and switching accounts when
// the browser is signed in as someone else.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  checkPage,
  launchBrowser,
  openSignIn,
  settingsFile,
  startSimulator,
} from "./harness.mjs";

// Registration by e-mail alone, so that a verified link creates the account.
const REGISTER = settingsFile("magic-link-register", "username-password", {
  signUp: { identifiers: ["email"], password: false, verify: true },
});

async function issue(sim, email, expiresIn) {
  const response = await fetch(`${sim.origin}/__sim/one-time-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(expiresIn === undefined ? { email } : { email, expiresIn }),
  });
  return response.json();
}

const token = async (sim, email, expiresIn) => (await issue(sim, email, expiresIn)).token;

/** Revokes a token, as the Management API's `PUT /api/one-time-tokens/:id/status`. */
async function revoke(sim, id) {
  const response = await fetch(`${sim.origin}/__sim/one-time-tokens/${id}/status`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "revoked" }),
  });
  assert.equal(response.status, 200, await response.text());
}

// Terms to agree to before anything (Manual), registration by e-mail too.
const TERMS = settingsFile("magic-link-terms", "terms-privacy", {
  signUp: { identifiers: ["email"], password: false, verify: true },
});

const link = (email, oneTimeToken) => ({ one_time_token: oneTimeToken, login_hint: email });

describe(`magic links (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sim;
  let terms;
  let browser;
  before(async () => {
    [sim, terms] = await Promise.all([startSimulator({ SETTINGS: REGISTER }), startSimulator({ SETTINGS: TERMS })]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
    terms?.stop();
  });

  test("terms to agree to first: agreed, the link signs in; declined, it is refused", async () => {
    const agreed = await openSignIn(browser, terms, { app: false }, link("alice@example.com", await token(terms, "alice@example.com")));
    const dialog = agreed.page.getByRole("dialog");
    await dialog.getByText("To proceed, please agree to the Terms of Use and Privacy Policy.").waitFor();
    await checkPage(agreed.page, "magic-link-terms");
    await dialog.getByRole("button", { name: "Agree" }).click();
    await agreed.page.locator("#signed-in").waitFor();
    await agreed.context.close();

    const declined = await openSignIn(browser, terms, { app: false }, link("alice@example.com", await token(terms, "alice@example.com")));
    await declined.page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await declined.page.getByRole("heading", { name: "Terms acceptance required" }).waitFor();
    await declined.page.getByText("You must agree to the terms to continue.").waitFor();
    await declined.context.close();
  });

  test("a link for an existing account signs in; used again, it is refused", async () => {
    const value = await token(sim, "alice@example.com");
    const first = await openSignIn(browser, sim, { app: false }, link("alice@example.com", value));
    await first.page.locator("#signed-in").waitFor();
    assert.match(await first.page.locator("#signed-in").textContent(), /alice/);
    assert.deepEqual(first.errors, []);
    await first.context.close();

    const again = await openSignIn(browser, sim, { app: false }, link("alice@example.com", value));
    await again.page.getByRole("heading", { name: "Invalid link" }).waitFor();
    await again.page.getByText("The token has been consumed.").waitFor();
    assert.equal(new URL(again.page.url()).pathname, "/one-time-token/error");
    await again.context.close();
  });

  test("a link for a new e-mail registers it", async () => {
    const email = `new-${Date.now()}@example.com`;
    const { context, page } = await openSignIn(browser, sim, { app: false }, link(email, await token(sim, email)));
    await page.locator("#signed-in").waitFor();
    assert.match(await page.locator("#signed-in").textContent(), new RegExp(email));
    await context.close();
  });

  test("an expired link: the error page with the server's reason", async () => {
    const value = await token(sim, "alice@example.com", 0);
    const { context, page } = await openSignIn(browser, sim, { app: false }, link("alice@example.com", value));
    await page.getByRole("heading", { name: "Invalid link" }).waitFor();
    await page.getByText("The token is expired.").waitFor();
    // The token left the address bar.
    assert.equal(new URL(page.url()).searchParams.get("one_time_token"), null);
    await checkPage(page, "magic-link-expired");
    await context.close();
  });

  test("a revoked link: the error page says it was revoked", async () => {
    const { id, token: value } = await issue(sim, "alice@example.com");
    await revoke(sim, id);
    const { context, page, errors } = await openSignIn(browser, sim, { app: false }, link("alice@example.com", value));
    await page.getByRole("heading", { name: "Invalid link" }).waitFor();
    await page.getByText("The token has been revoked.").waitFor();
    assert.equal(new URL(page.url()).pathname, "/one-time-token/error");
    assert.equal(new URL(page.url()).searchParams.get("one_time_token"), null);
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await checkPage(page, "magic-link-revoked");
    await context.close();
  });

  test("a link without its e-mail is invalid", async () => {
    const { context, page } = await openSignIn(browser, sim, { app: false }, { one_time_token: "x" });
    await page.getByRole("heading", { name: "Invalid link" }).waitFor();
    await page.getByText("Your one-time token may have expired or is no longer valid.").waitFor();
    await context.close();
  });

  test("signed in as someone else: switch account, then continue as the link's owner", async () => {
    const opened = await openSignIn(browser, sim);
    const { context, page } = opened;
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#signed-in").waitFor();

    const email = `switch-${Date.now()}@example.com`;
    const query = new URLSearchParams({
      client_id: "demo-app",
      redirect_uri: `${sim.origin}/demo-app/callback`,
      response_type: "code",
      scope: "openid",
      ...link(email, await token(sim, email)),
    });
    await page.goto(`${sim.origin}/oidc/auth?${query}`);
    await page.getByRole("heading", { name: "You are currently signed in as alice@example.com" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/switch-account");
    await page.getByText("alice@example.com").first().waitFor();
    await checkPage(page, "switch-account");
    await page.getByRole("button", { name: `Continue as ${email}` }).click();
    await page.locator("#signed-in").waitFor();
    assert.match(await page.locator("#signed-in").textContent(), new RegExp(email));
    await context.close();
  });
  // Last: it changes alice's password.
  test("a reset link: the token leaves the address, a new password, then sign in with it; used again, refused", async () => {
    const value = await token(sim, "alice@example.com");
    const reset = { first_screen: "reset_password", ...link("alice@example.com", value) };
    const { context, page, requests } = await openSignIn(browser, sim, { app: false }, reset);
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    await page.waitForURL((url) => url.pathname === "/forgot-password/reset");
    assert.equal(new URL(page.url()).searchParams.get("one_time_token"), null);
    assert.ok(requests.includes("/api/experience/verification/one-time-token/verify"), requests.join(" "));
    const newPassword = "Magic-Reset-Passw0rd!";
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm password").fill(newPassword);
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByRole("alert").filter({ hasText: "Password changed" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/sign-in");
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#signed-in").waitFor();
    await context.close();

    const again = await openSignIn(browser, sim, { app: false }, reset);
    await again.page.getByRole("heading", { name: "Invalid link" }).waitFor();
    await again.page.getByText("The token has been consumed.").waitFor();
    assert.equal(new URL(again.page.url()).searchParams.get("one_time_token"), null);
    await again.context.close();
  });

  // After the previous one: it changes alice's password again.
  test("a reset link without login_hint: the address is asked for, then the token verified for it", async () => {
    const value = await token(sim, "alice@example.com");
    const reset = { first_screen: "reset_password", one_time_token: value };
    const { context, page, requests } = await openSignIn(browser, sim, { app: false }, reset);
    await page.getByText("Enter the email address associated with your account to continue resetting your password.").waitFor();
    assert.equal(new URL(page.url()).pathname, "/reset-password");
    assert.equal(new URL(page.url()).searchParams.get("one_time_token"), null, "the token leaves the address bar");
    assert.ok(!requests.includes("/api/experience/verification/one-time-token/verify"), "nothing verified before the address");
    await checkPage(page, "magic-link-reset-address");
    const email = page.locator("input[name=identifier]");
    await email.fill("not an address");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("alert").filter({ hasText: "The email is invalid" }).waitFor();
    await email.fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    await page.waitForURL((url) => url.pathname === "/forgot-password/reset");
    assert.ok(requests.includes("/api/experience/verification/one-time-token/verify"), requests.join(" "));
    const newPassword = "Magic-Reset-Again-Passw0rd!";
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm password").fill(newPassword);
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByRole("alert").filter({ hasText: "Password changed" }).waitFor();
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#signed-in").waitFor();
    await context.close();
  });
});
