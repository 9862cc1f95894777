// Saves quiz answers whenever one changes, so a closed tab or a dropped
// connection loses nothing. The server validates and stores; grading happens
// only on "Submit answers". Without JavaScript the "Save" button does the same.
// The messages come from the form's data- attributes, in the page's language.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById("autosave-status");

  function save() {
    var data = new FormData(form);
    data.set("action", "save");
    fetch(form.getAttribute("data-autosave-url"), {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (status) status.textContent = response.ok ? form.getAttribute("data-saved") : "";
      })
      .catch(function () {
        if (status) status.textContent = form.getAttribute("data-not-saved");
      });
  }

  form.addEventListener("change", save);
})();
