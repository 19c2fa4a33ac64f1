// Dyad page: Chart.js bars (events per period) and lines (cooperation–conflict index, both
// directions); clicking a period opens the events page filtered by the dyad and that period.
(function () {
  "use strict";
  var data = window.kizashiData("dyad-data");
  var canvas = document.getElementById("dyad-chart");
  if (!data || !canvas || typeof Chart === "undefined" || !data.rows.length) return;
  Chart.defaults.font.family = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';
  var L = data.labels;
  var labels = data.rows.map(function (r) { return r.period; });
  function col(name) { return data.rows.map(function (r) { return r[name]; }); }
  var chart = new Chart(canvas, {
    data: {
      labels: labels,
      datasets: [
        { type: "line", label: L.index, data: col("index"), yAxisID: "y", borderColor: "#1f5fbf",
          backgroundColor: "#1f5fbf", borderWidth: 3, pointRadius: 5, pointHoverRadius: 8, tension: 0 },
        { type: "line", label: L.a_to_b, data: col("a_to_b"), yAxisID: "y", borderColor: "#2f9e44",
          backgroundColor: "#2f9e44", borderDash: [6, 4], borderWidth: 2, pointRadius: 3 },
        { type: "line", label: L.b_to_a, data: col("b_to_a"), yAxisID: "y", borderColor: "#9c36b5",
          backgroundColor: "#9c36b5", borderDash: [2, 3], borderWidth: 2, pointRadius: 3 },
        { type: "bar", label: L.count, data: col("count"), yAxisID: "y1",
          backgroundColor: "rgba(134, 142, 150, 0.35)", borderColor: "#868e96", borderWidth: 1 }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { position: "left", suggestedMin: 0, title: { display: true, text: L.index } },
        y1: { position: "right", beginAtZero: true, ticks: { precision: 0 },
              grid: { drawOnChartArea: false }, title: { display: true, text: L.count } }
      },
      onClick: function (evt, elements) {
        var hit = elements && elements.length ? elements[0].index : null;
        if (hit === null) {
          var pts = chart.getElementsAtEventForMode(evt, "index", { intersect: false }, true);
          if (pts.length) hit = pts[0].index;
        }
        if (hit !== null && data.rows[hit]) window.location.href = data.rows[hit].url;
      },
      onHover: function (evt, elements) {
        canvas.style.cursor = elements && elements.length ? "pointer" : "default";
      }
    }
  });
  canvas.setAttribute("data-ready", "1");
  window.kizashiChart = chart;
})();
