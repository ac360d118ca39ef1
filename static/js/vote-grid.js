// Vote entry and presentielijst helpers. Progressive enhancement only: the server pre-fills,
// derives and checks everything ("Uitkomst berekenen", "Presentielijst opslaan"), with or
// without this script. The button labels come from the page (data-label-*), so they are
// translated with the rest of it.
//
// Vote entry ([data-vote-entry]):
// - per fractie two buttons that put the fractie's members present at the vote "voor" or
//   "tegen" in one click;
// - per fractie in the list of members buttons that put every present member "voor" or "tegen"
//   (a roll call), or everyone back on "aanwezig";
// - live: each fractie's abstentions and absences from its members' rows, the totals, and the
//   members present at the vote.
// Presentielijst ([data-attendance]): per fractie "allen aanwezig" / "allen afwezig", and the
// number ticked against the number needed to open the meeting.
(function () {
  "use strict";

  function button(label, name, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "link-button-dark";
    element.textContent = label;
    element.setAttribute("aria-label", name + ": " + label);
    element.addEventListener("click", onClick);
    return element;
  }

  function quickFill(container) {
    var box = document.createElement("span");
    box.className = "quick-fill";
    container.appendChild(box);
    return box;
  }

  function number(input) {
    var value = parseInt(input.value, 10);
    return isNaN(value) || value < 0 ? 0 : value;
  }

  function voteEntry(entry) {
    var label = entry.dataset;
    var grid = entry.querySelector("[data-vote-grid]");
    var members = entry.querySelector("[data-member-grid]");
    if (!grid || !members) { return; }

    function memberSelects(fractie) {
      return members.querySelectorAll('tbody[data-fractie="' + fractie + '"] select[name$="-choice"]');
    }

    function counted(fractie, choice) {
      var count = 0;
      memberSelects(fractie).forEach(function (select) { if (select.value === choice) { count += 1; } });
      return count;
    }

    function update() {
      var totals = { votes_for: 0, votes_against: 0, abstained: 0, absent: 0 };
      var present = 0;
      grid.querySelectorAll("tbody tr[data-fractie]").forEach(function (row) {
        var fractie = row.dataset.fractie;
        var size = parseInt(row.querySelector("[data-members]").dataset.members, 10);
        var abstained = counted(fractie, "abstained");
        var absent = counted(fractie, "absent");
        row.querySelector('[data-derived="abstained"]').textContent = abstained;
        row.querySelector('[data-derived="absent"]').textContent = absent;
        totals.abstained += abstained;
        totals.absent += absent;
        present += size - absent;
        row.querySelectorAll("input.count").forEach(function (input) {
          totals[input.dataset.kind] += number(input);
        });
      });
      Object.keys(totals).forEach(function (kind) {
        var cell = grid.querySelector('[data-total="' + kind + '"]');
        if (cell) { cell.textContent = totals[kind]; }
      });
      var shown = entry.querySelector("[data-members-present]");
      if (shown) { shown.textContent = present; }
    }

    // Per fractie: its members present at the vote, less those who must abstain, voor or tegen.
    grid.querySelectorAll("tbody tr[data-fractie]").forEach(function (row) {
      var fractie = row.dataset.fractie;
      var name = row.querySelector(".fractie-name").textContent.trim();
      var size = parseInt(row.querySelector("[data-members]").dataset.members, 10);
      var box = quickFill(row.querySelector("th"));
      [["votes_for", label.labelFractieFor], ["votes_against", label.labelFractieAgainst]].forEach(function (pair) {
        box.appendChild(button(pair[1], name, function () {
          var voting = size - counted(fractie, "abstained") - counted(fractie, "absent");
          row.querySelectorAll("input.count").forEach(function (input) {
            input.value = input.dataset.kind === pair[0] ? voting : 0;
          });
          update();
        }));
      });
    });

    // Per fractie in the list of members: everyone present voor / tegen, or all present.
    members.querySelectorAll("tbody[data-fractie]").forEach(function (group) {
      var fractie = group.dataset.fractie;
      var header = group.querySelector(".member-group th");
      var name = header.querySelector(".fractie-name").textContent.trim();
      var box = quickFill(header);
      [["for", label.labelMembersFor], ["against", label.labelMembersAgainst]].forEach(function (pair) {
        box.appendChild(button(pair[1], name, function () {
          memberSelects(fractie).forEach(function (select) {
            if (select.value !== "absent" && select.value !== "abstained") { select.value = pair[0]; }
          });
          update();
        }));
      });
      box.appendChild(button(label.labelMembersPresent, name, function () {
        memberSelects(fractie).forEach(function (select) { select.value = "present"; });
        update();
      }));
    });

    // A roll call or a hamerstuk is entered per member: unfold the list of members.
    var details = entry.querySelector("[data-member-details]");
    entry.querySelectorAll('input[name="method"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (details && radio.checked && (radio.value === "roll_call" || radio.value === "without_vote")) {
          details.open = true;
        }
      });
    });

    entry.addEventListener("input", update);
    entry.addEventListener("change", update);
    update();
  }

  function attendance(form) {
    var count = document.querySelector("[data-attendance-count]");

    function update() {
      if (!count) { return; }
      var present = form.querySelectorAll('input[type="checkbox"]:checked').length;
      var needed = parseInt(count.dataset.needed, 10);
      count.textContent = count.dataset.template
        .replace("%(present)s", present)
        .replace("%(sitting)s", count.dataset.sitting) + " " +
        (present >= needed ? count.dataset.enough : count.dataset.short);
      count.hidden = false;
    }

    form.querySelectorAll("[data-attendance-fractie]").forEach(function (fieldset) {
      var legend = fieldset.querySelector("legend");
      var name = legend.textContent.trim();
      var box = document.createElement("p");
      box.className = "quick-fill";
      [[true, form.dataset.labelAllPresent], [false, form.dataset.labelAllAbsent]].forEach(function (pair) {
        box.appendChild(button(pair[1], name, function () {
          fieldset.querySelectorAll('input[type="checkbox"]').forEach(function (box) { box.checked = pair[0]; });
          update();
        }));
      });
      legend.insertAdjacentElement("afterend", box);
    });
    form.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("[data-vote-entry]").forEach(voteEntry);
  document.querySelectorAll("[data-attendance]").forEach(attendance);
})();
