// The app shell on the current delivery path: it starts, routes, fetches,
// handles input, loads only its own build, and is accessible.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  axeViolations,
  checkPage,
  launchBrowser,
  openApp,
  openSignIn,
  screenshot,
  startSimulator,
} from "./harness.mjs";

describe(`app shell (${DELIVERY} path, ${CSP} CSP)`, () => {
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

  test("starts on the expected delivery path and loads only that build", async () => {
    const { context, page, requests, errors, failedResponses } = await openSignIn(browser, sim);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.delivery), DELIVERY);
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    // Each build is one packed file (loader/unpack.js).
    const wasmFiles = requests.filter((path) => path.endsWith(".wasm.lzma"));
    const jsBuild = requests.filter((path) => path.startsWith("/js-"));
    assert.equal(requests.filter((path) => /^\/unpack-[0-9a-f]+\.js$/.test(path)).length, 1, `the unpacker, once: ${requests}`);
    if (DELIVERY === "wasm") {
      assert.equal(wasmFiles.length, 1, `one wasm download, got ${wasmFiles}`);
      assert.deepEqual(jsBuild, [], "the JavaScript build is not downloaded");
    } else {
      assert.deepEqual(wasmFiles, [], "the wasm build is not downloaded");
      assert.deepEqual(jsBuild.map((path) => path.replace(/[0-9a-f]{16}/, "*")), ["/js-*/app.lzma"], `JavaScript build loaded: ${requests}`);
    }
    // The only console error allowed is the CSP's report of the refused
    // probe; failed loads are checked by URL below.
    const unexpected = errors.filter((e) => !/WebAssembly|Content Security Policy|Failed to load resource/i.test(e));
    assert.deepEqual(unexpected, []);
    // The simulator's demo application page has no favicon; the sign-in page's own requests all succeed.
    assert.deepEqual(failedResponses.filter((r) => r !== "404 /favicon.ico"), []);
    await context.close();
  });

  test("says so when its build cannot be downloaded or unpacked", async () => {
    for (const [damage, answer] of [
      ["unreachable", (route) => route.abort("connectionrefused")],
      ["not found", (route) => route.fulfill({ status: 404, body: "Not Found" })],
      ["damaged", (route) => route.fulfill({ status: 200, body: Buffer.from("]\u0000\u0000\u0000\u0001not a build") })],
    ]) {
      const { context, page } = await openSignIn(browser, sim, {
        setup: (context) => context.route(/\.lzma$/, answer),
      });
      await assert.doesNotReject(
        page.getByRole("alert").filter({ hasText: "This page could not be loaded" }).waitFor(),
        damage,
      );
      assert.equal(await page.evaluate(() => document.documentElement.dataset.delivery), `${DELIVERY}-failed`, damage);
      await context.close();
    }
  });

  test("signs a seeded user in and lands on the application's callback", async () => {
    const { context, page, requests } = await openSignIn(browser, sim);
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("app_id"), "demo-app");
    await page.locator("[data-sign-in-mode]").waitFor({ state: "attached" });
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    const before = requests.length;
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as demo").waitFor();
    const apiCalls = requests.slice(before).filter((path) => path.startsWith("/api/experience"));
    assert.deepEqual(apiCalls, [
      "/api/experience/verification/password",
      "/api/experience/identification",
      "/api/experience/submit",
    ]);
    await context.close();
  });

  test("a wrong password shows the server's error and keeps the identifier", async () => {
    const { context, page } = await openSignIn(browser, sim);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: /incorrect|invalid/i }).waitFor();
    assert.equal(await page.getByLabel("Username").inputValue(), "demo");
    assert.equal(await page.getByLabel("Password").inputValue(), "");
    // And the next try works on a fresh interaction.
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as demo").waitFor();
    await context.close();
  });

  test("routes deep links and unknown paths inside the app", async () => {
    const { context, page } = await openApp(browser, `${sim.origin}/no/such/page`);
    await page.getByRole("heading", { name: "404 Not Found" }).waitFor();
    assert.equal(await page.title(), "404 Not Found");
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/sign-in");
    // Focus moved to the new page's first field; the title follows the page.
    await page.waitForFunction(() => document.activeElement?.id === "identifier");
    assert.equal(await page.title(), "Sign in to your account");
    await context.close();
  });

  test("a guarded page without an interaction lands on the unknown-session page", async () => {
    // No /oidc/auth first: the server redirects the page load.
    const { context, page } = await openApp(browser, `${sim.origin}/register?app_id=demo-app`);
    await page.getByRole("heading", { name: "Session not found. Please go back and sign in again." }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/unknown-session");
    assert.equal(await page.getByRole("heading", { name: "Create your account" }).count(), 0);
    await checkPage(page, "unknown-session");
    await context.close();
  });

  test("keeps app_id in in-app links", async () => {
    const { context, page } = await openApp(browser, `${sim.origin}/no/such/page?app_id=demo-app`);
    const link = page.getByRole("link", { name: "Back to sign in" });
    assert.equal(await link.getAttribute("href"), "/sign-in?app_id=demo-app");
    await link.click();
    await page.getByRole("heading", { name: "Sign in to your account" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("app_id"), "demo-app");
    await context.close();
  });

  test("has no accessibility violations and renders at phone and desktop widths", async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await openSignIn(browser, sim, { width, height: 844 });
      await page.locator("[data-sign-in-mode]").waitFor({ state: "attached" });
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, "sign-in");
      await context.close();
    }
  });
});
