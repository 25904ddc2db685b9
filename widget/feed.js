// The timeline as an ARIA feed (the WAI-ARIA feed pattern; the markup is the widget's,
// src/components/timeline.rs): Page Down and Page Up move from call to call; each call is
// numbered `aria-posinset` of `aria-setsize` (the feed's `data-total`: all the owner's
// calls, not only those loaded); calls that arrive after the first page (a later page, a
// call logged here or elsewhere) are announced once, politely, in the timeline's live
// region; and focus never falls to the page when what had it goes (the last "Load more"
// once every call is shown): it moves to the first call that came, or the timeline's
// heading; the call being read stays where it is on screen when calls arrive above it (a
// refresh, another widget): the rows the framework moves to make room lose the browser's
// own scroll anchoring, so the feed anchors itself; and calls that arrive above those
// shown are marked "New" until they have been on screen a moment. DOM behaviour only, so
// it lives here, where it costs a fraction of its wasm (bench/RESULTS.md), for the loader
// and the standalone app alike.

const shown = new WeakMap();
// How each followed widget finds the call in view again after a scroll: one listener for
// the page, however many widgets come and go.
const finders = new Set();
let finding = false;
addEventListener(
  "scroll",
  () => {
    if (finding) return;
    finding = true;
    requestAnimationFrame(() => {
      finding = false;
      for (const find of finders) find();
    });
  },
  { capture: true, passive: true },
);
// The first call of each feed when its calls were last looked at for new ones.
const firsts = new WeakMap();
// The ids of the calls each feed shows: a row built again (an edit) is not new.
const known = new WeakMap();
// A "New" mark goes once its call has been seen for this long.
const SEEN_MS = 3000;
const seen = new IntersectionObserver((entries) => {
  for (const { target, isIntersecting } of entries) {
    if (isIntersecting) {
      unwatch(target);
      setTimeout(() => target.removeAttribute("data-new"), SEEN_MS);
    }
  }
});
// The marked calls not seen yet: one deleted before it was seen is let go.
const watched = new Set();
const unwatch = (article) => watched.delete(article) && seen.unobserve(article);

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
  // The first call in view and where it was, from the last scroll: after a change, the
  // page scrolls by what it moved. Found again only after a scroll (once a frame), so a
  // change costs one measurement, not a search through every call.
  let anchor = null;
  const find = () => {
    anchor = null;
    // A widget removed from the page is forgotten (it follows again if it comes back).
    if (!root.isConnected) return finders.delete(find);
    const scrolled = scroller(root);
    if (scrolled.scrollTop ?? scrolled.scrollY) {
      const top = scrolled === window ? 0 : scrolled.getBoundingClientRect().top;
      const article = [...root.querySelectorAll("[role=feed] > article")].find(
        (article) => article.getBoundingClientRect().bottom > top,
      );
      if (article) anchor = { article, top: article.getBoundingClientRect().top };
    }
  };
  finders.add(find);
  const keepReading = () => {
    if (!anchor?.article.isConnected) return;
    const moved = anchor.article.getBoundingClientRect().top - anchor.top;
    if (Math.abs(moved) >= 1) scroller(anchor.article).scrollBy(0, moved);
  };
  new MutationObserver(() => {
    finders.add(find);
    keepReading();
    for (const feed of root.querySelectorAll("[role=feed]")) {
      const first = number(feed, words());
      // After the widget's own moves of focus (they wait for the next frame too).
      if (focused && !focused.isConnected) {
        requestAnimationFrame(() => {
          if (focused && !focused.isConnected) (first ?? feed.parentElement.querySelector("h2"))?.focus();
        });
      }
    }
    // Text too: a new row's words are written into its nodes after they are placed.
  }).observe(root, { childList: true, subtree: true, characterData: true, attributeFilter: ["data-total"] });
}

// What scrolls `node` into view: its nearest scrolling ancestor (out of shadow roots
// too), or the window.
function scroller(node) {
  const up = (at) => at.parentElement ?? at.getRootNode().host;
  for (let at = up(node); at; at = up(at)) {
    if (at.scrollHeight > at.clientHeight && /auto|scroll/.test(getComputedStyle(at).overflowY)) return at;
  }
  return window;
}

// Numbers the feed's calls and announces those that came; the first that came, if any.
function number(feed, words) {
  const articles = feed.querySelectorAll(":scope > article");
  const before = shown.get(feed) ?? 0;
  shown.set(feed, articles.length);
  // Calls arrive above the others: while the first stays, nothing new came (Load more
  // only appends).
  if (articles[0] !== firsts.get(feed)) {
    firsts.set(feed, articles[0]);
    markNew(feed, articles, words);
  }
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

// Marks the calls that came above a call already shown and are not this user's own
// (their row says it is being saved), once the feed had shown its first page. Only the
// ids shown now are kept: a page open all day does not collect them.
function markNew(feed, articles, words) {
  const before = known.get(feed);
  const now = new Set();
  let below = false;
  for (const article of [...articles].reverse()) {
    const id = article.dataset.id;
    now.add(id);
    if (before?.has(id)) {
      below = true;
    } else if (before && below && words && !article.querySelector(".cw-call__pending")) {
      article.dataset.new = words.messages["call.new"];
      watched.add(article);
      seen.observe(article);
    }
  }
  known.set(feed, now);
  for (const article of watched) if (!article.isConnected) unwatch(article);
}

/** The plural form of `key` for `n` in `words`, with `{count}` written the language's way. */
export function count(words, key, n) {
  const forms = words.messages[key];
  const form = forms[new Intl.PluralRules(words.lang).select(n)] ?? forms.other;
  return form.replace("{count}", new Intl.NumberFormat(words.lang).format(n));
}
