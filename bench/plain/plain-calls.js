// <plain-calls>: the widget's job (view="full": a contact's call timeline and the
// log-a-call form) written by hand in plain JavaScript, as the yardstick for
// bench/widget-vs-plain.sh. It renders the same markup as the Leptos widget (the same
// elements and cw- classes, in an open shadow root with the widget's stylesheet), so both
// pages lay out and paint the same thing and the benchmark compares implementations, not
// designs. Edit and Delete are shown but do nothing.
//
// <plain-calls contact-id="…" token="…" per-page="100" api-base="/api/"></plain-calls>
"use strict";

(() => {
  const STYLESHEET = "/widget/calls-widget.css";
  // As the widget's client (src/api/client.rs) and options (src/embed/options.rs).
  const REQUEST_TIMEOUT_MS = 15_000;
  const DEFAULT_PER_PAGE = 25;
  const MAX_PER_PAGE = 100;
  // As src/format.rs.
  const FOLD_CHARS = 280;
  const FOLD_LINES = 4;
  // As calls-model's validation.
  const LIMITS = { text: 10_000, called_via: 100, phone_number: 40, recording_link: 2_048 };
  const LABELS = {
    date: "Date",
    call_result: "Result",
    text: "Notes",
    phone_number: "Phone number",
    called_via: "Called via",
    recording_link: "Recording link",
  };
  const RESULTS = [
    ["conversation", "Conversation"],
    ["no_answer", "No answer"],
    ["left_message", "Left message"],
  ];
  const ICON_PATHS = {
    conversation:
      "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z",
    "no-answer":
      "M3 3l18 18M6.6 10.8a15.1 15.1 0 0 0 2.5 3.4M13.2 17.4l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1 17 17 0 0 1-9.4-2.8M5.2 11.5A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57",
    "left-message": "M6.5 16a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zm11 0a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zM6.5 16h11",
    other: "M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8z",
  };

  // One formatter per kind for the whole page: making an Intl formatter costs far more
  // than using one.
  const formats = {
    dayThisYear: new Intl.DateTimeFormat([], { weekday: "long", month: "long", day: "numeric" }),
    dayOtherYear: new Intl.DateTimeFormat([], { weekday: "short", year: "numeric", month: "long", day: "numeric" }),
    exact: new Intl.DateTimeFormat([], { dateStyle: "full", timeStyle: "short" }),
    relative: new Intl.RelativeTimeFormat([], { numeric: "auto" }),
  };

  // ---- markup ----

  /** An element with attributes (null, undefined and false leave one out) and children
   *  (strings become text nodes, so data is never parsed as markup). */
  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      element.setAttribute(name, value === true ? "" : value);
    }
    element.append(...children.filter((child) => child !== null && child !== undefined));
    return element;
  }

  // Icons are cloned from one prepared copy per kind.
  const icons = new Map();
  function icon(kind) {
    if (!icons.has(kind)) {
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      for (const [name, value] of [
        ["class", "cw-icon"],
        ["viewBox", "0 0 24 24"],
        ["width", "16"],
        ["height", "16"],
        ["aria-hidden", "true"],
        ["focusable", "false"],
      ]) {
        svg.setAttribute(name, value);
      }
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", ICON_PATHS[kind]);
      svg.append(path);
      icons.set(kind, svg);
    }
    return icons.get(kind).cloneNode(true);
  }

  function skeleton() {
    const row = () =>
      el(
        "div",
        { class: "cw-skeleton__row", "aria-hidden": "true" },
        el("span", { class: "cw-skeleton__line cw-skeleton__line--short" }),
        el("span", { class: "cw-skeleton__line" }),
      );
    return el(
      "div",
      { class: "cw-skeleton" },
      el("p", { class: "cw-visually-hidden", role: "status" }, "Loading calls…"),
      row(),
      row(),
      row(),
    );
  }

  // ---- the contract's values, as the widget reads them ----

  function resultKind(value) {
    switch (value) {
      case "conversation":
        return "conversation";
      case "no_answer":
      case "no answer":
        return "no-answer";
      case "left_message":
      case "left message":
        return "left-message";
      default:
        return "other";
    }
  }

  function resultLabel(value) {
    const known = RESULTS.find(([api]) => api === value.replace(" ", "_"));
    return known ? known[1] : value;
  }

  /** A call as the API sent it, with every field the widget shows present. */
  function readCall(raw) {
    const text = (name) => (typeof raw[name] === "string" ? raw[name] : "");
    return {
      id: text("id"),
      contact_id: text("contact_id"),
      date: text("date"),
      call_result: text("call_result") || "conversation",
      text: text("text"),
      called_via: text("called_via"),
      phone_number: text("phone_number"),
      author: text("author"),
      recording_link: text("recording_link"),
      modified_at: text("modified_at"),
      modifiedMs: Date.parse(text("modified_at")),
    };
  }

  /** Timeline order: date newest first, then id (creation) newest first. */
  function before(a, b) {
    return a.date !== b.date ? a.date > b.date : a.id > b.id;
  }

  function telUri(number) {
    const trimmed = number.trim();
    let uri = trimmed.startsWith("+") ? "tel:+" : "tel:";
    let digits = 0;
    for (const c of trimmed) {
      if (c >= "0" && c <= "9") {
        uri += c;
        digits += 1;
      } else if ((c === "," || c === ";") && digits > 0) {
        uri += c;
      }
    }
    return digits > 0 ? uri : null;
  }

  /** The URL if it is an absolute http(s) URL with a host (calls-model's links rule). */
  function httpUrl(text) {
    const prefix = text.slice(0, 8).toLowerCase();
    const rest = prefix.startsWith("https://") ? text.slice(8) : prefix.startsWith("http://") ? text.slice(7) : null;
    if (rest === null || /[\s\p{Cc}]/u.test(text)) return null;
    const hostAndPort = rest.split(/[/?#]/)[0].split("@").pop();
    const host = hostAndPort.startsWith("[") ? hostAndPort.slice(1).split("]")[0] : hostAndPort.split(":")[0];
    return host ? text : null;
  }

  function lineCount(text) {
    if (text === "") return 0;
    const lines = text.split("\n").length;
    return text.endsWith("\n") ? lines - 1 : lines;
  }

  function shouldFold(text) {
    return [...text].length > FOLD_CHARS || lineCount(text) > FOLD_LINES;
  }

  function countCalls(count) {
    return count === 1 ? "1 call" : `${count} calls`;
  }

  // ---- dates and times where the user is ----

  function localIsoDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function today() {
    return localIsoDate(new Date());
  }

  function yesterday() {
    const date = new Date();
    date.setDate(date.getDate() - 1);
    return localIsoDate(date);
  }

  function dayHeadingText(date, days) {
    if (date === days.today) return "Today";
    if (date === days.yesterday) return "Yesterday";
    const [year, month, day] = date.split("-").map(Number);
    const local = new Date(year, month - 1, day);
    if (Number.isNaN(local.getTime())) return date;
    return (year === days.year ? formats.dayThisYear : formats.dayOtherYear).format(local);
  }

  /** As src/format.rs `relative`: the unit a person would use. */
  function relative(secondsAgo) {
    const magnitude = Math.abs(secondsAgo);
    const sign = secondsAgo >= 0 ? -1 : 1;
    const steps = [
      [2_700, 60, 30, "minute"],
      [79_200, 3_600, 1_800, "hour"],
      [2_246_400, 86_400, 43_200, "day"],
      [29_808_000, 2_592_000, 1_296_000, "month"],
      [Infinity, 31_536_000, 15_768_000, "year"],
    ];
    if (magnitude < 45) return { value: 0, unit: "second" };
    const [, size, half, unit] = steps.find(([below]) => magnitude < below);
    return { value: sign * Math.max(Math.floor((magnitude + half) / size), 1), unit };
  }

  function relativeText(ms, now) {
    const { value, unit } = relative(Math.trunc((now - ms) / 1000));
    return unit === "second" ? "just now" : formats.relative.format(value, unit);
  }

  function exactText(ms) {
    return Number.isNaN(ms) ? "" : formats.exact.format(ms);
  }

  // ---- the API ----

  class ApiError extends Error {
    constructor(message, fields = null) {
      super(message);
      this.fields = fields;
    }
  }

  /** The message a CRM user reads for a failed request, in the widget's words. */
  function userMessage(status, envelope) {
    if (status >= 500) return `The calls server had a problem (error ${status}). Try again in a moment.`;
    const message = typeof envelope?.message === "string" ? envelope.message.trim() : "";
    if (message) return message;
    if (status === 401 || status === 403) {
      return "The calls server refused the API token. Check the token, then try again.";
    }
    if (status === 404) return "The calls server does not know this record; it may have been deleted.";
    return `The calls server answered with an error (HTTP ${status}). Try again in a moment.`;
  }

  async function request(connection, method, path, { query = {}, body, signal } = {}) {
    const url = new URL(path, connection.apiBase);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const headers = { Accept: "application/json" };
    if (connection.token) headers.Authorization = `Bearer ${connection.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // Without a token, a CRM that signs in by cookie sends its cookies.
        credentials: connection.token ? "same-origin" : "include",
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(
        timeout.aborted
          ? `The calls server did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. Try again.`
          : "Could not reach the calls server. Check your connection, then try again.",
      );
    }
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      if (response.ok) throw new ApiError("The calls server sent an answer this widget cannot read.");
    }
    if (!response.ok || envelope?.status !== 0) {
      throw new ApiError(userMessage(response.status, envelope), envelope?.data?.errors ?? null);
    }
    return envelope.data;
  }

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

  /** The timeline section: header and count, the state (loading, error, empty, the
   *  days), and Load more. */
  class TimelineView {
    constructor(widget) {
      this.widget = widget;
      this.count = el("span", { class: "cw-timeline__count" });
      this.section = el(
        "section",
        { class: "cw-timeline", "aria-label": "Calls", "aria-busy": "true" },
        el(
          "header",
          { class: "cw-timeline__header" },
          el("h2", { class: "cw-timeline__title", tabindex: "-1" }, "Calls"),
          this.count,
        ),
      );
      this.body = null;
      this.days = el("div", { class: "cw-timeline__days" });
      this.more = null;
      this.dayNames = { today: today(), yesterday: yesterday(), year: new Date().getFullYear() };
    }

    setBody(body) {
      if (this.body === body) return;
      if (this.body) this.body.replaceWith(body);
      else this.section.append(body);
      this.body = body;
    }

    showLoading() {
      this.section.setAttribute("aria-busy", "true");
      if (this.widget.calls.length === 0) this.setBody(skeleton());
    }

    reset() {
      this.days.replaceChildren();
      this.dayNames = { today: today(), yesterday: yesterday(), year: new Date().getFullYear() };
    }

    showFailed(message) {
      this.section.setAttribute("aria-busy", "false");
      if (this.widget.calls.length > 0) return this.showReady(message);
      const retry = el("button", { type: "button", class: "cw-button" }, "Retry");
      retry.addEventListener("click", () => this.widget.loadFirst());
      this.setBody(
        el(
          "div",
          { class: "cw-state cw-state--error", role: "alert" },
          el("p", { class: "cw-state__message" }, message),
          retry,
        ),
      );
    }

    showLoadingMore() {
      this.section.setAttribute("aria-busy", "true");
      this.renderMore(null, true);
    }

    /** The list (or the empty state), the count and Load more; `failure` is a failed
     *  Load more's message. */
    showReady(failure = null) {
      const { widget } = this;
      this.section.setAttribute("aria-busy", "false");
      this.count.textContent = widget.info ? countCalls(widget.info.total_count) : "";
      if (widget.calls.length > 0) {
        this.setBody(this.days);
      } else {
        this.setBody(
          el(
            "p",
            { class: "cw-state cw-state--empty" },
            "No calls yet. Log the first one with the ",
            el("strong", {}, "Log a call"),
            " form.",
          ),
        );
      }
      this.renderMore(failure, false);
    }

    renderMore(failure, loadingMore) {
      const { widget } = this;
      const hasMore = widget.calls.length > 0 && widget.hasMore;
      if (!hasMore && !failure) {
        this.more?.remove();
        this.more = null;
        return;
      }
      if (!this.more) {
        this.moreButton = el("button", { type: "button", class: "cw-button cw-button--secondary" });
        this.moreButton.addEventListener("click", () => widget.loadMore());
        this.moreError = el("p", { class: "cw-timeline__more-error", role: "alert" });
        this.more = el("div", { class: "cw-timeline__more" });
        this.section.append(this.more);
      }
      this.moreError.textContent = failure ?? "";
      this.moreButton.disabled = loadingMore;
      this.moreButton.textContent = loadingMore ? "Loading…" : "Load more";
      this.more.replaceChildren(...[failure ? this.moreError : null, hasMore ? this.moreButton : null].filter(Boolean));
    }

    /** Adds a page: calls already shown (a call logged since shifts the pages by one)
     *  are skipped; the rest go at the end in one insertion, or into place. */
    append(calls) {
      const { widget } = this;
      const atEnd = document.createDocumentFragment();
      for (const call of calls) {
        if (widget.rows.has(call.id)) continue;
        const last = widget.calls.at(-1);
        if (last === undefined || before(last, call)) {
          const row = this.row(call, last === undefined || last.date !== call.date);
          widget.calls.push(call);
          if (row.heading) atEnd.append(row.heading);
          atEnd.append(row.article);
        } else {
          this.days.append(atEnd);
          this.place(call, widget.position(call));
        }
      }
      this.days.append(atEnd);
    }

    /** Puts a call at `position`, with a day heading if it is now the first of its
     *  day; it takes the heading over from the next call when that one is on its day. */
    place(call, position) {
      const { widget } = this;
      const previous = widget.calls[position - 1];
      const next = widget.calls[position];
      const nextRow = next && widget.rows.get(next.id);
      const opensDay = previous === undefined || previous.date !== call.date;
      const takesHeading = opensDay && nextRow?.heading && next.date === call.date;
      const row = this.row(call, opensDay && !takesHeading);
      widget.calls.splice(position, 0, call);
      if (takesHeading) {
        row.heading = nextRow.heading;
        nextRow.heading = null;
        this.days.insertBefore(row.article, nextRow.article);
      } else {
        const reference = nextRow ? (nextRow.heading ?? nextRow.article) : null;
        if (row.heading) this.days.insertBefore(row.heading, reference);
        this.days.insertBefore(row.article, reference);
      }
    }

    row(call, withHeading) {
      const heading = withHeading
        ? el("h3", { class: "cw-day__heading" }, dayHeadingText(call.date, this.dayNames))
        : null;
      const { article, time } = callArticle(call);
      const row = { call, article, heading, time };
      this.widget.rows.set(call.id, row);
      return row;
    }

    refreshTimes() {
      const now = Date.now();
      for (const { call, time } of this.widget.rows.values()) {
        const text = relativeText(call.modifiedMs, now);
        if (time.data !== text) time.data = text;
      }
    }
  }

  /** One call as an article; `time` is the relative time's text node, for the ticker. */
  function callArticle(call) {
    const kind = resultKind(call.call_result);
    const label = resultLabel(call.call_result);
    const time = document.createTextNode(relativeText(call.modifiedMs, Date.now()));
    const notesId = `cw-notes-${call.id}`;
    const hasNotes = call.text.trim() !== "";
    const foldable = hasNotes && shouldFold(call.text);
    const notesClass = foldable ? "cw-call__notes cw-call__notes--folded" : "cw-call__notes";
    const notes = hasNotes ? el("p", { id: notesId, class: notesClass }, call.text) : null;
    const fold = foldable ? foldButton(notes, notesId) : null;
    const phone = call.phone_number.trim()
      ? el("a", { class: "cw-call__phone", href: telUri(call.phone_number) }, call.phone_number)
      : null;
    const recordingUrl = httpUrl(call.recording_link);
    const recording = recordingUrl
      ? el(
          "a",
          { class: "cw-call__recording", href: recordingUrl, target: "_blank", rel: "noopener noreferrer" },
          "Recording",
        )
      : null;
    const article = el(
      "article",
      { class: `cw-call cw-call--${kind}`, "aria-label": label },
      el(
        "header",
        { class: "cw-call__head" },
        el(
          "span",
          { class: `cw-call__result cw-call__result--${kind}` },
          icon(kind),
          el("span", { class: "cw-call__result-label" }, label),
        ),
        el(
          "time",
          { class: "cw-call__modified", datetime: call.modified_at, title: exactText(call.modifiedMs) },
          el("span", { class: "cw-visually-hidden" }, "Changed "),
          time,
        ),
      ),
      notes,
      fold,
      el(
        "footer",
        { class: "cw-call__meta" },
        phone,
        call.called_via.trim() ? el("span", { class: "cw-call__via" }, "via ", call.called_via) : null,
        call.author.trim() ? el("span", { class: "cw-call__author" }, "by ", call.author) : null,
        recording,
      ),
      // Shown as the widget shows them; this page does not edit or delete.
      el(
        "div",
        { class: "cw-call__actions" },
        el("button", { type: "button", class: "cw-link-button" }, "Edit"),
        el("button", { type: "button", class: "cw-link-button cw-link-button--danger" }, "Delete"),
      ),
    );
    return { article, time };
  }

  function foldButton(notes, notesId) {
    const button = el(
      "button",
      { type: "button", class: "cw-link-button cw-call__fold", "aria-expanded": "false", "aria-controls": notesId },
      "Show more",
    );
    button.addEventListener("click", () => {
      const expanded = notes.classList.toggle("cw-call__notes--folded") === false;
      button.setAttribute("aria-expanded", String(expanded));
      button.textContent = expanded ? "Show less" : "Show more";
    });
    return button;
  }

  // ---- the log-a-call form ----

  let nextFormId = 1;

  /** The "Log a call" form: the widget's fields, labels and ids; checked before anything
   *  is sent; a draft kept in localStorage until the call is logged. */
  class LogForm {
    constructor(widget) {
      this.widget = widget;
      this.formId = nextFormId++;
      this.saving = false;
      this.errors = {};
      this.suggestions = "";
      this.draftKey = `plain-calls:draft:${widget.options.contactId}`;
      const id = (name) => `cw-form-${this.formId}-${name}`;
      this.id = id;
      this.controls = {};
      this.fields = {};
      this.formError = el("p", { class: "cw-form__error", role: "alert" });
      this.title = el("h2", { class: "cw-form__title", id: id("title") }, "Log a call");
      this.submit = el("button", { type: "submit", class: "cw-button" }, "Log call");
      this.status = el("p", { class: "cw-form__status", role: "status" });
      this.datalist = el("datalist", { id: id("called_via-suggestions") });
      this.results = RESULTS.map(([value, label]) => {
        const input = el("input", { type: "radio", id: id(`result-${value}`), name: id("result"), value });
        const choice = el(
          "label",
          { class: `cw-choice cw-choice--${value.replace("_", "-")}`, for: id(`result-${value}`) },
          input,
          el("span", { class: "cw-choice__label" }, label),
        );
        return { value, input, choice };
      });
      const resultField = el(
        "fieldset",
        { class: "cw-field cw-field--choices" },
        el("legend", { class: "cw-field__label" }, "Result"),
        ...this.results.map(({ choice }) => choice),
      );
      this.fields.call_result = resultField;
      this.form = el(
        "form",
        { class: "cw-form", "aria-labelledby": id("title"), novalidate: true },
        this.title,
        this.field("date", "date"),
        resultField,
        this.field("text", "textarea"),
        this.field("phone_number", "tel"),
        this.field("called_via", "text", this.datalist),
        this.field("recording_link", "url"),
        el(
          "div",
          { class: "cw-form__actions" },
          this.submit,
          el("span", { class: "cw-form__hint" }, "Ctrl+Enter"),
          this.status,
        ),
      );
      this.setValues(this.loadDraft() ?? this.emptyValues());
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.send();
      });
      this.form.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          this.send();
        }
      });
      // Every change: its field's messages go, and the draft is kept.
      this.form.addEventListener("input", (event) => this.edited(event.target.name));
      this.form.addEventListener("change", (event) => this.edited(event.target.name));
    }

    field(name, type, datalist = null) {
      const id = this.id(name);
      const attributes = { class: "cw-input", type, id, name, list: datalist?.id, autocomplete: "off" };
      if (type === "url") attributes.placeholder = "https://";
      const control =
        type === "textarea"
          ? el("textarea", { class: "cw-input cw-input--notes", id, name, rows: "4" })
          : el("input", attributes);
      this.controls[name] = control;
      const label = el("label", { class: "cw-field__label", for: id }, LABELS[name]);
      const field = el("div", { class: "cw-field" }, label, control, datalist);
      this.fields[name] = field;
      return field;
    }

    emptyValues() {
      const empty = { text: "", phone_number: "", called_via: "", recording_link: "" };
      return { date: today(), call_result: "conversation", ...empty };
    }

    values() {
      const values = { call_result: this.results.find(({ input }) => input.checked)?.value ?? "conversation" };
      for (const [name, control] of Object.entries(this.controls)) values[name] = control.value;
      return values;
    }

    setValues(values) {
      for (const [name, control] of Object.entries(this.controls)) control.value = values[name] ?? "";
      for (const { value, input } of this.results) input.checked = value === values.call_result;
    }

    loadDraft() {
      const saved = localStorage.getItem(this.draftKey);
      if (saved === null) return null;
      const draft = Object.fromEntries(new URLSearchParams(saved));
      if (!RESULTS.some(([value]) => value === draft.call_result)) draft.call_result = "conversation";
      return draft;
    }

    saveDraft() {
      const values = this.values();
      const typed = ["text", "phone_number", "called_via", "recording_link"].some((name) => values[name].trim());
      if (typed) localStorage.setItem(this.draftKey, new URLSearchParams(values).toString());
      else localStorage.removeItem(this.draftKey);
    }

    edited(name) {
      const field = name?.endsWith("-result") ? "call_result" : name;
      if (this.errors[field]?.length) this.showErrors({ ...this.errors, [field]: [] });
      this.saveDraft();
    }

    /** Each field's messages under it, its control marked; `errors` is field → messages. */
    showErrors(errors) {
      this.errors = errors;
      for (const [name, field] of Object.entries(this.fields)) {
        const messages = errors[name] ?? [];
        const errorId = this.id(`${name}-error`);
        field.querySelector(".cw-field__error")?.remove();
        const control = this.controls[name];
        if (messages.length > 0) {
          field.append(el("p", { class: "cw-field__error", id: errorId }, messages.join(" ")));
          control?.setAttribute("aria-invalid", "true");
          control?.setAttribute("aria-describedby", errorId);
        } else {
          control?.removeAttribute("aria-invalid");
          control?.removeAttribute("aria-describedby");
        }
      }
    }

    showFormError(message) {
      this.formError.textContent = message ?? "";
      if (message) this.title.after(this.formError);
      else this.formError.remove();
    }

    /** The call to send, trimmed, or the messages of what to fix. */
    check(values) {
      const errors = {};
      const add = (field, message) => (errors[field] ??= []).push(message);
      const date = values.date.trim();
      const [year, month, day] = date.split("-").map(Number);
      const parsed = new Date(Date.UTC(year, month - 1, day));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || parsed.getUTCDate() !== day) add("date", "Enter the date of the call.");
      const call = {
        date,
        call_result: values.call_result,
        text: values.text.trim(),
        called_via: values.called_via.trim(),
        phone_number: values.phone_number.trim(),
        recording_link: values.recording_link.trim(),
      };
      for (const [field, max] of Object.entries(LIMITS)) {
        const chars = [...call[field]].length;
        if (chars > max) add(field, `${LABELS[field]} must be at most ${max} characters (it has ${chars}).`);
      }
      if (call.recording_link && call.recording_link.length <= LIMITS.recording_link && !httpUrl(call.recording_link)) {
        add("recording_link", `${LABELS.recording_link} must be a web address starting with http:// or https://.`);
      }
      return Object.keys(errors).length > 0 ? { errors } : { call };
    }

    setSaving(saving) {
      this.saving = saving;
      this.submit.textContent = saving ? "Saving…" : "Log call";
      if (saving) this.submit.setAttribute("aria-disabled", "true");
      else this.submit.removeAttribute("aria-disabled");
    }

    async send() {
      if (this.saving) return;
      const { call, errors } = this.check(this.values());
      if (errors) {
        this.showErrors(errors);
        this.showFormError("Check the fields marked below; nothing was sent.");
        this.form.querySelector("[aria-invalid='true']")?.focus();
        return;
      }
      this.showErrors({});
      this.showFormError(null);
      this.status.textContent = "";
      this.setSaving(true);
      const { widget } = this;
      try {
        const path = `contacts/${widget.options.contactId}/calls.json`;
        const data = await request(widget.options.connection, "POST", path, {
          query: { partial: "1" },
          body: { call },
          signal: widget.aborter.signal,
        });
        const logged = readCall(data.call ?? {});
        widget.insertNew(logged);
        this.setValues(this.emptyValues());
        this.saveDraft();
        this.status.textContent = "Call logged.";
        this.setSaving(false);
        widget.dispatch("calls:logged", data.call);
      } catch (error) {
        if (widget.aborter.signal.aborted) return;
        if (error.fields) {
          const named = {};
          for (const [field, messages] of Object.entries(error.fields)) {
            named[field] = messages.map((message) => `${LABELS[field] ?? "This field"} ${message.replace(/\.$/, "")}.`);
          }
          this.showErrors(named);
        }
        const message = `${error.message} Your call was not saved; nothing you typed is lost.`;
        this.showFormError(message);
        widget.dispatch("calls:error", message);
        this.setSaving(false);
      }
    }

    /** "Called via" suggests the values of the loaded calls, most used first. */
    updateSuggestions() {
      const counts = new Map();
      for (const call of this.widget.calls) {
        const value = call.called_via.trim();
        if (!value) continue;
        const key = value.toLowerCase();
        const known = counts.get(key);
        if (known) known.count += 1;
        else counts.set(key, { value, count: 1 });
      }
      const ranked = [...counts.values()]
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .map(({ value }) => value);
      const key = ranked.join("\n");
      if (key === this.suggestions) return;
      this.suggestions = key;
      this.datalist.replaceChildren(...ranked.map((value) => el("option", { value })));
    }
  }

  if (!customElements.get("plain-calls")) customElements.define("plain-calls", PlainCalls);
})();
