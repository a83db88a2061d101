// The booking and move pages: a new treatment, doctor or day shows its free times without a
// reload. The page works the same without this script: the "Show free times" button sends the
// choices and the server answers with the new times.
(function () {
  "use strict";
  var form = document.querySelector("form.booking-form[data-times]");
  if (!form || !window.fetch || !window.DOMParser) return;
  var pending = null;

  function swap(fresh, id) {
    var now = document.getElementById(id);
    var next = fresh.getElementById(id);
    if (now && next) now.replaceWith(document.importNode(next, true));
  }

  function refresh() {
    var params = new URLSearchParams();
    ["date", "service", "doctor"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value) params.set(name, field.value);
    });
    var url = form.getAttribute("data-times") + "?" + params.toString();
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        swap(fresh, "booking-times");
        swap(fresh, "booking-wait");
        var day = fresh.querySelector("form.booking-form [name=date]");
        var field = form.elements.namedItem("date");
        if (day && field) field.value = day.value;
        var button = form.querySelector(".book-button");
        if (button) button.disabled = !form.querySelector("input[name=slot]");
        if (window.history && history.replaceState) history.replaceState(null, "", url);
      })
      .catch(function () {
        // Offline or refused: the "Show free times" button still works.
      })
      .finally(function () {
        form.removeAttribute("aria-busy");
      });
  }

  ["service", "doctor", "date"].forEach(function (name) {
    var field = form.elements.namedItem(name);
    if (field && field.tagName) field.addEventListener("change", refresh);
  });
  var show = form.querySelector(".show-times");
  if (show) show.hidden = true;
})();
