// The size report: bytes of the first load of /sign-in on each delivery
// path, raw, gzip -9 and brotli -q 11, read from dist/. A benchmark that
// prints figures; it asserts nothing.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
const linked = (pattern) => [...html.matchAll(pattern)].map((m) => m[1].replace(/^\//, ""));

const css = linked(/<link[^>]+href="?([^" >]+\.css)"?/g);
// The wasm path's first load is the lite build; the full one (every route)
// comes when the person leaves the sign-in routes, or for deep links.
const isFull = (file) => file.startsWith("wasm-full-");
const glues = linked(/import\("(\/[^"]+\.js)"\)/g).filter((f) => !f.startsWith("js-"));
const binaries = linked(/fetch\("(\/[^"]+\.wasm)"\)/g);
const wasmGlue = glues.filter((f) => !isFull(f));
const wasmBinary = binaries.filter((f) => !isFull(f));
const fullBuild = [...glues, ...binaries].filter(isFull);
const jsEntry = linked(/import\("(\/js-[0-9a-f]+\/app\.js)"\)/g);
if (wasmGlue.length !== 1 || wasmBinary.length !== 1 || fullBuild.length !== 2 || jsEntry.length !== 1) {
  console.error("size: could not find both builds in dist/index.html; run make dist");
  process.exit(1);
}
const jsFolder = jsEntry[0].split("/")[0];
const walk = (dir) =>
  readdirSync(join(dist, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(dist, path)).isDirectory() ? walk(path) : [path];
  });

const measure = (file) => {
  const bytes = file === "index.html" ? Buffer.from(html) : readFileSync(join(dist, file));
  return {
    file,
    kind: file === "index.html" ? "html" : extname(file).slice(1),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
};

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const report = (name, files, what = "first load of /sign-in") => {
  const rows = files.map(measure);
  console.log(`\n${name}: ${what}`);
  console.log(`${"file".padEnd(48)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"br KB".padStart(8)}`);
  for (const r of rows) console.log(`${r.file.padEnd(48)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  const byKind = {};
  for (const r of rows) {
    const k = (byKind[r.kind] ??= { raw: 0, gzip: 0, brotli: 0 });
    k.raw += r.raw; k.gzip += r.gzip; k.brotli += r.brotli;
  }
  for (const [kind, t] of Object.entries(byKind)) console.log(`${("  all " + kind).padEnd(48)} ${kb(t.raw)} ${kb(t.gzip)} ${kb(t.brotli)}`);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log(`${"TOTAL".padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  return total;
};

const wasm = report("wasm path", ["index.html", ...css, wasmGlue[0], wasmBinary[0]]);
const full = report("wasm path, full build", fullBuild, "loaded when leaving the sign-in routes, or first for other routes");
const js = report("js path (wasm2js, for Logto's production CSP)", ["index.html", ...css, ...walk(jsFolder)]);
const budget = 200 * 1024;
console.log(`\nbudget, wasm path: ${(wasm.brotli / 1024).toFixed(1)} KB of 200 KB brotli (${wasm.brotli <= budget ? "within" : "OVER"})`);
console.log(`wasm path, full build: ${(full.brotli / 1024).toFixed(1)} KB brotli more, after sign-in routes`);
console.log(`js path: ${(js.brotli / 1024).toFixed(1)} KB brotli (Logto's own page: about 400 KB)`);
