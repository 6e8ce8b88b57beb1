// The claim review screen: name the autocomplete boxes (Django's select2 widgets) after their
// field's label, so that screen readers announce "Speaker" and not just the chosen value.
"use strict";

function labelAutocompletes() {
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (!label) continue;
    label.id = label.id || `${select.id}-label`;
    const parts = select.parentElement.querySelectorAll(
      '.select2-selection[role="combobox"], .select2-selection__rendered[role="textbox"]'
    );
    for (const part of parts) {
      const names = (part.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
      if (!names.includes(label.id)) {
        part.setAttribute("aria-labelledby", [label.id, ...names].join(" "));
      }
    }
  }
}

// Select2 builds its boxes when the page is ready, and again when a value changes.
new MutationObserver(labelAutocompletes).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
window.addEventListener("load", labelAutocompletes);
