// plain-markup.js: building elements (el), the result icons, the loading skeleton.
// A part of <plain-calls> (bench/plain/plain-calls.js has why it exists); the parts share
// window.plainCalls and are joined into one script (plain.js) in this order: format, markup, api, timeline,
// form, calls.
"use strict";

(() => {
  const parts = (window.plainCalls ??= {});
  const { ICON_PATHS } = parts;

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

  Object.assign(parts, { el, icon, skeleton });
})();
