// <plain-calls>: the widget's job (view="full": a contact's call timeline and the
// log-a-call form) written by hand in plain JavaScript, as the yardstick for
// bench/widget-vs-plain.sh. It renders the same markup as the Leptos widget (the same
// elements and cw- classes, in an open shadow root with the widget's stylesheet), so both
// pages lay out and paint the same thing and the benchmark compares implementations, not
// designs. Edit and Delete are shown but do nothing.
//
// <plain-calls contact-id="…" token="…" per-page="100" api-base="/api/"></plain-calls>
//
// Its parts are plain-format.js, plain-markup.js, plain-api.js, plain-timeline.js and
// plain-form.js, shared through window.plainCalls; the benchmark joins them in that order,
// then this file (the element and Widget), which defines <plain-calls>.
"use strict";

(() => {
  const { STYLESHEET, DEFAULT_PER_PAGE, MAX_PER_PAGE, readCall, before, el, request, TimelineView, LogForm } =
    window.plainCalls;

  // ---- the element ----

  function readOptions(element) {
    const contactId = (element.getAttribute("contact-id") ?? "").trim();
    if (!/^[0-9a-f]{24}$/i.test(contactId)) {
      throw new Error(`contact-id must be an id of 24 hexadecimal characters; “${contactId}” is not one.`);
    }
    const perPageText = element.getAttribute("per-page");
    const perPage = perPageText === null ? DEFAULT_PER_PAGE : Number(perPageText);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      throw new Error(`per-page must be a whole number from 1 to ${MAX_PER_PAGE}; “${perPageText}” is not one.`);
    }
    let apiBase = element.getAttribute("api-base") ?? "/api/";
    if (!apiBase.endsWith("/")) apiBase += "/";
    return {
      contactId: contactId.toLowerCase(),
      perPage,
      theme: element.getAttribute("theme") ?? "auto",
      connection: {
        apiBase: new URL(apiBase, location.href).href,
        token: element.getAttribute("token")?.trim() || null,
      },
    };
  }

  class PlainCalls extends HTMLElement {
    static observedAttributes = ["contact-id", "token", "per-page", "api-base", "theme"];
    #widget = null;
    #key = null;

    connectedCallback() {
      this.#render();
    }

    // During the upgrade this runs once per attribute, with every attribute already
    // readable: the first call renders, the others find nothing changed.
    attributeChangedCallback() {
      if (this.isConnected) this.#render();
    }

    disconnectedCallback() {
      this.#widget?.stop();
      this.#widget = null;
      this.#key = null;
      this.shadowRoot?.replaceChildren();
    }

    #render() {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      let options;
      try {
        options = readOptions(this);
      } catch (error) {
        this.#widget?.stop();
        this.#widget = null;
        this.#key = null;
        const problem = el("p", { class: "cw-state cw-state--error cw-config-error", role: "alert" });
        problem.textContent = `The calls widget cannot start. ${error.message}`;
        shadow.replaceChildren(stylesheetLink(() => {}), el("div", { class: "cw-root" }, problem));
        return;
      }
      const key = JSON.stringify(options);
      if (key === this.#key) return;
      this.#widget?.stop();
      this.#key = key;
      this.#widget = new Widget(this, shadow, options);
    }
  }

  function stylesheetLink(onDone) {
    const link = el("link", { rel: "stylesheet", href: STYLESHEET });
    link.addEventListener("load", onDone, { once: true });
    link.addEventListener("error", onDone, { once: true });
    return link;
  }

  /** One mounted widget: its state, its DOM, its requests. */
  class Widget {
    constructor(host, shadow, options) {
      this.host = host;
      this.options = options;
      this.aborter = new AbortController();
      this.calls = []; // timeline order
      this.rows = new Map(); // id → { call, article, heading, time }
      this.info = null; // the last page's paging facts, total_count kept current
      this.loading = false;
      // Hidden until the stylesheet is in, as the widget's loader does, so nothing
      // shows unstyled.
      this.root = el("div", { class: "cw-root", "data-theme": options.theme, hidden: true });
      const show = () => {
        this.root.hidden = false;
      };
      this.timeline = new TimelineView(this);
      this.form = new LogForm(this);
      this.root.append(
        el(
          "div",
          { class: "cw-widget" },
          el("div", { class: "cw-widget__body cw-widget__body--full" }, this.timeline.section, this.form.form),
        ),
      );
      shadow.replaceChildren(stylesheetLink(show), this.root);
      // One timer for relative times ("3 minutes ago"), stopped with the widget.
      this.ticker = setInterval(() => this.timeline.refreshTimes(), 60_000);
      this.loadFirst();
    }

    stop() {
      clearInterval(this.ticker);
      this.aborter.abort();
    }

    dispatch(name, detail) {
      this.host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    }

    get hasMore() {
      return this.info !== null && this.info.page < this.info.max_page;
    }

    async loadPage(page) {
      const query = page === 1 ? {} : { page: String(page) };
      query.per_page = String(this.info?.per_page ?? this.options.perPage);
      const data = await request(this.options.connection, "GET", `contacts/${this.options.contactId}/calls.json`, {
        query,
        signal: this.aborter.signal,
      });
      return {
        calls: (data.calls ?? []).map((item) => readCall(item.call ?? {})),
        info: { total_count: data.total_count, page: data.page, max_page: data.max_page, per_page: data.per_page },
      };
    }

    async loadFirst() {
      this.loading = true;
      this.timeline.showLoading();
      try {
        const { calls, info } = await this.loadPage(1);
        this.info = info;
        this.timeline.reset();
        this.calls = [];
        this.rows.clear();
        this.timeline.append(calls);
        this.loading = false;
        this.timeline.showReady();
      } catch (error) {
        if (this.aborter.signal.aborted) return;
        this.loading = false;
        this.timeline.showFailed(error.message);
        this.dispatch("calls:error", error.message);
      }
      this.form.updateSuggestions();
    }

    async loadMore() {
      if (this.loading || !this.hasMore) return;
      this.loading = true;
      this.timeline.showLoadingMore();
      try {
        const { calls, info } = await this.loadPage(this.info.page + 1);
        this.info = info;
        this.timeline.append(calls);
        this.loading = false;
        this.timeline.showReady();
      } catch (error) {
        if (this.aborter.signal.aborted) return;
        this.loading = false;
        this.timeline.showReady(error.message);
        this.dispatch("calls:error", error.message);
      }
      this.form.updateSuggestions();
    }

    /** A call that was just logged: counted, and shown where it belongs unless it
     *  belongs after pages not loaded yet (it comes with them). */
    insertNew(call) {
      if (this.rows.has(call.id)) return;
      if (this.info) this.info.total_count += 1;
      const position = this.position(call);
      if (position < this.calls.length || !this.hasMore) this.timeline.place(call, position);
      this.timeline.showReady();
      this.form.updateSuggestions();
    }

    /** Where a call goes in the timeline (binary search). */
    position(call) {
      let low = 0;
      let high = this.calls.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (before(this.calls[middle], call)) low = middle + 1;
        else high = middle;
      }
      return low;
    }
  }

  if (!customElements.get("plain-calls")) customElements.define("plain-calls", PlainCalls);
})();
