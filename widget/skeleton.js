import { text } from "./i18n.js";

// The skeleton embed.js shows in a widget's shadow root from the moment the element is
// defined until the wasm replaces it with the widget.
// The skeleton takes the space the widget will take, so nothing on the page moves when
// the widget replaces it. Its words are the widget's own, from the catalog of its language
// (widget/i18n.js); drawn before that catalog is here, each keeps its line, empty: the form's skeleton is the form's own layout (same classes,
// same fields, inert), the timeline's shows as many rows as the widget's own skeleton
// (src/components/timeline.rs: a page of calls, at most 10 rows). e2e/tests/rendering.rs
// holds both to the widget's real size.
const SKELETON_ROWS_MAX = 10;
// Holds a label's line while its words are on their way.
const EMPTY = "\u00a0";
// Catalog text goes into markup: its few special characters are written as text.
const escape = (value) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const SKELETON_ROW =
  '<div class="cw-skeleton__row" aria-hidden="true"><span class="cw-skeleton__line cw-skeleton__line--short"></span><span class="cw-skeleton__line"></span></div>';

function timelineSkeleton(rows, say) {
  return (
    `<section class="cw-timeline" aria-label="${say("timeline.title")}" aria-busy="true"><header class="cw-timeline__header"><h2 class="cw-timeline__title">${say("timeline.title")}</h2><span class="cw-timeline__count"></span></header>` +
    `<div class="cw-skeleton"><p class="cw-visually-hidden" role="status">${say("timeline.loading")}</p>${SKELETON_ROW.repeat(rows)}</div></section>`
  );
}

const field = (label, control) => `<div class="cw-field"><label class="cw-field__label">${label}</label>${control}</div>`;
const choice = (value, label) =>
  `<label class="cw-choice cw-choice--${value}"><input type="radio"><span class="cw-choice__label">${label}</span></label>`;

function formSkeleton(withContact, say) {
  return (
    `<form class="cw-form" inert aria-hidden="true"><h2 class="cw-form__title">${say("form.log_title")}</h2>` +
    (withContact ? field(say("field.contact_id"), '<select class="cw-input"></select>') : "") +
    field(say("field.date"), '<input class="cw-input" type="date">') +
    `<fieldset class="cw-field cw-field--choices"><legend class="cw-field__label">${say("field.call_result")}</legend>` +
    choice("conversation", say("result.conversation")) +
    choice("no-answer", say("result.no_answer")) +
    choice("left-message", say("result.left_message")) +
    "</fieldset>" +
    field(say("field.text"), '<textarea class="cw-input cw-input--notes" rows="4"></textarea>') +
    field(say("field.phone_number"), '<input class="cw-input" type="tel">') +
    field(say("field.called_via"), '<input class="cw-input" type="text">') +
    field(say("field.recording_link"), '<input class="cw-input" type="url" placeholder="https://">') +
    `<div class="cw-form__actions"><button class="cw-button" type="button">${say("form.log_submit")}</button><span class="cw-form__hint">${say("form.shortcut")}</span><p class="cw-form__status"></p></div></form>`
  );
}

const LAYOUTS = { full: "cw-widget__body cw-widget__body--full", timeline: "cw-widget__body", form: "cw-widget__body cw-widget__body--form" };


/** The skeleton's markup for a widget of `view` showing `perPage` calls a page (a company's
 *  form has a contact select), in the words of `words` (a catalog; null while it is on its
 *  way). Ours and the catalog's: no page or API text goes into it. */
export function skeleton(view, perPage, withContact, words) {
  const say = (key) => (words ? escape(text(words, key)) : EMPTY);
  const layout = LAYOUTS[view] ? view : "full";
  const rows = Math.min(perPage, SKELETON_ROWS_MAX);
  const parts =
    (layout === "form" ? "" : timelineSkeleton(rows, say)) + (layout === "timeline" ? "" : formSkeleton(withContact, say));
  return `<div class="cw-widget"><div class="${LAYOUTS[layout]}">${parts}</div></div>`;
}
