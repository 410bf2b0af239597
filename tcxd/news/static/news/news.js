// The public news site: the "+ aa -" text size (kept in localStorage, applied before the
// page is drawn: this file is loaded in <head> without defer) and the print button.
(function () {
  "use strict";
  var KEY = "tcxd.news.fontStep";
  var MIN = -2, MAX = 4;
  var root = document.documentElement;
  function read() {
    var value = 0;
    try { value = parseInt(window.localStorage.getItem(KEY) || "0", 10) || 0; } catch (e) { value = 0; }
    return Math.max(MIN, Math.min(MAX, value));
  }
  function apply(step) {
    root.setAttribute("data-font-step", String(step));
  }
  function save(step) {
    try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* private mode */ }
  }
  apply(read());
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) { return; }
    var button = target.closest("[data-font]");
    if (button) {
      var step = read();
      var what = button.getAttribute("data-font");
      step = what === "up" ? Math.min(MAX, step + 1) : what === "down" ? Math.max(MIN, step - 1) : 0;
      save(step);
      apply(step);
      return;
    }
    if (target.closest("[data-print]")) {
      window.print();
    }
  });
})();
