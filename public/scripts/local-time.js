// Progressive enhancement: show an event's time in the viewer's own zone,
// next to the venue time the server already rendered.
(function () {
  var viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var elements = document.querySelectorAll('[data-local-time]');
  for (var i = 0; i < elements.length; i++) {
    var el = elements[i];
    var start = new Date(el.getAttribute('data-start'));
    var end = new Date(el.getAttribute('data-end'));
    var venueZone = el.getAttribute('data-venue-zone');
    var format = new Intl.DateTimeFormat(el.getAttribute('data-locale') || undefined, {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short'
    });
    var sameWallClock = new Intl.DateTimeFormat('en', { timeZone: venueZone, hour: 'numeric', minute: 'numeric', day: 'numeric' }).format(start) ===
      new Intl.DateTimeFormat('en', { hour: 'numeric', minute: 'numeric', day: 'numeric' }).format(start);
    if (viewerZone === venueZone || sameWallClock) continue;
    el.textContent = el.getAttribute('data-label') + ': ' + format.formatRange(start, end);
    el.hidden = false;
  }
})();
