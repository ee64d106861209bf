#!/usr/bin/env bash
# Builds dist/ with both delivery paths of the same app:
#   1. the WebAssembly build, by trunk (index.html, CSS, icons, wasm + glue):
#      the "lite" one with the sign-in routes, the first load; then the full
#      one in dist/wasm-full-<hash>/, which takes over for the other routes;
#   2. the JavaScript build: the same crate compiled for the WebAssembly MVP
#      feature set, run through wasm-bindgen, wasm-opt and binaryen's wasm2js,
#      into dist/js-<hash>/, for pages whose CSP forbids compiling WebAssembly.
# The loader in index.html (Trunk.toml's pattern_script) picks one at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

BIN=logto-experience
STAGE=target/js-stage

# Both builds compile the standard library for size with the nightly
# toolchain: panics abort without formatting their message, and neither
# panic locations nor `Debug` output are kept (the page formats nothing with
# `{:?}`), and std's own size-optimised code paths. About 17 KB brotli less
# on the wasm path. trunk minifies the glue, CSS and HTML (about 3 KB). `erase_components`
# makes every Leptos component return a type-erased view, which spares
# the monomorphised copies of nested view types (about 6 KB brotli).
# tools/nightly-flags.sh spells these for the nightly on this machine.
eval "$(tools/nightly-flags.sh)"
BUILD_STD_FEATURES=${BUILD_STD_FEATURES:-optimize_for_size}

echo "build-dist: WebAssembly build (trunk)"
RUSTUP_TOOLCHAIN=nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES="$BUILD_STD_FEATURES" RUSTFLAGS="$SIZE_FLAGS" \
  trunk build --release --minify

# Logto core fills the SSR placeholder only with its double quotes, which
# trunk's HTML minifier turns into backticks; and it puts the custom CSS
# before the first </head>.
sed -i -E 's/[`'"'"'"]__LOGTO_SSR__[`'"'"'"]/"__LOGTO_SSR__"/' dist/index.html
[ "$(grep -o '"__LOGTO_SSR__"' dist/index.html | wc -l)" = 1 ] && [ "$(grep -o '</head>' dist/index.html | wc -l)" = 1 ] ||
  { echo "build-dist: dist/index.html needs Logto's SSR placeholder and </head>, once each" >&2; exit 1; }

# trunk minifies HTML and CSS but not wasm-bindgen's glue: esbuild does
# (same file name; the loader imports it without an integrity hash).
for glue in dist/logto-experience-*.js; do
  esbuild "$glue" --minify --format=esm --log-level=warning --outfile="$glue.min"
  mv "$glue.min" "$glue"
done

echo "build-dist: full WebAssembly build (every route; the lite one has the sign-in routes)"
# The same target directory, toolchain and flags as trunk's lite build, so
# that the standard library and every dependency compiled there are reused.
FULL_STAGE=target/wasm-full-stage
RUSTUP_TOOLCHAIN=nightly RUSTFLAGS="$SIZE_FLAGS" cargo build --release --locked --offline \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features="$BUILD_STD_FEATURES" \
  --bin "$BIN"
rm -rf "$FULL_STAGE" && mkdir -p "$FULL_STAGE"
wasm-bindgen "target/wasm32-unknown-unknown/release/$BIN.wasm" \
  --target web --no-typescript --out-dir "$FULL_STAGE" --out-name app
wasm-opt -Oz "$FULL_STAGE/app_bg.wasm" -o "$FULL_STAGE/app_bg.opt.wasm"
mv "$FULL_STAGE/app_bg.opt.wasm" "$FULL_STAGE/app_bg.wasm"
esbuild "$FULL_STAGE/app.js" --minify --format=esm --log-level=warning --outfile="$FULL_STAGE/app.min.js"
mv "$FULL_STAGE/app.min.js" "$FULL_STAGE/app.js"
FULL_HASH=$(cat "$FULL_STAGE"/* | sha256sum | cut -c1-16)
rm -rf dist/wasm-full-*
cp -r "$FULL_STAGE" "dist/wasm-full-$FULL_HASH"
sed -i "s#__LOGTO_FULL_WASM__#/wasm-full-$FULL_HASH/app_bg.wasm#; s#__LOGTO_FULL_GLUE__#/wasm-full-$FULL_HASH/app.js#" dist/index.html
grep -q "/wasm-full-$FULL_HASH/app.js" dist/index.html || { echo "build-dist: full build marker not found in dist/index.html" >&2; exit 1; }

echo "build-dist: JavaScript build (nightly, MVP target features, wasm2js)"
# A target dir of its own so that it does not evict the wasm build's cache.
RUSTFLAGS="-Ctarget-cpu=mvp $SIZE_FLAGS" cargo +nightly build --release --locked --offline \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features="$BUILD_STD_FEATURES" \
  --bin "$BIN" --target-dir target/mvp
rm -rf "$STAGE" && mkdir -p "$STAGE"
wasm-bindgen "target/mvp/wasm32-unknown-unknown/release/$BIN.wasm" \
  --target bundler --no-typescript --out-dir "$STAGE" --out-name app
wasm-opt -Oz "$STAGE/app_bg.wasm" -o "$STAGE/app_bg.opt.wasm"
wasm2js -Oz "$STAGE/app_bg.opt.wasm" -o "$STAGE/app_bg.wasm.js"
rm "$STAGE/app_bg.wasm" "$STAGE/app_bg.opt.wasm"
# The bundler glue imports the module as "./app_bg.wasm"; point it at the
# JavaScript translation instead, which browsers load as a plain ES module.
sed -i 's#"\./app_bg\.wasm"#"./app_bg.wasm.js"#' "$STAGE/app.js"
grep -q '"./app_bg.wasm.js"' "$STAGE/app.js" || { echo "build-dist: unexpected wasm-bindgen glue" >&2; exit 1; }
# The glue notices that memory grew when its cached views' buffer is
# detached, which a WebAssembly.Memory does and wasm2js's plain ArrayBuffer
# does not: it would keep writing strings into the old buffer. Compare the
# buffers themselves instead.
sed -i -E 's/(cached[A-Za-z0-9]+Memory0)\.byteLength === 0/\1.buffer !== wasm.memory.buffer/g' "$STAGE/app_bg.js"
# The DataView's check asks whether the old buffer is `detached`, which a
# plain ArrayBuffer never is (browsers with that property then keep writing
# returned strings' pointers into the old buffer): same fix.
sed -i -E 's/(cached[A-Za-z0-9]+Memory0)\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/\1.buffer !== wasm.memory.buffer/g' "$STAGE/app_bg.js"
if grep -qE 'Memory0\.byteLength === 0|Memory0\.buffer\.detached' "$STAGE/app_bg.js"; then
  echo "build-dist: a memory view check was not patched" >&2; exit 1
fi

# wasm2js writes readable JavaScript: minifying it takes it from about 3 MB
# to 1 MB (less to parse) and its brotli size down by about a quarter.
for file in app_bg.wasm.js app_bg.js; do
  esbuild "$STAGE/$file" --minify --format=esm --log-level=warning --outfile="$STAGE/$file.min"
  mv "$STAGE/$file.min" "$STAGE/$file"
done

# Content-addressed folder name, so the files can be cached for good.
HASH=$(find "$STAGE" -type f -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-16)
rm -rf dist/js-*
cp -r "$STAGE" "dist/js-$HASH"
sed -i "s#__LOGTO_JS_BUILD__#/js-$HASH/app.js#" dist/index.html
grep -q "/js-$HASH/app.js" dist/index.html || { echo "build-dist: loader marker not found in dist/index.html" >&2; exit 1; }

# The <logto-sign-in> custom element (embed/logto-sign-in.js), pointed at
# the full wasm build, the JavaScript build and the stylesheet.
CSS=$(cd dist && ls main-*.css | head -n1)
sed "s#__LOGTO_FULL_WASM__#/wasm-full-$FULL_HASH/app_bg.wasm#; s#__LOGTO_FULL_GLUE__#/wasm-full-$FULL_HASH/app.js#; s#__LOGTO_JS_BUILD__#/js-$HASH/app.js#; s#__LOGTO_CSS__#/$CSS#" \
  embed/logto-sign-in.js > target/logto-sign-in.js
grep -q "__LOGTO_" target/logto-sign-in.js && { echo "build-dist: custom element markers left" >&2; exit 1; }
esbuild target/logto-sign-in.js --minify --format=esm --log-level=warning --outfile=dist/logto-sign-in.js

# Brotli and gzip variants beside every asset, which self-hosted Logto
# serves as they are (its koa-send); see tools/precompress.mjs.
node tools/precompress.mjs dist

echo "build-dist: dist/ ready (wasm: $(ls dist/*.wasm | xargs -n1 basename), js: js-$HASH/)"
