// plain-format.js: the constants (as the widget's), the Intl formatters, the
// contract's values as the widget reads them, and dates and times where the user is.
// A part of <plain-calls> (bench/plain/plain-calls.js has why it exists); the parts share
// window.plainCalls and are joined into one script (plain.js) in this order: format, markup, api, timeline,
// form, calls.
"use strict";

(() => {
  const parts = (window.plainCalls ??= {});

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

  Object.assign(parts, {
    STYLESHEET,
    REQUEST_TIMEOUT_MS,
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    LIMITS,
    LABELS,
    RESULTS,
    ICON_PATHS,
    resultKind,
    resultLabel,
    readCall,
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
  });
})();
