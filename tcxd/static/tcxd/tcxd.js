// Small progressive enhancements; every page works without them.
document.addEventListener("change", function (event) {
  const el = event.target;
  if (el.classList && el.classList.contains("js-autosubmit") && el.form) {
    el.form.submit();
  }
});
// Picking an organization in a search list fills the visible box with its name.
document.addEventListener("change", function (event) {
  const el = event.target;
  if (el.matches && el.matches("input[data-pick-label]")) {
    const box = document.getElementById(el.dataset.pickInput);
    if (box) { box.value = el.dataset.pickLabel; }
  }
});
// Tree: a "+" button loads the children once (htmx), then shows or hides them.
document.addEventListener("click", function (event) {
  const button = event.target.closest && event.target.closest("button.toggle");
  if (!button || !button.dataset.loaded) { return; }
  event.preventDefault();
  event.stopImmediatePropagation();
  const list = button.closest("li").querySelector(":scope > ul");
  const open = button.getAttribute("aria-expanded") === "true";
  list.hidden = open;
  button.setAttribute("aria-expanded", open ? "false" : "true");
  button.textContent = open ? "+" : "−";
}, true);
document.addEventListener("htmx:afterRequest", function (event) {
  const button = event.detail.elt;
  if (button.matches && button.matches("button.toggle")) {
    button.dataset.loaded = "1";
    button.setAttribute("aria-expanded", "true");
    button.textContent = "−";
  }
});
