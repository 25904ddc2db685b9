// The benchmark's probe, loaded first (a classic script, before anything else) by both
// host pages (widget.html and plain.html). It records into `window.bench` when the
// timeline is first painted, and gives the driver (bench/src/bin/widget-vs-plain/)
// helpers that time Load more and logging a call.
//
// "Painted" is the timestamp of the first animation frame in which the change is in the
// DOM: that frame's rendering shows it. The timestamp is the frame's start, before its
// style, layout and paint; "rendered" is when that rendering is done (a task posted from
// the frame). The timeline is found in the shadow root of the page's <calls-widget> or
// <plain-calls>; both render the same markup.
"use strict";

(() => {
  const HOSTS = "calls-widget, plain-calls";
  const FRAME_LIMIT_MS = 120_000;
  const bench = (window.bench = {});

  // Every request stays listed (the default buffer of 250 entries could fill up).
  performance.setResourceTimingBufferSize(100_000);

  // The wasm's memory, kept as the page instantiates its module (wasm-bindgen's glue
  // calls one of these two; the plain page never does).
  const memories = [];
  const keepMemory = (result) => {
    // When the widget's code can run: its data may have come before (it is fetched
    // while the wasm compiles).
    bench.codeReadyAt = performance.now();
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    for (const value of Object.values(instance?.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) memories.push(value);
    }
    return result;
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then(keepMemory);
    };
  }

  function shadow() {
    return document.querySelector(HOSTS)?.shadowRoot ?? null;
  }

  // Live lists of the articles under each element of the shadow root (a loader may show
  // a skeleton in one container and the widget in another), rebuilt only when those
  // elements change: reading their lengths each frame costs next to nothing, where
  // querySelectorAll would walk the whole timeline every frame.
  let tracked = { root: null, children: [], lists: [] };
  function articleLists() {
    const root = shadow();
    const children = root ? [...root.children] : [];
    const same =
      tracked.root === root &&
      tracked.children.length === children.length &&
      tracked.children.every((child, i) => child === children[i]);
    if (!same) {
      tracked = { root, children, lists: children.map((child) => child.getElementsByTagName("article")) };
    }
    return tracked.lists;
  }

  function articleCount() {
    return articleLists().reduce((total, list) => total + list.length, 0);
  }

  function firstArticle() {
    return articleLists().find((list) => list.length > 0)?.[0];
  }

  function allArticles() {
    return articleLists().flatMap((list) => [...list]);
  }

  function moreButton() {
    return shadow()?.querySelector(".cw-timeline__more button") ?? null;
  }

  function buttonIn(root, text) {
    return [...root.querySelectorAll("button")].find((button) => button.textContent.trim() === text) ?? null;
  }

  function fieldIn(root, label) {
    const found = [...root.querySelectorAll("label")].find((element) => element.textContent.trim() === label);
    return found ? root.getElementById(found.htmlFor) : null;
  }

  function pageText() {
    return (shadow()?.textContent ?? document.body?.textContent ?? "").slice(-600);
  }

  /** The timestamp of the first animation frame in which `condition()` holds. */
  function untilFrame(what, condition) {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const check = (time) => {
        if (condition()) return resolve(time);
        if (time - started > FRAME_LIMIT_MS) {
          const problem = `bench: no frame with ${what} within ${FRAME_LIMIT_MS} ms; the page says: ${pageText()}`;
          return reject(new Error(problem));
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }

  /** performance.now() once the current frame's rendering (style, layout, paint) is
   *  done. Called in a frame callback, or just after one (a promise's continuation), the
   *  posted message is a task of its own, which runs after that rendering. */
  function afterRendering() {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  }

  /** The first resource entry matching `test`, waiting for it: an entry is listed only
   *  once its response is complete, which may be just after the frame that showed it. */
  async function resource(what, test) {
    const deadline = performance.now() + 10_000;
    for (;;) {
      const found = performance.getEntriesByType("resource").find(test);
      if (found) return found;
      if (performance.now() > deadline) throw new Error(`bench: no resource entry for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const isListRequest = (entry) => /\/calls\.json(\?|$)/.test(entry.name) && !entry.name.includes("partial=1");

  // Marks every article with a token; after a change, how many marked ones are still
  // there tells whether rows were kept or built again.
  let markCount = 0;
  function markAll(list) {
    const token = ++markCount;
    for (const article of list) article.benchMark = token;
    return { token, marked: list.length };
  }
  function survivors(list, { token }) {
    let count = 0;
    for (const article of list) if (article.benchMark === token) count += 1;
    return count;
  }

  // Watched from the start of the page. Visible, not only present: both pages keep the
  // timeline hidden until the stylesheet is in.
  const firstCallPainted = untilFrame("a call", () => firstArticle()?.checkVisibility() ?? false);
  const hundredPainted = untilFrame("100 calls", () => articleCount() >= 100 && firstArticle().checkVisibility());
  // A page that never gets there is reported by bench.startup(), not as an unhandled rejection.
  firstCallPainted.catch(() => {});
  hundredPainted.catch(() => {});

  /** Bytes of the navigation and of every request that was complete by `time`. */
  function bytesBy(time) {
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
    const done = entries.filter((entry) => entry.responseEnd > 0 && entry.responseEnd <= time);
    const sum = (key) => done.reduce((total, entry) => total + entry[key], 0);
    return {
      requests: done.length,
      transferSize: sum("transferSize"),
      encodedBodySize: sum("encodedBodySize"),
      decodedBodySize: sum("decodedBodySize"),
      // Every request so far, for the driver's listing.
      files: entries.map(
        (entry) =>
          `${new URL(entry.name).pathname} ${entry.transferSize} B, done at ${entry.responseEnd.toFixed(0)} ms` +
          (done.includes(entry) ? "" : " (after the first paint: not counted)"),
      ),
    };
  }

  /** What the first load measured: ms since navigation started, and from the first list
   *  response's end to the frame with 100 calls. */
  bench.startup = async () => {
    const first = await firstCallPainted;
    const hundred = await hundredPainted;
    const list = await resource("the first list request", isListRequest);
    return {
      // The widget's stylesheet defines this on .cw-root: a page whose stylesheet failed
      // paints sooner and is not measuring the same thing.
      styled: getComputedStyle(firstArticle()).getPropertyValue("--cw-space") !== "",
      firstCallPainted: first,
      hundredAfterResponse: hundred - list.responseEnd,
      // From when both the answer and the code to show it were there: the rendering
      // alone (the plain page's code is there before its request is even made).
      hundredAfterReady: hundred - Math.max(list.responseEnd, bench.codeReadyAt ?? 0),
      bytes: bytesBy(first),
    };
  };

  bench.articleCount = articleCount;
  bench.hasMore = () => moreButton() !== null;
  /** The nodes in the shadow tree (the renderer's DOM counter also counts nodes no
   *  longer in the page that are not collected yet). Leptos marks its dynamic parts
   *  with comment nodes, so they are counted apart. */
  bench.shadowNodes = () => {
    const walker = document.createTreeWalker(shadow(), NodeFilter.SHOW_ALL);
    const counts = { nodes: 0, elements: 0, comments: 0 };
    while (walker.nextNode()) {
      counts.nodes += 1;
      if (walker.currentNode.nodeType === Node.ELEMENT_NODE) counts.elements += 1;
      if (walker.currentNode.nodeType === Node.COMMENT_NODE) counts.comments += 1;
    }
    return counts;
  };
  bench.wasmMemoryBytes = () => memories.reduce((total, memory) => total + memory.buffer.byteLength, 0);

  /** Clicks Load more: ms from the click to the first frame with more calls and the
   *  button ready again (or gone: the last page), and to the end of that frame's
   *  rendering; how many rows survived. */
  bench.loadMore = async () => {
    const button = moreButton();
    if (!button || button.textContent.trim() !== "Load more") throw new Error(`bench: no Load more; ${pageText()}`);
    const before = articleCount();
    const mark = markAll(allArticles());
    // When the rows were last added to the DOM (a mutation observer runs right after
    // the script that changed it): the script's own time, without the frame's wait.
    let lastAdded = null;
    let counted = before;
    const observer = new MutationObserver(() => {
      const now = articleCount();
      if (now !== counted) {
        counted = now;
        lastAdded = performance.now();
      }
    });
    observer.observe(shadow(), { childList: true, subtree: true });
    const start = performance.now();
    button.click();
    const frame = await untilFrame("more calls", () => {
      if (articleCount() <= before) return false;
      const again = moreButton();
      return again === null || again.textContent.trim() === "Load more";
    });
    observer.disconnect();
    const rendered = await afterRendering();
    const request = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime >= start && entry.name.includes("calls.json"))
      .pop();
    return {
      ms: frame - start,
      renderedMs: rendered - start,
      // From the page's answer to its rows in the DOM.
      scriptMs: (lastAdded ?? frame) - (request?.responseEnd ?? start),
      before,
      after: articleCount(),
      marked: mark.marked,
      survived: survivors(allArticles(), mark),
    };
  };

  /** Types `notes` and presses "Log call": ms from the POST's response end to the first
   *  frame showing the new call and to the end of its rendering, where the click's time
   *  went, and how many rows survived. */
  bench.logCall = async (notes) => {
    const root = shadow();
    const submit = buttonIn(root, "Log call");
    const textarea = fieldIn(root, "Notes");
    if (!submit || !textarea) throw new Error(`bench: no form ready; ${pageText()}`);
    textarea.value = notes;
    textarea.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    const before = articleCount();
    const mark = markAll(allArticles());
    const start = performance.now();
    submit.click();
    // Once the count grew, the new call is found by its notes (searched only then).
    const shown = () =>
      articleCount() > before &&
      [...root.querySelectorAll(".cw-call__notes")].some((element) => element.textContent === notes);
    const frame = await untilFrame("the logged call", shown);
    const rendered = await afterRendering();
    const post = await resource("the POST", (entry) => entry.name.includes("partial=1") && entry.startTime >= start);
    // The form is ready for the next call once its button says so again.
    await untilFrame("the form ready", () => buttonIn(root, "Log call") !== null);
    return {
      ms: frame - post.responseEnd,
      renderedMs: rendered - post.responseEnd,
      clickToPaint: frame - start,
      // Where the rest of the click's time went: before the request, and in it.
      clickToRequest: post.startTime - start,
      request: post.responseEnd - post.startTime,
      before,
      after: articleCount(),
      marked: mark.marked,
      survived: survivors(allArticles(), mark),
    };
  };
})();
