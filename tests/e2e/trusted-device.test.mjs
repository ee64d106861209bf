// "Trust this device for N days" on the MFA pages, where the
// settings offer it (`trustedDevice`, a dev feature of Logto): ticked, the
// next sign-in from this browser skips MFA; not ticked, MFA is asked again;
// off, there is no box and nothing is asked.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  checkPage,
  codeBox,
  codeFor,
  config,
  configFile,
  CSP,
  DELIVERY,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";
import { totp } from "./totp.mjs";

const PASSWORD = "Demo-Passw0rd!";
const SECRET = "JBSWY3DPEHPK3PXP";
const TRUST = "/api/experience/profile/mfa/trusted-device";
const VERIFY_TOTP = "/api/experience/verification/totp/verify";
// TOTP and backup codes, trust for two weeks; dark mode offered.
const OFFERED = settingsFile("trusted-device", "mfa-mandatory", {
  trustedDevice: { enabled: true, durationDays: 14 },
  color: { ...config("mfa-mandatory").color, isDarkModeEnabled: true },
});
// A code to the account's email as the factor, trust for the default days.
const CODES = settingsFile("trusted-device-codes", "mfa-mandatory", {
  mfa: { factors: ["EmailVerificationCode"], policy: "NoPrompt" },
  trustedDevice: { enabled: true },
});

/** `username`'s password on the sign-in page (any language). */
async function fillSignIn(page, username) {
  await page.locator("#identifier").fill(username);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
}

/** A new sign-in from the demo application in the same browser. */
async function signInAgain(page, sim, username = "mfa_demo") {
  await page.goto(`${sim.origin}/demo-app`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForSelector("#app > *", { timeout: 20_000 });
  await fillSignIn(page, username);
}

const box = (page) => page.locator("input[name=createTrustedDevice]");

describe(`Trust this device (${DELIVERY} path, ${CSP} CSP)`, () => {
  let offered;
  let codes;
  let plain;
  let browser;
  before(async () => {
    [offered, codes, plain] = await Promise.all([
      startSimulator({ SETTINGS: OFFERED }),
      startSimulator({ SETTINGS: CODES }),
      startSimulator({ SETTINGS: configFile("mfa-mandatory") }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    offered?.stop();
    codes?.stop();
    plain?.stop();
  });

  test("ticked with the keyboard: the next sign-in from this browser skips MFA", async () => {
    const { context, page, requests } = await openSignIn(browser, offered);
    await fillSignIn(page, "mfa_demo");
    await page.getByRole("heading", { name: "Enter the one-time code" }).waitFor();
    const trust = page.getByRole("checkbox", { name: "Trust this device for 14 days" });
    await trust.waitFor();
    assert.equal(await trust.isChecked(), false);
    assert.equal(await box(page).count(), 1);
    await checkPage(page, "mfa-verification-totp-trust");
    // A complete code waits for "Continue" while the box is there.
    await codeBox(page).fill(totp(SECRET));
    await page.waitForTimeout(500);
    assert.ok(!requests.includes(VERIFY_TOTP), "not submitted by itself");
    await trust.focus();
    await page.keyboard.press("Space");
    assert.equal(await trust.isChecked(), true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await signedIn(page);
    const verify = requests.indexOf(VERIFY_TOTP);
    const asked = requests.indexOf(TRUST);
    assert.ok(verify >= 0 && asked > verify, requests.join("\n"));
    assert.ok(requests.indexOf("/api/experience/submit", asked) > asked);
    const cookies = await context.cookies();
    const trusted = cookies.find((cookie) => cookie.name.startsWith("logto-trusted-device-"));
    assert.ok(trusted?.httpOnly, "an HttpOnly cookie");

    await signInAgain(page, offered);
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /mfa_demo/);
    await context.close();
  });

  test("setting up an authenticator app offers it too: ticked, the next sign-in skips MFA", async () => {
    const { context, page, requests } = await openSignIn(browser, offered);
    await fillSignIn(page, "demo");
    await page.getByRole("button", { name: /Authenticator app OTP/ }).click();
    await page.getByRole("heading", { name: "Add authenticator app" }).waitFor();
    const trust = page.getByRole("checkbox", { name: "Trust this device for 14 days" });
    await trust.check();
    await checkPage(page, "mfa-binding-totp-trust");
    await page.getByRole("button", { name: "Can’t scan the QR code?" }).click();
    const secret = (await page.locator("#totp-secret").textContent()).replaceAll(" ", "");
    await codeBox(page).fill(totp(secret));
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("heading", { name: "Save your backup code" }).waitFor();
    assert.ok(requests.indexOf(TRUST) > requests.indexOf("/api/experience/profile/mfa"), requests.join("\n"));
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await signedIn(page);
    await signInAgain(page, offered, "demo");
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /demo/);
    await context.close();
  });

  test("not ticked: no request, and MFA is asked again", async () => {
    const { context, page, requests } = await openSignIn(browser, offered);
    await fillSignIn(page, "mfa_demo");
    await box(page).waitFor();
    await codeBox(page).fill(totp(SECRET));
    await page.getByRole("button", { name: "Continue" }).click();
    await signedIn(page);
    assert.ok(!requests.includes(TRUST));
    await signInAgain(page, offered);
    await page.getByRole("heading", { name: "Enter the one-time code" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/mfa-verification/Totp");
    await context.close();
  });

  test("off in the settings: no box, no question, the code submits once complete", async () => {
    const { context, page, requests } = await openSignIn(browser, plain);
    await fillSignIn(page, "mfa_demo");
    await page.getByRole("heading", { name: "Enter the one-time code" }).waitFor();
    await codeBox(page).fill(totp(SECRET));
    await signedIn(page);
    assert.equal(await box(page).count(), 0);
    assert.ok(!requests.includes("/api/experience/interaction"), requests.join("\n"));
    assert.ok(!requests.includes(TRUST));
    await context.close();
  });

  test("the email code page offers it too, ticked by a click on its label", async () => {
    const { context, page, requests } = await openSignIn(browser, codes);
    await fillSignIn(page, "alice");
    await page.getByRole("heading", { name: "Enter Email verification code" }).waitFor();
    const trust = page.getByRole("checkbox", { name: "Trust this device for 30 days" });
    await trust.waitFor();
    const code = await codeFor(codes, "alice@example.com");
    await checkPage(page, "mfa-verification-email-trust");
    await codeBox(page).fill(code);
    await page.getByText("Trust this device for 30 days").click();
    assert.equal(await trust.isChecked(), true);
    await page.getByRole("button", { name: "Continue" }).click();
    await signedIn(page);
    assert.ok(requests.includes(TRUST));
    await signInAgain(page, codes, "alice");
    await signedIn(page);
    await context.close();
  });

  test("in Arabic and dark mode: the plural of the days, laid out right to left", async () => {
    const { context, page } = await openSignIn(browser, offered, { colorScheme: "dark" }, { ui_locales: "ar" });
    await fillSignIn(page, "mfa_demo");
    await box(page).waitFor();
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
    const label = await page.locator("label[for=trust-device]").textContent();
    assert.match(label, /14 يومًا/);
    // The box sits at the start of the line: on the right.
    const [input, text] = await Promise.all([
      box(page).boundingBox(),
      page.locator("label[for=trust-device]").boundingBox(),
    ]);
    assert.ok(input.x > text.x, `${input.x} > ${text.x}`);
    await checkPage(page, "mfa-verification-totp-trust-ar-dark");
    await context.close();
  });
});
