// The flows past the first page: sign-in by verification code, registration
// (username and password, email with a code), forgot password, profile
// fulfilment and the terms, each against the simulator.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  codeBox,
  configFile,
  CSP,
  DELIVERY,
  checkPage,
  codeFor,
  launchBrowser,
  openSignIn,
  config,
  PROFILE_FIELDS,
  settingsFile,
  signedIn,
  startSimulator,
} from "./harness.mjs";

const PASSWORD = "Demo-Passw0rd!";
const NEW_PASSWORD = "Fresh-Passw0rd!42";

// Email by code first (then password), username by password.
const emailCode = config("email-password-code");
const CODE_FIRST = settingsFile("flows-code-first", "email-password-code", {
  signIn: {
    methods: emailCode.signIn.methods.map((m) => (m.identifier === "email" ? { ...m, isPasswordPrimary: false } : m)),
  },
});
// The same, with terms that only registration asks for.
const CODE_FIRST_TERMS = settingsFile("flows-code-first-terms", "email-password-code", {
  signIn: {
    methods: emailCode.signIn.methods.map((m) => (m.identifier === "email" ? { ...m, isPasswordPrimary: false } : m)),
  },
  termsOfUseUrl: "https://example.com/terms",
  privacyPolicyUrl: "https://example.com/privacy",
  agreeToTermsPolicy: "ManualRegistrationOnly",
});
// Sign-up by email with a code, then the missing username.
const EMAIL_THEN_USERNAME = settingsFile("flows-email-username", "email-password-code", {
  signUp: { identifiers: ["email"], password: false, verify: true, secondaryIdentifiers: [{ identifier: "username" }] },
});

// Username registration that also collects custom profile fields.
const EXTRA_PROFILE = settingsFile("flows-extra-profile", "username-password", {
  customProfileFields: [
    { name: "nickname", type: "Text", required: true, config: { minLength: 2, maxLength: 20 } },
    ...PROFILE_FIELDS,
  ],
});

// Username registrations that must also link an address.
const SECONDARY = Object.fromEntries(
  ["email", "phone", "emailOrPhone"].map((kind) => [
    kind,
    settingsFile(`flows-secondary-${kind}`, "username-email-phone-password-code", {
      signUp: { identifiers: ["username"], password: true, verify: true, secondaryIdentifiers: [{ identifier: kind, verify: true }] },
    }),
  ]),
);


const unique = (prefix) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

describe(`flows (${DELIVERY} path, ${CSP} CSP)`, () => {
  let browser;
  const sims = {};
  before(async () => {
    browser = await launchBrowser();
    [sims.codeFirst, sims.email, sims.phone, sims.username, sims.policy, sims.terms, sims.emailUsername, sims.extra] =
      await Promise.all([
        startSimulator({ SETTINGS: CODE_FIRST }),
        startSimulator({ SETTINGS: configFile("email-password-code") }),
        startSimulator({ SETTINGS: configFile("phone-code") }),
        startSimulator({ SETTINGS: configFile("username-password") }),
        startSimulator({ SETTINGS: configFile("password-policy") }),
        startSimulator({ SETTINGS: configFile("terms-privacy") }),
        startSimulator({ SETTINGS: EMAIL_THEN_USERNAME }),
        startSimulator({ SETTINGS: EXTRA_PROFILE }),
      ]);
    sims.codeFirstTerms = await startSimulator({ SETTINGS: CODE_FIRST_TERMS });
    [sims.secondaryEmail, sims.secondaryPhone, sims.secondaryEither] = await Promise.all(
      ["email", "phone", "emailOrPhone"].map((kind) => startSimulator({ SETTINGS: SECONDARY[kind] })),
    );
  });
  after(async () => {
    await browser?.close();
    for (const sim of Object.values(sims)) sim?.stop();
  });

  test("email sign-in by code: wrong code inline, pasted code submits, resend counts down", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.codeFirst);
    await page.getByLabel("Email / Username").fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Verify your email" }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, "/sign-in/verification-code");
    assert.equal(url.searchParams.get("app_id"), "demo-app");
    await page.getByText("The verification code has been sent to your email alice@example.com").waitFor();
    const input = codeBox(page);
    assert.equal(await input.getAttribute("autocomplete"), "one-time-code");
    assert.equal(await input.getAttribute("inputmode"), "numeric");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "code");
    await page.getByText(/Resend after \d+ seconds/).waitFor();
    await checkPage(page, "sign-in-verification-code");
    const code = await codeFor(sims.codeFirst, "alice@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    await input.fill(wrong);
    const error = page.locator("#code-error");
    await error.waitFor();
    assert.equal(await input.getAttribute("aria-invalid"), "true");
    assert.equal(await input.inputValue(), "", "a wrong code is cleared");
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    assert.ok(!stored.includes(code), "codes are never stored");
    // Pasting a whole message keeps the digits and submits at once.
    const before = requests.length;
    await input.focus();
    await page.evaluate((text) => {
      const el = document.getElementById("code");
      el.value = text;
      el.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }, `Your code: ${code.slice(0, 3)}-${code.slice(3)}.`);
    await signedIn(page);
    assert.deepEqual(
      requests.slice(before).filter((p) => p.startsWith("/api/experience")),
      ["/api/experience/verification/verification-code/verify", "/api/experience/identification", "/api/experience/submit"],
    );
    assert.match(await page.locator("#signed-in").textContent(), /alice/);
    await context.close();
  });

  test("phone sign-in by code with the country picker; switch to the password", async () => {
    const { context, page } = await openSignIn(browser, sims.phone);
    const input = page.getByLabel("Phone number");
    assert.equal(await input.getAttribute("type"), "tel");
    const picker = page.getByLabel("Country or region calling code");
    assert.equal(await picker.inputValue(), "US");
    await checkPage(page, "sign-in-phone");
    await input.fill("(555) 555-0100");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Verify your phone number" }).waitFor();
    await page.getByText("+1 5555550100").waitFor();
    const code = await codeFor(sims.phone, "15555550100");
    await codeBox(page).fill(code);
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), /phoebe/);
    await context.close();
  });

  test("an unknown email on code sign-in becomes a registration, then asks for the password", async () => {
    const email = `${unique("new")}@example.com`;
    const { context, page } = await openSignIn(browser, sims.codeFirst);
    await page.getByLabel("Email / Username").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
    await codeBox(page).fill(await codeFor(sims.codeFirst, email));
    const dialog = page.getByRole("dialog");
    await dialog.getByText(`No account found for ${email}. Create a new one?`).waitFor();
    await checkPage(page, "sign-in-create-account-dialog");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/continue/password");
    await checkPage(page, "continue-password");
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), new RegExp(email.split("@")[0]));
    await context.close();
  });

  test("registration by username and password, passwords checked before sending", async () => {
    const username = unique("reg_");
    const { context, page, requests } = await openSignIn(browser, sims.username);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("app_id"), "demo-app");
    await checkPage(page, "register");
    await page.getByLabel("Username").fill("1starts_with_digit");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.locator("#identifier-error").waitFor();
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/register/password");
    const password = page.getByLabel("Password", { exact: true });
    assert.equal(await password.getAttribute("autocomplete"), "new-password");
    await password.fill("short");
    await page.locator(".logto_password-checks li").filter({ hasText: "Minimum length is 8." }).waitFor();
    // Sent anyway: the rule becomes the input's error, said once.
    await page.getByRole("button", { name: "Save password" }).click();
    await page.locator("#newPassword-error").filter({ hasText: "Minimum length is 8." }).waitFor();
    assert.equal(await page.locator(".logto_password-checks li").filter({ hasText: "Minimum length is 8." }).count(), 0);
    await password.fill(NEW_PASSWORD);
    await page.getByLabel("Confirm password").fill(`${NEW_PASSWORD}x`);
    const sent = requests.length;
    await page.getByRole("button", { name: "Save password" }).click();
    await page.locator("#confirmPassword-error").filter({ hasText: "Your passwords don’t match." }).waitFor();
    assert.equal(requests.length, sent, "nothing sent");
    await checkPage(page, "register-password");
    await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), new RegExp(username));
    await context.close();
  });

  test("a taken username is an inline error", async () => {
    const { context, page } = await openSignIn(browser, sims.username);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Username").fill("demo");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.locator("#identifier-error").waitFor();
    assert.equal(await page.getByLabel("Username").inputValue(), "demo");
    await context.close();
  });

  test("the server's rejected password rules are said once, in the input's alert", async () => {
    const { context, page } = await openSignIn(browser, sims.policy);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Username").fill(unique("policy_"));
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    await page.getByText(/Password requires a minimum of 10 characters/).waitFor();
    // Passes the client's checks; the server refuses repetition and sequence.
    const password = "Aaaaaaa1234567!";
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Save password" }).click();
    await page
      .locator("#newPassword-error")
      .filter({ hasText: "Avoid overusing repeated characters and sequential characters." })
      .waitFor();
    assert.equal(await page.locator(".logto_password-checks li").count(), 0, "not listed again");
    assert.equal(await page.getByLabel("Password", { exact: true }).inputValue(), "");
    await checkPage(page, "register-password-rejected");
    await context.close();
  });

  test("registration by email with a code; an existing email may sign in instead", async () => {
    const email = `${unique("mail")}@example.com`;
    const { context, page } = await openSignIn(browser, sims.email);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Verify your email" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/register/verification-code");
    await codeBox(page).fill(await codeFor(sims.email, email));
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await signedIn(page);
    await context.close();

    const again = await openSignIn(browser, sims.email);
    await again.page.getByRole("link", { name: "Create account" }).click();
    await again.page.getByLabel("Email").fill("alice@example.com");
    await again.page.getByRole("button", { name: "Create account" }).click();
    await codeBox(again.page).fill(await codeFor(sims.email, "alice@example.com"));
    const dialog = again.page.getByRole("dialog");
    await dialog.getByText("An account with alice@example.com already exists. Continue to sign in.").waitFor();
    await dialog.getByRole("button", { name: "Sign in" }).click();
    await signedIn(again.page);
    assert.match(await again.page.locator("#signed-in").textContent(), /alice/);
    await again.context.close();
  });

  test("forgot password: code, same password refused, new password, then sign in", async () => {
    const { context, page } = await openSignIn(browser, sims.email);
    await page.getByLabel("Email / Username").fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset password" }).waitFor();
    assert.equal(await page.getByLabel("Email").inputValue(), "alice@example.com", "prefilled");
    await checkPage(page, "forgot-password");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Verify your email" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/forgot-password/verification-code");
    await codeBox(page).fill(await codeFor(sims.email, "alice@example.com"));
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/forgot-password/reset");
    await checkPage(page, "forgot-password-reset");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirm password").fill(PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await page.locator("#newPassword-error").waitFor();
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByRole("alert").filter({ hasText: "Password changed" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/sign-in");
    await context.close();

    const next = await openSignIn(browser, sims.email);
    await next.page.getByLabel("Email / Username").fill("alice@example.com");
    await next.page.getByRole("button", { name: "Continue" }).click();
    await next.page.getByLabel("Password").fill(NEW_PASSWORD);
    await next.page.getByRole("button", { name: "Continue" }).click();
    await signedIn(next.page);
    await next.context.close();
  });

  test("profile fulfilment: a registration by email asks for the missing username", async () => {
    const email = `${unique("prof")}@example.com`;
    const { context, page } = await openSignIn(browser, sims.emailUsername);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Create account" }).click();
    await codeBox(page).fill(await codeFor(sims.emailUsername, email));
    await page.getByRole("heading", { name: "Set username" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/continue/username");
    await checkPage(page, "continue-username");
    await page.getByLabel("Username").fill("demo");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#identifier-error").waitFor();
    const username = unique("prof_");
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Continue" }).click();
    await signedIn(page);
    assert.match(await page.locator("#signed-in").textContent(), new RegExp(username));
    await context.close();
  });

  test("terms must be agreed to before signing in", async () => {
    const { context, page, requests } = await openSignIn(browser, sims.terms);
    const box = page.getByRole("checkbox");
    assert.equal(await box.isChecked(), false);
    await checkPage(page, "sign-in-terms");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Logto's "Agree" dialog; declined, nothing is sent.
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/agree/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    // The focus is back on the button that asked, after Cancel and after
    // Escape alike.
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(await focused(), "Sign in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await dialog.getByText(/agree/).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(await focused(), "Sign in");
    assert.equal(requests.filter((p) => p === "/api/experience/verification/password").length, 0);
    await box.check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await signedIn(page);
    await context.close();
  });

  test("first_screen=identifier:sign_in with identifier=email: the email form alone", async () => {
    const { context, page } = await openSignIn(browser, sims.codeFirst, {}, {
      first_screen: "identifier:sign_in",
      identifier: "email",
    });
    assert.equal(new URL(page.url()).pathname, "/identifier-sign-in");
    const input = page.getByLabel("Email", { exact: true });
    assert.equal(await input.getAttribute("type"), "email");
    assert.equal(await page.getByRole("link", { name: "Create account" }).count(), 0);
    await page.getByRole("link", { name: "All sign-in options" }).waitFor();
    await checkPage(page, "identifier-sign-in");
    await input.fill("demo");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#identifier-error").waitFor();
    await context.close();
  });

  test("profile fulfilment: the custom profile fields, checked before sending", async () => {
    const username = unique("extra_");
    const { context, page, requests } = await openSignIn(browser, sims.extra);
    await page.getByRole("link", { name: "Create account" }).click();
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByRole("heading", { name: "Tell us about yourself" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/continue/extra-profile");
    assert.equal(await page.getByLabel("First name").getAttribute("autocomplete"), "given-name");
    await page.getByLabel("Last name (Optional)").waitFor();
    await page.getByLabel("Gender (Optional)").waitFor();
    await checkPage(page, "continue-extra-profile");
    const sent = requests.length;
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#extra-nickname-error").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "extra-nickname");
    assert.equal(requests.length, sent, "nothing sent");
    await page.getByLabel("Nickname").fill("Ada");
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Age (Optional)").fill("7");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#extra-age-error").filter({ hasText: "between 13 and 120" }).waitFor();
    await page.getByLabel("Age (Optional)").fill("36");
    await page.getByLabel("Gender (Optional)").selectOption("female");
    await page.getByLabel("Birthdate (Optional)").fill("1990-07-14");
    await page.getByLabel("Send me the newsletter (Optional)").check();
    const body = page.waitForRequest((r) => r.url().endsWith("/api/experience/profile") && r.method() === "POST");
    await page.getByRole("button", { name: "Continue" }).click();
    assert.deepEqual(JSON.parse((await body).postData()), {
      type: "extraProfile",
      values: {
        nickname: "Ada",
        givenName: "Ada",
        familyName: "",
        birthdate: "07/14/1990",
        gender: "female",
        age: 36,
        newsletter: true,
      },
    });
    await signedIn(page);
    await context.close();
  });

  test("the code page switches to the password when the method has one", async () => {
    const { context, page } = await openSignIn(browser, sims.codeFirst);
    await page.getByLabel("Email / Username").fill("alice@example.com");
    await page.getByRole("button", { name: "Continue" }).click();
    // A link with its address, as Logto's `PasswordSignInLink`.
    await page.getByRole("link", { name: "Sign in with password" }).click();
    await page.getByRole("heading", { name: "Enter password" }).waitFor();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Continue" }).click();
    await signedIn(page);
    await context.close();
  });

  for (const [kind, path, heading, address, label] of [
    ["Email", "/continue/email", "Link email", () => `${unique("link")}@example.com`, "Email"],
    ["Phone", "/continue/phone", "Link phone", () => `+4420${Math.floor(1e7 + Math.random() * 9e7)}`, "Phone number"],
    ["Either", "/continue/emailOrPhone", "Link email or phone", () => `${unique("either")}@example.com`, "Email / Phone number"],
  ]) {
    test(`profile fulfilment: a username registration links the missing ${kind.toLowerCase()} address, then sets the password`, async () => {
      const sim = { Email: sims.secondaryEmail, Phone: sims.secondaryPhone, Either: sims.secondaryEither }[kind];
      const { context, page } = await openSignIn(browser, sim);
      await page.getByRole("link", { name: "Create account" }).click();
      await page.getByLabel("Username").fill(unique("link_"));
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: heading }).waitFor();
      assert.equal(new URL(page.url()).pathname, path);
      await checkPage(page, `continue-${kind.toLowerCase()}`);
      const value = address();
      await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByRole("button", { name: "Continue" }).click();
      await codeBox(page).waitFor();
      assert.equal(new URL(page.url()).pathname, "/continue/verification-code");
      const recipient = value.startsWith("+") ? value.slice(1) : value;
      await codeBox(page).fill(await codeFor(sim, recipient));
      await page.getByRole("heading", { name: "Set password" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/continue/password");
      await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Save password" }).click();
      await signedIn(page);
      await context.close();
    });
  }

  test("terms for registration only are agreed to before a code sign-in becomes a registration", async () => {
    const email = `${unique("terms")}@example.com`;
    const { context, page } = await openSignIn(browser, sims.codeFirstTerms);
    assert.equal(await page.getByRole("checkbox").count(), 0, "sign-in shows the terms as links");
    await page.getByLabel("Email / Username").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
    await codeBox(page).fill(await codeFor(sims.codeFirstTerms, email));
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.getByText("To proceed, please agree to the Terms of Use and Privacy Policy.").waitFor();
    await checkPage(page, "terms-before-registration");
    await dialog.getByRole("button", { name: "Agree" }).click();
    await page.getByRole("heading", { name: "Set password" }).waitFor();
    await context.close();
  });
});
