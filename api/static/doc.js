/* Document view: highlight and scroll to the span named by #char=s,e (RFC 5147). */
(function () {
  "use strict";
  function parse(hash) {
    var m = /^#char=(\d+),(\d+)$/.exec(hash || "");
    return m ? [parseInt(m[1], 10), parseInt(m[2], 10)] : null;
  }
  function highlight() {
    var old = document.querySelectorAll("#text .target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("target");
    var range = parse(window.location.hash);
    if (!range) return;
    var pieces = document.querySelectorAll("#text [data-s]"), first = null;
    for (var j = 0; j < pieces.length; j++) {
      var s = +pieces[j].dataset.s, e = +pieces[j].dataset.e;
      if (s < range[1] && e > range[0]) {
        pieces[j].classList.add("target");
        first = first || pieces[j];
      }
    }
    if (first) first.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", highlight);
  document.addEventListener("DOMContentLoaded", highlight);
  if (document.readyState !== "loading") highlight();
})();
