// Verification codes the server refuses: too many codes to one address
// (Logto's per-recipient limit, 10 within 600 s), a code used already,
// and a code checked against another address. Each says so where the
// person looks, and the way on (wait, or resend) is there.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  codeBox,
  CSP,
  DELIVERY,
  checkPage,
  codeFor,
  config,
  launchBrowser,
  openSignIn,
  settingsFile,
  signedIn,
  startInteraction,
  startSimulator,
} from "./harness.mjs";

// Email sign-in by code first (then password), username by password.
const CODE_FIRST = settingsFile("codes-code-first", "email-password-code", {
  signIn: {
    methods: config("email-password-code").signIn.methods.map((m) =>
      m.identifier === "email" ? { ...m, isPasswordPrimary: false } : m,
    ),
  },
});

const SEND = "/api/experience/verification/verification-code";

const outbox = async (sim, recipient) =>
  (await (await fetch(`${sim.origin}/__sim/outbox`)).json()).filter((m) => m.recipient === recipient);

/** Sends `count` codes to `email` from another browser (its own interaction). */
async function sendCodes(browser, sim, email, count) {
  const other = await browser.newContext();
  await startInteraction(other, sim);
  const put = await other.request.put(`${sim.origin}/api/experience`, { data: { interactionEvent: "SignIn" } });
  assert.equal(put.status(), 204, await put.text());
  for (let i = 0; i < count; i++) {
    const sent = await other.request.post(`${sim.origin}${SEND}`, {
      data: { identifier: { type: "email", value: email }, interactionEvent: "SignIn" },
    });
    assert.equal(sent.status(), 200, await sent.text());
  }
  await other.close();
}

/** The page's pending code (session storage), as the code page reads it. */
const pending = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem("logto:code")));

async function toCodePage(page, email) {
  await page.getByLabel("Email / Username").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Verify your email" }).waitFor();
}

describe(`refused codes (${DELIVERY} path, ${CSP} CSP)`, () => {
  let sim;
  let limited;
  let browser;
  before(async () => {
    [sim, limited] = await Promise.all([
      startSimulator({ SETTINGS: CODE_FIRST }),
      startSimulator({ SETTINGS: CODE_FIRST }),
    ]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    sim?.stop();
    limited?.stop();
  });

  test("too many codes to the address: when to retry, at the address, kept as typed; one send", async () => {
    const { context, page, requests } = await openSignIn(browser, limited);
    await sendCodes(browser, limited, "alice@example.com", 10);
    const input = page.getByLabel("Email / Username");
    await input.fill("alice@example.com");
    const before = requests.length;
    // A double click sends once.
    await page.getByRole("button", { name: "Continue" }).dblclick();
    const error = page.locator("#identifier-error");
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      "Too many messages sent to this recipient. Please try again later. (in 10 minutes)",
    );
    assert.equal(await input.inputValue(), "alice@example.com");
    assert.equal(await input.getAttribute("aria-invalid"), "true");
    assert.equal(new URL(page.url()).pathname, "/sign-in");
    assert.equal(requests.slice(before).filter((p) => p === SEND).length, 1, "one send request");
    assert.equal((await outbox(limited, "alice@example.com")).length, 10, "no code beyond the limit");
    await checkPage(page, "sign-in-rate-limited");
    await context.close();
  });

  test("too many codes on resend: the message, and resend after the window", async () => {
    const email = "social@example.com";
    const { context, page } = await openSignIn(browser, limited);
    await toCodePage(page, email);
    await sendCodes(browser, limited, email, 9);
    // The usual minute has passed (the send time moved back), reloaded.
    await page.evaluate(() => {
      const code = JSON.parse(sessionStorage.getItem("logto:code"));
      sessionStorage.setItem("logto:code", JSON.stringify({ ...code, sentAt: code.sentAt - 61_000 }));
    });
    await page.reload();
    await page.getByRole("button", { name: "Resend verification code" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "Too many messages sent to this recipient. Please try again later. (in 10 minutes)" })
      .waitFor();
    await page.getByText(/Resend after (600|599) seconds/).waitFor();
    assert.equal(await page.getByRole("button", { name: "Resend verification code" }).count(), 0);
    assert.equal((await outbox(limited, email)).length, 10);
    await checkPage(page, "verification-code-rate-limited");
    await context.close();
  });

  test("a code used already: said at the input, resend at once, the new code signs in", async () => {
    const { context, page } = await openSignIn(browser, sim);
    await toCodePage(page, "alice@example.com");
    const code = await codeFor(sim, "alice@example.com");
    // Used elsewhere (another tab, say) before it is typed here.
    const { identifier, verificationId } = await pending(page);
    const used = await context.request.post(`${sim.origin}${SEND}/verify`, {
      data: { identifier, verificationId, code },
    });
    assert.equal(used.status(), 200, await used.text());
    const input = codeBox(page);
    await input.fill(code);
    const error = page.locator("#code-error");
    await error.waitFor();
    assert.equal(await error.textContent(), "Verification code not found. Please send verification code first.");
    assert.equal(await input.inputValue(), "");
    // No countdown: the old code can never work.
    const resend = page.getByRole("button", { name: "Resend verification code" });
    await resend.waitFor();
    await checkPage(page, "verification-code-used");
    await resend.click();
    await page.getByRole("alert").filter({ hasText: "The verification code has been resent" }).waitFor();
    await page.getByText(/Resend after \d+ seconds/).waitFor();
    await input.fill(await codeFor(sim, "alice@example.com", 2));
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    await context.close();
  });

  test("a code checked against another address: said at the input, resend at once", async () => {
    const { context, page } = await openSignIn(browser, sim);
    await toCodePage(page, "alice@example.com");
    const sent = (await outbox(sim, "alice@example.com")).length;
    // The verify request names another address than the code went to.
    await page.route(`**${SEND}/verify`, (route) => {
      const body = JSON.parse(route.request().postData());
      body.identifier = { type: "email", value: "someone.else@example.com" };
      return route.continue({ postData: JSON.stringify(body) });
    });
    const input = codeBox(page);
    await input.fill(await codeFor(sim, "alice@example.com", sent));
    const error = page.locator("#code-error");
    await error.waitFor();
    assert.equal(await error.textContent(), "Email mismatch. Please request a new verification code.");
    await page.unroute(`**${SEND}/verify`);
    await page.getByRole("button", { name: "Resend verification code" }).click();
    await page.getByRole("alert").filter({ hasText: "The verification code has been resent" }).waitFor();
    await input.fill(await codeFor(sim, "alice@example.com", sent + 1));
    await signedIn(page);
    await context.close();
  });
});
