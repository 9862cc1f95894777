/*
 * Quick exit: someone reading this site may be watched by the person hurting them.
 * The button (or Shift pressed three times) must hide the page at once and leave.
 */
(function () {
  "use strict";

  var PRESSES_NEEDED = 3;
  var WINDOW_MS = 1500;
  var shiftPresses = [];

  function exitUrl() {
    var control = document.querySelector("[data-quick-exit-url]");
    // about:blank still gets the person off this page if the button is missing.
    return (control && control.getAttribute("data-quick-exit-url")) || "about:blank";
  }

  function leave(url) {
    // Blank first: a slow network must not leave this page on screen while the next loads.
    document.title = "";
    document.body.innerHTML = "";
    // replace(), not assignment: this page's history entry is swapped for the neutral
    // site, so the Back button does not bring it straight back.
    window.location.replace(url);
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("[data-quick-exit-url]");
    if (!control) {
      return;
    }
    event.preventDefault();
    leave(control.getAttribute("data-quick-exit-url") || exitUrl());
  });

  document.addEventListener("keydown", function (event) {
    // Holding Shift fires repeats; those are one press, not three.
    if (event.repeat) {
      return;
    }
    if (event.key !== "Shift") {
      // Any other key resets the count, so typing capitals in a form never exits.
      shiftPresses = [];
      return;
    }
    var now = Date.now();
    shiftPresses.push(now);
    shiftPresses = shiftPresses.filter(function (time) {
      return now - time <= WINDOW_MS;
    });
    if (shiftPresses.length >= PRESSES_NEEDED) {
      shiftPresses = [];
      leave(exitUrl());
    }
  });
})();
