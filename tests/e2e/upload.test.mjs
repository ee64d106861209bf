// The upload zip, served the way Logto serves custom UI assets: unpacked,
// every path without a dot answered with index.html, under Logto's
// production CSP. A seeded user signs in through it (JavaScript path).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DELIVERY, ROOT, launchBrowser, openSignIn, startSimulator } from "./harness.mjs";

describe("the uploaded zip, unpacked and served like Logto", { skip: DELIVERY !== "js" }, () => {
  let sim;
  let browser;
  let folder;
  before(async () => {
    const zip = execFileSync(join(ROOT, "tools", "package.sh"), { encoding: "utf8" }).trim().split("\n").pop();
    folder = mkdtempSync(join(tmpdir(), "logto-upload-"));
    execFileSync("python3", ["-m", "zipfile", "-e", zip, folder]);
    // Logto Cloud streams the uploaded index.html from storage, and core
    // fills the SSR placeholder only in a text body: it stays unfilled.
    sim = await startSimulator({ DIST: folder, CSP: "production", SSR: "off" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test("signs in, and a deep link gets index.html", async () => {
    const { context, page, failedResponses } = await openSignIn(browser, sim);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.delivery), "js");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as demo").waitFor();
    assert.deepEqual(failedResponses.filter((r) => r !== "404 /favicon.ico"), []);
    const deep = await fetch(`${sim.origin}/register/password`);
    assert.equal(deep.status, 200);
    assert.match(await deep.text(), /<div id="?app"?>/);
    await context.close();
  });
});
