// Unpacks the builds the loader in Trunk.toml fetches: each is one file of
// LZMA ("lzma-alone": a 13-byte header, then the range-coded stream) that
// tools/pack.py wrote.
//
// Why: Logto Cloud compresses every uploaded file on the fly at brotli
// quality 4, which leaves the JavaScript build about a third larger than
// brotli at quality 11 does; LZMA at its best setting is as small as brotli
// 11 on the JavaScript build and smaller on the wasm binary, and a file
// that is already packed reaches the browser as it is, whoever serves it.
// Browsers decompress gzip and deflate themselves (DecompressionStream),
// neither of them as small; this decoder is 1.4 KB once compressed.
//
// The JavaScript build runs as an inline script, which Logto's CSP allows
// ('unsafe-inline'), as it allows the loader itself; eval would not be.

// One array of probabilities (11 bits, starting at one half) for every
// model; the offsets of the models in it:
const IS_MATCH = 0; // [state][posState]: 12 * 16
const IS_REP = 192; // [state]
const IS_REP_G0 = 204;
const IS_REP_G1 = 216;
const IS_REP_G2 = 228;
const IS_REP0_LONG = 240; // [state][posState]
const POS_SLOT = 432; // [lenState]: 4 * 64, a 6-bit tree each
const SPEC_POS = 688; // distances 4 to 127: 115
const ALIGN = 803; // the 4 lowest bits of larger distances: 16
const LEN = 819; // the match length coder: 514
const REP_LEN = 1333; // the repeated match's: 514
const LITERAL = 1847; // 0x300 per literal context
// In a length coder: its two choices, then 16 low and 16 middle 3-bit
// trees, one per posState, then the high 8-bit tree.
const LOW = 2;
const MID = 130;
const HIGH = 258;

// The most input one symbol can take: a byte per coded bit at most, and a
// match codes 48 bits at most. Decoding stops this far before the end of
// what has arrived, until the last byte has.
const MARGIN = 64;

/**
 * A decoder fed as the packed file arrives (`push`), so that unpacking
 * overlaps the download; `end` returns the bytes once the last chunk is in.
 * Throws on a damaged file. `expected`, the packed size if known, sizes
 * its input buffer once.
 */
export function unpacker(expected = 0) {
  let packed = new Uint8Array(expected || 1 << 16);
  let available = 0;
  let decode;
  const push = (chunk) => {
    if (available + chunk.length > packed.length) {
      const grown = new Uint8Array(Math.max(packed.length * 2, available + chunk.length));
      grown.set(packed.subarray(0, available));
      packed = grown;
    }
    packed.set(chunk, available);
    available += chunk.length;
    // The header and the range decoder's first bytes.
    if (!decode && available >= 18) decode = decoder(() => packed);
    decode?.(available, false);
  };
  const end = () => {
    if (!decode) throw new Error("unpack: damaged stream");
    return decode(available, true);
  };
  return { push, end };
}

/** The bytes `packed` (an lzma-alone file) holds. Throws on a damaged file. */
export function unpack(packed) {
  const { push, end } = unpacker(packed.length);
  push(packed);
  return end();
}

/** Reads `response`'s body, unpacking it as it arrives. */
export async function unpackResponse(response) {
  const { push, end } = unpacker(Number(response.headers.get("content-length")) || 0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return end();
    push(value);
  }
}

// The decoder of the stream in `input()` (whose buffer may be replaced as
// it grows): called with how much has arrived, it decodes what it safely
// can; on the last call, everything, and returns the bytes.
function decoder(input) {
  let packed = input();
  const props = packed[0];
  if (props >= 225) throw new Error("unpack: bad header");
  const lc = props % 9;
  const lp = ((props / 9) | 0) % 5;
  const pb = (props / 45) | 0;
  // The unpacked size, 8 bytes little-endian: known, as tools/pack.py writes it.
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + packed[i];
  if (size > 2 ** 31) throw new Error("unpack: size unknown or too large");
  const out = new Uint8Array(size);
  const probs = new Uint16Array(LITERAL + (0x300 << (lc + lp))).fill(1024);

  // The range decoder: range and code, unsigned 32-bit numbers, kept in a
  // typed array so that updating them never allocates.
  let inPos = 14; // the header, then the stream's first byte (always 0)
  const rc = new Uint32Array([0xffffffff, 0]);
  for (let i = 0; i < 4; i++) rc[1] = rc[1] * 256 + (packed[inPos++] ?? 0);
  const bit = (i) => {
    const p = probs[i];
    const bound = (rc[0] >>> 11) * p;
    let b = 0;
    if (rc[1] < bound) {
      rc[0] = bound;
      probs[i] = p + ((2048 - p) >> 5);
    } else {
      rc[0] -= bound;
      rc[1] -= bound;
      probs[i] = p - (p >> 5);
      b = 1;
    }
    if (rc[0] < 0x1000000) {
      rc[0] *= 256;
      rc[1] = rc[1] * 256 + packed[inPos++];
    }
    return b;
  };
  const tree = (base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | bit(base + m);
    return m - (1 << bits);
  };
  const reverse = (base, bits) => {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(base + m);
      m = (m << 1) | b;
      symbol |= b << i;
    }
    return symbol;
  };
  const direct = (bits) => {
    let result = 0;
    for (let i = 0; i < bits; i++) {
      rc[0] >>>= 1;
      let b = 0;
      if (rc[1] >= rc[0]) {
        rc[1] -= rc[0];
        b = 1;
      }
      result = ((result << 1) | b) >>> 0;
      if (rc[0] < 0x1000000) {
        rc[0] *= 256;
        rc[1] = rc[1] * 256 + packed[inPos++];
      }
    }
    return result;
  };
  const length = (base, posState) => {
    if (!bit(base)) return tree(base + LOW + (posState << 3), 3);
    if (!bit(base + 1)) return 8 + tree(base + MID + (posState << 3), 3);
    return 16 + tree(base + HIGH, 8);
  };

  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  // Where decoding stopped, kept between calls.
  let pos = 0;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let ended = false;
  return (available, last) => {
    packed = input();
    const stop = last ? Infinity : available - MARGIN;
    while (!ended && pos < size && inPos <= stop) {
      const posState = pos & pbMask;
      if (!bit(IS_MATCH + (state << 4) + posState)) {
        const prev = pos ? out[pos - 1] : 0;
        const base = LITERAL + 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc)));
        let symbol = 1;
        if (state >= 7) {
          // After a match, the byte at the match's distance predicts this one
          // until they differ.
          let match = out[pos - rep0 - 1];
          while (symbol < 0x100) {
            const matchBit = (match >> 7) & 1;
            match <<= 1;
            const b = bit(base + ((1 + matchBit) << 8) + symbol);
            symbol = (symbol << 1) | b;
            if (b !== matchBit) break;
          }
        }
        while (symbol < 0x100) symbol = (symbol << 1) | bit(base + symbol);
        out[pos++] = symbol;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len;
      if (bit(IS_REP + state)) {
        if (!pos) throw new Error("unpack: damaged stream");
        if (!bit(IS_REP_G0 + state)) {
          if (!bit(IS_REP0_LONG + (state << 4) + posState)) {
            // One byte again, at the last distance.
            state = state < 7 ? 9 : 11;
            out[pos] = out[pos - rep0 - 1];
            pos++;
            continue;
          }
        } else {
          let distance;
          if (!bit(IS_REP_G1 + state)) {
            distance = rep1;
          } else {
            if (!bit(IS_REP_G2 + state)) {
              distance = rep2;
            } else {
              distance = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = distance;
        }
        len = length(REP_LEN, posState);
        state = state < 7 ? 8 : 11;
      } else {
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        len = length(LEN, posState);
        state = state < 7 ? 7 : 10;
        const slot = tree(POS_SLOT + ((len < 3 ? len : 3) << 6), 6);
        if (slot < 4) {
          rep0 = slot;
        } else {
          const bits = (slot >> 1) - 1;
          rep0 = ((2 | (slot & 1)) << bits) >>> 0;
          if (slot < 14) {
            rep0 += reverse(SPEC_POS + rep0 - slot, bits);
          } else {
            rep0 = (rep0 + direct(bits - 4) * 16 + reverse(ALIGN, 4)) >>> 0;
            // The end marker; the size is known, so the stream ends here too.
            if (rep0 === 0xffffffff) {
              ended = true;
              break;
            }
          }
        }
      }
      if (rep0 >= pos) throw new Error("unpack: damaged stream");
      len += 2;
      if (pos + len > size) throw new Error("unpack: damaged stream");
      // Byte by byte: the source may overlap what is being written.
      for (let from = pos - rep0 - 1; len > 0; len--) out[pos++] = out[from++];
    }
    if (!last) return undefined;
    // Read past its end: truncated.
    if (pos !== size || inPos > available) throw new Error("unpack: damaged stream");
    return out;
  };
}

/**
 * Runs an unpacked JavaScript build (tools/pack.py's bundle: one classic
 * script). Its errors, the app's start included, reject like a failed
 * module import does.
 */
export function run(bytes) {
  const source = new TextDecoder().decode(bytes);
  const script = document.createElement("script");
  // Defined by the script, called here so that a throw reaches the caller.
  script.text = `window.__logtoRun=function(){"use strict";${source}\n}`;
  document.head.append(script);
  script.remove();
  const start = window.__logtoRun;
  delete window.__logtoRun;
  if (!start) throw new Error("unpack: the build did not load");
  start();
}
