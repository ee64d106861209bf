// Where a wasm binary's code bytes go, by function name, grouped by crate
// and by our own modules (what twiggy's `top` tells, with the groups this
// project asks about). Needs the name section, so not dist/'s binaries:
//
//   wasm-bindgen target/mvp/wasm32-unknown-unknown/release/logto-experience.wasm \
//     --target web --no-typescript --out-dir target/bytes --out-name app
//   wasm-opt -Oz -g target/bytes/app_bg.wasm -o target/bytes/opt.wasm   # -g keeps the names
//   node tools/bytes.mjs target/bytes/opt.wasm [how many of the largest functions]
//
// (tools/build-dist.sh leaves the lite binary in target/dist-stage/lite.wasm.)
// Names are demangled by `rustfilt` when it is on PATH (cargo install rustfilt).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const buf = readFileSync(process.argv[2]);
const TOP = Number(process.argv[3] ?? 40);
let p = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[p++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const name = () => {
  const length = leb();
  p += length;
  return buf.toString("utf8", p - length, p);
};

let imported = 0;
const bodies = [];
const names = new Map();
const sections = {};
while (p < buf.length) {
  const id = buf[p++];
  const size = leb();
  const end = p + size;
  let label = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data"][id] ?? id;
  if (id === 0) {
    label = `custom ${name()}`;
    if (label === "custom name") {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), name());
        p = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      name();
      name();
      const kind = buf[p++];
      if (kind === 0) {
        leb();
        imported += 1;
      } else if (kind === 1) {
        p += 1;
        if (buf[p++] & 1) leb();
        leb();
      } else if (kind === 2) {
        if (buf[p++] & 1) leb();
        leb();
      } else p += 2;
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const length = leb();
      bodies.push(length);
      p += length;
    }
  }
  sections[label] = (sections[label] ?? 0) + size;
  p = end;
}

let raw = bodies.map((_, i) => (names.get(i + imported) ?? `(function ${i + imported})`).replace(/\n/g, " "));
try {
  raw = execFileSync("rustfilt", [], { input: raw.join("\n"), maxBuffer: 1 << 28 }).toString().split("\n");
} catch {
  console.log("(rustfilt not found: names as stored)");
}
const clean = (n) => n.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
const OURS = [
  ["api::settings", "ours: settings decoding"],
  ["api::error", "ours: error decoding"],
  ["api::json", "ours: JSON readers (api::json)"],
  ["i18n|api::phrases", "ours: phrases and their formatting"],
  ["api::(experience|client|transport)", "ours: API client and types"],
  ["pages", "ours: pages"],
  ["components", "ours: components"],
  ["journeys?", "ours: journeys"],
  ["flow", "ours: flow"],
];
const group = (n) => {
  for (const [module, label] of OURS) if (new RegExp(`logto_experience::(${module})`).test(n)) return label;
  if (/logto_experience::/.test(n)) return `ours: ${n.match(/logto_experience::(\w+)/)[1]}`;
  if (/webauthn_rs_proto|base64urlsafedata|base64::/.test(n)) return "webauthn-rs-proto and base64";
  if (/serde_json/.test(n)) return "serde_json (its own code)";
  if (/serde/.test(n)) return "serde (its own code)";
  if (/core::fmt|alloc::fmt/.test(n)) return "std: formatting";
  if (/dlmalloc|__rust_(alloc|dealloc|realloc)/.test(n)) return "allocator";
  if (/tachys|leptos|reactive_graph|any_spawner|oco_ref|throw_error|either_of|or_poisoned|slotmap|send_wrapper|next_tuple/.test(n)) return "Leptos";
  if (/web_sys|js_sys|wasm_bindgen|__wbg|__wbindgen|gloo|intounderlying/.test(n)) return "wasm-bindgen, web-sys, js-sys glue";
  if (/hashbrown|indexmap|rustc_hash/.test(n)) return "hash maps";
  if (/futures|event_listener|async_lock/.test(n)) return "futures";
  if (/^<?\[?(core|alloc|std|compiler_builtins)|^<?(str|u8|usize|char|f64|\[)/.test(n)) return "std: other";
  return "other";
};
const rows = bodies.map((size, i) => ({ size, name: clean(raw[i] ?? "") }));
const code = rows.reduce((total, row) => total + row.size, 0);
console.log(`${process.argv[2]}: ${buf.length} bytes; ${rows.length} functions, ${code} bytes of code`);
for (const [label, size] of Object.entries(sections)) console.log(`  section ${label}: ${size}`);
const groups = {};
for (const row of rows) groups[group(row.name)] = (groups[group(row.name)] ?? 0) + row.size;
console.log("\ncode bytes by group:");
for (const [label, size] of Object.entries(groups).sort((a, b) => b[1] - a[1])) {
  console.log(`${String(size).padStart(8)} ${((100 * size) / code).toFixed(1).padStart(5)} %  ${label}`);
}
console.log(`\nthe ${TOP} largest functions:`);
for (const row of rows.sort((a, b) => b.size - a.size).slice(0, TOP)) console.log(`${String(row.size).padStart(8)}  ${row.name.slice(0, 160)}`);
