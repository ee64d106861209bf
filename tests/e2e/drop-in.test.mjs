// The drop-in contract of docs/drop-in.md on the current delivery path: what
// automation written for Logto's own page (its integration tests'
// ui-helpers: `input[name=passcode_N]`, `button[name=submit]`,
// `*[role=alert]`, `div[role=toast]`, `body[class$=dark]`, `img[src=…]`,
// `div[class*=_qrCode]`, `div[role=button][class$=skipButton]`, …) selects
// on exists on our page and works, accessibly (axe).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  axeViolations,
  config,
  configFile,
  codeFor,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";
import { totp } from "./totp.mjs";

const PASSWORD = "Demo-Passw0rd!";
// A logo as a data: URL, the dark one and the favicons under a scheme the
// browser cannot load (as in Logto's own overrides test): both are shown.
const LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20"/>')}`;
const BRANDING = {
  logoUrl: LOGO,
  darkLogoUrl: "mock://fake-url-for-app/dark-logo.png",
  favicon: "mock://fake-url-for-app/favicon.ico",
  darkFavicon: "mock://fake-url-for-app/dark-favicon.ico",
};
const BRANDED = settingsFile("dropin-branded", "email-password-code", {
  color: { primaryColor: "#0000ff", darkPrimaryColor: "#ff00ff", isDarkModeEnabled: true },
  branding: BRANDING,
});
const emailCode = config("email-password-code");
// Six social connectors (the simulator's mocks) and the passkey button.
const SOCIAL_PASSKEY = settingsFile("dropin-social-passkey", "social", {
  socialConnectors: [],
  socialSignInConnectorTargets: ["mock-social", "mock-github", "mock-google", "mock-apple", "mock-azure", "mock-discord"],
  passkeySignIn: { ...config("passkey-sign-in").passkeySignIn, showPasskeyButton: true, allowAutofill: false },
});
// The code first for email, as Logto's code flows start.
const CODE_FIRST = settingsFile("dropin-code-first", "email-password-code", {
  signIn: {
    methods: emailCode.signIn.methods.map((m) => (m.identifier === "email" ? { ...m, isPasswordPrimary: false } : m)),
  },
});

/** The signature is visible, below the card's bottom edge, inside the page. */
async function underTheCard(page) {
  const card = await page.locator("main.logto_main-content").boundingBox();
  const signature = await page.locator(".logto_signature").boundingBox();
  assert.ok(signature.y >= card.y + card.height - 1, `signature at ${signature.y}, card ends at ${card.y + card.height}`);
  assert.ok(signature.height > 0 && signature.x >= card.x && signature.x + signature.width <= card.x + card.width + 1);
}
const clean = async (page, name) => assert.deepEqual(await axeViolations(page), [], name);
const background = (locator) => locator.evaluate((element) => getComputedStyle(element).backgroundColor);
const path = (page) => new URL(page.url()).pathname;

// Logto's type scale (`shared/scss/_fonts.scss`), family aside.
const LOGTO_FONTS = {
  "headline-1": "600 28px/32px",
  "headline-2": "600 24px/32px",
  "title-1": "600 20px/28px",
  "title-2": "600 18px/26px",
  "title-3": "600 16px/24px",
  "label-1": "500 16px/24px",
  "label-2": "500 14px/20px",
  "label-3": "500 12px/16px",
  "body-1": "400 16px/24px",
  "body-2": "400 14px/20px",
  "body-3": "400 12px/16px",
  "subhead-cap": "700 12px/16px",
};
const LOGTO_FAMILY = '-apple-system,system-ui,BlinkMacSystemFont,"Segoe UI",Roboto,Arial,sans-serif';
/** Each selector's computed `weight size/line-height`. */
const fonts = (page, ...selectors) =>
  page.evaluate(
    (selectors) =>
      selectors.map((selector) => {
        const style = getComputedStyle(document.querySelector(selector));
        return `${style.fontWeight} ${style.fontSize}/${style.lineHeight}`;
      }),
    selectors,
  );

/** Logto's `toFillVerificationCode`: one digit per box, by name. */
async function fillLikeLogto(page, prefix, code) {
  for (const [index, char] of [...code].entries()) {
    await page.fill(`input[name=${prefix}_${index}]`, char);
  }
}

describe(`drop-in contract (${DELIVERY} path, ${CSP} CSP)`, () => {
  let browser;
  const sims = {};
  before(async () => {
    browser = await launchBrowser();
    [sims.branded, sims.codeFirst, sims.password, sims.policy, sims.sentinel, sims.mfa, sims.prompt, sims.social, sims.reset] =
      await Promise.all([
      startSimulator({ SETTINGS: BRANDED }),
      startSimulator({ SETTINGS: CODE_FIRST }),
      startSimulator({ SETTINGS: configFile("email-password-code") }),
      startSimulator({ SETTINGS: configFile("password-policy") }),
      startSimulator({ SETTINGS: configFile("sentinel") }),
      startSimulator({ SETTINGS: configFile("mfa-mandatory") }),
      startSimulator({ SETTINGS: configFile("mfa-prompt") }),
      startSimulator({ SETTINGS: SOCIAL_PASSKEY }),
      startSimulator({ SETTINGS: configFile("email-password-code") }),
    ]);
  });
  after(async () => {
    await browser?.close();
    for (const sim of Object.values(sims)) sim?.stop();
  });

  test("Logto's frame, classes, light theme, app logo, favicons and brand colour", async () => {
    const { context, page } = await openSignIn(browser, sims.branded);
    await page.locator("[class$=_headline]").filter({ hasText: "Sign in to your account" }).waitFor();
    await page.locator("#app > div[class$=viewBox] > div.logto_page-container[class*=_container]").waitFor();
    await page.locator("main[class*=_main].logto_main-content").waitFor();
    assert.equal(await page.locator("html[data-theme=light]").count(), 1);
    assert.equal(await page.locator('body[class$="light"].desktop').count(), 1);
    await page.locator(`img[src="${LOGO}"]`).waitFor();
    assert.equal(await page.locator('link[rel="shortcut icon"]').getAttribute("href"), BRANDING.favicon);
    assert.equal(await page.locator('link[rel="apple-touch-icon"]').getAttribute("href"), BRANDING.favicon);
    const submit = page.locator('button[name="submit"][type=submit]');
    assert.equal(await background(submit), "rgb(0, 0, 255)");
    assert.equal(await page.locator("div[class$=_createAccount] a").textContent(), "Create account");
    assert.equal(await page.locator("div[class*=_inputField] input[name=identifier]").count(), 1);
    // Logto's PageMeta: the page's title phrase.
    assert.equal(await page.title(), "Sign in to your account");
    // The signature: the last child of main, with Logto's attributes, drawn under the card.
    const signature = page.locator(
      'main.logto_main-content > div[class*=_signature].logto_signature[data-logto-signature-container="secured"]:last-child',
    );
    await signature.locator('a[aria-label="Powered By Logto"][data-logto-signature="secured"]').waitFor();
    await underTheCard(page);
    await clean(page, "sign-in");
    await context.close();
  });

  test("dark: body class, data-theme, the dark logo's src, dark favicons and colour", async () => {
    const { context, page } = await openSignIn(browser, sims.branded, { colorScheme: "dark" });
    await page.locator('body[class$="dark"]').waitFor({ state: "attached" });
    assert.equal(await page.locator("html[data-theme=dark]").count(), 1);
    await page.locator(`img[src="${BRANDING.darkLogoUrl}"]`).waitFor({ state: "attached" });
    assert.equal(await page.locator('link[rel="shortcut icon"]').getAttribute("href"), BRANDING.darkFavicon);
    assert.equal(await page.locator('link[rel="apple-touch-icon"]').getAttribute("href"), BRANDING.darkFavicon);
    assert.equal(await background(page.locator('button[name="submit"]')), "rgb(255, 0, 255)");
    // The system switching back to light follows at once.
    await page.emulateMedia({ colorScheme: "light" });
    await page.locator('body[class$="light"]').waitFor({ state: "attached" });
    await page.locator(`img[src="${LOGO}"]`).waitFor();
    await context.close();
  });

  test("Logto's type variables on body, read by our text as Logto's reads them, by platform", async () => {
    const { context, page } = await openSignIn(browser, sims.password);
    await page.locator("[class$=_headline] h1").waitFor();
    // Each variable with Logto's value (_fonts.scss): weight size/line-height family.
    const declared = await page.evaluate((names) => {
      const body = getComputedStyle(document.body);
      return names.map((name) => body.getPropertyValue(`--font-${name}`).trim());
    }, Object.keys(LOGTO_FONTS));
    for (const [index, [name, value]] of Object.entries(LOGTO_FONTS).entries()) {
      // (Spaces after the commas as the CSS minifier leaves them.)
      assert.equal(declared[index].replaceAll(/,\s+/g, ","), `${value} ${LOGTO_FAMILY}`, `--font-${name}`);
    }
    // Desktop: body text body-2, the landing headline title-2, field
    // labels and buttons label-2, the fields body-2.
    assert.deepEqual(await fonts(page, "body", "[class$=_headline] h1", "label[for=identifier]", "button[name=submit]", "input[name=identifier]"), [
      "400 14px/20px",
      "600 18px/26px",
      "500 14px/20px",
      "500 14px/20px",
      "400 14px/20px",
    ]);
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    // A secondary page's title: headline-2.
    assert.deepEqual(await fonts(page, "div[class$=_title] h1"), ["600 24px/32px"]);
    await context.close();

    // A phone (Logto's user-agent test): one size up; the fields 16px, so
    // that iOS does not zoom into them.
    const phone = await openSignIn(browser, sims.password, {
      width: 390,
      height: 844,
      setup: (context) =>
        context.addInitScript(() => Object.defineProperty(navigator, "userAgent", { get: () => "Mozilla/5.0 (iPhone) Mobile" })),
    });
    await phone.page.locator("body.mobile [class$=_headline] h1").waitFor();
    assert.deepEqual(await fonts(phone.page, "[class$=_headline] h1", "button[name=submit]", "input[name=identifier]"), [
      "600 20px/28px",
      "500 16px/24px",
      "400 16px/24px",
    ]);
    await phone.context.close();
  });

  test("code boxes as Logto's automation fills them: passcode_0 … passcode_5, one digit each", async () => {
    const { context, page } = await openSignIn(browser, sims.codeFirst);
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    await page.locator("div[class$=_title]").filter({ hasText: "Verify your email" }).waitFor();
    assert.equal(await page.title(), "Verify your email");
    const group = page.getByRole("group", { name: "Code" });
    await group.waitFor();
    for (let index = 0; index < 6; index++) {
      const box = page.locator(`input[name=passcode_${index}]`);
      assert.equal(await box.getAttribute("aria-label"), `Digit ${index + 1} of 6`);
      assert.equal(await box.getAttribute("inputmode"), "numeric");
      assert.equal(await box.getAttribute("autocomplete"), index === 0 ? "one-time-code" : "off");
    }
    assert.equal(await page.locator("div[class$=passcode] input").count(), 6);
    await page.locator("div[role=button][class$=navButton]").filter({ hasText: "Back" }).waitFor();
    await clean(page, "code boxes");
    await fillLikeLogto(page, "passcode", await codeFor(sims.codeFirst, "alice@example.com"));
    await signedIn(page);
    await context.close();
  });

  test("code boxes by keyboard: typing advances, Backspace goes back, a wrong code is an alert, a paste anywhere spreads", async () => {
    const { context, page } = await openSignIn(browser, sims.codeFirst);
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    const first = page.locator("input[name=passcode_0]");
    await first.waitFor();
    await first.focus();
    await page.keyboard.type("12");
    assert.equal(await page.evaluate(() => document.activeElement.name), "passcode_2");
    await page.keyboard.press("Backspace");
    assert.equal(await page.evaluate(() => document.activeElement.name), "passcode_1");
    assert.equal(await page.locator("input[name=passcode_1]").inputValue(), "");
    assert.equal(await first.inputValue(), "1");
    const code = await codeFor(sims.codeFirst, "alice@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    await page.keyboard.type(wrong.slice(1));
    await page.getByRole("alert").filter({ hasText: /code/i }).waitFor();
    assert.equal(await first.inputValue(), "", "a wrong code is cleared");
    // A paste (or an autofill) of the whole code into the fourth box.
    await page.locator("input[name=passcode_3]").fill(`Your code: ${code}`);
    await signedIn(page);
    await context.close();
  });

  test("the nav bar's Back returns; the password page's code link is an `a`", async () => {
    const { context, page } = await openSignIn(browser, sims.password);
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    await page.locator("div[class$=_title]").filter({ hasText: "Enter password" }).waitFor();
    assert.equal(await page.title(), "Enter password");
    await page.locator("a", { hasText: "with verification code" }).waitFor();
    await clean(page, "password step");
    await page.locator("div[role=button][class$=navButton]").filter({ hasText: "Back" }).click();
    await page.locator("[class$=_headline]").filter({ hasText: "Sign in to your account" }).waitFor();
    assert.equal(path(page), "/sign-in");
    // The identifier is kept, in the value attribute too (Logto's identifier cache test).
    await page.locator('input[name=identifier][value="alice@example.com"]').waitFor();
    // Keyboard: Enter presses it too.
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    await page.locator("a", { hasText: "with verification code" }).click();
    await page.locator("input[name=passcode_0]").waitFor();
    await page.locator("div[role=button][class$=navButton]").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname !== "/sign-in/verification-code");
    await context.close();
  });

  test("a password the server rejects: its rules in a role=alert element", async () => {
    const { context, page } = await openSignIn(browser, sims.policy);
    await page.locator("a", { hasText: "Create account" }).click();
    await page.locator("[class$=_headline]").filter({ hasText: "Create your account" }).waitFor();
    assert.equal(await page.title(), "Create your account");
    await page.fill("input[name=identifier]", `dropin${Date.now().toString(36)}`);
    await page.click('button[name="submit"]');
    await page.fill("input[name=newPassword]", "Aaaaaaa1234567!");
    await page.fill("input[name=confirmPassword]", "Aaaaaaa1234567!");
    await page.click('button[name="submit"]');
    await page.locator("*[role=alert]").filter({ hasText: /repeated characters/i }).waitFor();
    // The register page's second step: Logto's RegisterPassword title.
    assert.equal(await page.title(), "Set password");
    await clean(page, "password rejected");
    await context.close();
  });

  test("the sentinel's lock-out as Logto's toast, announced by a live region", async () => {
    const { context, page } = await openSignIn(browser, sims.sentinel);
    await page.fill("input[name=identifier]", "demo");
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.fill("input[name=password]", `Wrong-${attempt}-Passw0rd!`);
      await page.click('button[name="submit"]');
      if (attempt < 2) await page.locator("#password-error").waitFor();
      await page.locator('button[name="submit"]:enabled').waitFor();
    }
    const toast = page.locator("div[role=toast]").filter({ hasText: /Too many attempts/ });
    await toast.waitFor();
    assert.equal(await toast.getAttribute("aria-hidden"), "true");
    await page.getByRole("alert").filter({ hasText: /Too many attempts/ }).waitFor();
    await clean(page, "locked");
    await context.close();
  });

  test("TOTP binding as Logto's automation does it: QR code, raw secret, totpCode_N, backup codes", async () => {
    const { context, page } = await openSignIn(browser, sims.mfa);
    await page.fill("input[name=identifier]", "demo");
    await page.fill("input[name=password]", PASSWORD);
    await page.click('button[name="submit"]');
    await page.locator("button div[class$=name]", { hasText: "Authenticator app OTP" }).click();
    await page.locator('div[class*=_qrCode] img[src*="data:image"]').waitFor();
    await clean(page, "totp binding");
    await page.locator("a", { hasText: "Can’t scan the QR code?" }).click();
    await page.locator("button", { hasText: "Copy" }).click();
    await page.locator("div[role=toast]").filter({ hasText: "Secret key copied." }).waitFor();
    await page.getByRole("alert").filter({ hasText: "Secret key copied." }).waitFor();
    const secret = await page.locator("div[class*=_rawSecret]").textContent();
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await fillLikeLogto(page, "totpCode", totp(secret));
    await page.locator("[class*=_backupCodes] span").nth(9).waitFor();
    assert.equal(await page.locator("[class*=_backupCodes] span").count(), 10);
    // Then the application, whose picture Logto's automation waits for
    // (Logto's demo app; the simulator's draws one).
    await page.locator("button", { hasText: "Continue" }).click();
    await page.waitForSelector('img[alt="Congrats"]');
    await context.close();
  });

  test("optional MFA: the nav bar's Skip (`div[role=button][class$=skipButton]`)", async () => {
    const { context, page } = await openSignIn(browser, sims.prompt);
    await page.fill("input[name=identifier]", "demo");
    await page.fill("input[name=password]", PASSWORD);
    await page.click('button[name="submit"]');
    const skip = page.locator("div[role=button][class$=skipButton]");
    await skip.waitFor();
    await clean(page, "mfa prompt");
    await skip.click();
    await signedIn(page);
    await context.close();
  });

  test("a resent code as Logto's toast: `a` Resend, `div[role=toast]` for ~3 s, a live region for screen readers", async () => {
    const { context, page } = await openSignIn(browser, sims.codeFirst, { setup: (context) => context.clock.install() });
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    await page.locator("input[name=passcode_0]").waitFor();
    // The resend countdown, run out.
    await page.clock.fastForward("01:01");
    await page.locator("a", { hasText: "Resend verification code" }).click();
    const text = "The verification code has been resent";
    const toast = page.locator("div.ReactModalPortal div[class*=_toastContainer] > div[role=toast][class*=_toast]");
    await toast.filter({ hasText: text }).waitFor();
    assert.equal(await toast.getAttribute("aria-hidden"), "true");
    const live = page.getByRole("alert").filter({ hasText: text });
    await live.waitFor();
    await clean(page, "code resent");
    // Gone after Logto's 3 s; the live region keeps the text.
    assert.equal(await toast.isVisible(), true);
    await page.clock.fastForward(3000);
    await toast.waitFor({ state: "hidden" });
    assert.equal(await live.count(), 1);
    await context.close();
  });

  test("after a password reset, \"Password changed\" as Logto's toast on /sign-in", async () => {
    const { context, page } = await openSignIn(browser, sims.reset);
    await page.fill("input[name=identifier]", "alice@example.com");
    await page.click('button[name="submit"]');
    await page.locator("a", { hasText: "Forgot your password?" }).click();
    await page.locator("div[class$=_title]").filter({ hasText: "Reset password" }).waitFor();
    assert.equal(await page.title(), "Reset password");
    await page.click('button[name="submit"]');
    await page.locator("input[name=passcode_0]").waitFor();
    await fillLikeLogto(page, "passcode", await codeFor(sims.reset, "alice@example.com"));
    await page.fill("input[name=newPassword]", "Another-Passw0rd!");
    await page.fill("input[name=confirmPassword]", "Another-Passw0rd!");
    await page.click('button[name="submit"]');
    await page.locator("div[role=toast]").filter({ hasText: "Password changed" }).waitFor();
    assert.equal(path(page), "/sign-in");
    await page.getByRole("alert").filter({ hasText: "Password changed" }).waitFor();
    await clean(page, "password changed");
    await context.close();
  });

  test("every connector by its \"Continue with\" text, the passkey button as Logto names it, `_disabled` while busy", async () => {
    let release;
    const held = new Promise((resolve) => (release = resolve));
    // The passkey challenge held: the button waits for it, disabled.
    const { context, page } = await openSignIn(browser, sims.social, {
      setup: (context) =>
        context.route("**/preflight/sign-in-passkey/authentication", async (route) => {
          await held;
          await route.continue();
        }),
    });
    const passkey = page.locator("button[class*=_secondary][class*=_large]", { hasText: "Continue with Passkey" });
    await passkey.waitFor();
    assert.equal(await passkey.isDisabled(), true);
    assert.match(await passkey.getAttribute("class"), /\blgt_disabled\b/);
    release();
    await page.waitForFunction(() => !document.querySelector(".logto_passkey-button")?.disabled);
    assert.doesNotMatch(await passkey.getAttribute("class"), /_disabled/);
    await page.getByRole("button", { name: "Continue with Passkey" }).waitFor();
    // Every connector, none behind "more".
    const social = page.locator("div[class*=_socialLinkList] > button[class*=_socialButton]");
    assert.equal(await social.filter({ visible: true }).count(), 6);
    await clean(page, "social and passkey");
    // While one connector is on its way, the others and the passkey are `_disabled`.
    let go;
    const leaving = new Promise((resolve) => (go = resolve));
    await page.route("**/verification/social/*/authorization-uri", async (route) => {
      await leaving;
      await route.continue();
    });
    await page.locator("button", { hasText: "Continue with Mock Discord" }).click();
    await page.locator("button[class*=_socialButton][class*=_disabled]:disabled").nth(5).waitFor();
    assert.match(await passkey.getAttribute("class"), /\blgt_disabled\b/);
    go();
    await page.waitForURL(/\/__sim\/mock-idp\/mock-discord/);
    await context.close();
  });

  test("a confirm dialog as Logto's react-modal: `.ReactModalPortal div[role=dialog][aria-modal=true]`", async () => {
    const email = `dropin.${Date.now().toString(36)}@example.com`;
    const { context, page } = await openSignIn(browser, sims.codeFirst);
    await page.fill("input[name=identifier]", email);
    await page.click('button[name="submit"]');
    await page.locator("input[name=passcode_0]").waitFor();
    await fillLikeLogto(page, "passcode", await codeFor(sims.codeFirst, email));
    // Our element is the native `dialog` (Logto's a `div`): `*[role=dialog]` selectors match.
    const dialog = page.locator(".ReactModalPortal [role=dialog][aria-modal=true].ReactModal__Content");
    await dialog.filter({ hasText: "Create a new one?" }).waitFor();
    await clean(page, "dialog");
    await dialog.locator("button", { hasText: "Create" }).click();
    await page.locator("input[name=newPassword]").waitFor();
    await context.close();
  });

  test("Logto's storage keys and URL clean-up: app_id kept, organization_id and ui_locales stored and removed", async () => {
    const { context, page } = await openSignIn(browser, sims.password, {}, { ui_locales: "fr", organization_id: "o1" });
    await page.locator("[class$=_headline]").filter({ hasText: "Connectez-vous à votre compte" }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("app_id"), "demo-app");
    assert.equal(url.searchParams.get("ui_locales"), null);
    assert.equal(url.searchParams.get("organization_id"), null);
    const stored = await page.evaluate(() => ["app_id", "organization_id", "ui_locales"].map((k) => sessionStorage.getItem(k)));
    assert.deepEqual(stored, ["demo-app", "o1", "fr"]);
    // As on Logto's page, a query without them (the reload keeps app_id)
    // clears them: a stale language is not re-applied.
    await page.reload();
    await page.locator("[class$=_headline]").filter({ hasText: "Sign in to your account" }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem("ui_locales")), null);
    await context.close();
  });
});
