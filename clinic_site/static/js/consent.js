/* Cookie banner without a reload. Optional: without this file the banner's form posts and the
   server redirects back. The same endpoint answers JSON when asked with Accept: application/json. */
(function () {
  "use strict";
  var banner = document.getElementById("cookie-banner");
  if (!banner || !window.fetch || !window.FormData) {
    return;
  }
  var form = banner.querySelector("form[data-consent-form]");
  if (!form) {
    return;
  }

  function postNormally(choice) {
    // Fall back to the plain form post, carrying the button's value that form.submit() would drop.
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "choice";
    input.value = choice;
    form.appendChild(input);
    form.submit();
  }

  function saved(message) {
    var status = document.createElement("p");
    status.className = "flash flash-success consent-saved wrap";
    status.setAttribute("role", "status");
    status.tabIndex = -1;
    status.textContent = message;
    banner.parentNode.replaceChild(status, banner);
    status.focus();
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "choice") {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    data.append("choice", button.value);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (result) {
        if (result.reload) {
          // Analytics was allowed: only a fresh page carries its script and the wider CSP.
          window.location.reload();
          return;
        }
        saved(result.message);
      })
      .catch(function () {
        postNormally(button.value);
      });
  });
})();
