// A little plain JavaScript where it helps: print buttons, and asking before the irreversible steps.
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
});
