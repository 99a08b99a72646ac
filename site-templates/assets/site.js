// QuangBa public site: the only script. The site works without it; it adds the project filter.
(function () {
  "use strict";
  var form = document.getElementById("project-filter");
  var table = document.getElementById("projects");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = form.querySelector(".filter-count");
  var none = document.querySelector(".filter-none");
  var template = form.getAttribute("data-count-template") || "{n} / {total}";
  var total = rows.length;
  var fields = ["sector", "locality", "form", "capital"];

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = fields.every(function (name) {
        var wanted = form.elements[name].value;
        return wanted === "" || row.getAttribute("data-" + name) === wanted;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = template.replace("{n}", String(shown)).replace("{total}", String(total));
    if (none) none.hidden = shown !== 0;
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  // A reset restores the selects after the event, so filter on the next tick.
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
