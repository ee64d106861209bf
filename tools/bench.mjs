// Speed benchmark, on both delivery paths, with the page served as two
// Logtos serve it:
// - "self-hosted": dist/ swapped into Logto: precompressed files (brotli
//   q11), index.html with core's SSR data in it;
// - "Cloud": the uploaded files, compressed on the fly (brotli q4), the
//   SSR placeholder left unfilled (core fills text bodies only, and Cloud
//   streams the upload from storage).
// For each, on loopback and on a throttled network (CDP: 150 ms latency,
// 1.6 Mbit/s down): the time from the application's "Sign in" click to an
// interactive sign-in form (identifier field and submit button in place,
// by the page's own clock), the requests the browser made before that, and
// the time from the form's "Sign in" click to the application's callback
// (and the API calls it took).
// Medians of RUNS runs. Figures to weigh changes with, not a test: it
// asserts nothing.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, launchBrowser, startSimulator } from "../tests/e2e/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const NETWORKS = {
  fast: null,
  "throttled (150 ms, 1.6 Mbit/s)": { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
};

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
// trunk writes its hashes without leading zeros (15 digits at times).
const short = (path) => path.replace(/[0-9a-f]{12,}/g, "*");

async function run(browser, origin, network) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", network);
  }
  // Injected by the DevTools protocol, so it runs under any CSP.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const ready =
        document.querySelector("#app input[name=identifier]") && document.querySelector("#app button[type=submit]");
      if (ready && !window.__interactiveAt) {
        window.__interactiveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${origin}/demo-app`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForFunction(() => window.__interactiveAt, null, { timeout: 120_000 });
  // The sign-in document's clock starts at the navigation that /oidc/auth
  // redirected: both count, with what the page fetched before the form.
  const { interactive, requests } = await page.evaluate(() => {
    const at = window.__interactiveAt;
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime <= at)
      .map((entry) => new URL(entry.name).pathname);
    const documents = [...Array(navigation.redirectCount).fill("(redirect)"), location.pathname];
    return { interactive: at, requests: [...documents, ...resources] };
  });
  await page.getByLabel("Username").fill("demo");
  await page.getByLabel("Password").fill("Demo-Passw0rd!");
  // Let the early interaction start settle, as it does while a person types.
  await page.waitForLoadState("networkidle");
  const calls = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/")) calls.push(`${request.method()} ${path}`);
  });
  const clicked = performance.now();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/demo-app\/callback/, { waitUntil: "commit", timeout: 120_000 });
  const signIn = performance.now() - clicked;
  await context.close();
  return { interactive, requests, signIn, calls };
}

// The Cloud copy of dist/: no precompressed variants, as in the upload zip.
// DIST=<folder> measures another build (e.g. an earlier dist/ kept aside).
const dist = process.env.DIST ?? join(ROOT, "dist");
const cloudDist = mkdtempSync(join(tmpdir(), "logto-bench-cloud-"));
cpSync(dist, cloudDist, { recursive: true, filter: (source) => !/\.(br|gz)$/.test(source) });
const SERVINGS = {
  "self-hosted (precompressed, SSR filled)": { DIST: dist },
  "Cloud (brotli q4 on the fly, SSR unfilled)": { DIST: cloudDist, SSR: "off" },
};

const browser = await launchBrowser();
try {
  for (const [path, csp] of [["wasm", "permissive"], ["js", "production"]]) {
    for (const [serving, env] of Object.entries(SERVINGS)) {
      const sim = await startSimulator({ CSP: csp, ...env });
      try {
        console.log(`\n${path} path (${csp} CSP), ${serving}`);
        for (const [name, network] of Object.entries(NETWORKS)) {
          const runs = [];
          for (let i = 0; i < RUNS; i++) runs.push(await run(browser, sim.origin, network));
          const ms = (key) => `${median(runs.map((r) => r[key])).toFixed(0)} ms`;
          const list = (key) => runs.map((r) => r[key].toFixed(0)).join(", ");
          console.log(`  ${name}:`);
          console.log(`    to an interactive form: median ${ms("interactive")} (runs: ${list("interactive")})`);
          console.log(`    click to the application's callback: median ${ms("signIn")} (runs: ${list("signIn")})`);
          const { requests, calls } = runs[0];
          console.log(`    requests before the form is interactive: ${requests.length} (${requests.map(short).join(", ")})`);
          console.log(`    API calls after the click: ${calls.length} (${calls.join(", ")})`);
        }
      } finally {
        sim.stop();
      }
    }
  }
} finally {
  await browser.close();
  rmSync(cloudDist, { recursive: true, force: true });
}
