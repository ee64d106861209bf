// Start-up, texts and branding on the current delivery path: the settings
// and phrases are requested before the app is downloaded, the page speaks
// the phrases' language (and direction), follows the settings' branding,
// and recovers when the settings cannot be loaded.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  LOGOS,
  axeViolations,
  launchBrowser,
  openApp,
  openSignIn,
  screenshot,
  settingsFile,
  startSimulator,
} from "./harness.mjs";

const signInHeading = (page, name = "Sign in to your account") => page.getByRole("heading", { name }).waitFor();
const css = (page, selector, property) =>
  page.locator(selector).first().evaluate((element, property) => getComputedStyle(element)[property], property);

describe(`start-up and texts (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sim;
  // index.html as logto-host or a plain file server serves it: without
  // core's SSR data, so that the page requests the settings and phrases
  // (ssr.test.mjs has the filled page).
  let unfilled;
  let browser;
  before(async () => {
    [sim, unfilled] = await Promise.all([startSimulator(), startSimulator({ SSR: "off" })]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
    unfilled?.stop();
  });

  test("requests the settings and phrases before the app is downloaded", async () => {
    const events = [];
    const { context, page } = await openSignIn(browser, unfilled, {
      setup: (context) => {
        context.on("request", (request) => events.push(["start", request.url()]));
        context.on("requestfinished", (request) => events.push(["end", request.url()]));
      },
    });
    await signInHeading(page);
    // From the sign-in document on (the demo application's page comes first).
    const from = events.findIndex(([kind, url]) => kind === "start" && new URL(url).pathname === "/sign-in");
    const rest = events.slice(from).map(([kind, url]) => [kind, new URL(url)]);
    const first = (kind, test) => rest.findIndex(([k, url]) => k === kind && test(url));
    const isBuild = (url) => /\.wasm$|^\/js-|^\/logto-experience-.*\.js$/.test(url.pathname);
    const settings = first("start", (url) => url.pathname === "/api/.well-known/experience");
    const phrases = first("start", (url) => url.pathname === "/api/.well-known/phrases");
    const buildStart = first("start", isBuild);
    const lastBuildEnd = rest.findLastIndex(([kind, url]) => kind === "end" && isBuild(url));
    assert.ok(settings >= 0 && phrases >= 0, "both requested");
    assert.ok(settings < buildStart && phrases < buildStart, "requested before the app build is even requested");
    assert.ok(settings < lastBuildEnd && phrases < lastBuildEnd, "requested before the app finished loading");
    const settingsUrl = rest[settings][1];
    assert.equal(settingsUrl.searchParams.get("appId"), "demo-app");
    // The app adopts them: no second request.
    const count = (path) => rest.filter(([k, url]) => k === "start" && url.pathname === path).length;
    assert.equal(count("/api/.well-known/experience"), 1);
    assert.equal(count("/api/.well-known/phrases"), 1);
    assert.equal(await page.evaluate(() => sessionStorage.getItem("app_id")), "demo-app");
    await context.close();
  });

  test("ui_locales=fr shows French texts and sets lang=fr; login_hint prefills", async () => {
    const { context, page, requests } = await openSignIn(browser, sim, {}, { ui_locales: "fr", login_hint: "demo" });
    await signInHeading(page, "Connectez-vous à votre compte");
    assert.ok(requests.includes("/api/.well-known/phrases"));
    assert.equal(await page.evaluate(() => document.documentElement.lang), "fr");
    assert.equal(await page.evaluate(() => document.documentElement.dir), "ltr");
    assert.equal(await page.title(), "Connectez-vous à votre compte");
    await page.getByLabel("Nom d'utilisateur").waitFor();
    await page.getByLabel("Mot de passe").waitFor();
    assert.equal(await page.getByLabel("Nom d'utilisateur").inputValue(), "demo");
    await page.getByLabel("Nom d'utilisateur").fill("");
    await page.getByRole("button", { name: "Connexion" }).click();
    // The client-side check speaks French too.
    await page.getByRole("alert").filter({ hasText: "Nom d'utilisateur est requis" }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test("ui_locales=ar sets dir=rtl and mirrors the layout", async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await openSignIn(browser, sim, { width, height: 844 }, { ui_locales: "ar" });
      await signInHeading(page, "تسجيل الدخول إلى حسابك");
      assert.equal(await page.evaluate(() => document.documentElement.lang), "ar");
      assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
      // Mirrored: the label's text ends at the right edge of the form; the
      // heading and the logo are centred, as in Logto's page.
      const textBox = (selector) =>
        page.locator(selector).first().evaluate((element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          const { left, right } = range.getBoundingClientRect();
          return { left, right };
        });
      const input = await page.locator("#identifier").boundingBox();
      const inputRight = input.x + input.width;
      const label = await textBox("label[for=identifier]");
      const heading = await textBox("h1");
      assert.ok(Math.abs(label.right - inputRight) < 2, `label text at the right: ${JSON.stringify({ label, input })}`);
      assert.ok(label.left > input.x + 20, "label text does not start at the left");
      const middle = input.x + input.width / 2;
      assert.ok(Math.abs((heading.left + heading.right) / 2 - middle) < 2, `heading centred: ${JSON.stringify(heading)}`);
      assert.equal(await css(page, ".logto_logo", "objectPosition"), "50% 50%");
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, "sign-in-ar");
      await context.close();
    }
  });

  test("shows the Logto signature and no development banner by default", async () => {
    const { context, page } = await openSignIn(browser, sim);
    await signInHeading(page);
    await page.locator(".logto_signature").getByRole("link", { name: "Powered by Logto" }).waitFor();
    assert.equal(await page.locator(".logto_development-tenant").count(), 0);
    assert.equal(await page.locator(".logto_logo").getAttribute("src"), LOGOS.light);
    // No dark mode in the default settings: a dark system theme stays light.
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await css(page, ".logto_main-content", "backgroundColor"), "rgb(255, 255, 255)");
    await context.close();
  });

  for (const [name, failure] of [
    ["a 500", (route) => route.fulfill({ status: 500, contentType: "application/json", body: '{"code":"unknown","message":"Internal server error."}' })],
    ["a network failure", (route) => route.abort("failed")],
  ]) {
    test(`${name} on the settings shows a page that says so, and Retry recovers`, async () => {
      let failures = 0;
      const { context, page } = await openSignIn(browser, unfilled, {
        setup: (context) =>
          context.route("**/api/.well-known/experience*", (route) => {
            if (failures++ === 0) return failure(route);
            return route.continue();
          }),
      });
      await page.getByRole("heading", { name: "Something went wrong" }).waitFor();
      const retry = page.getByRole("button", { name: "Try again" });
      assert.equal(await retry.getAttribute("type"), "button");
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `load-failed-${name.replace(/\W+/g, "-")}`);
      await retry.click();
      await signInHeading(page);
      assert.equal(failures, 2, "one failed request, one retry");
      // The retried page works: sign in.
      await page.getByLabel("Username").fill("demo");
      await page.getByLabel("Password").fill("Demo-Passw0rd!");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("Signed in as demo").waitFor();
      await context.close();
    });
  }
});

describe(`branding (${DELIVERY} path, ${CSP} CSP)`, () => {
  const CUSTOM_CONTENT = "<h2>Acme Cloud</h2><p>One account for every Acme product.</p>";
  let sim;
  let browser;
  before(async () => {
    // The dark-mode configuration, with the rest of the branding on top.
    const SETTINGS = settingsFile("branded", "custom-css-dark-mode", {
      branding: {
        logoUrl: LOGOS.light,
        darkLogoUrl: LOGOS.dark,
        favicon: "https://logto.io/favicon.svg",
        darkFavicon: "https://logto.io/favicon-dark.svg",
      },
      customCss: ".logto_main-content { border-radius: 4px; }",
      customContent: { "/sign-in": CUSTOM_CONTENT },
      hideLogtoBranding: true,
      isDevelopmentTenant: true,
    });
    sim = await startSimulator({ SETTINGS });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
  });

  test("dark mode shows the dark logo and dark colours", async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await openSignIn(browser, sim, { width, height: 844, colorScheme: "dark" });
      await signInHeading(page);
      const logo = page.locator(".logto_branding-header img");
      await logo.evaluate((img) => img.decode());
      assert.equal(await logo.evaluate((img) => img.currentSrc), LOGOS.dark);
      assert.equal(await css(page, ".logto_main-content", "backgroundColor"), "rgb(26, 28, 29)");
      assert.equal(await css(page, "h1", "color"), "rgb(247, 248, 248)");
      // darkPrimaryColor #4DA3FF.
      assert.equal(await css(page, ".button.primary", "backgroundColor"), "rgb(77, 163, 255)");
      // As on Logto's page: the icon links name the active theme's favicon.
      assert.equal(
        await page.locator('link[rel="shortcut icon"]').getAttribute("href"),
        "https://logto.io/favicon-dark.svg",
      );
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, "branded-dark");
      await context.close();
    }
  });

  test("light mode: logo, primary colour, favicon, custom CSS, custom content, banner, no signature", async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await openSignIn(browser, sim, { width, height: 844 });
      await signInHeading(page);
      const logo = page.locator(".logto_branding-header img");
      await logo.evaluate((img) => img.decode());
      assert.equal(await logo.evaluate((img) => img.currentSrc), LOGOS.light);
      // primaryColor #0A7CFF.
      assert.equal(await css(page, ".button.primary", "backgroundColor"), "rgb(10, 124, 255)");
      assert.equal(await page.locator("link#logto-favicon").getAttribute("href"), "https://logto.io/favicon.svg");
      // The operator's CSS wins over the page's own.
      assert.equal(await css(page, ".logto_main-content", "borderTopLeftRadius"), "4px");
      await page.locator(".logto_development-tenant").getByText("You're in development mode").waitFor();
      assert.equal(await page.locator(".logto_signature").count(), 0);
      // Custom content beside the form, on desktop only.
      const content = page.locator(".logto_custom-content");
      assert.equal(await content.getByRole("heading", { name: "Acme Cloud" }).isVisible(), width >= 960);
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, "branded-light");
      await context.close();
    }
  });

  test("custom content follows the route", async () => {
    const { context, page } = await openApp(browser, `${sim.origin}/no/such/page`);
    await page.getByRole("heading", { name: "404 Not Found" }).waitFor();
    assert.equal(await page.locator(".logto_custom-content").count(), 0);
    await context.close();
  });
});
