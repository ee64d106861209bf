// The device flow: a TV or CLI asks the simulator for a code, the person
// types it at /device, signs in, and the device gets its tokens.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CSP, DELIVERY, checkPage, launchBrowser, openApp, startSimulator } from "./harness.mjs";

const GRANT = "urn:ietf:params:oauth:grant-type:device_code";

async function post(sim, path, form) {
  const response = await fetch(`${sim.origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return response.json();
}

describe(`device sign-in (${DELIVERY} path, ${CSP} CSP)`, () => {
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

  test("the code shown on the device, typed in lower case, then sign-in: connected", async () => {
    const device = await post(sim, "/oidc/device/auth", { client_id: "demo-app", scope: "openid" });
    assert.equal(device.verification_uri, `${sim.origin}/device`);
    const { context, page, errors } = await openApp(browser, device.verification_uri);
    await page.getByRole("heading", { name: "Device activation" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/device");
    await checkPage(page, "device");
    const pending = await post(sim, "/oidc/token", { grant_type: GRANT, device_code: device.device_code });
    assert.equal(pending.error, "authorization_pending");
    const input = page.getByLabel("Code");
    await input.fill(device.user_code.toLowerCase());
    assert.equal(await input.inputValue(), device.user_code);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("Demo-Passw0rd!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Your device is now connected!" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/device/success");
    await checkPage(page, "device-success");
    const tokens = await post(sim, "/oidc/token", { grant_type: GRANT, device_code: device.device_code });
    assert.equal(tokens.token_type, "Bearer");
    assert.equal(tokens.sim_user, "demo");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the device's complete link fills the code in", async () => {
    const device = await post(sim, "/oidc/device/auth", { client_id: "demo-app" });
    const { context, page } = await openApp(browser, device.verification_uri_complete);
    await page.getByRole("heading", { name: "Device activation" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("user_code"), device.user_code);
    assert.equal(await page.getByLabel("Code").inputValue(), device.user_code);
    await context.close();
  });

  test("an empty or unknown code is refused under the field", async () => {
    const { context, page } = await openApp(browser, `${sim.origin}/device`);
    await page.getByRole("heading", { name: "Device activation" }).waitFor();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#device_user_code-error").getByText("Code is required.").waitFor();
    await page.getByLabel("Code").fill("bbbb-bbbb");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#device_user_code-error").getByText("The device code is invalid.").waitFor();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("error"), "NotFoundError");
    assert.equal(await page.getByLabel("Code").inputValue(), "BBBB-BBBB");
    await page.getByText("Enter the code displayed on your device.").waitFor();
    await checkPage(page, "device-refused");
    await context.close();
  });
});
