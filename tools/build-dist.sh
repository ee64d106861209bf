#!/usr/bin/env bash
# Builds dist/ with both delivery paths of the same app, each in two builds:
# the "lite" one (without the `full` feature: the sign-in routes, the first
# load) and the full one (every route), which takes over for the others
# (src/handover.rs):
#   1. the WebAssembly path: the lite build by trunk (index.html, CSS,
#      icons, wasm + glue), the full one in dist/wasm-full-<hash>/;
#   2. the JavaScript path, for pages whose CSP forbids compiling
#      WebAssembly: the same two compiled binaries run through wasm-bindgen,
#      wasm-opt and binaryen's wasm2js, into dist/js-<hash>/ (lite) and
#      dist/js-full-<hash>/.
# Both paths come from the same two compilations: one target directory, one
# toolchain, one set of flags, for the WebAssembly MVP feature set that
# wasm2js reads (no reference types nor multi-value), so the standard library
# and every dependency are compiled once.
# The loader in index.html (Trunk.toml's pattern_script) picks one at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

BIN=logto-experience
# trunk reads the target directory from cargo, which honours this.
export CARGO_TARGET_DIR=target/mvp
RAW="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$BIN.wasm"
STAGE=target/dist-stage

# The builds compile the standard library for size with the nightly
# toolchain: panics abort without formatting their message, and neither
# panic locations nor `Debug` output are kept (the page formats nothing with
# `{:?}`), and std's own size-optimised code paths. About 17 KB brotli less
# on the wasm path. trunk minifies the glue, CSS and HTML (about 3 KB). `erase_components`
# makes every Leptos component return a type-erased view, which spares
# the monomorphised copies of nested view types (about 6 KB brotli).
# tools/nightly-flags.sh spells these for the nightly on this machine.
eval "$(tools/nightly-flags.sh)"
BUILD_STD_FEATURES=${BUILD_STD_FEATURES:-optimize_for_size}
FLAGS="-Ctarget-cpu=mvp $SIZE_FLAGS"

# binaryen may assume what holds for every build here: Rust never touches
# the first KB of memory (the stack and data start far above), so constant
# offsets fold into loads and stores; and memory starts zeroed, a
# WebAssembly memory as a wasm2js ArrayBuffer, so zero data need not be
# written. -Os rather than -Oz for the wasm binaries: larger, but smaller
# once compressed; the JavaScript translations come out the same either way.
# index.html gives trunk the same for the lite wasm build.
WASM_OPT_ASSUME="--low-memory-unused --zero-filled-memory"

started=$SECONDS
echo "build-dist: lite WebAssembly build (trunk)"
RUSTUP_TOOLCHAIN=nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES="$BUILD_STD_FEATURES" RUSTFLAGS="$FLAGS" \
  trunk build --release --minify
rm -rf "$STAGE" && mkdir -p "$STAGE"
# The lite binary, before the full build overwrites it.
cp "$RAW" "$STAGE/lite.wasm"
rm -rf dist/wasm-full-* dist/js-* dist/unpack-*

# Logto core fills the SSR placeholder only with its double quotes, which
# trunk's HTML minifier turns into backticks; and it puts the custom CSS
# before the first </head>.
sed -i -E 's/[`'"'"'"]__LOGTO_SSR__[`'"'"'"]/"__LOGTO_SSR__"/' dist/index.html
[ "$(grep -o '"__LOGTO_SSR__"' dist/index.html | wc -l)" = 1 ] && [ "$(grep -o '</head>' dist/index.html | wc -l)" = 1 ] ||
  { echo "build-dist: dist/index.html needs Logto's SSR placeholder and </head>, once each" >&2; exit 1; }

# Short names between the binary and its glue, and no exports the glue
# never calls (tools/short-names.mjs); the file names stay trunk's.
for glue in dist/logto-experience-*.js; do
  node tools/short-names.mjs "${glue%.js}_bg.wasm" "$glue"
done

# trunk minifies HTML and CSS but not wasm-bindgen's glue: esbuild does
# (same file name; the loader imports it without an integrity hash).
for glue in dist/logto-experience-*.js; do
  esbuild "$glue" --minify --format=esm --log-level=warning --outfile="$glue.min"
  mv "$glue.min" "$glue"
done

# The loader fetches each binary packed (loader/unpack.js, tools/pack.py):
# Logto Cloud compresses every file on the fly at brotli quality 4, and a
# packed file reaches the browser as small whoever serves it. Nothing else
# uses the lite binary unpacked.
for binary in dist/logto-experience-*_bg.wasm; do
  python3 tools/pack.py "$binary" "$binary.lzma"
  rm "$binary"
done

echo "build-dist: full build (every route), $((SECONDS - started)) s so far"
# Only this crate is compiled again: same target directory, toolchain and flags.
RUSTUP_TOOLCHAIN=nightly RUSTFLAGS="$FLAGS" cargo build --release --locked --offline \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features="$BUILD_STD_FEATURES" \
  --bin "$BIN"
cp "$RAW" "$STAGE/full.wasm"

# A folder named by its content, so that its files can be cached for good;
# prints the name.
publish() {
  local dir=$1 prefix=$2 hash
  hash=$(find "$dir" -type f -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-16)
  cp -r "$dir" "dist/$prefix-$hash"
  echo "$prefix-$hash"
}

echo "build-dist: full WebAssembly build"
mkdir -p "$STAGE/wasm-full"
wasm-bindgen "$STAGE/full.wasm" --target web --no-typescript --out-dir "$STAGE/wasm-full" --out-name app
wasm-opt -Os $WASM_OPT_ASSUME "$STAGE/wasm-full/app_bg.wasm" -o "$STAGE/wasm-full/app_bg.opt.wasm"
mv "$STAGE/wasm-full/app_bg.opt.wasm" "$STAGE/wasm-full/app_bg.wasm"
node tools/short-names.mjs "$STAGE/wasm-full/app_bg.wasm" "$STAGE/wasm-full/app.js"
esbuild "$STAGE/wasm-full/app.js" --minify --format=esm --log-level=warning --outfile="$STAGE/wasm-full/app.min.js"
mv "$STAGE/wasm-full/app.min.js" "$STAGE/wasm-full/app.js"
# Packed for the loader; the custom element (embed/) loads it unpacked.
python3 tools/pack.py "$STAGE/wasm-full/app_bg.wasm" "$STAGE/wasm-full/app_bg.wasm.lzma"
WASM_FULL=$(publish "$STAGE/wasm-full" wasm-full)

# The JavaScript translation of a compiled binary ($1) into the folder $2.
javascript() {
  local raw=$1 out=$2
  mkdir -p "$out"
  wasm-bindgen "$raw" --target bundler --no-typescript --out-dir "$out" --out-name app
  wasm-opt -Oz $WASM_OPT_ASSUME "$out/app_bg.wasm" -o "$out/app_bg.opt.wasm"
  # The glue notices that memory grew when its cached views' buffer is
  # detached, which a WebAssembly.Memory does and wasm2js's plain ArrayBuffer
  # does not: it would keep writing strings into the old buffer. Compare the
  # buffers themselves instead.
  sed -i -E 's/(cached[A-Za-z0-9]+Memory0)\.byteLength === 0/\1.buffer !== wasm.memory.buffer/g' "$out/app_bg.js"
  # The DataView's check asks whether the old buffer is `detached`, which a
  # plain ArrayBuffer never is (browsers with that property then keep writing
  # returned strings' pointers into the old buffer): same fix.
  sed -i -E 's/(cached[A-Za-z0-9]+Memory0)\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/\1.buffer !== wasm.memory.buffer/g' "$out/app_bg.js"
  if grep -qE 'Memory0\.byteLength === 0|Memory0\.buffer\.detached' "$out/app_bg.js"; then
    echo "build-dist: a memory view check was not patched" >&2; exit 1
  fi
  node tools/short-names.mjs "$out/app_bg.opt.wasm" "$out/app_bg.js" "$out/app.js"
  # -Os: about 0.7 KB brotli smaller than -Oz here.
  wasm2js -Os "$out/app_bg.opt.wasm" -o "$out/app_bg.wasm.js"
  rm "$out/app_bg.wasm" "$out/app_bg.opt.wasm"
  # short-names renamed the import module to "a": the translation imports
  # it by that name, which must be the glue's file again.
  sed -i -E "1s#^import \* as ([A-Za-z0-9_\$]+) from 'a';#import * as \1 from './app_bg.js';#" "$out/app_bg.wasm.js"
  grep -q "^import \* as [A-Za-z0-9_\$]* from './app_bg.js';" "$out/app_bg.wasm.js" ||
    { echo "build-dist: unexpected wasm2js import line" >&2; exit 1; }
  # The bundler glue imports the module as "./app_bg.wasm"; point it at the
  # JavaScript translation instead, which browsers load as a plain ES module.
  sed -i 's#"\./app_bg\.wasm"#"./app_bg.wasm.js"#' "$out/app.js"
  grep -q '"./app_bg.wasm.js"' "$out/app.js" || { echo "build-dist: unexpected wasm-bindgen glue" >&2; exit 1; }
  # Its data segments as strings of bytes rather than base64 (about 5 KB
  # brotli less): see tools/wasm2js-data.mjs.
  node tools/wasm2js-data.mjs "$out/app_bg.wasm.js"
  # wasm2js writes readable JavaScript: minifying it takes it from about 3 MB
  # to 1 MB (less to parse) and its brotli size down by about a quarter.
  # UTF-8, so that those strings stay one character a byte (module scripts
  # are always read as UTF-8).
  for file in app_bg.wasm.js app_bg.js app.js; do
    esbuild "$out/$file" --minify --format=esm --charset=utf8 --log-level=warning --outfile="$out/$file.min"
    mv "$out/$file.min" "$out/$file"
  done
  # The loader runs the three modules as one classic script, packed
  # (loader/unpack.js): without import and export, it can run inline.
  esbuild "$out/app.js" --bundle --format=iife --minify --charset=utf8 --log-level=warning --outfile="$out.bundle.js"
  python3 tools/pack.py "$out.bundle.js" "$out/app.lzma"
  rm "$out.bundle.js"
}

echo "build-dist: JavaScript builds (wasm2js), lite and full"
javascript "$STAGE/lite.wasm" "$STAGE/js"
javascript "$STAGE/full.wasm" "$STAGE/js-full"
# The lite modules run only packed; the custom element loads the full ones.
rm "$STAGE/js/"*.js
JS_FULL=$(publish "$STAGE/js-full" js-full)
JS=$(publish "$STAGE/js" js)

# The unpacker, named by its content like the builds.
mkdir -p "$STAGE/unpack"
esbuild loader/unpack.js --minify --format=esm --log-level=warning --outfile="$STAGE/unpack/unpack.js"
UNPACK="unpack-$(sha256sum "$STAGE/unpack/unpack.js" | cut -c1-16).js"
cp "$STAGE/unpack/unpack.js" "dist/$UNPACK"

sed -i "s#__LOGTO_FULL_WASM__#/$WASM_FULL/app_bg.wasm.lzma#; s#__LOGTO_FULL_GLUE__#/$WASM_FULL/app.js#; s#__LOGTO_JS_BUILD__#/$JS/#; s#__LOGTO_JS_FULL__#/$JS_FULL/#; s#__LOGTO_UNPACK__#/$UNPACK#" dist/index.html
for marker in "/$WASM_FULL/app.js" "/$WASM_FULL/app_bg.wasm.lzma" "/$JS/app.lzma" "/$JS_FULL/app.lzma" "/$UNPACK"; do
  grep -qF "$marker" dist/index.html || { echo "build-dist: loader marker for $marker not found in dist/index.html" >&2; exit 1; }
done
if grep -o '__LOGTO_[A-Z_]*__' dist/index.html | grep -qv __LOGTO_SSR__; then
  echo "build-dist: loader markers left in dist/index.html" >&2; exit 1
fi

node tools/minify-loader.mjs dist/index.html

# The <logto-sign-in> custom element (embed/logto-sign-in.js), pointed at
# the full builds and the stylesheet.
CSS=$(cd dist && ls main-*.css | head -n1)
sed "s#__LOGTO_FULL_WASM__#/$WASM_FULL/app_bg.wasm#; s#__LOGTO_FULL_GLUE__#/$WASM_FULL/app.js#; s#__LOGTO_JS_BUILD__#/$JS_FULL/app.js#; s#__LOGTO_CSS__#/$CSS#" \
  embed/logto-sign-in.js > target/logto-sign-in.js
grep -q "__LOGTO_" target/logto-sign-in.js && { echo "build-dist: custom element markers left" >&2; exit 1; }
esbuild target/logto-sign-in.js --minify --format=esm --log-level=warning --outfile=dist/logto-sign-in.js

# Brotli and gzip variants beside every asset, which self-hosted Logto
# serves as they are (its koa-send); see tools/precompress.mjs.
node tools/precompress.mjs dist

echo "build-dist: dist/ ready in $((SECONDS - started)) s (wasm: $(cd dist && ls logto-experience-*_bg.wasm.lzma) and $WASM_FULL/, js: $JS/ and $JS_FULL/)"
