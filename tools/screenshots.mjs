// Screenshots of every page of the experience and of the simulator's own
// pages, at 390 and 1280 px, light and dark, English and Arabic (right to
// left), into target/screenshots/ (not committed): for people to look at
// before shipping a change of looks.
//
//   node tools/screenshots.mjs              every page
//   node tools/screenshots.mjs sign-in 404  the pages whose name contains a word
//
// Needs dist/ (make dist) and target/debug/logto-sim (cargo build -p logto-sim);
// DELIVERY=js serves Logto's production CSP (the JavaScript build).
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  LOGOS,
  ROOT,
  launchBrowser,
  openApp,
  openSignIn,
  startInteraction,
  startSimulator,
} from "../tests/e2e/harness.mjs";

const OUT = join(ROOT, "target", "screenshots");
const PASSWORD = "Demo-Passw0rd!";

// The demo's settings, with everything that shows: logo, dark mode, the
// development banner, support contacts and custom profile fields.
const demo = JSON.parse(readFileSync(join(ROOT, "simulator", "data", "settings.demo.json"), "utf8"));
const settings = {
  ...demo,
  branding: { ...demo.branding, logoUrl: LOGOS.light, darkLogoUrl: LOGOS.dark },
  color: { ...demo.color, isDarkModeEnabled: true, darkPrimaryColor: "#8B6CFF" },
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
};
const file = join(tmpdir(), `logto-screenshots-${process.pid}.json`);
writeFileSync(file, JSON.stringify(settings));

/** Each page: how to get there from a fresh context, in `lang`. */
const PAGES = {
  "demo-app": async (browser, sim, options) => openApp(browser, `${sim.origin}/demo-app`, { ...options, app: false }),
  "sign-in": async (browser, sim, options, lang) => openSignIn(browser, sim, options, { ui_locales: lang }),
  "sign-in-password": async (browser, sim, options, lang) => {
    const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
    await opened.page.locator("#identifier").fill("alice@example.com");
    await opened.page.locator("form button[type=submit]").click();
    await opened.page.locator("input[name=password]").waitFor();
    return opened;
  },
  "sign-in-error": async (browser, sim, options, lang) => {
    const opened = await openSignIn(browser, sim, options, { ui_locales: lang });
    const { page } = opened;
    const refused = page.locator("[role=alert], dialog[open]").first();
    await page.locator("#identifier").fill("nobody-here");
    await page.locator("form button[type=submit]").click();
    // Identifier first: a username goes on to the password, refused there.
    const password = page.locator("input[name=password]");
    await Promise.race([password.waitFor(), refused.waitFor()]);
    if (await password.count()) {
      await password.fill("not-the-password");
      await page.locator("form button[type=submit]").click();
    }
    await refused.waitFor();
    return opened;
  },
  register: async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/register"),
  "forgot-password": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/forgot-password"),
  "single-sign-on": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/single-sign-on"),
  "extra-profile": async (browser, sim, options, lang) => direct(browser, sim, options, lang, "/continue/extra-profile"),
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
  "create-passkey": async (browser, sim, options, lang) => {
    const opened = await password(browser, sim, options, lang, "demo");
    await opened.page.waitForURL(/create-passkey/);
    await opened.page.locator("h1").waitFor();
    return opened;
  },
  consent: async (browser, sim, options, lang) => {
    const opened = await password(browser, sim, options, lang, "alice", {
      client_id: "third-party-app",
      scope: "openid profile email read:reports",
      resource: "https://api.example.com",
    });
    await opened.page.waitForURL(/consent/);
    await opened.page.locator("h1").waitFor();
    return opened;
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

async function direct(browser, sim, options, lang, path) {
  return openApp(browser, `${sim.origin}${path}?ui_locales=${lang}`, {
    ...options,
    setup: (context) => startInteraction(context, sim, { ui_locales: lang }),
  });
}

async function password(browser, sim, options, lang, username, params = {}) {
  const opened = await openSignIn(browser, sim, options, { ui_locales: lang, ...params });
  await opened.page.locator("#identifier").fill(username);
  const submit = opened.page.locator("form button[type=submit]");
  const field = opened.page.locator("input[name=password]");
  if (!(await field.count())) {
    await submit.click();
    await field.waitFor();
  }
  await field.fill(PASSWORD);
  await submit.click();
  return opened;
}

const words = process.argv.slice(2);
const chosen = Object.keys(PAGES).filter((name) => !words.length || words.some((w) => name.includes(w)));
mkdirSync(OUT, { recursive: true });
const sim = await startSimulator({ SETTINGS: file });
const browser = await launchBrowser();
let count = 0;
try {
  for (const name of chosen) {
    for (const colorScheme of ["light", "dark"]) {
      for (const lang of ["en", "ar"]) {
        let opened;
        try {
          opened = await PAGES[name](browser, sim, { width: 1280, height: 844, colorScheme }, lang);
          await opened.page.waitForTimeout(300);
          for (const width of [390, 1280]) {
            await opened.page.setViewportSize({ width, height: 844 });
            await opened.page.waitForTimeout(100);
            const path = join(OUT, `${name}-${lang}-${colorScheme}-${width}.png`);
            await opened.page.screenshot({ path, fullPage: true });
            count++;
          }
        } catch (error) {
          console.error(`${name} ${lang} ${colorScheme}: ${error.message.split("\n")[0]}`);
        } finally {
          await opened?.context.close();
        }
      }
    }
  }
} finally {
  await browser.close();
  sim.stop();
}
console.log(`${count} screenshots in ${OUT}`);
