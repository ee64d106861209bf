// <logto-sign-in>: the sign-in experience as a custom element, for pages
// not written in Rust. tools/build-dist.sh copies this file into dist/ with
// the addresses of the builds filled in.
//
//   <script type="module" src="/logto-sign-in.js"></script>
//   <logto-sign-in base-path="/auth" app-id="my-app"></logto-sign-in>
//
// Attributes (all optional): base-path (where the element's page is
// mounted: its routes are <base-path>/sign-in, <base-path>/callback/<id>,
// ...), api-base (Logto's origin when it is not this page's), app-id, lang,
// primary-color and dark-primary-color (#rrggbb), dark-mode ("false" to
// stay light). Read once, when the element is first connected.
//
// Like the page's own loader, it runs the WebAssembly build where the
// page's CSP allows compiling WebAssembly and the JavaScript build
// elsewhere; the element then holds the experience in its light DOM, so
// the page's CSS (and Logto's `logto_*` class names) apply.
const FULL_WASM = "__LOGTO_FULL_WASM__";
const FULL_GLUE = "__LOGTO_FULL_GLUE__";
const JS_BUILD = "__LOGTO_JS_BUILD__";
const STYLESHEET = "__LOGTO_CSS__";

let build;
function start() {
  if (build) return build;
  let wasm = false;
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    wasm = true;
  } catch {}
  document.documentElement.dataset.delivery = wasm ? "wasm" : "js";
  if (!document.querySelector(`link[href="${STYLESHEET}"]`)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = STYLESHEET;
    document.head.append(link);
  }
  build = wasm
    ? import(FULL_GLUE).then(async (glue) => {
        await glue.default({ module_or_path: fetch(FULL_WASM) });
        return glue;
      })
    : import(JS_BUILD);
  return build;
}

class LogtoSignIn extends HTMLElement {
  connectedCallback() {
    if (this.started) return;
    this.started = true;
    const attribute = (name) => this.getAttribute(name) ?? "";
    start()
      .then((glue) =>
        glue.mount_element(this, {
          basePath: attribute("base-path"),
          apiBase: attribute("api-base"),
          appId: attribute("app-id"),
          lang: attribute("lang"),
          primaryColor: attribute("primary-color"),
          darkPrimaryColor: attribute("dark-primary-color"),
          darkMode: attribute("dark-mode"),
        }),
      )
      .catch((error) => {
        console.error("logto-sign-in: could not start", error);
        const message = document.createElement("p");
        message.setAttribute("role", "alert");
        message.textContent = "The sign-in could not be loaded. Check your connection and reload the page.";
        this.replaceChildren(message);
      });
  }
}

customElements.define("logto-sign-in", LogtoSignIn);
