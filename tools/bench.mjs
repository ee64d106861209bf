// Speed benchmark: prints time to interactive of /sign-in and the API round
// trips of a password sign-in, on both delivery paths. Figures to weigh
// changes with, not a test: it asserts nothing.
//
// Time to interactive: from navigation start to the moment the identifier
// input exists and the app has mounted, as the page's own clock measures it,
// median of RUNS loads, unthrottled and on a simulated mid-range mobile
// network (150 ms latency, 1.6 Mbps down).
import { launchBrowser, startSimulator } from "../tests/e2e/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const NETWORKS = {
  loopback: null,
  "mobile (150 ms, 1.6 Mbps)": { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
};

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeToInteractive(browser, origin, network) {
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
      const input = document.querySelector("#app input[name=identifier]");
      if (input && !window.__interactiveAt) {
        window.__interactiveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${origin}/demo-app`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForFunction(() => window.__interactiveAt, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => window.__interactiveAt);
  await context.close();
  return ms;
}

async function roundTrips(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/demo-app`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Username").fill("demo");
  await page.getByLabel("Password").fill("Demo-Passw0rd!");
  // Let the early interaction start settle, as it does while a person types.
  await page.waitForLoadState("networkidle");
  const calls = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/")) calls.push(`${request.method()} ${path}`);
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as demo").waitFor();
  await context.close();
  return calls;
}

const browser = await launchBrowser();
try {
  for (const [path, csp] of [["wasm", "permissive"], ["js", "production"]]) {
    const sim = await startSimulator({ CSP: csp });
    try {
      console.log(`\n${path} path (${csp} CSP)`);
      for (const [name, network] of Object.entries(NETWORKS)) {
        const times = [];
        for (let i = 0; i < RUNS; i++) times.push(await timeToInteractive(browser, sim.origin, network));
        console.log(`  time to interactive, ${name}: median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(", ")})`);
      }
      const calls = await roundTrips(browser, sim.origin);
      console.log(`  password sign-in, API calls after the click: ${calls.length} (${calls.join(", ")})`);
    } finally {
      sim.stop();
    }
  }
} finally {
  await browser.close();
}
