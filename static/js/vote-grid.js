// Vote grid helpers. Progressive enhancement only: the server derives and checks the outcome
// ("Uitkomst berekenen"), with or without this script.
// - live totals under the grid;
// - per fractie two buttons that put the whole fractie "voor" or "tegen" in one click.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "nl";
  var words = lang === "nl"
    ? { all_for: "allen voor", all_against: "allen tegen" }
    : { all_for: "all for", all_against: "all against" };

  document.querySelectorAll("[data-vote-grid]").forEach(function (grid) {
    function update() {
      var totals = { votes_for: 0, votes_against: 0, not_taking_part: 0 };
      grid.querySelectorAll("input.count").forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (!isNaN(value) && value > 0) { totals[input.dataset.kind] += value; }
      });
      Object.keys(totals).forEach(function (kind) {
        var cell = grid.querySelector('[data-total="' + kind + '"]');
        if (cell) { cell.textContent = totals[kind]; }
      });
    }

    grid.querySelectorAll("tbody tr").forEach(function (row) {
      var seats = row.querySelector("[data-seats]");
      var header = row.querySelector("th");
      if (!seats || !header) { return; }
      var name = header.childNodes[0].textContent.trim();
      var box = document.createElement("span");
      box.className = "quick-fill";
      [["votes_for", words.all_for], ["votes_against", words.all_against]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button-dark";
        button.textContent = pair[1];
        button.setAttribute("aria-label", name + ": " + pair[1]);
        button.addEventListener("click", function () {
          row.querySelectorAll("input.count").forEach(function (input) {
            input.value = input.dataset.kind === pair[0] ? seats.dataset.seats : "0";
          });
          update();
        });
        box.appendChild(button);
      });
      header.appendChild(box);
    });

    grid.addEventListener("input", update);
    update();
  });
})();
