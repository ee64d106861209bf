// MFA verification at sign-in: the authenticator app's code (computed here
// from the demo user's secret) and backup codes, with "try another method".
import assert from "node:assert/strict";
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
  startSimulator,
} from "./harness.mjs";
import { totp } from "./totp.mjs";

const PASSWORD = "Demo-Passw0rd!";
const SECRET = "JBSWY3DPEHPK3PXP";
// MFA by a code to the account's email or phone.
const CODES = settingsFile("mfa-codes", "mfa-mandatory", {
  mfa: { factors: ["EmailVerificationCode", "PhoneVerificationCode"], policy: "Mandatory" },
});

async function signInToMfa(browser, sim, username = "mfa_demo") {
  const opened = await openSignIn(browser, sim);
  await opened.page.getByLabel("Username").fill(username);
  await opened.page.getByLabel("Password").fill(PASSWORD);
  await opened.page.getByRole("button", { name: "Sign in" }).click();
  return opened;
}

describe(`MFA verification (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sim;
  let codes;
  let browser;
  before(async () => {
    [sim, codes] = await Promise.all([
      startSimulator({ SETTINGS: configFile("mfa-mandatory") }),
      startSimulator({ SETTINGS: CODES }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
    codes?.stop();
  });

  test("the authenticator app's code: a wrong one inline, the right one signs in", async () => {
    const { context, page } = await signInToMfa(browser, sim);
    await page.getByRole("heading", { name: "Enter the one-time code" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/mfa-verification/Totp");
    const input = codeBox(page);
    assert.equal(await input.getAttribute("autocomplete"), "one-time-code");
    await checkPage(page, "mfa-verification-totp");
    const right = totp(SECRET);
    await input.fill(right === "000000" ? "111111" : "000000");
    await page.locator("#code-error").waitFor();
    assert.equal(await input.inputValue(), "");
    await input.fill(totp(SECRET));
    await page.locator("#signed-in").waitFor();
    assert.match(await page.locator("#signed-in").textContent(), /mfa_demo/);
    await context.close();
  });

  test("another method: a backup code signs in once, and is refused the second time", async () => {
    for (const attempt of ["first", "reuse"]) {
      const { context, page } = await signInToMfa(browser, sim);
      await page.getByRole("link", { name: "Try another method to verify" }).click();
      await page.getByRole("heading", { name: "2-step verification" }).waitFor();
      if (attempt === "first") await checkPage(page, "mfa-verification-factors");
      await page.getByRole("button", { name: "Backup code" }).click();
      await page.getByRole("heading", { name: "Enter a backup code" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/mfa-verification/BackupCode");
      if (attempt === "first") await checkPage(page, "mfa-verification-backup-code");
      await page.getByLabel("Backup code").fill("a1b2c3d4e5");
      await page.getByRole("button", { name: "Continue" }).click();
      if (attempt === "first") {
        await page.locator("#signed-in").waitFor();
      } else {
        await page.locator("#code-error").waitFor();
        assert.equal(new URL(page.url()).pathname, "/mfa-verification/BackupCode");
      }
      await context.close();
    }
  });

  for (const [user, factor, heading, recipient] of [
    ["alice", "EmailVerificationCode", "Enter Email verification code", "alice@example.com"],
    ["phoebe", "PhoneVerificationCode", "Enter SMS verification code", "15555550100"],
  ]) {
    test(`a code to the account's ${factor === "EmailVerificationCode" ? "email" : "phone"}, sent when the page opens`, async () => {
      const { context, page } = await signInToMfa(browser, codes, user);
      await page.getByRole("heading", { name: heading }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/mfa-verification/${factor}`);
      await page.getByText(/\*{2,}/).first().waitFor();
      await page.getByText(/Resend after \d+ seconds/).waitFor();
      const code = await codeFor(codes, recipient);
      await checkPage(page, `mfa-verification-${factor}`);
      const input = codeBox(page);
      await input.fill(code === "000000" ? "111111" : "000000");
      await page.locator("#code-error").waitFor();
      await input.fill(code);
      await page.locator("#signed-in").waitFor();
      await context.close();
    });
  }
});
