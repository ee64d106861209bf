// A sign-in page with its own views on the journeys layer
// (examples/headless): the team's look, our flows. A WebAssembly
// application, so the wasm path only; the simulator serves it under /acme
// and sends the browser there from /oidc/auth.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DELIVERY, ROOT, launchBrowser, openApp, signedIn, startSimulator } from "./harness.mjs";

describe("a headless page on the journeys", { skip: DELIVERY !== "wasm" && "a WebAssembly application: the wasm path only" }, () => {
  let sim;
  let browser;
  before(async () => {
    sim = await startSimulator({ EMBED_BASE: "/acme", EMBED_DIR: join(ROOT, "examples", "headless", "dist") });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
  });

  test("its own form signs in through the journeys; a wrong password says so in its words", async () => {
    const { context, page, errors } = await openApp(browser, `${sim.origin}/demo-app`, { app: false });
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/acme/sign-in");
    await page.getByRole("heading", { name: "Sign in to Acme" }).waitFor({ timeout: 20_000 });
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("That password did not work.").waitFor();
    assert.equal(await page.getByLabel("Password").inputValue(), "", "a refused password is cleared");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await signedIn(page);
    // The refused password is a 422 the browser logs; nothing else.
    assert.deepEqual(errors.filter((e) => !e.startsWith("Failed to load resource")), []);
    await context.close();
  });
});
