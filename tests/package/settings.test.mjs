// The sign-in experience configurations the tests use
// (tests/fixtures/settings/) are the ones recorded from the real Logto, so
// that a test of "email by code" configures what Logto itself would serve.
// The recordings live beside the repository (../shared/logto-contract), not
// in it: without them this check is skipped, and says so.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
const FIXTURES = join(ROOT, "tests", "fixtures", "settings");
const RECORDED = join(ROOT, "..", "shared", "logto-contract", "well-known");
const read = (path) => JSON.parse(readFileSync(path, "utf8"));

// The connectors' logos are our own drawings, not the recording's.
const withoutLogos = (settings) => ({
  ...settings,
  socialConnectors: settings.socialConnectors?.map(({ logo, logoDark, ...rest }) => rest),
  ssoConnectors: settings.ssoConnectors?.map(({ logo, darkLogo, ...rest }) => rest),
});

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length));

test("every configuration is the recorded one", { skip: !existsSync(RECORDED) && "../shared/logto-contract is absent" }, () => {
  const base = read(join(ROOT, "simulator", "data", "settings.default.json"));
  assert.ok(names.length >= 19, names.join(", "));
  for (const name of names) {
    const ours = { ...base, ...read(join(FIXTURES, `${name}.json`)) };
    const recorded = read(join(RECORDED, `experience.${name}.json`));
    assert.deepEqual(withoutLogos(ours), withoutLogos(recorded), name);
  }
});
