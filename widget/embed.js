// The calls widget for CRM pages. One tag loads it:
//   <script type="module" src="https://crm.example.com/calls/widget/embed.js"></script>
// It registers <calls-widget> and exports mount(element, options) for hosts that build
// their own markup. Everything it loads (the wasm, its glue, the stylesheet) comes from
// beside this file, so it works under a strict Content-Security-Policy.
//
// It does four things before the wasm has arrived, so the page neither waits nor moves:
// the element is defined at once and shows a skeleton in the space the widget takes; each
// widget's first page of calls (and a company's contacts) is requested while the wasm
// downloads and compiles, and the widget uses that answer instead of asking again; and
// the words of the widget's language are fetched at the same time (English is here
// already), so a page in German paints German first, never English then German.
import init, { mountWidget } from "./calls-widget.js";
import { followFeeds } from "./feed.js";
import { catalog, direction, languageFor, loadedCatalog, text } from "./i18n.js";
import { skeleton } from "./skeleton.js";
import { followSummaries } from "./summary.js";

const here = new URL(".", import.meta.url);
const stylesheet = new URL("calls-widget.css", here).href;
// Release builds put the stylesheet's text here (scripts/finish-release.sh): one sheet,
// built once and adopted by every widget's shadow root, styles the skeleton in its first
// frame. Other builds link the file.
const cssText = typeof __CALLS_WIDGET_CSS__ === "string" ? __CALLS_WIDGET_CSS__ : null;
let sharedSheet = null;

function styleShadow(shadow) {
  if (cssText !== null && "adoptedStyleSheets" in shadow) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(cssText);
    }
    shadow.adoptedStyleSheets = [sharedSheet];
    return [];
  }
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = stylesheet;
  return [link];
}
const ready = init({ module_or_path: new URL("calls-widget_bg.wasm", here) });

// ---- answers fetched ahead of the wasm ----
// Keyed by method, absolute URL and token, as the widget's client asks for them; the
// client takes an entry (once) through `globalThis[Symbol.for("calls-widget.prefetch")]`.
// Entries older than a few seconds are not used: by then the widget asks afresh.
const prefetchKey = Symbol.for("calls-widget.prefetch");
const prefetched = new Map();
const PREFETCH_FRESH_MS = 10_000;
const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
// The widget's defaults, which the request URL must match (src/embed/options.rs).
const DEFAULT_PER_PAGE = 25;
const API_DEFAULT_PER_PAGE = 10;

globalThis[prefetchKey] ??= {
  take(key) {
    const entry = prefetched.get(key);
    prefetched.delete(key);
    return entry && performance.now() - entry.at < PREFETCH_FRESH_MS ? entry.answer : undefined;
  },
};

function prefetch(url, token) {
  const key = `GET ${url} ${token ?? ""}`;
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const answer = fetch(url, {
    headers,
    credentials: token ? "same-origin" : "include",
    signal: AbortSignal.timeout(15_000),
  }).then(async (response) => ({
    status: response.status,
    text: await response.text(),
    etag: response.headers.get("ETag"),
  }));
  // A failure is the client's to report when it takes the entry; unused, it is dropped.
  answer.catch(() => {});
  prefetched.set(key, { at: performance.now(), answer });
}

// Requests the first page a widget with these options will ask for (a form asks too:
// its suggestions come from the calls), and a company's contacts. Options the widget
// would refuse fetch nothing: it shows why instead. The first widget of an owner on the
// page sets its page size, for the store and here alike.
const prefetchedOwners = new Set();

function prefetchFor(options) {
  const { contactId, companyId } = options;
  if (!contactId === !companyId) return;
  const id = (contactId ?? companyId).trim();
  if (!OBJECT_ID.test(id)) return;
  let base;
  try {
    base = new URL(options.apiBase?.trim() || "/api/", document.baseURI);
  } catch {
    return;
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") return;
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  const perPage = options.perPage === undefined ? DEFAULT_PER_PAGE : Number(options.perPage);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return;
  const token = options.token?.trim() || null;
  const path = `${contactId ? "contacts" : "companies"}/${id.toLowerCase()}`;
  const owner = `${base.href} ${token ?? ""} ${path}`;
  if (prefetchedOwners.has(owner)) return;
  prefetchedOwners.add(owner);
  const calls = new URL(`${path}/calls.json`, base);
  if (perPage !== API_DEFAULT_PER_PAGE) calls.searchParams.set("per_page", String(perPage));
  prefetch(calls.href, token);
  if (companyId) {
    const contacts = new URL(`${path}/contacts.json`, base);
    contacts.searchParams.set("page", "1");
    contacts.searchParams.set("per_page", "100");
    prefetch(contacts.href, token);
  }
}

// ---- the shadow root ----
// A fresh shadow root content for `element`: the widget's stylesheet and its container
// in the widget's language (`lang` and `dir` on the container, never on the page),
// showing the skeleton of the widget these options describe until the widget replaces
// it. The skeleton's words come when the language's catalog does: until then its labels
// hold their space, empty. The markup is static and ours: no page or API text goes in.
function shadowContainer(element, options, language) {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  const links = styleShadow(shadow);
  const container = document.createElement("div");
  container.className = "cw-root";
  container.dataset.theme = ["light", "dark"].includes(options.theme) ? options.theme : "auto";
  speak(container, language);
  drawSkeleton(container, options, loadedCatalog(language));
  followFeeds(container, () => loadedCatalog(container.lang));
  followSummaries(container);
  shadow.replaceChildren(...links, container);
  return container;
}

function speak(container, language) {
  container.lang = language;
  container.dir = direction(language);
}

function drawSkeleton(container, options, words) {
  const perPage = Number(options.perPage ?? DEFAULT_PER_PAGE);
  const rows = Number.isInteger(perPage) && perPage > 0 ? perPage : DEFAULT_PER_PAGE;
  container.innerHTML = skeleton(options.view, rows, Boolean(options.companyId), words);
}

// A widget's handle and how it is told its language: `handle.setCatalog` now when the
// catalog is here, else when it comes (unless the widget was replaced meanwhile).
function giveLanguage(container, language, current) {
  speak(container, language);
  const words = loadedCatalog(language);
  if (words) {
    current()?.setCatalog(words);
    return;
  }
  const handle = current();
  catalog(language, here).then((found) => {
    if (handle && current() === handle) {
      // English when the language's words could not be had: the root says so too.
      speak(container, found.lang);
      handle.setCatalog(found);
    }
  });
}

/**
 * Shows a widget in `element` (in its shadow root) and returns a handle with
 * `refresh()`, `update(options)` and `unmount()`. Options: apiBase, token, contactId or
 * companyId, view ("full" | "timeline" | "form"), perPage, theme ("auto" | "light" |
 * "dark"), refresh (seconds, 0: never). Bad options throw an Error, and the element
 * shows the reason.
 */
export function mount(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new TypeError("calls widget: mount(element, options) needs an element to show the widget in.");
  }
  let language = languageFor(options.lang, element);
  const container = shadowContainer(element, options, language);
  let handle = mountWidget(container, options, loadedCatalog(language) ?? undefined);
  if (!loadedCatalog(language)) giveLanguage(container, language, () => handle);
  return {
    refresh: () => handle?.refresh(),
    update: (next) => {
      if (!handle) throw new Error("calls widget: this widget was unmounted; mount it again.");
      handle.update(next);
      const wanted = languageFor(next.lang, element);
      if (wanted !== language) {
        language = wanted;
        giveLanguage(container, language, () => handle);
      }
    },
    // Unmounting twice is harmless; the handle's memory is freed the first time.
    unmount: () => {
      if (!handle) return;
      handle.unmount();
      handle.free();
      handle = null;
      element.shadowRoot?.replaceChildren();
    },
  };
}

const attributes = {
  "api-base": "apiBase",
  token: "token",
  "contact-id": "contactId",
  "company-id": "companyId",
  view: "view",
  "per-page": "perPage",
  theme: "theme",
  refresh: "refresh",
  lang: "lang",
};

let wasmReady = false;

class CallsWidgetElement extends HTMLElement {
  static observedAttributes = Object.keys(attributes);
  #handle = null;
  #container = null;
  // The container the widget is mounted in, and the language it speaks.
  #mounted = null;
  #language = null;
  #connected = false;
  #waiting = false;

  options() {
    const options = {};
    for (const [attribute, option] of Object.entries(attributes)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    return options;
  }

  connectedCallback() {
    this.#connected = true;
    if (wasmReady) this.#render();
    else this.#waitForWasm();
  }

  attributeChangedCallback() {
    // While the element is being upgraded its attributes arrive one by one, before
    // connectedCallback: only a change after that counts.
    if (!this.#connected) return;
    if (wasmReady) this.#render();
    else this.#waitForWasm();
  }

  // Before the wasm: the skeleton in place and the data on its way; the widget replaces
  // the skeleton as soon as the wasm is ready.
  #waitForWasm() {
    const options = this.options();
    prefetchFor(options);
    const language = languageFor(options.lang, this);
    const container = shadowContainer(this, options, language);
    this.#container = container;
    this.#language = language;
    if (!loadedCatalog(language)) {
      catalog(language, here).then((found) => {
        if (this.#container === container && !this.#handle) {
          speak(container, found.lang);
          drawSkeleton(container, options, found);
        }
      });
    }
    if (this.#waiting) return;
    this.#waiting = true;
    ready.then(
      () => {
        this.#waiting = false;
        if (this.#connected && !this.#handle) this.#render();
      },
      (error) => {
        // The wasm could not be loaded: say so where the skeleton stood.
        console.error("calls widget: the widget could not be loaded", error);
        const problem = document.createElement("p");
        problem.className = "cw-state cw-state--error";
        problem.setAttribute("role", "alert");
        const words = loadedCatalog(this.#language ?? "en") ?? loadedCatalog("en");
        problem.textContent = text(words, "widget.load_failed");
        this.#container?.replaceChildren(problem);
      },
    );
  }

  disconnectedCallback() {
    this.#connected = false;
    if (this.#handle) {
      this.#handle.unmount();
      this.#handle.free();
      this.#handle = null;
    }
    this.#container = null;
    this.#mounted = null;
    this.shadowRoot?.replaceChildren();
  }

  /** Loads the calls again. */
  refresh() {
    this.#handle?.refresh();
  }

  #render() {
    const options = this.options();
    const language = languageFor(options.lang, this);
    try {
      if (this.#handle) {
        this.#handle.update(options);
      } else {
        const container = this.#container ?? shadowContainer(this, options, language);
        this.#container = null;
        this.#mounted = container;
        this.#language = language;
        this.#handle = mountWidget(container, options, loadedCatalog(language) ?? undefined);
        if (loadedCatalog(language)) return;
      }
    } catch {
      // Bad attributes: the element shows why and the console has it; the next
      // attribute change tries again.
    }
    if (this.#handle && (language !== this.#language || !loadedCatalog(language))) {
      this.#language = language;
      giveLanguage(this.#mounted, language, () => this.#handle);
    }
  }
}

if (!customElements.get("calls-widget")) {
  customElements.define("calls-widget", CallsWidgetElement);
}

// Importers of mount() get a module whose wasm is ready.
await ready;
wasmReady = true;
