// Rewrites the memory initialisation of a wasm2js translation: wasm2js
// writes each data segment as a base64 string, which compresses badly
// (brotli sees 6-bit groups astride the bytes); this writes each as a
// string of the bytes themselves (one character per byte, U+0000 to
// U+00FF, escaped only where a string literal needs it), which the page's
// brotli then compresses like the data it is.
//   node tools/wasm2js-data.mjs app_bg.wasm.js   (in place, before minifying)
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const source = readFileSync(file, "utf8");
const DECODE = "base64DecodeToExistingUint8Array";
const call = new RegExp(`${DECODE}\\((\\w+), (\\d+), "([A-Za-z0-9+/=]*)"\\)`, "g");
const escape = (byte) =>
  byte === 0x22 ? '\\"' : byte === 0x5c ? "\\\\" : byte === 0x0a ? "\\n" : byte === 0x0d ? "\\r" : String.fromCharCode(byte);
let segments = 0;
let out = source.replace(call, (_, view, offset, base64) => {
  segments += 1;
  const bytes = Buffer.from(base64, "base64");
  return `bytesToExistingUint8Array(${view}, ${offset}, "${Array.from(bytes, escape).join("")}")`;
});
if (segments === 0) {
  console.error(`wasm2js-data: no ${DECODE} call in ${file}: has wasm2js's output changed?`);
  process.exit(1);
}
// The decoder, beside wasm2js's own (which minification then drops if unused).
const helper = `function ${DECODE}(`;
if (!out.includes(helper)) {
  console.error(`wasm2js-data: no ${DECODE} function in ${file}`);
  process.exit(1);
}
out = out.replace(
  helper,
  "function bytesToExistingUint8Array(uint8Array, offset, bytes) {\n" +
    "  for (var i = 0; i < bytes.length; i++) uint8Array[offset + i] = bytes.charCodeAt(i);\n" +
    "}\n" +
    helper,
);
writeFileSync(file, out);
