// A little plain JavaScript where it helps: print buttons, asking before the irreversible steps, and a page that
// waits for a payment looking again by itself.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button.print").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("form#reject-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var lang = document.documentElement.lang;
      if (!window.confirm(lang === "en" ? "Refuse this filing with a ruling?" : "确认裁定不予受理？")) event.preventDefault();
    });
  });
  // A page waiting for something outside (a QR payment) looks again by itself every few seconds.
  var waiting = document.querySelector("[data-refresh]");
  if (waiting) {
    var seconds = parseInt(waiting.getAttribute("data-refresh"), 10) || 5;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
  document.querySelectorAll("form.withdraw-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var lang = document.documentElement.lang;
      if (!window.confirm(lang === "en" ? "Withdraw this announcement?" : "确认撤回该公告？")) event.preventDefault();
    });
  });
});
