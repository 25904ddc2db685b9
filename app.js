// Starts the standalone app: a file rather than an inline script, so the page works
// under a strict Content-Security-Policy.
import init from "./calls-widget.js";

await init();
