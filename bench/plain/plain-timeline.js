// plain-timeline.js: the timeline section (TimelineView: count, states, days, Load
// more), one call as an article (callArticle) and its Show more / Show less button.
// A part of <plain-calls> (bench/plain/plain-calls.js has why it exists); the parts share
// window.plainCalls and are joined into one script (plain.js) in this order: format, markup, api, timeline,
// form, calls.
"use strict";

(() => {
  const parts = (window.plainCalls ??= {});
  const {
    resultKind,
    resultLabel,
    before,
    telUri,
    httpUrl,
    shouldFold,
    countCalls,
    today,
    yesterday,
    dayHeadingText,
    relativeText,
    exactText,
    el,
    icon,
    skeleton,
  } = parts;

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

  Object.assign(parts, { TimelineView });
})();
