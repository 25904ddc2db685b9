// The links of a form's error summary (the GOV.UK pattern; src/components/form/summary.rs)
// lead to their field. They are `#id` links, which a browser would look for in the page,
// never in the widget's shadow root, and whose jump would write the id into the page's
// address: one listener per widget focuses the field instead (for the result's radio
// buttons, named by the id, the first of them).

/** Makes the links of the error summaries under `root` (a widget's container, or the
 *  app's) focus their field. */
export function followSummaries(root) {
  root.addEventListener("click", (event) => {
    const id = event.target.closest?.(".cw-form__error-list a")?.hash.slice(1);
    if (!id) return;
    event.preventDefault();
    root.querySelector(`[id="${id}"], [name="${id}"]`)?.focus();
  });
}
