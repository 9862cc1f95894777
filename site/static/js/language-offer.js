/*
 * Offer, never force, the browser's preferred language to a first-time visitor.
 * The page renders a hidden offer for each language it exists in; the first of
 * the browser's languages the site has decides. Once the visitor answers (or
 * uses the switcher), the language cookie exists and nothing is offered again.
 */
(function () {
  "use strict";

  var COOKIE = "django_language";

  function chosenBefore() {
    return document.cookie.split(";").some(function (part) {
      return part.trim().indexOf(COOKIE + "=") === 0;
    });
  }

  function offerFor(code) {
    return document.querySelector('[data-language-offer="' + code + '"]');
  }

  if (chosenBefore()) {
    return;
  }
  var pageLanguage = document.documentElement.lang;
  var preferred = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < preferred.length; i += 1) {
    var code = String(preferred[i]).slice(0, 2).toLowerCase();
    if (code === pageLanguage) {
      return; // the page is already in a language the visitor reads
    }
    var offer = offerFor(code);
    if (offer) {
      offer.hidden = false;
      return;
    }
  }
})();
