// Shared pieces of the end-to-end suite: the simulator as a child process,
// Debian's Chromium through playwright-core, axe-core and screenshots.
//
// The suite runs once per delivery path: DELIVERY=wasm serves the page with a
// CSP that allows WebAssembly; DELIVERY=js serves it with Logto's exact
// production header, under which only the JavaScript build can run.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DELIVERY = process.env.DELIVERY ?? "wasm";
export const CSP = DELIVERY === "js" ? "production" : "permissive";
export const ARTIFACTS = join(ROOT, "tests", "e2e", "artifacts");
const SIMULATOR = process.env.LOGTO_SIM ?? join(ROOT, "target", "debug", "logto-sim");

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a simulator over dist/ and resolves once it answers. */
export async function startSimulator(env = {}) {
  const port = await freePort();
  const child = spawn(SIMULATOR, [], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), CSP, DIST: join(ROOT, "dist"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  // WebAuthn needs a host name, not an IP address, as relying-party id.
  const origin = `http://localhost:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`simulator exited: ${log}`);
    try {
      const response = await fetch(`${origin}/api/.well-known/experience`);
      if (response.ok) return { origin, port, log: () => log, stop: () => child.kill() };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`simulator did not start: ${log}`);
}

/** Two simulators with the same settings: one fills Logto's SSR
 *  placeholder (as core does), the other serves it unfilled. */
export function startFilledAndUnfilled(env = {}) {
  return Promise.all([startSimulator(env), startSimulator({ ...env, SSR: "off" })]);
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/**
 * Sign-in experience configurations (`tests/fixtures/settings/<name>.json`):
 * each a patch over the simulator's default settings, checked against the
 * recorded real settings by tests/package/settings.test.mjs.
 */
const FIXTURES = join(ROOT, "tests", "fixtures", "settings");
const DEFAULT_SETTINGS = join(ROOT, "simulator", "data", "settings.default.json");

/** The settings of configuration `name`, as `/api/.well-known/experience` answers them. */
export function config(name) {
  return {
    ...JSON.parse(readFileSync(DEFAULT_SETTINGS, "utf8")),
    ...JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")),
  };
}

export const LOGOS = {
  light: "https://logto.io/logo.svg",
  dark: "https://logto.io/logo-dark.svg",
};
const logoSvg = (fill, text) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40">` +
  `<circle cx="20" cy="20" r="16" fill="${fill}"/><text x="44" y="28" font-family="sans-serif" ` +
  `font-size="22" font-weight="700" fill="${fill}">${text}</text></svg>`;

/**
 * The settings' logo URLs point at logto.io, which the tests cannot reach:
 * answer them with two recognisable SVGs, on every page of `context`.
 */
export async function serveLogtoExtras(context) {
  await context.route("https://logto.io/**", (route) => {
    const dark = route.request().url().includes("dark");
    route.fulfill({
      status: 200,
      headers: { "content-type": "image/svg+xml" },
      body: dark ? logoSvg("#f2f0ff", "Dark Co") : logoSvg("#3b1fb0", "Light Co"),
    });
  });
}

/** Custom profile fields of every kind (with a two-part full name), for
 *  the extra-profile page's tests and screenshots. */
export const PROFILE_FIELDS = [
  {
    name: "fullname",
    type: "Fullname",
    required: true,
    config: {
      parts: [
        { enabled: true, name: "givenName", type: "Text", required: true },
        { enabled: true, name: "familyName", type: "Text", required: false },
      ],
    },
  },
  { name: "birthdate", type: "Date", required: false, config: { format: "MM/dd/yyyy" } },
  { name: "gender", type: "Select", required: false, config: { options: [{ value: "female" }, { value: "male" }] } },
  { name: "age", type: "Number", label: "Age", required: false, config: { minValue: 13, maxValue: 120 } },
  { name: "newsletter", type: "Checkbox", label: "Send me the newsletter", required: false, config: {} },
];

/** Writes a settings file for `startSimulator({ SETTINGS })`: configuration `base` with `overrides` merged on top. */
export function settingsFile(name, base, overrides = {}) {
  const path = join(tmpdir(), `logto-e2e-${process.pid}-${name}.json`);
  writeFileSync(path, JSON.stringify({ ...config(base), ...overrides }));
  return path;
}

/** A settings file of configuration `name` as it is. */
export const configFile = (name) => settingsFile(`config-${name}`, name);

/**
 * Opens `url` in a fresh context and waits for the app to mount (unless
 * `app` is false, for the simulator's own pages). Collects
 * requests and console errors so tests can check what was loaded.
 * `colorScheme` emulates the system theme, `locale` the browser's language;
 * `setup(context)` runs before the page loads (to add routes).
 */
export async function openApp(
  browser,
  url,
  { width = 1280, height = 800, app = true, colorScheme = "light", locale, setup } = {},
) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, locale });
  await serveLogtoExtras(context);
  if (setup) await setup(context);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const failedResponses = [];
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  page.on("response", (response) => {
    if (response.status() >= 400) failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  if (app) await page.waitForSelector("#app > *", { timeout: 20_000 });
  return { context, page, requests, errors, failedResponses };
}

/** The demo application's authorization request, with `params` on top. */
export function authQuery(sim, params = {}) {
  return new URLSearchParams({
    client_id: "demo-app",
    redirect_uri: `${sim.origin}/demo-app/callback`,
    response_type: "code",
    scope: "openid",
    ...params,
  });
}

/**
 * Starts an interaction in `context` the way a browser does: the
 * application's authorization request sets the `_interaction` cookie.
 * Logto (and the simulator) redirect a page load of a guarded route
 * (`/sign-in`, `/register`, `/consent`, ...) without one to
 * `/unknown-session`, so a test that opens such a route directly calls this
 * first, e.g. in `openApp`'s `setup`.
 */
export async function startInteraction(context, sim, params = {}) {
  const response = await context.request.get(`${sim.origin}/oidc/auth?${authQuery(sim, params)}`, {
    maxRedirects: 0,
  });
  if (response.status() !== 303 && response.status() !== 302) {
    throw new Error(`/oidc/auth answered ${response.status()}`);
  }
}

/**
 * Opens the sign-in page the way a person arrives: the demo application's
 * "Sign in" link, then Logto's /oidc/auth, which starts an interaction.
 * With `params` (e.g. `{ ui_locales: "fr" }`), goes to /oidc/auth directly
 * with those authorization parameters, as an application would.
 */
export async function openSignIn(browser, sim, options = {}, params = null) {
  if (params) {
    return openApp(browser, `${sim.origin}/oidc/auth?${authQuery(sim, params)}`, options);
  }
  const opened = await openApp(browser, `${sim.origin}/demo-app`, { ...options, app: false });
  await opened.page.getByRole("link", { name: "Sign in" }).click();
  await opened.page.waitForSelector("#app > *", { timeout: 20_000 });
  return opened;
}

const AXE_SOURCE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * Runs axe-core in the page. Evaluated through the DevTools protocol rather
 * than a script tag, so that it works under Logto's CSP without loosening it.
 */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }),
  );
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
}

/** Saves a full-page screenshot under tests/e2e/artifacts/ for people to look at. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(ARTIFACTS, `${DELIVERY}-${name}-${width}.png`), fullPage: true });
}

/** axe-core finds nothing, and screenshots at phone and desktop widths. */
export async function checkPage(page, name) {
  const { deepEqual } = await import("node:assert/strict");
  deepEqual(await axeViolations(page), [], name);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await screenshot(page, name);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The newest verification code the simulator "sent" to `recipient`. */
export async function codeFor(sim, recipient, count = 1) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const outbox = await (await fetch(`${sim.origin}/__sim/outbox`)).json();
    const sent = outbox.filter((m) => m.recipient === recipient);
    if (sent.length >= count) return sent.at(-1).code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code for ${recipient}`);
}

/** Waits for the demo application's "Signed in as …". */
export const signedIn = (page) => page.locator("#signed-in").waitFor();

/** A virtual platform authenticator with user verification, as a phone's. */
export async function virtualAuthenticator(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * The first of the six code boxes (`passcode_0`, `totpCode_0` or
 * `mfaCode_0`, as on Logto's page); filling it with a whole code spreads the
 * code over the six boxes, as a paste or an autofill does.
 */
export const codeBox = (page) =>
  page.locator("input[name=passcode_0], input[name=totpCode_0], input[name=mfaCode_0]");
