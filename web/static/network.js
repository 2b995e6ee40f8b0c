// Vigil's network graphs: draws each [data-graph] container with
// Cytoscape.js (vendored by web/vendor.sh). The data is JSON in the
// attribute, so the page has no inline script (see the CSP). The table
// beside each graph lists the same edges for keyboard and screen-reader
// users; selecting a node (click, or Enter on the focused graph after
// choosing a node with the arrow keys) opens that node's network.
(function () {
  "use strict";
  var draw = function (el) {
    var data;
    try { data = JSON.parse(el.getAttribute("data-graph")); } catch (e) { el.textContent = "The graph could not be read."; return; }
    if (!data || !data.nodes || !data.nodes.length || typeof cytoscape !== "function") { return; }
    var elements = [];
    data.nodes.forEach(function (n) { elements.push({ group: "nodes", data: n, classes: n.kind + (n.center ? " center" : "") }); });
    (data.edges || []).forEach(function (e) { elements.push({ group: "edges", data: e }); });
    var cy = cytoscape({
      container: el,
      elements: elements,
      wheelSensitivity: 0.3,
      layout: { name: data.nodes.length > 40 ? "cose" : "breadthfirst", directed: false, padding: 20, animate: false,
        roots: data.nodes.filter(function (n) { return n.center; }).map(function (n) { return n.id; }) },
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 11, "color": "#1a1a1a", "text-valign": "bottom", "text-margin-y": 4,
          "background-color": "#6b6b6b", "width": 18, "height": 18, "text-wrap": "ellipsis", "text-max-width": 140 } },
        { selector: "node.subject", style: { "background-color": "#0b4f8a", "shape": "ellipse" } },
        { selector: "node.listed", style: { "background-color": "#a30000", "shape": "rectangle" } },
        { selector: "node.value", style: { "background-color": "#7a4b00", "shape": "diamond" } },
        { selector: "node.center", style: { "width": 28, "height": 28, "border-width": 3, "border-color": "#f5a700" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#f5a700" } },
        { selector: "edge", style: { "label": "data(label)", "font-size": 9, "color": "#333", "width": 2, "line-color": "#8a8a8a",
          "curve-style": "bezier", "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 1 } }
      ]
    });
    cy.on("tap", "node", function (ev) {
      var href = ev.target.data("href");
      if (href && !ev.target.data("center")) { window.location.assign(href); }
    });
    // Keyboard: the graph is focusable; arrows move the selection through
    // the nodes, Enter opens the selected node's network.
    el.setAttribute("tabindex", "0");
    var order = cy.nodes().sort(function (a, b) { return a.position("x") - b.position("x") || a.position("y") - b.position("y"); });
    var at = -1;
    el.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "ArrowDown" || e.key === "ArrowLeft" || e.key === "ArrowUp") {
        e.preventDefault();
        at = (e.key === "ArrowRight" || e.key === "ArrowDown") ? (at + 1) % order.length : (at <= 0 ? order.length - 1 : at - 1);
        cy.nodes().unselect();
        order[at].select();
        el.setAttribute("aria-label", el.getAttribute("data-label") + ". Selected: " + order[at].data("label"));
      } else if (e.key === "Enter" && at >= 0) {
        e.preventDefault();
        var href = order[at].data("href");
        if (href) { window.location.assign(href); }
      }
    });
    el.setAttribute("data-label", el.getAttribute("aria-label"));
    el.setAttribute("data-drawn", String(cy.nodes().length));
  };
  var start = function () { Array.prototype.forEach.call(document.querySelectorAll("[data-graph]"), draw); };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
