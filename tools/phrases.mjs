// Logto's own texts, from its published npm packages (pinned in
// package-lock.json to the versions Logto 1.42 serves), turned into the JSON
// the Rust crates embed. Called by the crates' build scripts, so nothing
// generated is committed:
//
//   node tools/phrases.mjs page OUT.json SRC_DIR [lite]
//     The page's bundled English (src/i18n): every key of
//     @logto/phrases-experience that the page's source names (with `lite`,
//     the lite build's modules only), plus our own
//     texts (src/i18n/own.en.json), nested as Logto serves them; and
//     OUT.all.json, all of Logto's English, for the native tests.
//   node tools/phrases.mjs simulator OUT_DIR
//     For logto-sim: OUT_DIR/experience.json, every language of
//     @logto/phrases-experience as `/api/.well-known/phrases` answers it, and
//     OUT_DIR/errors.json, the error messages of @logto/phrases by language,
//     flattened to their codes (`session.not_found`).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

async function load(name) {
  if (!existsSync(join(ROOT, "node_modules", ...name.split("/"), "package.json"))) {
    console.error(`phrases: ${name} is not installed: run \`make setup\` (or \`npm ci\`) first.`);
    process.exit(1);
  }
  return (await import(name)).default;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** `[dotted key, text]` for every leaf. */
function leaves(value, prefix = "") {
  return Object.entries(value).flatMap(([key, child]) =>
    isObject(child) ? leaves(child, `${prefix}${key}.`) : [[`${prefix}${key}`, child]],
  );
}

/** `base` with `over` merged on top, key by key (i18next's fallback to English). */
function merge(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over ?? {})) {
    out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  }
  return out;
}

function nest(pairs) {
  const out = {};
  for (const [key, text] of pairs) {
    const path = key.split(".");
    let node = out;
    for (const part of path.slice(0, -1)) node = node[part] ??= {};
    node[path.at(-1)] = text;
  }
  return out;
}

/**
 * The Rust files under `dir`; with `lite`, without the modules the lite
 * build leaves out (declared under `#[cfg(feature = "full")]` in their
 * parent's `mod.rs` or `lib.rs`), whose texts it never shows.
 */
function rustFiles(dir, lite = false) {
  const fullOnly = new Set();
  for (const parent of ["mod.rs", "lib.rs"]) {
    const file = join(dir, parent);
    if (!lite || !existsSync(file)) continue;
    const source = readFileSync(file, "utf8");
    for (const [, name] of source.matchAll(/#\[cfg\(feature = "full"\)\]\s*(?:pub(?:\([a-z]+\))? )?mod ([a-z0-9_]+);/g)) {
      fullOnly.add(name);
    }
  }
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (fullOnly.has(entry.name.replace(/\.rs$/, ""))) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return rustFiles(path, lite);
    return entry.name.endsWith(".rs") ? [path] : [];
  });
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The keys the source names. A phrase key appears in the code as a string
 * literal (`"action.sign_in"`); a plural one by its base (`"x.length"` for
 * `x.length_one`); a family built at run time by the literal part of its
 * format string (`"error.{code}"` names every `error.` key).
 */
export function usedKeys(keys, sources) {
  const literals = new Set();
  const prefixes = new Set();
  for (const source of sources) {
    for (const [, literal] of source.matchAll(/"([a-z][A-Za-z0-9_.{}]*)"/g)) {
      const dynamic = literal.indexOf("{");
      if (dynamic > 0 && literal[dynamic - 1] === ".") prefixes.add(literal.slice(0, dynamic));
      else literals.add(literal);
    }
  }
  return keys.filter(
    (key) =>
      literals.has(key) ||
      literals.has(key.replace(PLURAL, "")) ||
      [...prefixes].some((prefix) => key.startsWith(prefix)),
  );
}

async function page(out, srcDir, lite) {
  const experience = await load("@logto/phrases-experience");
  const english = leaves(experience.en.translation);
  const sources = rustFiles(srcDir, lite).map((file) => readFileSync(file, "utf8"));
  const keys = new Set(usedKeys(english.map(([key]) => key), sources));
  const own = JSON.parse(readFileSync(join(srcDir, "i18n", "own.en.json"), "utf8"));
  const translation = merge(nest(english.filter(([key]) => keys.has(key))), own);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ translation }));
  // All of Logto's English beside it, for the tests that check that a key
  // the page builds at run time exists.
  writeFileSync(out.replace(/\.json$/, ".all.json"), JSON.stringify({ translation: experience.en.translation }));
}

async function simulator(outDir) {
  const experience = await load("@logto/phrases-experience");
  const phrases = await load("@logto/phrases");
  const english = experience.en.translation;
  const served = Object.fromEntries(
    Object.entries(experience).map(([tag, resource]) => [tag, { translation: merge(english, resource.translation) }]),
  );
  const errors = Object.fromEntries(
    Object.entries(phrases).map(([tag, resource]) => [tag, Object.fromEntries(leaves(resource.errors ?? {}))]),
  );
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "experience.json"), JSON.stringify(served));
  writeFileSync(join(outDir, "errors.json"), JSON.stringify(errors));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [what, out, src, variant] = process.argv.slice(2);
  if (what === "page" && out && src) await page(out, src, variant === "lite");
  else if (what === "simulator" && out) await simulator(out);
  else {
    console.error("usage: node tools/phrases.mjs page OUT.json SRC_DIR [lite] | simulator OUT_DIR");
    process.exit(2);
  }
}
