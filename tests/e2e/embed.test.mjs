// The experience embedded in an application's /auth route: the Leptos
// example application (examples/leptos-app, WebAssembly: the wasm path
// only) and a plain HTML page with the <logto-sign-in> custom element
// (examples/custom-element, on both delivery paths). The simulator serves
// each page under /auth, as the application's server would, and sends the
// browser there from /oidc/auth.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  ROOT,
  checkPage,
  launchBrowser,
  openApp,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";
const SOCIAL = settingsFile("embed-social", "social", { socialConnectors: [] });

async function signInAt(browser, sim, name, check = async () => {}) {
  const opened = await openApp(browser, `${sim.origin}/demo-app`, { app: false });
  const { page } = opened;
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/auth/sign-in");
  await page.getByLabel("Username").waitFor({ timeout: 20_000 });
  await page.getByText(/^Example (app|page)$/).waitFor();
  await checkPage(page, name);
  await check(page);
  // Links stay under /auth: "Create account" is /auth/register.
  assert.equal(await page.getByRole("link", { name: "Create account" }).getAttribute("href"), "/auth/register?app_id=demo-app");
  await page.getByLabel("Username").fill("demo");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("alert").first().waitFor();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await signedIn(page);
  return opened;
}

describe(`embedded in an application (${DELIVERY} path, ${CSP} CSP)`, () => {
  let element;
  let social;
  let leptos;
  let browser;
  before(async () => {
    const page = { EMBED_BASE: "/auth", EMBED_DIR: join(ROOT, "examples", "custom-element") };
    social = await startSimulator({ ...page, SETTINGS: SOCIAL });
    const sims = [startSimulator(page)];
    if (DELIVERY === "wasm") {
      sims.push(startSimulator({ EMBED_BASE: "/auth", EMBED_DIR: join(ROOT, "examples", "leptos-app", "dist") }));
    }
    [element, leptos] = await Promise.all(sims);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const sim of [element, social, leptos]) sim?.stop();
  });

  test("the <logto-sign-in> element on a plain HTML page signs in", async () => {
    const { context } = await signInAt(browser, element, "embed-custom-element", async (page) => {
      // The build the page's CSP allows.
      assert.equal(await page.evaluate(() => document.documentElement.dataset.delivery), DELIVERY);
    });
    await context.close();
  });

  test("a social sign-in returns to the callback under the base path", async () => {
    const { context, page } = await openApp(browser, `${social.origin}/demo-app`, { app: false });
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Continue with Mock Social" }).click({ timeout: 20_000 });
    await page.waitForURL(/\/__sim\/mock-idp\//);
    assert.match(new URL(page.url()).searchParams.get("redirect_uri"), /\/auth\/callback\/mock-social$/);
    await page.getByRole("button", { name: "Continue" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /social_demo/);
    await context.close();
  });

  test("a deep link under the base path opens its page; others are the app's", async () => {
    const { context, page } = await openApp(browser, `${element.origin}/demo-app`, { app: false });
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/auth/sign-in");
    await page.goto(`${element.origin}/auth/register`);
    await page.getByRole("heading", { name: "Create your account" }).waitFor({ timeout: 20_000 });
    await context.close();
  });

  test("the Leptos example application embeds it at /auth", { skip: DELIVERY !== "wasm" && "a WebAssembly application: the wasm path only" }, async () => {
    const { context } = await signInAt(browser, leptos, "embed-leptos-app");
    await context.close();
  });
});
