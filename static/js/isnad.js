// Isnad: keep shareable URLs short by leaving empty filter fields out of htmx requests.
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
