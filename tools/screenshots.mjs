// Screenshots of every page of the experience and of the simulator's own
// pages, at 390 and 1280 px, light and dark, English and Arabic (right to
// left), into target/screenshots/ (not committed): for people to look at
// before shipping a change of looks.
//
//   node tools/screenshots.mjs              every page
//   node tools/screenshots.mjs sign-in 404  the pages whose name contains a word
//
// Needs dist/ (make dist) and target/debug/logto-sim (cargo build -p logto-sim);
// DELIVERY=js serves Logto's production CSP (the JavaScript build); DIST=<dir>
// serves another build than dist/.
//
// Each page is reached as a person reaches it (the drivers follow
// tests/e2e/*.test.mjs), in either language: so they find the page's
// elements by name, class or address, never by their English text.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  LOGOS,
  PROFILE_FIELDS,
  ROOT,
  authQuery,
  codeBox,
  codeFor,
  config,
  launchBrowser,
  openApp,
  openSignIn,
  settingsFile,
  startInteraction,
  startSimulator,
  virtualAuthenticator,
} from "../tests/e2e/harness.mjs";
import { totp } from "../tests/e2e/totp.mjs";

const OUT = join(ROOT, "target", "screenshots");
const PASSWORD = "Demo-Passw0rd!";

// Every configuration shows the logos and has dark mode on, so that each
// page is seen with both.
const LOOKS = {
  branding: { logoUrl: LOGOS.light, darkLogoUrl: LOGOS.dark },
  color: { primaryColor: "#6139F6", isDarkModeEnabled: true, darkPrimaryColor: "#8B6CFF" },
};
const looks = (name, base, overrides = {}) => settingsFile(`shots-${name}`, base, { ...LOOKS, ...overrides });

// The demo's settings, with everything that shows: logo, dark mode, the
// development banner, support contacts and custom profile fields.
const demo = JSON.parse(readFileSync(join(ROOT, "simulator", "data", "settings.demo.json"), "utf8"));
const DEMO = settingsFile("shots-demo", "username-password", {
  ...demo,
  ...LOOKS,
  isDevelopmentTenant: true,
  supportEmail: "help@example.com",
  supportWebsiteUrl: "https://help.example.com",
  customProfileFields: [
    { name: "avatar", type: "Url", required: false, config: {} },
    { name: "nickname", type: "Text", required: true, config: { minLength: 2, maxLength: 20 } },
    { name: "employeeCode", type: "Regex", label: "Employee code", required: false, config: { format: "^[A-Z]{3}-\\d{2}$", placeholder: "ABC-12" } },
    { name: "plan", type: "Select", label: "Plan", required: false, config: { defaultValue: "pro", options: [{ value: "free", label: "Free" }, { value: "pro", label: "Pro" }] } },
    {
      name: "address", type: "Address", required: false, config: {
        parts: [
          { enabled: true, name: "streetAddress", type: "Text", required: false },
          { enabled: true, name: "locality", type: "Text", required: false },
          { enabled: true, name: "country", type: "Text", required: false },
        ],
      },
    },
  ],
});

// The configurations of the end-to-end tests that lead to the other pages.
const emailCode = config("email-password-code");
const CODE_FIRST = looks("code-first", "email-password-code", {
  signIn: { methods: emailCode.signIn.methods.map((m) => (m.identifier === "email" ? { ...m, isPasswordPrimary: false } : m)) },
});
const EMAIL = looks("email", "email-password-code");
const EMAIL_THEN_USERNAME = looks("email-username", "email-password-code", {
  signUp: { identifiers: ["email"], password: false, verify: true, secondaryIdentifiers: [{ identifier: "username" }] },
});
const SECONDARY = (kind) =>
  looks(`secondary-${kind}`, "username-email-phone-password-code", {
    signUp: { identifiers: ["username"], password: true, verify: true, secondaryIdentifiers: [{ identifier: kind, verify: true }] },
  });
const MORE_FIELDS = looks("more-fields", "username-password", { customProfileFields: PROFILE_FIELDS });
const MFA = looks("mfa", "mfa-mandatory");
const MFA_PROMPT = looks("mfa-prompt", "mfa-prompt");
const MFA_EMAIL = looks("mfa-email", "mfa-mandatory", { mfa: { factors: ["EmailVerificationCode"], policy: "Mandatory" } });
const MFA_CODES = looks("mfa-codes", "mfa-mandatory", {
  mfa: { factors: ["EmailVerificationCode", "PhoneVerificationCode"], policy: "Mandatory" },
});
const MFA_SUGGESTION = looks("mfa-suggestion", "email-password-code", {
  signUp: { identifiers: ["email"], password: false, verify: true },
  mfa: { factors: ["Totp", "EmailVerificationCode"], policy: "Mandatory" },
});
const PASSKEYS = looks("passkeys", "email-password-code", {
  mfa: { factors: [], policy: "UserControlled" },
  passkeySignIn: { enabled: true, showPasskeyButton: true, allowAutofill: false },
});
const MAGIC = looks("magic", "username-password", { signUp: { identifiers: ["email"], password: false, verify: true } });
const MAGIC_TERMS = looks("magic-terms", "terms-privacy", { signUp: { identifiers: ["email"], password: false, verify: true } });
const TERMS = looks("terms", "terms-privacy");
const SOCIAL = looks("social", "social", {
  socialConnectors: [],
  socialSignInConnectorTargets: ["mock-social", "mock-github", "mock-google", "mock-apple", "mock-azure", "mock-discord"],
});
const SSO = looks("sso", "sso-identifier-first", { ssoConnectors: [] });

const submit = (page) => page.locator("main form button[type=submit]").first().click();
const at = (page, path) => page.waitForURL((url) => url.pathname === path);
const heading = (page) => page.locator("main h1").first().waitFor();
const field = (page) => page.locator("main form input:not([hidden])").first().waitFor();

/**
 * Each page: the settings it needs (the demo's if none), whether it needs a
 * simulator of its own each time (`fresh`: its way there changes an account),
 * and how to get there from a fresh context, in `lang`.
 */
const PAGES = {
  "demo-app": async (browser, sim, options) => openApp(browser, `${sim.origin}/demo-app`, { ...options, app: false }),
  "sign-in": async (browser, sim, options, lang) => openSignIn(browser, sim, options, { ui_locales: lang }),
  "sign-in-password": async (browser, sim, options, lang) => {
    const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
    await opened.page.locator("#identifier").fill("alice@example.com");
    await submit(opened.page);
    await opened.page.locator("input[name=password]").waitFor();
    return opened;
  },
  "sign-in-error": async (browser, sim, options, lang) => {
    const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
    const { page } = opened;
    const refused = page.locator("[role=alert], dialog[open]").first();
    await page.locator("#identifier").fill("nobody-here");
    await submit(page);
    // Identifier first: a username goes on to the password, refused there.
    const password = page.locator("input[name=password]");
    await Promise.race([password.waitFor(), refused.waitFor()]);
    if (await password.count()) {
      await password.fill("not-the-password");
      await submit(page);
    }
    await refused.waitFor();
    return opened;
  },
  "sign-in-terms": {
    settings: TERMS,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "demo");
      await opened.page.locator("dialog[open]").waitFor();
      return opened;
    },
  },
  "sign-in-social": {
    settings: SOCIAL,
    go: async (browser, sim, options, lang) => openSignIn(browser, sim, options, { ui_locales: lang }),
  },
  "sign-in-code": {
    settings: CODE_FIRST,
    go: async (browser, sim, options, lang) => {
      const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
      await opened.page.locator("#identifier").fill("alice@example.com");
      await submit(opened.page);
      await at(opened.page, "/sign-in/verification-code");
      await codeBox(opened.page).waitFor();
      return opened;
    },
  },
  "sign-in-passkey": {
    settings: PASSKEYS,
    fresh: true,
    go: async (browser, sim, options, lang) => {
      const opened = await withPasskey(browser, sim, options, lang);
      await at(opened.page, "/sign-in/passkey");
      await heading(opened.page);
      return opened;
    },
  },
  "sign-in-methods": {
    settings: PASSKEYS,
    fresh: true,
    go: async (browser, sim, options, lang) => {
      const opened = await withPasskey(browser, sim, options, lang);
      await at(opened.page, "/sign-in/passkey");
      await opened.page.locator('main a[href^="/sign-in/verification-methods"]').click();
      await opened.page.locator(".logto_factor").first().waitFor();
      return opened;
    },
  },
  "identifier-sign-in": {
    settings: CODE_FIRST,
    go: async (browser, sim, options, lang) =>
      openSignIn(browser, sim, options, { ui_locales: lang, first_screen: "identifier:sign_in", identifier: "email" }),
  },
  "identifier-register": {
    settings: EMAIL,
    go: async (browser, sim, options, lang) =>
      openSignIn(browser, sim, options, { ui_locales: lang, first_screen: "identifier:register", identifier: "email" }),
  },
  register: async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/register"),
  "register-password": async (browser, sim, options, lang) => {
    const opened = await direct(browser, sim, options, lang, "/register");
    await opened.page.locator("#identifier").fill(unique("shot_"));
    await submit(opened.page);
    await at(opened.page, "/register/password");
    // A refused confirmation, to see the field's error and the checks.
    await opened.page.locator("input[name=newPassword]").fill("short");
    await opened.page.locator("input[name=confirmPassword]").fill("shorter");
    await submit(opened.page);
    await opened.page.locator("#confirmPassword-error, #newPassword-error").first().waitFor();
    return opened;
  },
  "register-code": {
    settings: EMAIL,
    go: async (browser, sim, options, lang) => {
      const opened = await direct(browser, sim, options, lang, "/register");
      await opened.page.locator("#identifier").fill(`${unique("shot")}@example.com`);
      await submit(opened.page);
      await at(opened.page, "/register/verification-code");
      await codeBox(opened.page).waitFor();
      return opened;
    },
  },
  "forgot-password": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/forgot-password"),
  "forgot-password-code": {
    settings: EMAIL,
    go: async (browser, sim, options, lang) => forgotCode(browser, sim, options, lang),
  },
  "forgot-password-reset": {
    settings: EMAIL,
    go: async (browser, sim, options, lang) => {
      const opened = await forgotCode(browser, sim, options, lang);
      await codeBox(opened.page).fill(await codeFor(sim, "alice@example.com"));
      await at(opened.page, "/forgot-password/reset");
      await opened.page.locator("input[name=newPassword]").waitFor();
      return opened;
    },
  },
  "reset-password-address": {
    settings: MAGIC,
    go: async (browser, sim, options, lang) => {
      const token = await oneTimeToken(sim, "alice@example.com");
      const opened = await openSignIn(browser, sim, options, { ui_locales: lang, first_screen: "reset_password", one_time_token: token });
      await at(opened.page, "/reset-password");
      await opened.page.locator("#identifier").waitFor();
      return opened;
    },
  },
  "single-sign-on": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/single-sign-on"),
  "single-sign-on-connectors": {
    settings: SSO,
    go: async (browser, sim, options, lang) => {
      const opened = await direct(browser, sim, options, lang, "/single-sign-on");
      await opened.page.locator("#identifier").fill("sam@multi.example.com");
      await submit(opened.page);
      await at(opened.page, "/single-sign-on/connectors");
      await opened.page.locator("main button").first().waitFor();
      return opened;
    },
  },
  "social-link": {
    settings: SOCIAL,
    go: async (browser, sim, options, lang) => {
      const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
      await opened.page.locator(".logto_social-button").first().click();
      await atProvider(opened.page, { sub: `alice-${unique("")}`, email: "alice@example.com" });
      await opened.page.waitForURL((url) => url.pathname.startsWith("/social/link/"));
      await heading(opened.page);
      return opened;
    },
  },
  "callback-refused": {
    settings: SOCIAL,
    go: async (browser, sim, options, lang) => {
      const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
      await opened.page.locator(".logto_social-button").first().waitFor();
      await opened.page.goto(`${sim.origin}/callback/mock-social?code=stolen&state=forged`);
      await opened.page.locator("main [role=alert]").first().waitFor();
      return opened;
    },
  },
  "callback-denied": {
    settings: SOCIAL,
    go: async (browser, sim, options, lang) => {
      const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
      await opened.page.locator(".logto_social-button").first().click();
      await atProvider(opened.page, { deny: true });
      await opened.page.locator("main [role=alert]").first().waitFor();
      return opened;
    },
  },
  "social-landing-refused": async (browser, sim, options, lang) => {
    const opened = await direct(browser, sim, options, lang, "/social/landing/mock-social", "&native_callback=logto-demo%3A%2F%2Fcallback");
    await opened.page.locator("main [role=alert]").first().waitFor();
    return opened;
  },
  springboard: async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/springboard"),
  "continue-password": {
    settings: CODE_FIRST,
    go: async (browser, sim, options, lang) => {
      const email = `${unique("new")}@example.com`;
      const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
      await opened.page.locator("#identifier").fill(email);
      await submit(opened.page);
      await codeBox(opened.page).fill(await codeFor(sim, email));
      await opened.page.locator("dialog[open] button.primary").click();
      await at(opened.page, "/continue/password");
      await opened.page.locator("input[name=newPassword]").waitFor();
      return opened;
    },
  },
  "continue-username": {
    settings: EMAIL_THEN_USERNAME,
    go: async (browser, sim, options, lang) => {
      const email = `${unique("prof")}@example.com`;
      const opened = await direct(browser, sim, options, lang, "/register");
      await opened.page.locator("#identifier").fill(email);
      await submit(opened.page);
      await codeBox(opened.page).fill(await codeFor(sim, email));
      await at(opened.page, "/continue/username");
      await field(opened.page);
      return opened;
    },
  },
  ...Object.fromEntries(
    [
      ["email", "/continue/email"],
      ["phone", "/continue/phone"],
      ["emailOrPhone", "/continue/emailOrPhone"],
    ].map(([kind, path]) => [
      `continue-${kind}`,
      {
        settings: SECONDARY(kind),
        go: async (browser, sim, options, lang) => {
          const opened = await direct(browser, sim, options, lang, "/register");
          await opened.page.locator("#identifier").fill(unique("link_"));
          await submit(opened.page);
          await at(opened.page, path);
          await field(opened.page);
          return opened;
        },
      },
    ]),
  ),
  "extra-profile": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/continue/extra-profile"),
  "extra-profile-more": {
    settings: MORE_FIELDS,
    go: async (browser, sim, options, lang) => {
      const opened = await direct(browser, sim, options, lang, "/continue/extra-profile");
      // Sent empty: each required field says so.
      await submit(opened.page);
      await opened.page.locator("main .error").first().waitFor();
      return opened;
    },
  },
  "account-suspended": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/account-suspended"),
  "unknown-session": async (browser, sim, options, lang) =>
    openApp(browser, `${sim.origin}/unknown-session?ui_locales=${lang}`, options),
  404: async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/no/such/page"),
  "mfa-verification": async (browser, sim, options, lang) => {
    const opened = await password(browser, sim, options, lang, "mfa_demo");
    await opened.page.waitForURL(/mfa-verification/);
    await opened.page.goto(`${sim.origin}/mfa-verification`);
    await opened.page.locator("h1").waitFor();
    return opened;
  },
  "mfa-verification-totp": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "mfa_demo");
      await at(opened.page, "/mfa-verification/Totp");
      await codeBox(opened.page).waitFor();
      return opened;
    },
  },
  "mfa-verification-backup-code": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "mfa_demo");
      await at(opened.page, "/mfa-verification/Totp");
      await opened.page.goto(`${sim.origin}/mfa-verification/BackupCode`);
      await opened.page.locator("main input[name=code]").waitFor();
      return opened;
    },
  },
  "mfa-verification-webauthn": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "mfa_demo");
      await at(opened.page, "/mfa-verification/Totp");
      await opened.page.goto(`${sim.origin}/mfa-verification/WebAuthn`);
      await heading(opened.page);
      return opened;
    },
  },
  ...Object.fromEntries(
    [
      ["email", "alice", "EmailVerificationCode"],
      ["phone", "phoebe", "PhoneVerificationCode"],
    ].map(([kind, user, factor]) => [
      `mfa-verification-${kind}`,
      {
        settings: MFA_CODES,
        go: async (browser, sim, options, lang) => {
          const opened = await password(browser, sim, options, lang, user);
          await at(opened.page, `/mfa-verification/${factor}`);
          await codeBox(opened.page).waitFor();
          return opened;
        },
      },
    ]),
  ),
  "mfa-binding": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "demo");
      await at(opened.page, "/mfa-binding");
      await opened.page.locator(".logto_factor").first().waitFor();
      return opened;
    },
  },
  "mfa-binding-totp": {
    settings: MFA,
    go: async (browser, sim, options, lang) => totpBinding(browser, sim, options, lang),
  },
  "mfa-binding-totp-key": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await totpBinding(browser, sim, options, lang);
      await opened.page.locator("main a[aria-expanded]").click();
      await opened.page.locator("#totp-secret").waitFor();
      return opened;
    },
  },
  "mfa-binding-backup-code": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await totpBinding(browser, sim, options, lang);
      await opened.page.locator("main a[aria-expanded]").click();
      const secret = (await opened.page.locator("#totp-secret").textContent()).replaceAll(" ", "");
      await codeBox(opened.page).fill(totp(secret));
      await at(opened.page, "/mfa-binding/BackupCode");
      await opened.page.locator(".logto_backup-codes li").nth(9).waitFor();
      return opened;
    },
  },
  "mfa-binding-webauthn": {
    settings: MFA,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "demo");
      await at(opened.page, "/mfa-binding");
      await opened.page.locator(".lgt_mfaFactorButton").first().click();
      await at(opened.page, "/mfa-binding/WebAuthn");
      await heading(opened.page);
      return opened;
    },
  },
  "mfa-binding-email": {
    settings: MFA_EMAIL,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "demo");
      await opened.page.waitForURL(/\/mfa-binding/);
      await field(opened.page);
      return opened;
    },
  },
  "mfa-binding-prompt": {
    settings: MFA_PROMPT,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "demo");
      await opened.page.locator(".lgt_skipButton").first().waitFor();
      return opened;
    },
  },
  "mfa-binding-suggestion": {
    settings: MFA_SUGGESTION,
    go: async (browser, sim, options, lang) => {
      const email = `${unique("suggest")}@example.com`;
      const opened = await direct(browser, sim, options, lang, "/register");
      await opened.page.locator("#identifier").fill(email);
      await submit(opened.page);
      await codeBox(opened.page).fill(await codeFor(sim, email));
      await opened.page.locator(".logto_factor-bound").waitFor();
      return opened;
    },
  },
  "create-passkey": async (browser, sim, options, lang) => {
    const opened = await password(browser, sim, options, lang, "demo");
    await opened.page.waitForURL(/create-passkey/);
    await opened.page.locator("h1").waitFor();
    return opened;
  },
  consent: {
    // Without the demo's passkey offer after the password.
    settings: MAGIC,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "alice", {
        client_id: "third-party-app",
        scope: "openid profile email read:reports",
        resource: "https://api.example.com",
      });
      await opened.page.waitForURL(/consent/);
      await opened.page.locator("h1").waitFor();
      return opened;
    },
  },
  "consent-organizations": {
    // Without the demo's passkey offer after the password.
    settings: MAGIC,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "alice", {
        client_id: "third-party-app",
        scope: "openid profile email urn:logto:scope:organizations read:reports",
        resource: "https://api.example.com",
      });
      await at(opened.page, "/consent");
      await opened.page.locator("main select").waitFor();
      // Every group open, to see the scopes' lists.
      await opened.page.evaluate(() => document.querySelectorAll("main details").forEach((d) => (d.open = true)));
      return opened;
    },
  },
  "magic-link-terms": {
    settings: MAGIC_TERMS,
    go: async (browser, sim, options, lang) => {
      const token = await oneTimeToken(sim, "alice@example.com");
      const opened = await openSignIn(browser, sim, { ...options, app: false }, { ui_locales: lang, one_time_token: token, login_hint: "alice@example.com" });
      await opened.page.locator("dialog[open]").waitFor();
      return opened;
    },
  },
  "magic-link-error": {
    settings: MAGIC,
    go: async (browser, sim, options, lang) => {
      const token = await oneTimeToken(sim, "alice@example.com", 0);
      const opened = await openSignIn(browser, sim, { ...options, app: false }, { ui_locales: lang, one_time_token: token, login_hint: "alice@example.com" });
      await at(opened.page, "/one-time-token/error");
      await heading(opened.page);
      return opened;
    },
  },
  "switch-account": {
    settings: MAGIC,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "alice");
      await opened.page.locator("#signed-in").waitFor();
      const email = `${unique("switch")}@example.com`;
      const token = await oneTimeToken(sim, email);
      await opened.page.goto(`${sim.origin}/oidc/auth?${authQuery(sim, { ui_locales: lang, one_time_token: token, login_hint: email })}`);
      await at(opened.page, "/switch-account");
      await heading(opened.page);
      return opened;
    },
  },
  device: async (browser, sim, options, lang) => {
    const response = await fetch(`${sim.origin}/oidc/device/auth`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: "demo-app", scope: "openid" }),
    });
    const device = await response.json();
    return openApp(browser, `${device.verification_uri}?ui_locales=${lang}`, options);
  },
  "demo-signed-in": {
    settings: MAGIC,
    go: async (browser, sim, options, lang) => {
      const opened = await password(browser, sim, options, lang, "alice");
      await opened.page.waitForFunction(() => document.querySelector('img[alt="Congrats"]')?.naturalWidth > 0);
      return opened;
    },
  },
  "demo-callback": async (browser, sim, options) => {
    const opened = await openApp(browser, `${sim.origin}/demo-app/callback?error=access_denied`, { ...options, app: false });
    return opened;
  },
  "mock-idp": async (browser, sim, options) =>
    openApp(browser, `${sim.origin}/__sim/mock-idp/mock-social?state=s&redirect_uri=${encodeURIComponent(`${sim.origin}/callback/mock-social`)}`, {
      ...options,
      app: false,
    }),
};

const unique = (prefix) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function direct(browser, sim, options, lang, path, query = "") {
  return openApp(browser, `${sim.origin}${path}?ui_locales=${lang}${query}`, {
    ...options,
    setup: (context) => startInteraction(context, sim, { ui_locales: lang }),
  });
}

async function signInWith(page, username) {
  await page.locator("#identifier").fill(username);
  const field = page.locator("input[name=password]");
  if (!(await field.count())) {
    await submit(page);
    await field.waitFor();
  }
  await field.fill(PASSWORD);
  await submit(page);
}

async function password(browser, sim, options, lang, username, params = {}) {
  const opened = await openSignIn(browser, sim, options, { ui_locales: lang, ...params });
  await signInWith(opened.page, username);
  return opened;
}

async function forgotCode(browser, sim, options, lang) {
  const opened = await direct(browser, sim, options, lang, "/forgot-password");
  await opened.page.locator("#identifier").fill("alice@example.com");
  await submit(opened.page);
  await at(opened.page, "/forgot-password/verification-code");
  await codeBox(opened.page).waitFor();
  return opened;
}

async function totpBinding(browser, sim, options, lang) {
  const opened = await password(browser, sim, options, lang, "demo");
  await at(opened.page, "/mfa-binding");
  // Logto's order: the passkey, then the authenticator app.
  await opened.page.locator(".lgt_mfaFactorButton").nth(1).click();
  await at(opened.page, "/mfa-binding/Totp");
  await opened.page.locator("img.logto_qr-code").waitFor();
  return opened;
}

/**
 * alice with a passkey in this context's virtual authenticator (created on
 * the page Logto offers after a password sign-in), then back at the
 * sign-in page with her address sent: on to her passkey.
 */
async function withPasskey(browser, sim, options, lang) {
  const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
  const { context, page } = opened;
  await virtualAuthenticator(context, page);
  await signInWith(page, "alice@example.com");
  await at(page, "/create-passkey");
  await page.waitForFunction(() => !document.querySelector("main button.primary")?.disabled);
  await page.locator("main button.primary").click();
  await page.locator("#signed-in").waitFor();
  await page.goto(`${sim.origin}/oidc/auth?${authQuery(sim, { ui_locales: lang })}`);
  await page.locator("#identifier").fill("alice@example.com");
  await submit(page);
  return opened;
}

/** At the mock provider: sign in as `sub` (with `email`), or refuse. */
async function atProvider(page, { sub, email, deny = false }) {
  await page.waitForURL(/\/__sim\/mock-idp\//);
  if (sub) await page.locator("input[name=sub]").fill(sub);
  if (email) await page.locator("input[name=email]").fill(email);
  await page.locator(`button[name=decision][value=${deny ? "deny" : "allow"}]`).click();
}

async function oneTimeToken(sim, email, expiresIn) {
  const response = await fetch(`${sim.origin}/__sim/one-time-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(expiresIn === undefined ? { email } : { email, expiresIn }),
  });
  return (await response.json()).token;
}

const words = process.argv.slice(2);
const chosen = Object.keys(PAGES).filter((name) => !words.length || words.some((w) => name.includes(w)));
mkdirSync(OUT, { recursive: true });
// One simulator per configuration, started when a page first needs it.
const simEnv = (settings) => ({ SETTINGS: settings, ...(process.env.DIST ? { DIST: process.env.DIST } : {}) });
const sims = new Map();
const simFor = async (settings) => {
  if (!sims.has(settings)) sims.set(settings, await startSimulator(simEnv(settings)));
  return sims.get(settings);
};
const browser = await launchBrowser();
let count = 0;
let failed = 0;
try {
  for (const name of chosen) {
    const entry = PAGES[name];
    const { settings = DEMO, fresh = false, go } = typeof entry === "function" ? { go: entry } : entry;
    for (const colorScheme of ["light", "dark"]) {
      for (const lang of ["en", "ar"]) {
        let opened;
        const sim = fresh ? await startSimulator(simEnv(settings)) : await simFor(settings);
        try {
          // The browser's language too, as a person's: the pages after a
          // provider's answer have no ui_locales (Logto's clean-up).
          const locale = lang === "ar" ? "ar" : "en-US";
          opened = await go(browser, sim, { width: 1280, height: 844, colorScheme, locale }, lang);
          await opened.page.waitForTimeout(300);
          for (const width of [390, 1280]) {
            await opened.page.setViewportSize({ width, height: 844 });
            await opened.page.waitForTimeout(100);
            const path = join(OUT, `${name}-${lang}-${colorScheme}-${width}.png`);
            await opened.page.screenshot({ path, fullPage: true });
            count++;
          }
        } catch (error) {
          failed++;
          console.error(`${name} ${lang} ${colorScheme}: ${error.message.split("\n")[0]}`);
        } finally {
          await opened?.context.close();
          if (fresh) sim.stop();
        }
      }
    }
  }
} finally {
  await browser.close();
  for (const sim of sims.values()) sim.stop();
}
console.log(`${count} screenshots in ${OUT}${failed ? `; ${failed} pages not reached` : ""}`);
