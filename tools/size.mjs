// The size report: bytes of the first load of /sign-in on each delivery
// path, read from dist/, as two Logtos send them:
// - self-hosted, dist/ swapped in: core's koa-send serves the .br files
//   tools/precompress.mjs wrote (brotli quality 11), and compresses
//   index.html (filled per request) on the fly at brotli quality 4;
// - Logto Cloud ("Bring your UI"): every file compressed on the fly at
//   brotli quality 4 (koa-compress), precompressed files unused.
// The builds themselves are packed (tools/pack.py): both send them as
// they are.
// Against the budgets: 150 KB for the wasm path, 200 KB for the JavaScript
// path. A benchmark that prints figures; it asserts nothing.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import { Readable } from "node:stream";
import { brotliCompressSync, createBrotliCompress, gzipSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
const linked = (pattern) => [...html.matchAll(pattern)].map((m) => m[1].replace(/^\//, ""));

const css = linked(/<link[^>]+href="?([^" >]+\.css)"?/g);
// The loader's files: the unpacker, each build's packed file (a wasm
// build's glue beside it). The full builds come when the person leaves the
// sign-in routes, or first for deep links.
const files = linked(/["'`](\/[^"'`\s]+\.(?:js|lzma))["'`]/g);
const only = (pattern) => {
  const found = files.filter((file) => pattern.test(file));
  if (found.length !== 1) {
    console.error(`size: no single ${pattern} in dist/index.html's loader; run make dist`);
    process.exit(1);
  }
  return found[0];
};
const unpacker = only(/^unpack-[0-9a-f]+\.js$/);
const wasmLite = [only(/^logto-experience-[0-9a-f]+\.js$/), only(/^logto-experience-[0-9a-f]+_bg\.wasm\.lzma$/)];
const wasmFull = [only(/^wasm-full-[0-9a-f]+\/app\.js$/), only(/^wasm-full-[0-9a-f]+\/app_bg\.wasm\.lzma$/)];
const jsLite = only(/^js-[0-9a-f]+\/app\.lzma$/);
const jsFull = only(/^js-full-[0-9a-f]+\/app\.lzma$/);
const brotli = (bytes, quality) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;

// koa-compress streams a file through the encoder, which never learns its
// size: brotli then picks the hasher for small inputs even for a 1 MB file
// (a one-shot compression, knowing the size, does better above 1 MiB).
const streamedQ4 = (bytes) =>
  new Promise((resolve, reject) => {
    let size = 0;
    Readable.from([bytes.subarray(0, 65536), bytes.subarray(65536)].filter((b) => b.length), { objectMode: false })
      .pipe(createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }))
      .on("data", (chunk) => (size += chunk.length))
      .on("end", () => resolve(size))
      .on("error", reject);
  });

let missingVariants = 0;
const measure = async (file) => {
  const bytes = file === "index.html" ? Buffer.from(html) : readFileSync(join(dist, file));
  // A packed build is sent as it is: its type (application/octet-stream)
  // is not one koa-compress compresses, nor would brotli shrink it.
  const packed = file.endsWith(".lzma");
  const onTheFly = packed ? bytes.length : await streamedQ4(bytes);
  // What koa-send would send: the .br file beside it, if there is one.
  let precompressed = onTheFly;
  if (file !== "index.html") {
    const variant = join(dist, `${file}.br`);
    if (existsSync(variant)) precompressed = statSync(variant).size;
    // tools/precompress.mjs writes none for a file brotli does not shrink.
    else if (!packed && brotli(bytes, 11) < bytes.length) missingVariants += 1;
  }
  return {
    file,
    kind: file === "index.html" ? "html" : extname(file).slice(1),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    br11: brotli(bytes, 11),
    precompressed,
    onTheFly,
  };
};

const COLUMNS = ["raw", "gzip", "br11", "precompressed", "onTheFly"];
const kb = (n) => (n / 1024).toFixed(1).padStart(9);
const report = async (name, files, what = "first load of /sign-in") => {
  const rows = await Promise.all(files.map(measure));
  const line = (label, r) => console.log(`${label.padEnd(44)}${COLUMNS.map((c) => kb(r[c])).join(" ")}`);
  console.log(`\n${name}: ${what}`);
  console.log(`${"KB".padEnd(44)}${["raw", "gzip -9", "br q11", "served pre", "br q4"].map((h) => h.padStart(9)).join(" ")}`);
  for (const r of rows) line(r.file, r);
  const sum = (list) => Object.fromEntries(COLUMNS.map((c) => [c, list.reduce((t, r) => t + r[c], 0)]));
  const kinds = [...new Set(rows.map((r) => r.kind))];
  for (const kind of kinds) line(`  all ${kind}`, sum(rows.filter((r) => r.kind === kind)));
  const total = sum(rows);
  line("TOTAL", total);
  return total;
};

const wasm = await report("wasm path", ["index.html", ...css, unpacker, ...wasmLite]);
const full = await report("wasm path, full build", wasmFull, "loaded when leaving the sign-in routes, or first for other routes");
const js = await report("js path (wasm2js, for Logto's production CSP)", ["index.html", ...css, unpacker, jsLite]);
const jsFullTotal = await report("js path, full build", [jsFull], "loaded when leaving the sign-in routes, or first for other routes");
console.log(
  "\nserved pre: as self-hosted Logto serves dist/ (the .br files, index.html at brotli q4);" +
    "\nbr q4: as Logto Cloud serves the uploaded zip (compressed on the fly, the packed builds as they are)." +
    "\nindex.html as built: core's SSR data in it replaces the two well-known answers, counted by neither.",
);
if (missingVariants) console.log(`(${missingVariants} files have no .br beside them: run make dist)`);
const KB = 1024;
const verdict = (bytes, budget) => `${(bytes / KB).toFixed(1)} KB (${bytes <= budget * KB ? "ok" : "OVER"})`;
for (const [name, total, budget] of [
  ["wasm path", wasm, 150],
  ["js path  ", js, 200],
]) {
  console.log(
    `budget, ${name}: ${budget} KB; precompressed ${verdict(total.precompressed, budget)}, ` +
      `on the fly at q4 ${verdict(total.onTheFly, budget)}`,
  );
}
for (const [name, total] of [
  ["wasm path", full],
  ["js path  ", jsFullTotal],
]) {
  console.log(`${name}, full build: ${(total.precompressed / KB).toFixed(1)} KB more (precompressed), after the sign-in routes`);
}
console.log(`Logto's own page: about 424 KB on the wire (first load of /sign-in, Logto 1.42)`);
