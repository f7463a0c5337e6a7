// Keyboard shortcuts; every page also works without this file.
// Question page: Enter submits, 1-9 pick a choice. Result page: 1-4 or a click on a rating
// change it, Enter goes to the next question.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.tagName === "INPUT" && target.type === "text" ||
      target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  }
  // Sign-up: the browser's time zone starts the learner's day (Settings changes it).
  var zone = document.getElementById("time-zone");
  if (zone && zone.type === "hidden") {
    try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { }
  }
  // A second submit of the same answer is ignored here; the server ignores it anyway.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "answer-form") { return; }
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
  });
  // Result page: a click or tap on a rating saves it, as its key does (without this file
  // the "Change rating" button saves it).
  document.addEventListener("change", function (event) {
    var option = event.target;
    if (option.name === "rating" && option.form && option.form.id === "rating-form" &&
        option.checked) {
      option.form.requestSubmit();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var answerForm = document.getElementById("answer-form");
    var ratingForm = document.getElementById("rating-form");
    var next = document.getElementById("next");
    if (answerForm && /^[1-9]$/.test(event.key) && !typing(event.target)) {
      var choice = document.getElementById("choice-" + event.key);
      if (choice) { choice.checked = true; choice.focus(); event.preventDefault(); }
      return;
    }
    if (answerForm && event.key === "Enter" && event.target.tagName !== "BUTTON") {
      event.preventDefault();
      answerForm.requestSubmit();
      return;
    }
    if (ratingForm && /^[1-4]$/.test(event.key) && !typing(event.target)) {
      var option = ratingForm.querySelector('input[data-key="' + event.key + '"]');
      if (option && !option.disabled) { option.checked = true; ratingForm.requestSubmit(); }
      event.preventDefault();
      return;
    }
    if (next && event.key === "Enter" && event.target.tagName !== "BUTTON" &&
        event.target.tagName !== "A") {
      event.preventDefault();
      window.location.href = next.href;
    }
  });
})();
