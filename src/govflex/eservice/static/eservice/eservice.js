/* Citizen e-service: small progressive helpers (the pages work without them).
   - tells about too many or too large files before sending (the server checks again);
   - stops a second click from sending the form twice (the server would return the same code);
   - a print button for the receipt. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "th").slice(0, 2);
  var text = {
    th: { many: "เลือกไฟล์ได้ไม่เกิน {n} ไฟล์", big: "ไฟล์ {name} มีขนาดเกิน {mb} MB", sending: "กำลังส่ง…" },
    en: { many: "Choose at most {n} files.", big: "{name} is larger than {mb} MB.", sending: "Sending…" }
  }[lang === "en" ? "en" : "th"];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function checkFiles(form) {
    var input = form.querySelector('input[type="file"]');
    var out = form.querySelector(".js-file-problem");
    if (!input || !out) { return true; }
    var most = parseInt(form.dataset.maxFiles || "0", 10);
    var mb = parseInt(form.dataset.maxMb || "0", 10);
    var problems = [];
    if (input.files.length > most) { problems.push(fill(text.many, { n: most })); }
    Array.prototype.forEach.call(input.files, function (file) {
      if (mb && file.size > mb * 1024 * 1024) { problems.push(fill(text.big, { name: file.name, mb: mb })); }
    });
    out.textContent = problems.join(" ");
    input.setAttribute("aria-invalid", problems.length ? "true" : "false");
    return problems.length === 0;
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form.eservice-form");
    if (form && event.target.type === "file") { checkFiles(form); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("eservice-form")) { return; }
    if (!checkFiles(form)) { event.preventDefault(); return; }
    var button = form.querySelector(".js-submit-once");
    if (button) {
      if (button.dataset.sent === "1") { event.preventDefault(); return; }
      button.dataset.sent = "1";
      button.dataset.label = button.textContent;
      button.setAttribute("aria-busy", "true");
      button.textContent = text.sending;
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.classList && event.target.classList.contains("js-print")) { window.print(); }
  });

  // Back to a page the browser kept: the button may be used again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".js-submit-once"), function (button) {
      if (button.dataset.sent === "1") {
        button.dataset.sent = "";
        button.removeAttribute("aria-busy");
        button.textContent = button.dataset.label || button.textContent;
      }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var problems = document.getElementById("form-problems");
    if (problems) { problems.focus(); }
  });
})();
