// trunk minifies index.html but leaves its module scripts (the loader from
// Trunk.toml) as written: esbuild minifies them in place. index.html is
// filled and compressed per request by Logto, so its bytes are the first
// load's on every path.
//
//   node tools/minify-loader.mjs dist/index.html
import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";

const file = process.argv[2] ?? "dist/index.html";
const html = readFileSync(file, "utf8");
let count = 0;
const out = html.replace(/(<script type=module>)([\s\S]*?)(<\/script>)/g, (_, open, code, close) => {
  count += 1;
  const { code: minified } = transformSync(code, { minify: true, format: "esm", charset: "utf8" });
  return open + minified.trimEnd() + close;
});
if (count === 0) {
  console.error(`minify-loader: no module script in ${file}`);
  process.exit(1);
}
writeFileSync(file, out);
