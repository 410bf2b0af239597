/* Cell meetings: the roll call's tap targets cycle present → absent with reason → absent
   without reason (the reason box shows for "absent with reason"); on a new meeting, changing
   the date reloads the roll of that date. */
(function () {
  "use strict";
  function setState(line, state) {
    var button = line.querySelector("button.tap");
    var input = line.querySelector("input[name^='presence-']");
    var reason = line.querySelector("input.reason");
    input.value = state;
    button.className = "tap tap-" + state;
    button.querySelectorAll("[data-state]").forEach(function (el) {
      el.hidden = el.getAttribute("data-state") !== state;
    });
    if (reason) {
      reason.hidden = state !== "excused";
      if (state === "excused") { reason.focus(); }
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.tap");
    if (!button) { return; }
    var line = button.closest(".roll-line");
    var cycle = button.getAttribute("data-cycle").split(" ");
    var current = line.querySelector("input[name^='presence-']").value;
    setState(line, cycle[(cycle.indexOf(current) + 1) % cycle.length]);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-reload-roll]");
    if (!form) { return; }
    var day = form.querySelector("input[name='held_on']");
    if (!day) { return; }
    day.addEventListener("change", function () {
      if (/^\d{2}\/\d{2}\/\d{4}$/.test(day.value)) {
        window.location.search = "?on=" + encodeURIComponent(day.value);
      }
    });
  });
})();
