// Timeline page: vis-timeline over the events embedded as JSON (#timeline-data).
// Item and group labels are DOM nodes filled with textContent (never HTML strings).
(function () {
  "use strict";
  var data = window.kizashiData("timeline-data");
  var box = document.getElementById("timeline");
  if (!data || !box || typeof vis === "undefined") return;

  function text(tag, s, cls) {
    var el = document.createElement(tag);
    el.textContent = s;
    if (cls) el.className = cls;
    return el;
  }
  var eventOf = {};
  var items = data.items.map(function (it) {
    eventOf[it.id] = it.event;
    var item = {
      id: it.id, group: it.group, start: it.start,
      content: text("span", it.label),
      title: text("span", it.title),
      className: "tl-item quad-" + it.quad
    };
    if (it.end) { item.end = it.end; item.type = "range"; } else { item.type = "point"; }
    return item;
  });
  var groups = data.groups.map(function (g) {
    return { id: g.id, content: text("span", g.label) };
  });
  if (!items.length) { box.appendChild(text("p", "—", "empty")); return; }
  // the whole range with a margin on both sides (more on the right, where the labels go)
  var times = [];
  items.forEach(function (it) {
    times.push(Date.parse(it.start));
    if (it.end) times.push(Date.parse(it.end));
  });
  function range() {
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    var pad = Math.max((hi - lo) * 0.05, 1000 * 60 * 60 * 24 * 15);
    return [lo - pad, hi + 3 * pad];
  }
  // zoomed out at most to 15 years, or to the whole range when it is longer (a treaty of 1961
  // beside this year's events): a window clamped shorter than the range would show no item
  var whole = range();
  var timeline = new vis.Timeline(box, new vis.DataSet(items), new vis.DataSet(groups), {
    stack: true, zoomable: true, moveable: true, orientation: "top",
    zoomMin: 1000 * 60 * 60 * 24 * 3, zoomMax: Math.max(1000 * 60 * 60 * 24 * 365 * 15, whole[1] - whole[0]),
    margin: { item: 6, axis: 8 }, tooltip: { followMouse: true },
    locale: data.lang === "ja" ? "ja" : "en", start: whole[0], end: whole[1]
  });
  function fit() {
    var r = range();
    timeline.setWindow(r[0], r[1], { animation: false });
  }
  timeline.on("click", function (props) {
    if (props.item && eventOf[props.item]) {
      window.location.href = "/events/" + encodeURIComponent(eventOf[props.item]);
    }
  });
  document.querySelectorAll("[data-tl]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var what = btn.getAttribute("data-tl");
      if (what === "in") timeline.zoomIn(0.5);
      else if (what === "out") timeline.zoomOut(0.5);
      else fit();
    });
  });
  // ready once vis has drawn the items and the group labels (it may take a few redraws)
  var drawn = function () {
    var labels = Array.prototype.filter.call(box.querySelectorAll(".vis-label"), function (el) {
      return (el.innerText || "").trim() !== "";   // innerText: only once vis shows them
    });
    if (labels.length < groups.length || !box.querySelector(".vis-item")) return;
    timeline.off("changed", drawn);
    box.setAttribute("data-ready", "1");
  };
  timeline.on("changed", drawn);
  var polls = 0, poll = setInterval(function () {     // in case no redraw follows the last one
    drawn();
    if (box.hasAttribute("data-ready") || ++polls > 100) clearInterval(poll);
  }, 100);
})();
