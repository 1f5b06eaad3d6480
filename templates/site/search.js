// Offline search and table filtering for the rolepack site. The index is a
// script (search-index.js), so this works from file:// too.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var index = window.ROLEPACK_INDEX || [];
  if (input && list) {
    var root = input.getAttribute("data-root") || "";
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      list.textContent = "";
      if (q.length < 2) { return; }
      var shown = 0;
      for (var i = 0; i < index.length && shown < 30; i++) {
        var e = index[i];
        if (e.t.toLowerCase().indexOf(q) === -1 && (e.s || "").toLowerCase().indexOf(q) === -1) { continue; }
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.u;
        a.textContent = e.t;
        var small = document.createElement("small");
        small.textContent = e.k + (e.s ? " · " + e.s : "");
        a.appendChild(small);
        li.appendChild(a);
        list.appendChild(li);
        shown++;
      }
      if (shown === 0) {
        var none = document.createElement("li");
        none.textContent = "No matches";
        none.style.padding = ".45em .7em";
        list.appendChild(none);
      }
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; list.textContent = ""; }
      if (ev.key === "Enter") { var first = list.querySelector("a"); if (first) { window.location.href = first.href; } }
    });
  }
  var filters = document.querySelectorAll("input[data-filter]");
  Array.prototype.forEach.call(filters, function (f) {
    var table = document.getElementById(f.getAttribute("data-filter"));
    if (!table) { return; }
    f.addEventListener("input", function () {
      var q = f.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
  });
})();
