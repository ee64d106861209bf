// What makes the page look finished and keeps what operators rely on:
// the password's show/hide toggle, the support contacts on error pages, the
// development banner that custom CSS cannot hide, the notice of a
// self-declared (CIMD) client, a missing logo taking no room, English
// server text in an Arabic page, the custom profile fields (Regex,
// defaultValue, address `formatted`) and the avatar upload; and the
// simulator's own pages.
import assert from "node:assert/strict";
import { deflateSync, crc32 } from "node:zlib";
import { after, before, describe, test } from "node:test";
import {
  CSP,
  DELIVERY,
  axeViolations,
  checkPage,
  configFile,
  launchBrowser,
  openApp,
  openSignIn,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";
const NEW_PASSWORD = "Fresh-Passw0rd!42";
const unique = (prefix) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const SUPPORT = settingsFile("look-support", "username-password", {
  supportEmail: "help@example.com",
  supportWebsiteUrl: "https://help.example.com",
  isDevelopmentTenant: true,
  // An operator's attempt to hide the banner, and a logo that cannot load.
  customCss: ".logto_development-tenant { display: none !important; visibility: hidden !important; }",
  branding: { logoUrl: "https://logo.invalid/missing.png" },
});

const PROFILE = settingsFile("look-profile", "username-password", {
  customProfileFields: [
    { name: "avatar", type: "Url", required: false, config: {} },
    { name: "employeeCode", type: "Regex", label: "Employee code", required: true, config: { format: "^[A-Z]{3}-\\d{2}$" } },
    {
      name: "plan",
      type: "Select",
      label: "Plan",
      required: false,
      config: { defaultValue: "pro", options: [{ value: "free", label: "Free" }, { value: "pro", label: "Pro" }] },
    },
    {
      name: "address",
      type: "Address",
      required: false,
      config: {
        parts: [
          { enabled: true, name: "streetAddress", type: "Text", required: false },
          { enabled: true, name: "locality", type: "Text", required: false },
          { enabled: true, name: "country", type: "Text", required: false },
        ],
      },
    },
  ],
});

/** A `width` × `height` PNG of one colour, made here (no image files in the repository). */
function png(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x61)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Registers a new username and stops at the extra profile form. */
async function registerToExtraProfile(browser, sim) {
  const opened = await openSignIn(browser, sim);
  const { page } = opened;
  await page.getByRole("link", { name: "Create account" }).click();
  await page.getByLabel("Username").fill(unique("look_"));
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save password" }).click();
  await page.getByRole("heading", { name: "Tell us about yourself" }).waitFor();
  return opened;
}

describe(`look (${DELIVERY} path, ${CSP} CSP)`, () => {
  let browser;
  const sims = {};
  before(async () => {
    browser = await launchBrowser();
    [sims.plain, sims.support, sims.profile, sims.mfa] = await Promise.all([
      startSimulator(),
      startSimulator({ SETTINGS: SUPPORT }),
      startSimulator({ SETTINGS: PROFILE }),
      startSimulator({ SETTINGS: configFile("mfa-mandatory") }),
    ]);
  });
  after(async () => {
    await browser?.close();
    for (const sim of Object.values(sims)) sim?.stop();
  });

  test("the password can be shown: an eye toggle on sign-in and new-password fields", async () => {
    const { context, page } = await openSignIn(browser, sims.plain);
    const password = page.getByLabel("Password", { exact: true });
    const toggle = page.getByRole("button", { name: "Show password" });
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    assert.equal(await toggle.getAttribute("aria-controls"), "password");
    await password.fill("secret");
    await toggle.click();
    assert.equal(await password.getAttribute("type"), "text");
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    // Inside the input, at its end.
    const [input, button] = [await password.boundingBox(), await toggle.boundingBox()];
    assert.ok(button.x > input.x + input.width / 2 && button.x + button.width <= input.x + input.width + 1);
    await toggle.click();
    assert.equal(await password.getAttribute("type"), "password");
    assert.deepEqual(await axeViolations(page), []);
    // The new-password fields of registration, one toggle each.
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Username").fill(unique("eye_"));
    await page.getByRole("button", { name: "Create account" }).click();
    const fresh = page.getByLabel("Password", { exact: true });
    await fresh.waitFor();
    const toggles = page.getByRole("button", { name: "Show password" });
    assert.equal(await toggles.count(), 2);
    await toggles.first().click();
    assert.equal(await fresh.getAttribute("type"), "text");
    assert.equal(await page.getByLabel("Confirm password").getAttribute("type"), "password");
    await checkPage(page, "look-new-password");
    await context.close();
  });

  test("error pages give the support e-mail and website", async () => {
    for (const [path, heading] of [
      ["/no/such/page", "404 Not Found"],
      ["/unknown-session", "Session not found. Please go back and sign in again."],
    ]) {
      const { context, page } = await openApp(browser, `${sims.support.origin}${path}`);
      await page.getByRole("heading", { name: heading }).waitFor();
      const mail = page.getByRole("link", { name: "help@example.com" });
      assert.equal(await mail.getAttribute("href"), "mailto:help@example.com");
      await page.getByText("Support email:").waitFor();
      assert.equal(
        await page.getByRole("link", { name: "https://help.example.com" }).getAttribute("href"),
        "https://help.example.com",
      );
      await checkPage(page, `look-support${path.replaceAll("/", "-")}`);
      await context.close();
    }
    // Nothing when the settings have neither.
    const { context, page } = await openApp(browser, `${sims.plain.origin}/no/such/page`);
    await page.getByRole("heading", { name: "404 Not Found" }).waitFor();
    assert.equal(await page.getByText("Support email:").count(), 0);
    await context.close();
  });

  test("the development banner stays visible whatever the custom CSS says; a broken logo takes no room", async () => {
    const { context, page } = await openSignIn(browser, sims.support, {
      width: 390,
      height: 844,
      setup: (context) => context.route("https://logo.invalid/**", (route) => route.abort()),
    });
    const banner = page.locator(".logto_development-tenant");
    await banner.getByText("You're in development mode").waitFor();
    assert.equal(await banner.isVisible(), true);
    const box = await banner.boundingBox();
    assert.ok(box.height >= 30, `banner height ${box.height}`);
    // The logo fails to load: its header is hidden, the heading comes first.
    const header = page.locator(".logto_branding-header");
    await page.waitForFunction(() => document.querySelector(".logto_branding-header")?.hidden === true);
    assert.equal(await header.isVisible(), false);
    const card = await page.locator(".logto_main-content").boundingBox();
    const heading = await page.locator("h1").boundingBox();
    assert.ok(heading.y - card.y < 48, `heading ${heading.y - card.y}px below the card's top`);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test("a self-declared (CIMD) client: its host is shown, with the notice to check it", async () => {
    const rewrite = (context) =>
      context.route("**/api/interaction/consent", async (route) => {
        if (route.request().method() !== "GET") return route.continue();
        const response = await route.fetch();
        const body = await response.json();
        body.application.id = "https://client.example.com/oauth/metadata.json";
        return route.fulfill({ response, json: body });
      });
    const opened = await openSignIn(
      browser,
      sims.plain,
      { setup: rewrite },
      { client_id: "third-party-app", scope: "openid profile", redirect_uri: `${sims.plain.origin}/demo-app/callback` },
    );
    const { context, page } = opened;
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
    const notice = page.getByRole("note").filter({ hasText: "is self-declared by" });
    await notice.waitFor();
    assert.equal(await notice.locator("strong").textContent(), "client.example.com");
    await checkPage(page, "look-consent-cimd");
    await context.close();
    // A registered application has no notice.
    const plain = await openSignIn(
      browser,
      sims.plain,
      {},
      { client_id: "third-party-app", scope: "openid profile", redirect_uri: `${sims.plain.origin}/demo-app/callback` },
    );
    await plain.page.getByLabel("Username").fill("demo");
    await plain.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await plain.page.getByRole("button", { name: "Sign in" }).click();
    await plain.page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
    assert.equal(await plain.page.getByText("is self-declared by").count(), 0);
    await plain.context.close();
  });

  test("an English server message in an Arabic page keeps its own direction", async () => {
    const { context, page } = await openSignIn(
      browser,
      sims.plain,
      {
        setup: (context) =>
          context.route("**/api/experience/verification/password", (route) =>
            route.fulfill({
              status: 422,
              json: { code: "session.invalid_credentials", message: "Please check your input." },
            }),
          ),
      },
      { ui_locales: "ar" },
    );
    await page.locator("#identifier").fill("demo");
    await page.locator("input[name=password]").fill("wrong-password");
    await page.locator("form button[type=submit]").click();
    const alert = page.getByRole("alert").filter({ hasText: "Please check your input." });
    await alert.waitFor();
    assert.equal(await alert.evaluate((el) => getComputedStyle(el).unicodeBidi), "plaintext");
    // Laid out left to right: the full stop ends the line on the right.
    const ends = await alert.evaluate((el) => {
      const text = el.firstChild && el.textContent;
      const range = document.createRange();
      const node = [...el.childNodes].find((n) => n.nodeType === 3) ?? el.firstChild;
      range.setStart(node, 0);
      range.setEnd(node, 1);
      const first = range.getBoundingClientRect();
      range.setStart(node, node.textContent.length - 1);
      range.setEnd(node, node.textContent.length);
      const last = range.getBoundingClientRect();
      return { text, first: first.left, last: last.left };
    });
    assert.ok(ends.first < ends.last, `"${ends.text}" reads left to right: ${JSON.stringify(ends)}`);
    await context.close();
  });

  test("custom profile fields: Regex checked before sending, defaultValue applied, address joined", async () => {
    const { context, page, requests } = await registerToExtraProfile(browser, sims.profile);
    assert.equal(await page.getByLabel("Plan (Optional)").inputValue(), "pro");
    const sent = requests.length;
    await page.getByLabel("Employee code").fill("abc-1");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#extra-employeeCode-error").filter({ hasText: "Employee code" }).waitFor();
    assert.equal(requests.length, sent, "nothing sent");
    await page.getByLabel("Employee code").fill("ABC-12");
    await page.getByLabel("Street address (Optional)").fill("1 Main St");
    await page.getByLabel("Country (Optional)").fill("US");
    const body = page.waitForRequest((r) => r.url().endsWith("/api/experience/profile") && r.method() === "POST");
    await page.getByRole("button", { name: "Continue" }).click();
    assert.deepEqual(JSON.parse((await body).postData()).values, {
      employeeCode: "ABC-12",
      plan: "pro",
      address: { streetAddress: "1 Main St", country: "US", formatted: "1 Main St, US" },
    });
    await signedIn(page);
    await context.close();
  });

  test("the avatar field uploads a picture cropped square, and sends its URL", async () => {
    const { context, page } = await registerToExtraProfile(browser, sims.profile);
    await page.getByText("Recommended size 1:1, up to 8 MB.").waitFor();
    assert.equal(await page.locator("input[type=url]").count(), 0, "no URL to type");
    // A file that is no picture is refused before anything is sent.
    await page.getByLabel("Avatar (Optional)").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") });
    await page.locator("#extra-avatar-error").filter({ hasText: "File type must be" }).waitFor();
    const upload = page.waitForRequest((r) => r.url().endsWith("/api/experience/user-assets/avatar"));
    await page.getByLabel("Avatar (Optional)").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png(60, 40) });
    const request = await upload;
    assert.match(request.headers()["content-type"], /^multipart\/form-data; boundary=/);
    const preview = page.locator(".logto_avatar-row img");
    await preview.waitFor();
    const src = await preview.getAttribute("src");
    assert.match(src, /\/__sim\/user-assets\/[\w-]+$/);
    // Square, at 256 px.
    const size = await preview.evaluate(async (img) => {
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    assert.deepEqual(size, [256, 256]);
    assert.equal(await page.locator("#extra-avatar-error").count(), 0);
    await checkPage(page, "look-avatar");
    await page.getByLabel("Employee code").fill("ABC-12");
    const body = page.waitForRequest((r) => r.url().endsWith("/api/experience/profile") && r.method() === "POST");
    await page.getByRole("button", { name: "Continue" }).click();
    assert.equal(JSON.parse((await body).postData()).values.avatar, src);
    await signedIn(page);
    await context.close();
  });

  test("MFA factors each have an icon and one line saying what they ask for", async () => {
    const { context, page } = await openSignIn(browser, sims.mfa);
    await page.getByLabel("Username").fill("mfa_demo");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/mfa-verification/);
    await page.getByRole("link", { name: "Try another method to verify" }).click();
    const totp = page.getByRole("button", { name: /Authenticator app/ });
    await totp.getByText("Enter the one-time code in app").waitFor();
    assert.equal(await totp.locator("svg.logto_icon").count(), 1);
    await page.getByRole("button", { name: /Backup code/ }).getByText("Paste the backup code you saved").waitFor();
    await checkPage(page, "look-mfa-factors");
    await context.close();
  });

  test("the simulator's own pages: styled, accessible, with a favicon", async () => {
    const favicon = await fetch(`${sims.plain.origin}/favicon.ico`);
    assert.equal(favicon.status, 200);
    assert.equal(favicon.headers.get("content-type"), "image/svg+xml");
    const { context, page, failedResponses } = await openApp(browser, `${sims.plain.origin}/demo-app`, { app: false });
    const signIn = page.getByRole("link", { name: "Sign in" });
    assert.equal(await signIn.evaluate((a) => getComputedStyle(a).display), "grid");
    assert.deepEqual(await axeViolations(page), []);
    await signIn.click();
    await page.waitForSelector("#app > *");
    assert.deepEqual(failedResponses, []);
    await context.close();
    const idp = await openApp(
      browser,
      `${sims.plain.origin}/__sim/mock-idp/mock-social?state=s&redirect_uri=${encodeURIComponent(`${sims.plain.origin}/callback/mock-social`)}`,
      { app: false, colorScheme: "dark" },
    );
    await idp.page.getByRole("heading", { name: "Mock Social" }).waitFor();
    assert.deepEqual(await axeViolations(idp.page), []);
    await idp.context.close();
  });
});
