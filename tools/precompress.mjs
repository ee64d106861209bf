// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) next to
// every js, wasm, css and svg file of dist/, and every html file but the
// root index.html, which core reads as text and fills on every request.
// Self-hosted Logto serves these through koa-send when the browser accepts
// the encoding, as it does for its own experience build; otherwise it
// compresses on the fly at brotli quality 4. A file that does not get
// smaller gets no variant (koa-send would still prefer it).
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const KINDS = new Set([".js", ".mjs", ".wasm", ".css", ".svg", ".html", ".json"]);

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

let files = 0;
let raw = 0;
let brotli = 0;
// Variants of an earlier run go first: they are rewritten, never compressed again.
const isVariant = (path) => path.endsWith(".br") || path.endsWith(".gz");
for (const path of walk(dist).filter(isVariant)) rmSync(path);
for (const path of walk(dist)) {
  if (!KINDS.has(extname(path)) || relative(dist, path) === "index.html") continue;
  const bytes = readFileSync(path);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]:
        extname(path) === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = gzipSync(bytes, { level: 9 });
  if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
  if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
  files += 1;
  raw += bytes.length;
  brotli += Math.min(br.length, bytes.length);
}
console.log(
  `precompress: ${files} files, ${(raw / 1024).toFixed(0)} KB -> ${(brotli / 1024).toFixed(0)} KB brotli (.br and .gz beside each)`,
);
