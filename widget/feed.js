// The timeline as an ARIA feed (the WAI-ARIA feed pattern; the markup is the widget's,
// src/components/timeline.rs): Page Down and Page Up move from call to call; each call is
// numbered `aria-posinset` of `aria-setsize` (the feed's `data-total`: all the owner's
// calls, not only those loaded); calls that arrive after the first page (a later page, a
// call logged here or elsewhere) are announced once, politely, in the timeline's live
// region; and focus never falls to the page when what had it goes (the last "Load more"
// once every call is shown): it moves to the first call that came, or the timeline's
// heading. DOM behaviour only, so it lives here, where it costs a fraction of its wasm
// (bench/RESULTS.md), for the loader and the standalone app alike.

const shown = new WeakMap();

/** Follows every feed under `root` (a widget's container, or the app's), whose words
 *  come from `words()` (a catalog `{lang, messages}`, or null while none is here). */
export function followFeeds(root, words) {
  let focused = null;
  root.addEventListener("focusin", (event) => {
    focused = event.target;
  });
  root.addEventListener("keydown", (event) => {
    const step = { PageDown: "nextElementSibling", PageUp: "previousElementSibling" }[event.key];
    const article = step && event.target.closest?.("[role=feed] > article");
    let next = article?.[step];
    while (next && next.tagName !== "ARTICLE") next = next[step];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
  new MutationObserver(() => {
    for (const feed of root.querySelectorAll("[role=feed]")) {
      const first = number(feed, words());
      // After the widget's own moves of focus (they wait for the next frame too).
      if (focused && !focused.isConnected) {
        requestAnimationFrame(() => {
          if (focused && !focused.isConnected) (first ?? feed.parentElement.querySelector("h2"))?.focus();
        });
      }
    }
  }).observe(root, { childList: true, subtree: true, attributeFilter: ["data-total"] });
}

// Numbers the feed's calls and announces those that came; the first that came, if any.
function number(feed, words) {
  const articles = feed.querySelectorAll(":scope > article");
  const before = shown.get(feed) ?? 0;
  shown.set(feed, articles.length);
  const total = String(Math.max(Number(feed.dataset.total) || 0, articles.length));
  articles.forEach((article, index) => {
    if (article.getAttribute("aria-posinset") !== String(index + 1)) article.setAttribute("aria-posinset", index + 1);
    if (article.getAttribute("aria-setsize") !== total) article.setAttribute("aria-setsize", total);
  });
  const news = feed.parentElement?.querySelector(".cw-timeline__news");
  if (before > 0 && articles.length > before) {
    if (news && words) news.textContent = count(words, "timeline.arrived", articles.length - before);
    return articles[before];
  }
  return null;
}

/** The plural form of `key` for `n` in `words`, with `{count}` written the language's way. */
export function count(words, key, n) {
  const forms = words.messages[key];
  const form = forms[new Intl.PluralRules(words.lang).select(n)] ?? forms.other;
  return form.replace("{count}", new Intl.NumberFormat(words.lang).format(n));
}
