// The example CRM page's own script, as a CRM would write it: it keeps a call counter in
// the page header up to date from the widget's DOM events, and writes down any
// Content-Security-Policy violation (the page is served with a strict policy, and the
// widget must not cause any). Loaded as a classic script before the widget, so it
// listens from the start.
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  const note = document.getElementById("csp-violations");
  if (note) note.textContent = String(window.cspViolations.length);
});

window.callsEvents = [];
let loggedHere = 0;
for (const name of ["calls:logged", "calls:updated", "calls:deleted", "calls:error"]) {
  document.addEventListener(name, (event) => {
    window.callsEvents.push({ type: event.type, detail: event.detail });
    if (event.type === "calls:logged") {
      loggedHere += 1;
      const counter = document.getElementById("logged-counter");
      if (counter) counter.textContent = String(loggedHere);
    }
  });
}
