// kizashi workbench: small progressive enhancements shared by every page (no framework).
(function () {
  "use strict";
  // Expand / collapse an event row's evidence (button with aria-expanded + aria-controls).
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("button.expand") : null;
    if (!btn) return;
    var target = document.getElementById(btn.getAttribute("aria-controls"));
    if (!target) return;
    var open = btn.getAttribute("aria-expanded") !== "true";
    btn.setAttribute("aria-expanded", open ? "true" : "false");
    target.hidden = !open;
    var label = btn.querySelector(".visually-hidden");
    if (label) label.textContent = btn.getAttribute(open ? "data-label-close" : "data-label-open");
  });
  // Data blocks for the page scripts: <script type="application/json" id="..."> (never HTML).
  window.kizashiData = function (id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  };
})();
