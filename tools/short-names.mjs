// Shortens the names a wasm-bindgen build passes between its binary and its
// JavaScript glue, and drops the exports the glue never calls.
//
//   node tools/short-names.mjs <binary.wasm> <glue.js>...
//
// Rewrites the binary and the glue files in place (before minification).
// Why: wasm-bindgen names every import after the browser method it wraps
// plus a 16-hex-digit hash (`__wbg_location_7320782274fc691b`), and every
// closure shim after its full Rust signature (hundreds of characters). Each
// name is written twice, in the binary and in the glue, and the hashes do
// not compress. The exports left out are leptos' server-function stream
// classes (from `wasm-streams`, which leptos always links and this app never
// constructs) and the linker's `main`: their code goes with them. In all,
// about 5 KB brotli less on each delivery path's first load.
//
// binaryen does the work on the binary: wasm-metadce removes the exports,
// then wasm-opt's minify pass renames imports, exports and the import
// module, printing the mapping that is applied to the glue here. Every
// rename is checked: no long name may be left in the glue.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";

const [binary, ...glues] = process.argv.slice(2);
if (!binary || glues.length === 0) {
  console.error("usage: node tools/short-names.mjs <binary.wasm> <glue.js>...");
  process.exit(2);
}
const fail = (message) => {
  console.error(`short-names: ${message}`);
  process.exit(1);
};

const module = new WebAssembly.Module(readFileSync(binary));
const imports = WebAssembly.Module.imports(module);
const exports = WebAssembly.Module.exports(module).map((e) => e.name);
const modules = [...new Set(imports.map((i) => i.module))];
if (modules.length !== 1) fail(`expected one import module, found ${modules.join(", ")}`);
const [importModule] = modules;

let sources = glues.map((file) => readFileSync(file, "utf8"));
const all = sources.join("\n");
// The exports the glue calls (`wasm.name`), but the never-constructed
// stream classes' methods, which their glue classes name.
const streams = /^(__wbg_)?intounderlying/;
const called = new Set([...all.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)].map((m) => m[1]));
const kept = exports.filter((name) => called.has(name) && !streams.test(name));
if (!kept.includes("__wbindgen_start") && !kept.includes("memory"))
  fail("the glue calls neither __wbindgen_start nor memory: not a wasm-bindgen glue?");

const graph = `${binary}.graph.json`;
const trimmed = `${binary}.trimmed.wasm`;
const short = `${binary}.short.wasm`;
writeFileSync(
  graph,
  JSON.stringify([
    { name: "glue", root: true, reaches: kept.map((_, i) => `e${i}`) },
    ...kept.map((name, i) => ({ name: `e${i}`, export: name })),
  ]),
);
// wasm-metadce prints the graph's unused nodes: none of ours can be.
execFileSync("wasm-metadce", [binary, "--graph-file", graph, "-o", trimmed, "--enable-mutable-globals"], {
  stdio: ["ignore", "ignore", "inherit"],
});
const mapping = JSON.parse(
  execFileSync("wasm-opt", [trimmed, "--minify-imports-and-exports-and-modules", "-o", short], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }),
);
const shortModule = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(short)))[0]?.module;

const importRenames = new Map(mapping.imports.map(([, name, to]) => [name, to]));
const exportRenames = new Map(mapping.exports);
const escape = (name) => name.replace(/\$/g, "\\$");
const whole = (names) =>
  new RegExp(`(?<![A-Za-z0-9_$])(${[...names].sort((a, b) => b.length - a.length).map(escape).join("|")})(?![A-Za-z0-9_$])`, "g");
// A short import name must not be a top-level name of the glue already.
for (const to of importRenames.values()) {
  const declared = new RegExp(`^(export )?(async )?(function|let|const|var|class) ${escape(to)}(?![A-Za-z0-9_$])`, "m");
  if (sources.some((s) => declared.test(s))) fail(`the short name ${to} is already a name of the glue`);
}
const importWord = whole(importRenames.keys());
sources = sources.map((source) =>
  source
    // The stream classes' glue goes with their exports.
    .replace(
      /^export class (IntoUnderlying\w+) \{.*?^if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gms,
      "",
    )
    .replace(/^const IntoUnderlying\w+Finalization = .*?;\n/gms, "")
    // The bundler target's entry re-exports them.
    .replace(/^export \{([^}]*)\} from ("[^"]+");\n?/gm, (_, names, from) => {
      const rest = names.split(",").map((n) => n.trim()).filter((n) => n && !n.startsWith("IntoUnderlying"));
      return rest.length ? `export { ${rest.join(", ")} } from ${from};\n` : "";
    })
    // The import object's module key (the web target's glue; the bundler
    // target's `import ... from` stays, its translation is pointed back).
    .replaceAll(`${JSON.stringify(importModule)}:`, `${JSON.stringify(shortModule)}:`)
    // Imports are the glue's functions (`name: function`, `export function
    // name`): every mention is the import. Exports are only read as
    // `wasm.name`; the glue's own exports keep their names.
    .replace(importWord, (name) => importRenames.get(name))
    .replace(/\bwasm\.([A-Za-z0-9_$]+)/g, (all, name) => (exportRenames.has(name) ? `wasm.${exportRenames.get(name)}` : all)),
);
if (sources.some((s) => s.includes("IntoUnderlying"))) fail("the stream classes' glue was not removed");
for (const [name] of importRenames) {
  if (sources.some((s) => whole([name]).test(s))) fail(`the import ${name} is still in the glue`);
}
const shortExports = new Set(exportRenames.values());
for (const [, name] of sources.flatMap((s) => [...s.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)])) {
  if (!shortExports.has(name)) fail(`the glue calls wasm.${name}, which is not an export`);
}
glues.forEach((file, i) => writeFileSync(file, sources[i]));
writeFileSync(binary, readFileSync(short));
for (const file of [graph, trimmed, short]) rmSync(file);
console.log(
  `short-names: ${binary}: ${exports.length - kept.length} exports dropped, ${importRenames.size + exportRenames.size} names shortened, module ${JSON.stringify(importModule)} is ${JSON.stringify(shortModule)}`,
);
