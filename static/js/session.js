// The warning before a signed-in session ends (gr_portal.accounts.sessions; WCAG 2.2.1, timing
// adjustable). The dialog in base.html appears data-warn-seconds before data-expires-at; its
// first button asks the server for a new period, the second logs out. Without JavaScript the
// session still ends on time and the next page says so.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) {
    return;
  }
  var expiresAt = Number(box.dataset.expiresAt) * 1000;
  var warnMs = Number(box.dataset.warnSeconds) * 1000;
  var text = document.getElementById("session-timeout-text");
  var extendButton = box.querySelector("[data-session-extend]");
  var warnTimer = null;
  var endTimer = null;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    var now = Date.now();
    warnTimer = setTimeout(warn, Math.max(0, expiresAt - warnMs - now));
    endTimer = setTimeout(expired, Math.max(0, expiresAt - now));
  }

  function warn() {
    box.hidden = false;
    extendButton.focus();
  }

  function expired() {
    box.hidden = false;
    text.textContent = text.dataset.expiredText;
    extendButton.hidden = true;
  }

  extendButton.addEventListener("click", function () {
    var token = box.querySelector("input[name=csrfmiddlewaretoken]").value;
    fetch(box.dataset.extendUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        expiresAt = data.expiresAt * 1000;
        box.hidden = true;
        schedule();
      })
      .catch(expired);
  });

  schedule();
})();
