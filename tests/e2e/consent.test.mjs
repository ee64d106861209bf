// Consent for third-party applications (the simulator's "Acme Analytics"),
// with and without organizations, authorize and cancel, and the
// access-denied page of an application that refuses the person.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CSP, DELIVERY, checkPage, launchBrowser, openSignIn, startSimulator } from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";

async function signIn(browser, sim, username, params) {
  const opened = await openSignIn(browser, sim, {}, { redirect_uri: `${sim.origin}/demo-app/callback`, ...params });
  await opened.page.getByLabel("Username").fill(username);
  await opened.page.getByLabel("Password").fill(PASSWORD);
  await opened.page.getByRole("button", { name: "Sign in" }).click();
  return opened;
}

describe(`consent (${DELIVERY} path, ${CSP} CSP)`, () => {
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

  test("a third-party app with organizations: scopes, the chosen organization, authorize", async () => {
    const { context, page, errors } = await signIn(browser, sim, "alice", {
      client_id: "third-party-app",
      scope: "openid profile email urn:logto:scope:organizations read:reports",
      resource: "https://api.example.com",
    });
    await page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/consent");
    const logo = page.getByRole("img", { name: "Acme Analytics" });
    assert.match(await logo.getAttribute("src"), /\/__sim\/assets\/third-party-logo\.svg$/);
    await page.getByText("alice@example.com").waitFor();
    await page.getByText("Personal user data").waitFor();
    await page.getByText("Demo API").click();
    await page.getByText("Read your reports").waitFor();
    await page.getByText("Your email address").waitFor({ state: "attached" });
    // The app's own documents and where the browser goes afterwards.
    await page.getByRole("link", { name: "Terms of Use" }).waitFor();
    await page.getByText(new RegExp(`redirected to ${sim.origin.replace(/[.:/]/g, "\\$&")}`)).waitFor();
    const select = page.getByLabel("Authorize access to the specific organization:");
    assert.equal(await select.inputValue(), "org-acme");
    await checkPage(page, "consent-organizations");
    await select.selectOption({ label: "Globex" });
    const posted = page.waitForRequest((r) => r.url().endsWith("/api/interaction/consent") && r.method() === "POST");
    await page.getByRole("button", { name: "Authorize" }).click();
    assert.deepEqual(JSON.parse((await posted).postData()), { organizationIds: ["org-globex"] });
    await page.locator("#signed-in").waitFor();
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("without organizations: no selector; cancel returns to the application without a code", async () => {
    const { context, page } = await signIn(browser, sim, "phoebe", {
      client_id: "third-party-app",
      scope: "openid profile",
    });
    await page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
    assert.equal(await page.locator("select").count(), 0);
    // A lone group is open.
    await page.getByText("Your name, username, avatar, and other profile info").waitFor();
    await checkPage(page, "consent");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL((url) => url.pathname === "/demo-app/callback");
    assert.equal(new URL(page.url()).searchParams.get("code"), null);
    await context.close();
  });

  test("without organizations: authorize signs in; the grant is remembered", async () => {
    for (const round of ["first", "again"]) {
      const { context, page } = await signIn(browser, sim, "demo", {
        client_id: "third-party-app",
        scope: "openid profile",
      });
      if (round === "first") {
        await page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
        const posted = page.waitForRequest((r) => r.url().endsWith("/api/interaction/consent") && r.method() === "POST");
        await page.getByRole("button", { name: "Authorize" }).click();
        assert.deepEqual(JSON.parse((await posted).postData()), {});
      }
      await page.locator("#signed-in").waitFor();
      assert.match(await page.locator("#signed-in").textContent(), /demo/);
      await context.close();
    }
  });

  test("an application that refuses the person: access denied, sign out", async () => {
    const { context, page } = await signIn(browser, sim, "demo", { client_id: "restricted-app" });
    await page.getByRole("heading", { name: "Access denied" }).waitFor();
    await page.getByText("You do not have permission to access this application.").waitFor();
    await checkPage(page, "consent-access-denied");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.locator("#signed-out").waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, "/oidc/session/end");
    assert.equal(url.searchParams.get("client_id"), "restricted-app");
    await context.close();
  });

  test("an organization the person is not a member of: the server's message, the consent kept", async () => {
    // demo (a member of Acme Corp) has not granted the organizations scope.
    const { context, page } = await signIn(browser, sim, "demo", {
      client_id: "third-party-app",
      scope: "openid urn:logto:scope:organizations",
    });
    await page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
    const select = page.getByLabel("Authorize access to the specific organization:");
    assert.equal(await select.inputValue(), "org-acme");
    // Meanwhile the membership is gone: the request names an organization
    // demo does not belong to (Initech).
    const CONSENT = "**/api/interaction/consent";
    await page.route(CONSENT, (route) =>
      route.request().method() === "POST"
        ? route.continue({ postData: JSON.stringify({ organizationIds: ["org-initech"] }) })
        : route.continue(),
    );
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.getByRole("alert").filter({ hasText: "The user must be a member of the organization to proceed." }).waitFor();
    // Nothing lost: the same consent, the chosen organization, Authorize.
    assert.equal(new URL(page.url()).pathname, "/consent");
    assert.equal(await select.inputValue(), "org-acme");
    await page.getByRole("heading", { name: "Authorize Acme Analytics" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Authorize" }).isEnabled(), true);
    await checkPage(page, "consent-not-a-member");
    await page.unroute(CONSENT);
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.locator("#signed-in").waitFor();
    await context.close();
  });
});
