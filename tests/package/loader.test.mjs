// The loader's rule for settings only the full build serves (Trunk.toml's
// `needsFull`) against the cases src/flow/lite.rs's `serves` is tested on
// (tests/fixtures/lite.json): with Logto's injected settings, the loader
// starts the build the lite app would end up in.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
const read = (...path) => readFileSync(join(ROOT, ...path), "utf8");

test("the loader's needsFull agrees with flow::lite::serves", () => {
  const trunk = read("Trunk.toml");
  const start = trunk.indexOf("const needsFull = ");
  assert.ok(start > 0, "the loader's rule");
  const source = trunk.slice(start + "const needsFull = ".length, trunk.indexOf(";\n", start));
  const needsFull = new Function(`return ${source};`)();
  const base = JSON.parse(read("simulator", "data", "settings.default.json"));
  const cases = JSON.parse(read("tests", "fixtures", "lite.json"));
  assert.ok(cases.length >= 8);
  for (const { fixture, patch, lite } of cases) {
    const settings = { ...base, ...JSON.parse(read("tests", "fixtures", "settings", `${fixture}.json`)), ...patch };
    assert.equal(needsFull(settings), !lite, JSON.stringify({ fixture, patch }));
  }
});
