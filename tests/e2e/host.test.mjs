// Host mode: logto-host serves dist/ and forwards Logto's paths to the
// simulator, which plays the Logto endpoint. A person opens the demo
// application through the host and signs in; the browser never leaves the
// host's origin, and under the host's CSP the WebAssembly build runs on
// both delivery paths (the host allows it whatever the suite's CSP is).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DELIVERY, ROOT, axeViolations, launchBrowser, screenshot, serveLogtoExtras, startSimulator } from "./harness.mjs";

const HOST = process.env.LOGTO_HOST ?? join(ROOT, "target", "debug", "logto-host");

/** Starts logto-host in front of `upstream` on a free port; resolves once it answers. */
async function startHost(upstream) {
  const child = spawn(
    HOST,
    ["--upstream", upstream, "--dist", join(ROOT, "dist"), "--listen", "127.0.0.1:0", "--forward", "/__sim"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`logto-host exited: ${log}`);
    const port = log.match(/on http:\/\/127\.0\.0\.1:(\d+)/)?.[1];
    if (port) {
      // A host name, as for the simulator: cookies and WebAuthn want one.
      const origin = `http://localhost:${port}`;
      try {
        if ((await fetch(`${origin}/sign-in`)).ok) {
          const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
          return { origin, log: () => log, stop: () => child.kill(), exited };
        }
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`logto-host did not start: ${log}`);
}

describe(`host mode in front of the simulator (${DELIVERY} suite)`, () => {
  let sim;
  let host;
  let browser;
  before(async () => {
    sim = await startSimulator();
    host = await startHost(sim.origin);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    host?.stop();
    sim?.stop();
  });

  test("signs the demo user in without leaving the host's origin", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await serveLogtoExtras(context);
    const page = await context.newPage();
    const urls = [];
    const errors = [];
    page.on("request", (request) => urls.push(request.url()));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(String(error)));

    await page.goto(`${host.origin}/demo-app`);
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForSelector("#app > *", { timeout: 20_000 });
    assert.equal(new URL(page.url()).origin, host.origin);
    assert.equal(new URL(page.url()).pathname, "/sign-in");

    // The host's policy allows WebAssembly, and nothing looser.
    const served = await page.request.get(page.url());
    const policy = served.headers()["content-security-policy"];
    assert.match(policy, /script-src 'self' 'unsafe-inline' 'unsafe-hashes' 'wasm-unsafe-eval' /);
    assert.doesNotMatch(policy, /'unsafe-eval'/);
    assert.equal(served.headers()["x-content-type-options"], "nosniff");
    // So the loader picks the WebAssembly build, on both suites.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.delivery), "wasm");
    assert.ok(urls.some((url) => url.endsWith(".wasm.lzma")), "no .wasm.lzma was loaded");
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, "host-sign-in");

    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as demo").waitFor();
    const landed = new URL(page.url());
    assert.equal(landed.origin, host.origin);
    assert.equal(landed.pathname, "/demo-app/callback");
    await screenshot(page, "host-signed-in");

    // Every request went to the host (the logos are logto.io's, answered
    // by the test), none to the simulator's own origin.
    const elsewhere = urls.filter((url) => !url.startsWith(`${host.origin}/`) && !url.startsWith("https://logto.io/"));
    assert.deepEqual(elsewhere, []);
    assert.ok(urls.some((url) => url.startsWith(`${host.origin}/api/experience`)));
    assert.ok(urls.some((url) => url.startsWith(`${host.origin}/oidc/auth/`)));
    assert.deepEqual(errors, []);
    await context.close();

    // One log line per request, without queries (codes, states) or cookies.
    const lines = host.log().split("\n");
    assert.ok(lines.some((line) => /^GET \/oidc\/auth\/\S+ 303 \d+ms upstream$/.test(line)), host.log());
    assert.ok(lines.some((line) => /^GET \/sign-in 200 \d+ms dist$/.test(line)), host.log());
    assert.ok(lines.some((line) => /^POST \/api\/experience\/submit 200 \d+ms upstream$/.test(line)), host.log());
    assert.doesNotMatch(host.log(), /code=|state=|_interaction/);
  });

  test("stops cleanly on SIGTERM", async () => {
    host.stop();
    assert.deepEqual(await host.exited, { code: 0, signal: null });
    assert.match(host.log(), /logto-host: shutting down/);
  });
});
