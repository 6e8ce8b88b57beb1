// Isnad's only script (served as a static file: no inline script, so a strict CSP holds).
// Everything here is an enhancement: every page works without it.
"use strict";

// Keep shareable URLs short by leaving empty filter fields out of htmx requests.
document.addEventListener("htmx:configRequest", (event) => {
  const parameters = event.detail.parameters;
  const empty = [];
  const entries = parameters instanceof FormData ? parameters.entries() : Object.entries(parameters);
  for (const [name, value] of entries) {
    if (value === "") empty.push(name);
  }
  for (const name of empty) {
    if (parameters instanceof FormData) parameters.delete(name);
    else delete parameters[name];
  }
});

// The claims filters reload the results on any change, except a change of a type-ahead box
// (`*_search`), which only fetches suggestions. Decided here rather than in an hx-trigger filter
// expression, which htmx would have to eval: the Content-Security-Policy allows no eval.
document.addEventListener("htmx:confirm", (event) => {
  const trigger = event.detail.triggeringEvent;
  const source = trigger && trigger.target;
  if (
    event.detail.elt.id === "filters" &&
    trigger && trigger.type === "change" &&
    source && typeof source.name === "string" && source.name.endsWith("_search")
  ) {
    event.preventDefault();
  }
});

function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick, so that the same message twice is read twice.
  window.setTimeout(() => { region.textContent = message; }, 50);
}

// Filters fold away on phones so that the results come first (the page renders them open).
function foldOnNarrowScreens() {
  for (const details of document.querySelectorAll("details[data-fold-below]")) {
    if (window.matchMedia(`(max-width: ${details.dataset.foldBelow})`).matches) {
      details.open = false;
    }
  }
}

// The language switch returns to the page as it is now, filters included (htmx may have pushed
// a new URL since the page was rendered).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.classList || !form.classList.contains("language-switch")) return;
  const next = form.querySelector("[data-current-url]");
  if (next) next.value = window.location.pathname + window.location.search + window.location.hash;
});

// "Copy citation": the claim's citation text and its permanent link on Isnad.
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest ? event.target.closest(".copy-citation") : null;
  if (!button) return;
  let text = button.dataset.citation || "";
  if (button.dataset.permalink) {
    const label = document.body.dataset.permalinkLabel || "Isnad";
    text += `\n${label}: ${new URL(button.dataset.permalink, window.location.href).href}`;
  }
  try {
    await copyText(text);
    button.dataset.copied = "true";
    announce(document.body.dataset.copied || "Copied");
  } catch (error) {
    announce(document.body.dataset.copyFailed || "Copy failed");
  }
});

// The fact-checker's path: #claim-N is a claim's place in the article (every piece of its
// highlight is emphasised and the first takes focus); #note-N is its note in the margin.
function showTarget() {
  for (const element of document.querySelectorAll(".is-current")) {
    element.classList.remove("is-current");
  }
  const match = /^#(claim|note)-(\d+)$/.exec(window.location.hash);
  if (!match) return;
  const [, kind, id] = match;
  const marks = document.querySelectorAll(`mark[data-claims~="${id}"]`);
  for (const mark of marks) mark.classList.add("is-current");
  const note = document.getElementById(`note-${id}`);
  if (note) note.classList.add("is-current");
  const target = document.getElementById(`${kind}-${id}`);
  if (!target) return;
  const focusable = target.classList.contains("anchor") && marks.length ? marks[0] : target;
  if (focusable.hasAttribute("tabindex")) {
    focusable.focus({ preventScroll: true });
    focusable.scrollIntoView({ block: "center" });
  }
}
window.addEventListener("hashchange", showTarget);

// Type-ahead by keyboard: ↓ from the box walks the suggestions without choosing any, Enter
// chooses, Escape goes back to the box (a radio group alone would choose on every arrow key).
function suggestionRadios(box) {
  return Array.from(box.querySelectorAll(".suggestion input[type=radio]"));
}

document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (target.matches && target.matches("input[data-typeahead]") && event.key === "ArrowDown") {
    const box = document.getElementById(target.getAttribute("aria-controls"));
    const radios = box ? suggestionRadios(box) : [];
    if (radios.length) {
      event.preventDefault();
      radios[0].focus();
    }
    return;
  }
  if (!(target.matches && target.matches(".suggestion input[type=radio]"))) return;
  const box = target.closest(".suggestions");
  const radios = suggestionRadios(box);
  const index = radios.indexOf(target);
  const input = box.parentElement.querySelector("input[data-typeahead]");
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    const next = radios[index + step];
    if (next) next.focus();
    else if (step < 0 && input) input.focus();
  } else if (event.key === "Enter") {
    event.preventDefault();
    target.checked = true;
    target.dispatchEvent(new Event("change", { bubbles: true }));
  } else if (event.key === "Escape" && input) {
    event.preventDefault();
    input.focus();
  }
});

// Mark the focused suggestion (the radio's own focus ring is small).
document.addEventListener("focusin", (event) => {
  const label = event.target.closest ? event.target.closest(".suggestion") : null;
  for (const active of document.querySelectorAll(".suggestion.active")) {
    if (active !== label) active.classList.remove("active");
  }
  if (label) label.classList.add("active");
});

document.addEventListener("DOMContentLoaded", () => {
  foldOnNarrowScreens();
  showTarget();
});
