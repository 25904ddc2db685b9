// plain-form.js: the log-a-call form (LogForm): fields, checks, draft, sending.
// A part of <plain-calls> (bench/plain/plain-calls.js has why it exists); the parts share
// window.plainCalls and are joined into one script (plain.js) in this order: format, markup, api, timeline,
// form, calls.
"use strict";

(() => {
  const parts = (window.plainCalls ??= {});
  const { LIMITS, LABELS, RESULTS, readCall, httpUrl, today, el, request } = parts;

  let nextFormId = 1;

  /** The "Log a call" form: the widget's fields, labels and ids; checked before anything
   *  is sent; a draft kept in localStorage until the call is logged. */
  class LogForm {
    constructor(widget) {
      this.widget = widget;
      this.formId = nextFormId++;
      this.saving = false;
      this.errors = {};
      this.suggestions = "";
      this.draftKey = `plain-calls:draft:${widget.options.contactId}`;
      const id = (name) => `cw-form-${this.formId}-${name}`;
      this.id = id;
      this.controls = {};
      this.fields = {};
      this.formError = el("p", { class: "cw-form__error", role: "alert" });
      this.title = el("h2", { class: "cw-form__title", id: id("title") }, "Log a call");
      this.submit = el("button", { type: "submit", class: "cw-button" }, "Log call");
      this.status = el("p", { class: "cw-form__status", role: "status" });
      this.datalist = el("datalist", { id: id("called_via-suggestions") });
      this.results = RESULTS.map(([value, label]) => {
        const input = el("input", { type: "radio", id: id(`result-${value}`), name: id("result"), value });
        const choice = el(
          "label",
          { class: `cw-choice cw-choice--${value.replace("_", "-")}`, for: id(`result-${value}`) },
          input,
          el("span", { class: "cw-choice__label" }, label),
        );
        return { value, input, choice };
      });
      const resultField = el(
        "fieldset",
        { class: "cw-field cw-field--choices" },
        el("legend", { class: "cw-field__label" }, "Result"),
        ...this.results.map(({ choice }) => choice),
      );
      this.fields.call_result = resultField;
      this.form = el(
        "form",
        { class: "cw-form", "aria-labelledby": id("title"), novalidate: true },
        this.title,
        this.field("date", "date"),
        resultField,
        this.field("text", "textarea"),
        this.field("phone_number", "tel"),
        this.field("called_via", "text", this.datalist),
        this.field("recording_link", "url"),
        el(
          "div",
          { class: "cw-form__actions" },
          this.submit,
          el("span", { class: "cw-form__hint" }, "Ctrl+Enter"),
          this.status,
        ),
      );
      this.setValues(this.loadDraft() ?? this.emptyValues());
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.send();
      });
      this.form.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          this.send();
        }
      });
      // Every change: its field's messages go, and the draft is kept.
      this.form.addEventListener("input", (event) => this.edited(event.target.name));
      this.form.addEventListener("change", (event) => this.edited(event.target.name));
    }

    field(name, type, datalist = null) {
      const id = this.id(name);
      const attributes = { class: "cw-input", type, id, name, list: datalist?.id, autocomplete: "off" };
      if (type === "url") attributes.placeholder = "https://";
      const control =
        type === "textarea"
          ? el("textarea", { class: "cw-input cw-input--notes", id, name, rows: "4" })
          : el("input", attributes);
      this.controls[name] = control;
      const label = el("label", { class: "cw-field__label", for: id }, LABELS[name]);
      const field = el("div", { class: "cw-field" }, label, control, datalist);
      this.fields[name] = field;
      return field;
    }

    emptyValues() {
      const empty = { text: "", phone_number: "", called_via: "", recording_link: "" };
      return { date: today(), call_result: "conversation", ...empty };
    }

    values() {
      const values = { call_result: this.results.find(({ input }) => input.checked)?.value ?? "conversation" };
      for (const [name, control] of Object.entries(this.controls)) values[name] = control.value;
      return values;
    }

    setValues(values) {
      for (const [name, control] of Object.entries(this.controls)) control.value = values[name] ?? "";
      for (const { value, input } of this.results) input.checked = value === values.call_result;
    }

    loadDraft() {
      const saved = localStorage.getItem(this.draftKey);
      if (saved === null) return null;
      const draft = Object.fromEntries(new URLSearchParams(saved));
      if (!RESULTS.some(([value]) => value === draft.call_result)) draft.call_result = "conversation";
      return draft;
    }

    saveDraft() {
      const values = this.values();
      const typed = ["text", "phone_number", "called_via", "recording_link"].some((name) => values[name].trim());
      if (typed) localStorage.setItem(this.draftKey, new URLSearchParams(values).toString());
      else localStorage.removeItem(this.draftKey);
    }

    edited(name) {
      const field = name?.endsWith("-result") ? "call_result" : name;
      if (this.errors[field]?.length) this.showErrors({ ...this.errors, [field]: [] });
      this.saveDraft();
    }

    /** Each field's messages under it, its control marked; `errors` is field → messages. */
    showErrors(errors) {
      this.errors = errors;
      for (const [name, field] of Object.entries(this.fields)) {
        const messages = errors[name] ?? [];
        const errorId = this.id(`${name}-error`);
        field.querySelector(".cw-field__error")?.remove();
        const control = this.controls[name];
        if (messages.length > 0) {
          field.append(el("p", { class: "cw-field__error", id: errorId }, messages.join(" ")));
          control?.setAttribute("aria-invalid", "true");
          control?.setAttribute("aria-describedby", errorId);
        } else {
          control?.removeAttribute("aria-invalid");
          control?.removeAttribute("aria-describedby");
        }
      }
    }

    showFormError(message) {
      this.formError.textContent = message ?? "";
      if (message) this.title.after(this.formError);
      else this.formError.remove();
    }

    /** The call to send, trimmed, or the messages of what to fix. */
    check(values) {
      const errors = {};
      const add = (field, message) => (errors[field] ??= []).push(message);
      const date = values.date.trim();
      const [year, month, day] = date.split("-").map(Number);
      const parsed = new Date(Date.UTC(year, month - 1, day));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || parsed.getUTCDate() !== day) add("date", "Enter the date of the call.");
      const call = {
        date,
        call_result: values.call_result,
        text: values.text.trim(),
        called_via: values.called_via.trim(),
        phone_number: values.phone_number.trim(),
        recording_link: values.recording_link.trim(),
      };
      for (const [field, max] of Object.entries(LIMITS)) {
        const chars = [...call[field]].length;
        if (chars > max) add(field, `${LABELS[field]} must be at most ${max} characters (it has ${chars}).`);
      }
      if (call.recording_link && call.recording_link.length <= LIMITS.recording_link && !httpUrl(call.recording_link)) {
        add("recording_link", `${LABELS.recording_link} must be a web address starting with http:// or https://.`);
      }
      return Object.keys(errors).length > 0 ? { errors } : { call };
    }

    setSaving(saving) {
      this.saving = saving;
      this.submit.textContent = saving ? "Saving…" : "Log call";
      if (saving) this.submit.setAttribute("aria-disabled", "true");
      else this.submit.removeAttribute("aria-disabled");
    }

    async send() {
      if (this.saving) return;
      const { call, errors } = this.check(this.values());
      if (errors) {
        this.showErrors(errors);
        this.showFormError("Check the fields marked below; nothing was sent.");
        this.form.querySelector("[aria-invalid='true']")?.focus();
        return;
      }
      this.showErrors({});
      this.showFormError(null);
      this.status.textContent = "";
      this.setSaving(true);
      const { widget } = this;
      try {
        const path = `contacts/${widget.options.contactId}/calls.json`;
        const data = await request(widget.options.connection, "POST", path, {
          query: { partial: "1" },
          body: { call },
          signal: widget.aborter.signal,
        });
        const logged = readCall(data.call ?? {});
        widget.insertNew(logged);
        this.setValues(this.emptyValues());
        this.saveDraft();
        this.status.textContent = "Call logged.";
        this.setSaving(false);
        widget.dispatch("calls:logged", data.call);
      } catch (error) {
        if (widget.aborter.signal.aborted) return;
        if (error.fields) {
          const named = {};
          for (const [field, messages] of Object.entries(error.fields)) {
            named[field] = messages.map((message) => `${LABELS[field] ?? "This field"} ${message.replace(/\.$/, "")}.`);
          }
          this.showErrors(named);
        }
        const message = `${error.message} Your call was not saved; nothing you typed is lost.`;
        this.showFormError(message);
        widget.dispatch("calls:error", message);
        this.setSaving(false);
      }
    }

    /** "Called via" suggests the values of the loaded calls, most used first. */
    updateSuggestions() {
      const counts = new Map();
      for (const call of this.widget.calls) {
        const value = call.called_via.trim();
        if (!value) continue;
        const key = value.toLowerCase();
        const known = counts.get(key);
        if (known) known.count += 1;
        else counts.set(key, { value, count: 1 });
      }
      const ranked = [...counts.values()]
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .map(({ value }) => value);
      const key = ranked.join("\n");
      if (key === this.suggestions) return;
      this.suggestions = key;
      this.datalist.replaceChildren(...ranked.map((value) => el("option", { value })));
    }
  }

  Object.assign(parts, { LogForm });
})();
