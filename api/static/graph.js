/* Graph view: draw the neighbourhood (JSON in #graph-data) with the bundled Cytoscape.js. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var colours = {person: "#c0392b", organization: "#2471a3", policy: "#7d3c98", place: "#1e8449",
                 event: "#b9770e", other: "#7f8c8d"};
  var elements = data.nodes.map(function (n) {
    return {data: {id: n.iri, label: n.name || n.id, url: n.url, kind: n.kind, center: n.center}};
  }).concat(data.edges.map(function (e, i) {
    return {data: {id: "e" + i, source: e.source, target: e.target, label: e.label}};
  }));
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    minZoom: 0.2, maxZoom: 1.4, wheelSensitivity: 0.3,
    layout: {name: "concentric", animate: false, padding: 30, minNodeSpacing: 50,
             concentric: function (n) { return n.data("center") ? 2 : 1; },
             levelWidth: function () { return 1; }},
    style: [
      {selector: "node", style: {"label": "data(label)", "font-size": 11, "text-wrap": "wrap",
        "text-max-width": 120, "width": 18, "height": 18, "color": "#222",
        "background-color": function (n) { return colours[n.data("kind")] || colours.other; }}},
      {selector: "node[?center]", style: {"width": 30, "height": 30, "font-weight": "bold",
        "border-width": 3, "border-color": "#111"}},
      {selector: "edge", style: {"label": "data(label)", "font-size": 9, "color": "#555",
        "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.5,
        "line-color": "#aab", "target-arrow-color": "#aab", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1}}
    ]
  });
  cy.on("tap", "node", function (evt) {
    var url = evt.target.data("url");
    if (url) window.location.href = url;
  });
  window.camketGraph = cy;
})();
