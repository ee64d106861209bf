// Each delivery path's two builds: the first load of the sign-in routes is
// the lite build; the other routes are in the full build, which takes over
// the page in place when the person gets there, or loads first for a deep
// link.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DELIVERY,
  launchBrowser,
  openApp,
  openSignIn,
  settingsFile,
  startFilledAndUnfilled,
  startInteraction,
  startSimulator,
} from "./harness.mjs";

const isFull = (path) => path.startsWith(DELIVERY === "wasm" ? "/wasm-full-" : "/js-full-");
// The lite build's files: trunk's binary (packed) and glue, or the JavaScript build's folder.
const isLite = (path) => (DELIVERY === "wasm" ? /^\/logto-experience-[^/]*\.(wasm\.lzma|js)$/ : /^\/js-[0-9a-f]+\//).test(path);
// The compiled app, packed: the wasm binary, or its JavaScript translation.
const isBinary = (path) => path.endsWith(DELIVERY === "wasm" ? ".wasm.lzma" : "/app.lzma");
// On the JavaScript path, the CSP reports the loader's refused probe.
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource|WebAssembly|Content Security Policy/i.test(e));

describe(`lite and full ${DELIVERY} builds`, () => {
  let sim;
  let browser;
  before(async () => {
    sim = await startSimulator();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
  });

  test("sign-in loads the lite build only; registration hands over to the full build and back works", async () => {
    const { context, page, requests, errors } = await openSignIn(browser, sim);
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.deepEqual(requests.filter(isFull), [], "no full build on the first load");
    await page.getByLabel("Username").fill("typed before");
    // Pointing at a link to a full route starts the download.
    const prefetched = page.waitForRequest((r) => isFull(new URL(r.url()).pathname) && isBinary(new URL(r.url()).pathname));
    await page.getByRole("link", { name: "Create account" }).hover();
    await prefetched;
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), "full");
    assert.equal(requests.filter((p) => isFull(p) && isBinary(p)).length, 1, "the full build, once");
    assert.equal(await page.locator("#app > *").count(), 1, "one app in #app");
    // The new page takes the focus, as after any navigation.
    await page.waitForFunction(() => document.activeElement?.id === "identifier");
    assert.equal(new URL(page.url()).searchParams.get("app_id"), "demo-app");
    // The full build has the sign-in routes too, and its router follows Back.
    await page.goBack();
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#signed-in").waitFor();
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test("a deep link to a full route loads the full build only", async () => {
    // An interaction first, as the application's request would have started
    // it: without one, the server sends a page load to /unknown-session.
    const { context, page, requests, errors } = await openApp(browser, `${sim.origin}/register?app_id=demo-app`, {
      setup: (context) => startInteraction(context, sim),
    });
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    const builds = requests.filter(isBinary);
    assert.equal(builds.length, 1, `one build downloaded: ${builds}`);
    assert.ok(isFull(builds[0]), `the full build: ${builds}`);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });
});

// Passkey sign-in (like captcha, One Tap and SSO on an email) is the full
// build's alone (src/flow/lite.rs): with Logto's injected settings the
// loader starts the full build at once; without them, the lite build reads
// the settings and hands over.
describe(`settings only the full ${DELIVERY} build serves`, () => {
  const SETTINGS = settingsFile("handover-passkeys", "passkey-sign-in", {
    mfa: { factors: [], policy: "UserControlled" },
    passkeySignIn: { enabled: true, showPasskeyButton: true, allowAutofill: false },
  });
  let filled;
  let unfilled;
  let browser;
  before(async () => {
    [filled, unfilled] = await startFilledAndUnfilled({ SETTINGS });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    filled?.stop();
    unfilled?.stop();
  });

  /** The page works: the passkey button, and a password sign-in, which offers to create a passkey. */
  const signsIn = async (page) => {
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    await page.locator(".logto_passkey-button").waitFor();
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Simplify your sign-in" }).waitFor();
  };

  test("injected settings: the full build loads first, the lite build is never requested", async () => {
    const { context, page, requests, errors } = await openSignIn(browser, filled);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), "full");
    assert.deepEqual(requests.filter(isLite), [], "no lite build");
    assert.equal(requests.filter((p) => isFull(p) && isBinary(p)).length, 1, "the full build, once");
    await signsIn(page);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test("settings requested: the lite build reads them and hands over", async () => {
    const { context, page, requests, errors } = await openSignIn(browser, unfilled);
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), "full");
    assert.equal(requests.filter((p) => isLite(p) && isBinary(p)).length, 1, "the lite build first");
    assert.equal(requests.filter((p) => isFull(p) && isBinary(p)).length, 1, "then the full build, once");
    assert.equal(await page.locator("#app > *").count(), 1, "one app in #app");
    await signsIn(page);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });
});
