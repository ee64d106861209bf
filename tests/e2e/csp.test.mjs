// Proof that the CSP check can fail: a page that only knows the wasm build
// does not start under Logto's production header. This is why dist/ carries
// the JavaScript build too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DELIVERY, ROOT, launchBrowser, startSimulator } from "./harness.mjs";

describe("a wasm-only page under Logto's production CSP", { skip: DELIVERY !== "js" }, () => {
  let sim;
  let browser;
  before(async () => {
    sim = await startSimulator({ CSP: "production" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
  });

  test("fails to compile WebAssembly and renders nothing", async () => {
    const html = readFileSync(join(ROOT, "dist", "index.html"), "utf8");
    // The lite build's glue, packed binary and unpacker (not the full build's).
    const find = (pattern) => html.match(pattern)[1];
    const glue = find(/"(\/logto-experience-[0-9a-f]+\.js)"/);
    const wasm = find(/"(\/logto-experience-[0-9a-f]+_bg\.wasm\.lzma)"/);
    const unpacker = find(/"(\/unpack-[0-9a-f]+\.js)"/);
    // What a plain build would inject: no probe, no fallback.
    const wasmOnly = html.replace(
      /<script type="?module"?>[\s\S]*?<\/script>/,
      `<script type="module">import init from "${glue}"; import { unpack } from "${unpacker}";
      const packed = new Uint8Array(await (await fetch("${wasm}")).arrayBuffer());
      await init({ module_or_path: unpack(packed) });</script>`,
    );
    const page = await browser.newPage();
    const errors = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(String(error)));
    // Serve the wasm-only page at the real origin so the simulator's own
    // production header applies to everything else.
    await page.route(`${sim.origin}/wasm-only`, async (route) => {
      const response = await route.fetch({ url: `${sim.origin}/sign-in` });
      await route.fulfill({ response, body: wasmOnly });
    });
    await page.goto(`${sim.origin}/wasm-only`);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator("#app > *").count(), 0, "nothing rendered");
    assert.ok(
      errors.some((e) => /WebAssembly/.test(e) && /Content Security Policy|unsafe-eval/.test(e)),
      `a CSP compile error was reported: ${errors.join(" | ")}`,
    );
    await page.close();
  });
});
