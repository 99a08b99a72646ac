// QuangBa public site: the only script. The site works without it; it adds the project filter.
(function () {
  "use strict";
  var form = document.getElementById("project-filter");
  var table = document.getElementById("projects");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = form.querySelector(".filter-count");
  var none = document.querySelector(".filter-none");
  // The count's sentence in the form the language uses for that number (data-count-one,
  // data-count-other… from the UI strings), chosen by the browser's CLDR plural rules.
  var lang = document.documentElement.lang || "en";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  function countText(shown, total) {
    var category = plural ? plural.select(shown) : "other";
    var template = form.getAttribute("data-count-" + category) || form.getAttribute("data-count-other") || "{n} / {total}";
    return template.replace("{n}", shown.toLocaleString(lang)).replace("{total}", total.toLocaleString(lang));
  }
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
    count.textContent = countText(shown, total);
    if (none) none.hidden = shown !== 0;
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  // A reset restores the selects after the event, so filter on the next tick.
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
