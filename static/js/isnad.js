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
