// Counts down a timed quiz from the seconds the server gave, so the learner
// sees how long is left. The server's clock is what counts: answers are saved
// as they change, and at zero the form is submitted so the result shows.
(function () {
  "use strict";
  var timer = document.getElementById("quiz-timer");
  var form = document.getElementById("quiz-form");
  if (!timer || !form) return;
  var clock = timer.querySelector(".quiz-timer__clock");
  var announce = document.getElementById("quiz-timer-announce");
  var endsAt = Date.now() + Number(timer.getAttribute("data-seconds-left")) * 1000;
  // Screen readers hear only these moments, not every tick (words from the page,
  // in its language).
  var warnings = {
    300: timer.getAttribute("data-five-minutes"),
    60: timer.getAttribute("data-one-minute"),
  };

  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (warnings[left] && announce) announce.textContent = warnings[left];
    if (left === 0) {
      if (announce) announce.textContent = timer.getAttribute("data-time-up");
      var submit = form.querySelector('button[value="submit"]');
      if (submit) submit.click();
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
