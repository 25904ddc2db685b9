// The skeleton embed.js shows in a widget's shadow root from the moment the element is
// defined until the wasm replaces it with the widget.
// The skeleton takes the space the widget will take, so nothing on the page moves when
// the widget replaces it: the form's skeleton is the form's own layout (same classes,
// same fields, inert), the timeline's shows as many rows as the widget's own skeleton
// (src/components/timeline.rs: a page of calls, at most 10 rows). e2e/tests/rendering.rs
// holds both to the widget's real size.
const SKELETON_ROWS_MAX = 10;
const SKELETON_ROW =
  '<div class="cw-skeleton__row" aria-hidden="true"><span class="cw-skeleton__line cw-skeleton__line--short"></span><span class="cw-skeleton__line"></span></div>';

function timelineSkeleton(rows) {
  return (
    '<section class="cw-timeline" aria-label="Calls" aria-busy="true"><header class="cw-timeline__header"><h2 class="cw-timeline__title">Calls</h2><span class="cw-timeline__count"></span></header>' +
    `<div class="cw-skeleton"><p class="cw-visually-hidden" role="status">Loading calls…</p>${SKELETON_ROW.repeat(rows)}</div></section>`
  );
}

const field = (label, control) => `<div class="cw-field"><label class="cw-field__label">${label}</label>${control}</div>`;
const choice = (value, label) =>
  `<label class="cw-choice cw-choice--${value}"><input type="radio"><span class="cw-choice__label">${label}</span></label>`;

function formSkeleton(withContact) {
  return (
    '<form class="cw-form" inert aria-hidden="true"><h2 class="cw-form__title">Log a call</h2>' +
    (withContact ? field("Contact", '<select class="cw-input"></select>') : "") +
    field("Date", '<input class="cw-input" type="date">') +
    '<fieldset class="cw-field cw-field--choices"><legend class="cw-field__label">Result</legend>' +
    choice("conversation", "Conversation") +
    choice("no-answer", "No answer") +
    choice("left-message", "Left message") +
    "</fieldset>" +
    field("Notes", '<textarea class="cw-input cw-input--notes" rows="4"></textarea>') +
    field("Phone number", '<input class="cw-input" type="tel">') +
    field("Called via", '<input class="cw-input" type="text">') +
    field("Recording link", '<input class="cw-input" type="url" placeholder="https://">') +
    '<div class="cw-form__actions"><button class="cw-button" type="button">Log call</button><span class="cw-form__hint">Ctrl+Enter</span><p class="cw-form__status"></p></div></form>'
  );
}

const LAYOUTS = { full: "cw-widget__body cw-widget__body--full", timeline: "cw-widget__body", form: "cw-widget__body cw-widget__body--form" };


/** The skeleton's markup for a widget of `view` showing `perPage` calls a page (a company's
 *  form has a contact select). Static and ours: no page or API text goes into it. */
export function skeleton(view, perPage, withContact) {
  const layout = LAYOUTS[view] ? view : "full";
  const rows = Math.min(perPage, SKELETON_ROWS_MAX);
  const parts = (layout === "form" ? "" : timelineSkeleton(rows)) + (layout === "timeline" ? "" : formSkeleton(withContact));
  return `<div class="cw-widget"><div class="${LAYOUTS[layout]}">${parts}</div></div>`;
}
