// The calls widget for CRM pages. One tag loads it:
//   <script type="module" src="https://crm.example.com/calls/widget/embed.js"></script>
// It registers <calls-widget> and exports mount(element, options) for hosts that build
// their own markup. Everything it loads (the wasm, its glue, the stylesheet) comes from
// beside this file, so it works under a strict Content-Security-Policy.
import init, { mountWidget } from "./calls-widget.js";

const here = new URL(".", import.meta.url);
const stylesheet = new URL("calls-widget.css", here).href;

await init({ module_or_path: new URL("calls-widget_bg.wasm", here) });

// A fresh shadow root content for `element`: the widget's stylesheet and its container,
// hidden until the stylesheet is in so nothing shows unstyled.
function shadowContainer(element) {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = stylesheet;
  const container = document.createElement("div");
  container.hidden = true;
  const show = () => {
    container.hidden = false;
  };
  link.addEventListener("load", show, { once: true });
  link.addEventListener("error", show, { once: true });
  shadow.replaceChildren(link, container);
  return container;
}

/**
 * Shows a widget in `element` (in its shadow root) and returns a handle with
 * `refresh()`, `update(options)` and `unmount()`. Options: apiBase, token, contactId or
 * companyId, view ("full" | "timeline" | "form"), perPage, theme ("auto" | "light" |
 * "dark"). Bad options throw an Error, and the element shows the reason.
 */
export function mount(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new TypeError("calls widget: mount(element, options) needs an element to show the widget in.");
  }
  let handle = mountWidget(shadowContainer(element), options);
  return {
    refresh: () => handle?.refresh(),
    update: (next) => {
      if (!handle) throw new Error("calls widget: this widget was unmounted; mount it again.");
      handle.update(next);
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
};

class CallsWidgetElement extends HTMLElement {
  static observedAttributes = Object.keys(attributes);
  #handle = null;

  options() {
    const options = {};
    for (const [attribute, option] of Object.entries(attributes)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    return options;
  }

  connectedCallback() {
    this.#render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  disconnectedCallback() {
    if (this.#handle) {
      this.#handle.unmount();
      this.#handle.free();
      this.#handle = null;
    }
    this.shadowRoot?.replaceChildren();
  }

  /** Loads the calls again. */
  refresh() {
    this.#handle?.refresh();
  }

  #render() {
    try {
      if (this.#handle) {
        this.#handle.update(this.options());
      } else {
        this.#handle = mountWidget(shadowContainer(this), this.options());
      }
    } catch {
      // Bad attributes: the element shows why and the console has it; the next
      // attribute change tries again.
    }
  }
}

if (!customElements.get("calls-widget")) {
  customElements.define("calls-widget", CallsWidgetElement);
}
