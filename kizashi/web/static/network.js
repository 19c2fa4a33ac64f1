// Network page: cytoscape graph of actors (nodes) and actor->recipient edges, width = events,
// colour = most frequent quad class; clicking an edge opens /dyad/A/B.
(function () {
  "use strict";
  var data = window.kizashiData("network-data");
  var box = document.getElementById("network");
  if (!data || !box || typeof cytoscape === "undefined") return;
  var COLORS = {
    verbal_cooperation: "#2f9e44", material_cooperation: "#0b7285",
    verbal_conflict: "#e8590c", material_conflict: "#c92a2a", unknown: "#868e96"
  };
  var maxEvents = Math.max.apply(null, data.nodes.map(function (n) { return n.events; }).concat([1]));
  var maxWeight = Math.max.apply(null, data.edges.map(function (e) { return e.weight; }).concat([1]));
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: n.code, label: n.label, size: 22 + 34 * n.events / maxEvents } });
  });
  data.edges.forEach(function (e) {
    elements.push({ data: {
      id: e.source + ">" + e.target, source: e.source, target: e.target, url: e.url,
      width: 1.5 + 9 * e.weight / maxWeight, color: COLORS[e.quad_class] || COLORS.unknown,
      label: String(e.weight)
    } });
  });
  var font = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';
  var cy = cytoscape({
    container: box, elements: elements,
    style: [
      { selector: "node", style: {
        "width": "data(size)", "height": "data(size)", "background-color": "#14213d",
        "label": "data(label)", "color": "#1d2330", "font-family": font, "font-size": 13,
        "text-valign": "bottom", "text-margin-y": 4, "text-background-color": "#ffffff",
        "text-background-opacity": 0.85, "text-background-padding": 2 } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.85,
        "label": "data(label)", "font-size": 11, "font-family": font, "color": "#1d2330",
        "text-background-color": "#ffffff", "text-background-opacity": 0.9,
        "text-background-padding": 1 } },
      { selector: "edge:active, edge.hover", style: { "opacity": 1, "underlay-color": "#ffbf47",
        "underlay-opacity": 0.6, "underlay-padding": 4 } }
    ],
    layout: { name: "preset" }
  });
  // small graphs: a circle (most active first) reads best; larger ones: force-directed
  var layout = data.nodes.length <= 14
    ? { name: "circle", padding: 50, avoidOverlap: true, spacingFactor: 1.1,
        sort: function (a, b) { return b.data("size") - a.data("size"); } }
    : { name: "cose", animate: false, randomize: false, padding: 40, nodeOverlap: 20,
        componentSpacing: 120, nodeRepulsion: function () { return 400000; },
        idealEdgeLength: function () { return 120; } };
  cy.layout(layout).run();
  cy.fit(undefined, 40);
  cy.on("tap", "edge", function (evt) {
    window.location.href = evt.target.data("url");
  });
  cy.on("mouseover", "edge", function (evt) { evt.target.addClass("hover"); box.style.cursor = "pointer"; });
  cy.on("mouseout", "edge", function (evt) { evt.target.removeClass("hover"); box.style.cursor = ""; });
  box.setAttribute("data-ready", "1");
  window.kizashiNetwork = cy;
})();
