// The admin's repeat fields (issue 23): a date picker with an "Add date" button fills the
// one-date-per-line lists, and each repeat shows what it means in words as the editor types.
// Without JavaScript the lists are typed by hand and the summary is on the page once saved.
(() => {
  "use strict";

  const dayFormat = { day: "numeric", month: "short" };
  const lastDayFormat = { day: "numeric", month: "short", year: "numeric" };

  const localDate = (text) => {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    return parts ? new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : null;
  };
  const datesOf = (field) =>
    (field ? field.value.split(/[\s,;]+/) : []).map(localDate).filter(Boolean);
  const field = (panel, name) => panel.querySelector(`[name$="-${name}"]`);

  const summary = (panel) => {
    const language = document.documentElement.lang || undefined;
    const format = (date, options) => date.toLocaleDateString(language, options);
    const boxes = [...panel.querySelectorAll("[data-repeat-weekdays]")];
    const words = boxes[0].dataset;
    const days = boxes
      .filter((box) => box.checked)
      .map((box) => box.closest("label").textContent.trim());
    const start = field(panel, "start_time").value;
    const end = field(panel, "end_time").value;
    const first = localDate(field(panel, "first_date").value || "");
    const last = localDate(field(panel, "last_date").value || "");
    const parts = [];
    if (days.length) parts.push(words.every.replace("{days}", days.join(", ")));
    if (start) parts.push(end ? `${start}–${end}` : start);
    if (days.length && first && last) {
      parts.push(`${format(first, dayFormat)} – ${format(last, lastDayFormat)}`);
    }
    let text = parts.join(", ");
    const exceptions = datesOf(field(panel, "exceptions"));
    if (exceptions.length) {
      text += `; ${words.except} ${exceptions.map((day) => format(day, dayFormat)).join(", ")}`;
    }
    const extras = datesOf(field(panel, "extra_dates"));
    if (extras.length) {
      text += `; ${words.also} ${extras.map((day) => format(day, lastDayFormat)).join(", ")}`;
    }
    return text;
  };

  const update = (panel) => {
    let output = panel.querySelector("[data-repeat-summary]");
    if (!output) {
      output = document.createElement("output");
      output.className = "help";
      output.dataset.repeatSummary = "";
      output.setAttribute("aria-live", "polite");
      panel.querySelector("[data-repeat-weekdays]").closest("fieldset, div").before(output);
    }
    output.textContent = summary(panel);
  };

  const repeatPanel = (element) => {
    const panel = element.closest("[data-inline-panel-child]");
    return panel && panel.querySelector("[data-repeat-weekdays]") ? panel : null;
  };

  const addDate = (button) => {
    const adder = button.closest("[data-date-list-adder]");
    const input = adder.querySelector("[data-date-list-input]");
    const list = adder.parentElement.querySelector("textarea[data-date-list]");
    if (!input.value) return;
    const dates = new Set(list.value.split(/[\s,;]+/).filter(Boolean));
    dates.add(input.value);
    list.value = [...dates].sort().join("\n");
    input.value = "";
    list.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const refresh = (event) => {
    const panel = repeatPanel(event.target);
    if (panel) update(panel);
  };
  document.addEventListener("input", refresh);
  document.addEventListener("change", refresh);
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-date-list-add]");
    if (button) addDate(button);
  });
  const start = () => {
    for (const adder of document.querySelectorAll("[data-date-list-adder]")) adder.hidden = false;
    for (const box of document.querySelectorAll("[data-repeat-weekdays]")) {
      const panel = repeatPanel(box);
      if (panel && !panel.querySelector("[data-repeat-summary]")) update(panel);
    }
  };
  // Repeats added with "Add repeat" come from a template: their adders are shown when used.
  document.addEventListener("focusin", (event) => {
    const adder = event.target.closest("[data-inline-panel-child]");
    if (adder) for (const hidden of adder.querySelectorAll("[data-date-list-adder][hidden]")) hidden.hidden = false;
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
