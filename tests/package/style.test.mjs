// The stylesheet is one file that merges touch often: an unclosed block
// would silently put every later rule inside it (a merge once left the
// print block open and the consent page unstyled).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");

test("style/main.css closes every block it opens", () => {
  const css = readFileSync(join(ROOT, "style", "main.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  let depth = 0;
  css.split("\n").forEach((line, index) => {
    for (const c of line) {
      if (c === "{") depth += 1;
      if (c === "}") depth -= 1;
      assert.ok(depth >= 0, `unbalanced "}" on line ${index + 1}`);
    }
    // Rules are written at most two levels deep (inside one @media).
    assert.ok(depth <= 2, `block nested too deep on line ${index + 1}`);
  });
  assert.equal(depth, 0, "a block is left open");
});
