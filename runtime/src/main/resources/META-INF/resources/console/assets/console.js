// Shows times in the viewer's zone; the UTC instant stays in the title (hover) and datetime.
(function () {
  "use strict";
  function localize(root) {
    var times = root.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var t = times[i];
      if (t.dataset.localized) continue;
      var d = new Date(t.getAttribute("datetime"));
      if (isNaN(d.getTime())) continue;
      t.title = d.toISOString() + " (UTC)";
      t.textContent = d.toLocaleString();
      t.dataset.localized = "1";
    }
  }
  document.addEventListener("DOMContentLoaded", function () { localize(document); });
  document.addEventListener("htmx:afterSettle", function (e) { localize(e.target || document); });
})();
