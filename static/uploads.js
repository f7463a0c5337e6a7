// Generation progress and keyboard review; every page also works without this file
// (the job page refreshes itself, the review buttons are plain forms).
(function () {
  "use strict";

  // --- job page: poll the status until the job is done or failed
  var job = document.getElementById("job");
  if (job && (job.dataset.status === "queued" || job.dataset.status === "running")) {
    var poll = function () {
      fetch(job.dataset.statusUrl, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          document.getElementById("job-progress").value = state.progress;
          document.getElementById("job-percent").textContent = state.progress + "%";
          document.getElementById("job-stage").textContent = state.status + ": " + state.stage;
          if (state.status === "done" || state.status === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  }

  // --- review page: a accept, r reject, u undecide, e edit, j/k or arrows move
  var list = document.getElementById("review-list");
  if (!list) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("li.review-item"));
  if (!items.length) { return; }
  var current = 0;
  var fromHash = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (fromHash && items.indexOf(fromHash) >= 0) {
    current = items.indexOf(fromHash);
  } else {
    var firstPending = items.findIndex(function (li) { return li.dataset.decision === "pending"; });
    current = firstPending >= 0 ? firstPending : 0;
  }
  function select(index) {
    if (index < 0 || index >= items.length) { return; }
    items[current].classList.remove("current");
    current = index;
    items[current].classList.add("current");
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "center" });
  }
  function decide(value) {
    var li = items[current];
    var button = li.querySelector('button[data-decision="' + value + '"]');
    if (!button || button.form.hidden) { select(current + 1); return; }  // already so: move on
    var form = button.form;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) { form.submit(); return null; }
      return response.json();
    }).then(function (result) {
      if (!result) { return; }
      li.dataset.decision = result.decision;
      li.className = "review-item current decision-" + result.decision;
      li.querySelector(".decision").textContent = result.decision;
      li.querySelectorAll("button[data-decision]").forEach(function (b) {
        b.closest("form").hidden = b.dataset.decision === result.decision;
      });
      Object.keys(result.counts).forEach(function (key) {
        var span = document.querySelector('[data-count="' + key + '"]');
        if (span) { span.textContent = result.counts[key]; }
      });
      select(current + 1);
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var key = event.key;
    if (key === "j" || key === "ArrowDown") { select(current + 1); }
    else if (key === "k" || key === "ArrowUp") { select(current - 1); }
    else if (key === "a") { decide("accepted"); }
    else if (key === "r") { decide("rejected"); }
    else if (key === "u") { decide("pending"); }
    else if (key === "e") { window.location.href = items[current].dataset.editUrl; }
    else { return; }
    event.preventDefault();
  });
  items[current].classList.add("current");
  if (fromHash || current > 0) { items[current].scrollIntoView({ block: "center" }); }
})();
