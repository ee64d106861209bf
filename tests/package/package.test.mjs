// Checks the real upload zip against Logto Cloud's "Bring your UI" limits:
// index.html at the root, at most 200 files, no file over 10 MB, at most
// 20 MB in all; plus what Logto's server needs to serve it: root-absolute
// asset paths and a dot in every file name.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { test } from "node:test";
import { ROOT } from "../e2e/harness.mjs";

const MB = 1024 * 1024;
const zipPath = execFileSync(join(ROOT, "tools", "package.sh"), { encoding: "utf8" }).trim().split("\n").pop();

/** Reads a zip's central directory: name, sizes and a reader per entry. */
function readZip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "end of central directory found");
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(offset), 0x02014b50, "central directory entry");
    const method = buffer.readUInt16LE(offset + 10);
    const compressed = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString("utf8", offset + 46, offset + 46 + nameLength);
    const read = () => {
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + compressed);
      return method === 8 ? inflateRawSync(data) : data;
    };
    entries.push({ name, size, read });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

test("the upload zip fits Logto Cloud's limits", () => {
  assert.ok(statSync(zipPath).size <= 20 * MB, "zip at most 20 MB");
  const entries = readZip(readFileSync(zipPath));
  assert.ok(entries.length <= 200, `at most 200 files, got ${entries.length}`);
  for (const entry of entries) {
    assert.ok(entry.size <= 10 * MB, `${entry.name} is at most 10 MB`);
    assert.ok(entry.name.split("/").pop().includes("."), `${entry.name} has a dot, so Logto serves it as a file`);
    // Cloud never serves precompressed variants: they would only use up entries.
    assert.ok(!/\.(br|gz)$/.test(entry.name), `${entry.name} is not a precompressed variant`);
  }
  const index = entries.find((entry) => entry.name === "index.html");
  assert.ok(index, "index.html at the root");

  // Deep links like /sign-in/password get the same index.html, so every
  // asset reference must be root-absolute, and must exist in the zip.
  const html = index.read().toString("utf8");
  const names = new Set(entries.map((entry) => entry.name));
  // Attributes outside the scripts (the minified loader assigns `href`s).
  const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/g, "$1$2");
  const references = [
    // Quoted or not: the page is minified.
    ...markup.matchAll(/(?:href|src)=(?:"([^"]+)"|([^\s">]+))/g),
    // The loader's files, in its strings.
    ...html.matchAll(/["'`](\/[^"'`\s]+\.(?:js|lzma))["'`]/g),
  ].map((m) => m[1] ?? m[2]);
  assert.ok(references.length >= 4, `asset references found: ${references}`);
  for (const reference of references) {
    assert.ok(reference.startsWith("/"), `${reference} is root-absolute`);
    assert.ok(names.has(reference.slice(1)), `${reference} is in the zip`);
  }
});
