// plain-api.js: the API: requests (with the widget's timeout and credentials),
// ApiError and the messages a CRM user reads for a failed request.
// A part of <plain-calls> (bench/plain/plain-calls.js has why it exists); the parts share
// window.plainCalls and are joined into one script (plain.js) in this order: format, markup, api, timeline,
// form, calls.
"use strict";

(() => {
  const parts = (window.plainCalls ??= {});
  const { REQUEST_TIMEOUT_MS } = parts;

  class ApiError extends Error {
    constructor(message, fields = null) {
      super(message);
      this.fields = fields;
    }
  }

  /** The message a CRM user reads for a failed request, in the widget's words. */
  function userMessage(status, envelope) {
    if (status >= 500) return `The calls server had a problem (error ${status}). Try again in a moment.`;
    const message = typeof envelope?.message === "string" ? envelope.message.trim() : "";
    if (message) return message;
    if (status === 401 || status === 403) {
      return "The calls server refused the API token. Check the token, then try again.";
    }
    if (status === 404) return "The calls server does not know this record; it may have been deleted.";
    return `The calls server answered with an error (HTTP ${status}). Try again in a moment.`;
  }

  async function request(connection, method, path, { query = {}, body, signal } = {}) {
    const url = new URL(path, connection.apiBase);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const headers = { Accept: "application/json" };
    if (connection.token) headers.Authorization = `Bearer ${connection.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // Without a token, a CRM that signs in by cookie sends its cookies.
        credentials: connection.token ? "same-origin" : "include",
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(
        timeout.aborted
          ? `The calls server did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. Try again.`
          : "Could not reach the calls server. Check your connection, then try again.",
      );
    }
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      if (response.ok) throw new ApiError("The calls server sent an answer this widget cannot read.");
    }
    if (!response.ok || envelope?.status !== 0) {
      throw new ApiError(userMessage(response.status, envelope), envelope?.data?.errors ?? null);
    }
    return envelope.data;
  }

  Object.assign(parts, { request });
})();
