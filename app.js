// Starts the standalone app: a file rather than an inline script, so the page works
// under a strict Content-Security-Policy. Its language is `?lang=` in the address, else
// the browser's (widget/i18n.js); its words are fetched while the wasm loads.
import init, { startApp } from "./calls-widget.js";
import { followFeeds } from "./feed.js";
import { catalog, direction, languageFor } from "./i18n.js";
import { followSummaries } from "./summary.js";

const here = new URL(".", import.meta.url);
const language = languageFor(new URLSearchParams(location.search).get("lang"), null);
const [, words] = await Promise.all([init(), catalog(language, here)]);
document.documentElement.lang = words.lang;
document.documentElement.dir = direction(words.lang);
document.title = words.messages["app.title"];
const root = document.getElementById("calls-app");
followFeeds(root, () => words);
followSummaries(root);
startApp(words.lang, words.messages);
