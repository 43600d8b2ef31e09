// The English home page tells a visitor whose browser prefers another of the
// six languages where that version is, in that language. Never a redirect.
(function () {
  var wanted = navigator.languages || [navigator.language];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split('-')[0];
    if (code === 'en') return;
    var suggestion = document.querySelector('[data-suggest-locale="' + code + '"]');
    if (suggestion) {
      suggestion.hidden = false;
      return;
    }
  }
})();
