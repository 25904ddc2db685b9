// The widget's language and its words (i18n/README.md). English is part of this module
// (release builds bundle the file); every other catalog is a small file beside the
// widget, fetched only when a widget speaks that language, while the wasm and the first
// page of calls are on their way. What a catalog lacks is English, key by key.
import EN from "./i18n/en.json" with { type: "json" };

/** The languages with a catalog, as BCP 47 tags. */
export const LANGUAGES = ["en", "de", "fr", "es", "pt-BR", "ja", "zh-CN", "ar"];
const RIGHT_TO_LEFT = ["ar"];

/** The language with a catalog nearest to `tag`: itself (any case), else one of its
 *  language (`de-AT` → `de`, `pt-PT` → `pt-BR`); none for a language without one. */
export function supported(tag) {
  if (typeof tag !== "string" || !tag.trim()) return null;
  const wanted = tag.trim().toLowerCase().replaceAll("_", "-");
  const base = (language) => language.toLowerCase().split("-")[0];
  return (
    LANGUAGES.find((language) => language.toLowerCase() === wanted) ??
    LANGUAGES.find((language) => base(language) === base(wanted)) ??
    null
  );
}

/** The nearest `lang` around `element`, across shadow roots, or null. */
function pageLanguage(element) {
  for (let node = element; node; ) {
    const marked = node.closest?.("[lang]");
    if (marked) return marked.getAttribute("lang");
    node = node.getRootNode?.().host ?? null;
  }
  return null;
}

/** The widget's language: the `lang` attribute or option, else the nearest `lang` on the
 *  page around it, else the browser's languages in order, else English. */
export function languageFor(explicit, element) {
  for (const tag of [explicit, pageLanguage(element), ...(navigator.languages ?? [navigator.language])]) {
    const language = supported(tag);
    if (language) return language;
  }
  return "en";
}

/** "rtl" for a language written right to left, else "ltr". */
export const direction = (language) => (RIGHT_TO_LEFT.includes(language) ? "rtl" : "ltr");

const catalogs = new Map([["en", { lang: "en", messages: EN }]]);
const loading = new Map();

/** The catalog `{lang, messages}` of `language` if it is here already, else null. */
export const loadedCatalog = (language) => catalogs.get(language) ?? null;

/** The catalog `{lang, messages}` of `language`, fetched from `i18n/` under `base` once
 *  per page. One that cannot be had is English, and the console says why. */
export function catalog(language, base) {
  const loaded = catalogs.get(language);
  if (loaded) return Promise.resolve(loaded);
  if (!loading.has(language)) {
    const url = new URL(`i18n/${language}.json`, base);
    const done = fetch(url, { signal: AbortSignal.timeout(15_000) })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then(
        (messages) => ({ lang: language, messages: { ...EN, ...messages } }),
        (error) => {
          console.warn(`calls widget: the ${language} words could not be loaded (${url}); showing English`, error);
          return { lang: "en", messages: EN };
        },
      )
      .then((found) => {
        catalogs.set(language, found);
        return found;
      });
    loading.set(language, done);
  }
  return loading.get(language);
}

/** The text of `key` in `found` (a catalog), for the markup the loader draws itself. */
export const text = (found, key) => found.messages[key] ?? EN[key];
