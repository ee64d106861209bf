// The sign-in page composed from the settings: the one-screen password
// form, identifier first then the password page, and where errors lead.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  configFile,
  CSP,
  DELIVERY,
  checkPage,
  launchBrowser,
  openSignIn,
  config,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";

// Username, email and phone, all by password only: the one-screen form.
const allPassword = config("username-email-phone-password-code");
const ONE_SCREEN = settingsFile("one-screen", "username-email-phone-password-code", {
  signIn: {
    methods: allPassword.signIn.methods.map((m) => ({ ...m, password: true, verificationCode: false, isPasswordPrimary: true })),
  },
});
// Email by password or code (password first), username by password: identifier first.
const IDENTIFIER_FIRST = settingsFile("identifier-first", "email-password-code");
// The same with email by code first.
const emailCode = config("email-password-code");
const CODE_FIRST = settingsFile("code-first", "email-password-code", {
  signIn: {
    methods: emailCode.signIn.methods.map((m) => (m.identifier === "email" ? { ...m, isPasswordPrimary: false } : m)),
  },
});

const apiCalls = (requests, path) => requests.filter((p) => p === path).length;

describe(`sign-in page (${DELIVERY} path, ${CSP} CSP)`, () => {
  let browser;
  const sims = {};
  before(async () => {
    browser = await launchBrowser();
    [sims.default, sims.oneScreen, sims.identifierFirst, sims.codeFirst, sims.sentinel, sims.expiration] = await Promise.all([
      startSimulator(),
      startSimulator({ SETTINGS: ONE_SCREEN }),
      startSimulator({ SETTINGS: IDENTIFIER_FIRST }),
      startSimulator({ SETTINGS: CODE_FIRST }),
      startSimulator({ SETTINGS: configFile("sentinel") }),
      startSimulator({ SETTINGS: configFile("password-expiration") }),
    ]);
  });
  after(async () => {
    await browser?.close();
    for (const sim of Object.values(sims)) sim?.stop();
  });

  test("one-screen form accepts username, email and phone, with links that keep app_id", async () => {
    for (const [identifier, user] of [
      ["demo", "demo"],
      ["alice@example.com", "alice"],
      ["15555550100", "phoebe"],
    ]) {
      const { context, page } = await openSignIn(browser, sims.oneScreen);
      const input = page.getByLabel("Username / Email / Phone number");
      assert.equal(await input.getAttribute("autocomplete"), "username");
      assert.equal(await input.getAttribute("type"), "text");
      const forgot = page.getByRole("link", { name: "Forgot your password?" });
      assert.equal(await forgot.getAttribute("href"), "/forgot-password?app_id=demo-app");
      const create = page.getByRole("link", { name: "Create account" });
      assert.equal(await create.getAttribute("href"), "/register?app_id=demo-app");
      if (user === "demo") await checkPage(page, "sign-in-one-screen");
      await input.fill(identifier);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await signedIn(page);
      assert.match(await page.locator("#signed-in").textContent(), new RegExp(user));
      await context.close();
    }
  });

  test("identifier first, then the password page", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.identifierFirst);
    const input = page.getByLabel("Email / Username");
    assert.equal(await page.getByLabel("Password").count(), 0, "no password on the first screen");
    assert.equal(await page.getByRole("link", { name: "Forgot your password?" }).count(), 0);
    await checkPage(page, "sign-in-identifier-first");
    await input.fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Enter password" }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, "/sign-in/password");
    assert.equal(url.searchParams.get("app_id"), "demo-app");
    await page.getByText("Sign in with the password to email alice@example.com").waitFor();
    const hidden = page.locator('input[autocomplete="username"]');
    assert.equal(await hidden.inputValue(), "alice@example.com");
    assert.equal(await hidden.isVisible(), false);
    assert.equal(await page.getByLabel("Password").getAttribute("autocomplete"), "current-password");
    const forgot = page.getByRole("link", { name: "Forgot your password?" });
    assert.equal(await forgot.getAttribute("href"), "/forgot-password?app_id=demo-app");
    await checkPage(page, "sign-in-password");
    // A wrong password first: inline, then the right one.
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#password-error").waitFor();
    assert.equal(await page.getByLabel("Password").inputValue(), "");
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    assert.ok(!stored.includes("not-the-password") && !stored.includes(PASSWORD), stored);
    await page.getByLabel("Password").fill(PASSWORD);
    const before = requests.length;
    await page.getByRole("button", { name: "Continue" }).click();
    await signedIn(page);
    assert.deepEqual(
      requests.slice(before).filter((p) => p.startsWith("/api/experience")),
      ["/api/experience/verification/password", "/api/experience/identification", "/api/experience/submit"],
    );
    await context.close();
  });

  test("code first for email still sends a username to its password page", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.codeFirst);
    await page.getByLabel("Email / Username").fill("demo");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Enter password" }).waitFor();
    assert.equal(apiCalls(requests, "/api/experience/verification/verification-code"), 0);
    await context.close();
  });

  test("a wrong password is an inline error on the password; the identifier is kept", async () => {
    const { context, page } = await openSignIn(browser, sims.default);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const message = page.locator("#password-error");
    await message.waitFor();
    assert.equal(await message.getAttribute("role"), "alert");
    const password = page.getByLabel("Password");
    assert.equal(await password.getAttribute("aria-invalid"), "true");
    assert.equal(await password.getAttribute("aria-describedby"), "password-error");
    assert.equal(await page.getByLabel("Username").getAttribute("aria-invalid"), null);
    assert.equal(await password.inputValue(), "");
    assert.equal(await page.getByLabel("Username").inputValue(), "demo");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "password");
    await checkPage(page, "sign-in-wrong-password");
    await context.close();
  });

  test("empty fields are flagged before anything is sent, focus on the first", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.default);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#identifier-error").filter({ hasText: /username is required/i }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "identifier");
    await page.getByLabel("Username").fill("demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#password-error").filter({ hasText: "Password is required" }).waitFor();
    assert.equal(await page.getByLabel("Username").getAttribute("aria-invalid"), null);
    assert.equal(apiCalls(requests, "/api/experience/verification/password"), 0);
    await context.close();
  });

  test("a double click sends once", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.default);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).dblclick();
    await signedIn(page);
    assert.equal(apiCalls(requests, "/api/experience/verification/password"), 1);
    assert.equal(apiCalls(requests, "/api/experience/submit"), 1);
    await context.close();
  });

  test("a suspended account ends on the account-suspended page", async () => {
    const { context, page } = await openSignIn(browser, sims.default);
    await page.getByLabel("Username").fill("suspended_demo");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Account suspended" }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, "/account-suspended");
    assert.equal(url.searchParams.get("app_id"), "demo-app");
    await checkPage(page, "account-suspended");
    await page.getByRole("button", { name: "Back to sign in" }).click();
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("app_id"), "demo-app");
    await context.close();
  });

  test("a network failure and a 500 say so and keep the input; then it works", async () => {
    const { context, page } = await openSignIn(browser, sims.default);
    const route = "**/api/experience/verification/password";
    await page.route(route, (r) => r.abort("internetdisconnected"));
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /Something went wrong/ });
    await alert.waitFor();
    assert.match(await alert.textContent(), /network/i);
    assert.equal(await page.getByLabel("Username").inputValue(), "demo");
    assert.equal(await page.getByLabel("Password").inputValue(), PASSWORD);
    assert.equal(await page.getByRole("button", { name: "Sign in" }).isEnabled(), true);
    await page.unroute(route);

    await page.route(route, (r) => r.fulfill({ status: 500, contentType: "text/html", body: "<h1>Bad gateway</h1>" }));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: /HTTP 500/ }).waitFor();
    assert.equal(await page.getByLabel("Username").inputValue(), "demo");
    assert.equal(await page.getByLabel("Password").inputValue(), PASSWORD);
    await checkPage(page, "sign-in-server-error");
    await page.unroute(route);

    await page.route(route, (r) =>
      r.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ code: "unknown", message: "Internal server error." }) }),
    );
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Internal server error." }).waitFor();
    assert.equal(await page.getByLabel("Password").inputValue(), PASSWORD);
    await page.unroute(route);

    // A gateway's rate limit in front of Logto: said, with its wait.
    await page.route(route, (r) =>
      r.fulfill({ status: 429, headers: { "retry-after": "30" }, contentType: "text/plain", body: "Too Many Requests" }),
    );
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: /Too many requests.*30 seconds/ }).waitFor();
    assert.equal(await page.getByLabel("Password").inputValue(), PASSWORD);
    await page.unroute(route);

    await page.getByRole("button", { name: "Sign in" }).click();
    await signedIn(page);
    await context.close();
  });

  test("an expired interaction leads to the unknown-session page", async () => {
    const { context, page } = await openSignIn(browser, sims.default);
    await page.route("**/api/experience/verification/password", (r) =>
      r.fulfill({
        status: 404,
        contentType: "application/json",
        body: JSON.stringify({ code: "session.interaction_not_found", message: "Session not found." }),
      }),
    );
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /Session not found/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/unknown-session");
    const back = page.getByRole("link", { name: "Back to sign in" });
    assert.equal(await back.getAttribute("href"), "/sign-in?app_id=demo-app");
    await checkPage(page, "unknown-session");
    await context.close();
  });

  test("too many wrong passwords lock the account for a while, said at the form", async () => {
    const { context, page } = await openSignIn(browser, sims.sentinel);
    await page.getByLabel("Username").fill("demo");
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.getByLabel("Password").fill(`Wrong-${attempt}-Passw0rd!`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("#password-error").waitFor();
      await page.getByRole("button", { name: "Sign in" }).and(page.locator(":enabled")).waitFor();
    }
    await page.getByLabel("Password").fill("Wrong-2-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: /Too many attempts/ }).waitFor();
    assert.equal(await page.getByLabel("Username").inputValue(), "demo");
    await checkPage(page, "sign-in-locked");
    await context.close();
  });

  test("an expired password says so, then leads to the reset", async () => {
    const { context, page } = await openSignIn(browser, sims.expiration);
    await page.getByLabel("Email / Username").fill("expired_demo");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Continue" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Your password has expired and must be reset before you can sign in.").waitFor();
    await checkPage(page, "sign-in-password-expired");
    await dialog.getByRole("button", { name: "Reset password" }).click();
    await page.getByRole("heading", { name: "Reset password" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/forgot-password");
    await context.close();
  });
});
