// The actor network: a small force-directed layout drawn in SVG. Nodes are real links to
// the actor pages (keyboard and click work natively); dragging a node moves it, dragging
// the background pans, the wheel and the buttons zoom. Labels are set with textContent.
(function () {
  "use strict";

  const NS = "http://www.w3.org/2000/svg";
  const LABELLED = 45; // nodes beyond this many (by weight) show their name on hover only

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function radius(n) { return 5 + 2.2 * Math.sqrt(n.weight); }

  function Graph(svg, data) {
    this.svg = svg;
    this.nodes = data.nodes.map(function (n, i) {
      const r = 14 * Math.sqrt(i + 0.5), a = i * 2.39996; // a sunflower spiral to start
      return { id: n.id, name: n.name, kind: n.kind, weight: n.weight, x: r * Math.cos(a),
        y: r * Math.sin(a), vx: 0, vy: 0, fixed: false };
    });
    const byId = new Map(this.nodes.map(function (n) { return [n.id, n]; }));
    this.edges = data.edges.filter(function (e) {
      return byId.has(e.source) && byId.has(e.target);
    }).map(function (e) {
      return { s: byId.get(e.source), t: byId.get(e.target), weight: e.weight, types: e.types };
    });
    this.view = { k: 1, x: 0, y: 0 };
    this.alpha = 1;
    this.running = false;
    this.touched = false; // the user zoomed or panned: stop fitting automatically
    this.build();
  }

  Graph.prototype.build = function () {
    const defs = el("defs", {}, this.svg);
    const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5",
      markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }, marker);
    this.layer = el("g", {}, this.svg);
    const edgeLayer = el("g", {}, this.layer);
    const nodeLayer = el("g", {}, this.layer);
    const labelled = new Set(this.nodes.slice().sort(function (a, b) {
      return b.weight - a.weight;
    }).slice(0, LABELLED));
    this.edges.forEach(function (e) {
      e.line = el("line", { class: "edge", "stroke-width": String(1 + Math.log2(e.weight)),
        "marker-end": "url(#arrow)" }, edgeLayer);
      const tip = el("title", {}, e.line);
      tip.textContent = e.s.name + " → " + e.t.name + ": " + Object.keys(e.types)
        .map(function (t) { return t + " " + e.types[t]; }).join(", ");
    });
    this.nodes.forEach(function (n) {
      n.el = el("a", { class: "node k-" + n.kind, href: "/actors/" + encodeURIComponent(n.id),
        "data-id": n.id }, nodeLayer);
      el("circle", { r: String(radius(n)) }, n.el);
      const tip = el("title", {}, n.el);
      tip.textContent = n.name + " (" + n.kind + ", " + n.weight + " events)";
      if (labelled.has(n)) {
        const label = el("text", { x: String(radius(n) + 3), y: "4" }, n.el);
        label.textContent = n.name;
      }
    });
  };

  Graph.prototype.tick = function () {
    const nodes = this.nodes, a = this.alpha;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const p = nodes[i], q = nodes[j];
        let dx = q.x - p.x, dy = q.y - p.y;
        const d2 = Math.max(dx * dx + dy * dy, 25), d = Math.sqrt(d2);
        const gap = radius(p) + radius(q) + 14 - d; // overlapping circles part at once
        const f = 12000 * a / d2 + (gap > 0 ? gap * 0.25 : 0);
        dx *= f / d; dy *= f / d;
        p.vx -= dx; p.vy -= dy; q.vx += dx; q.vy += dy;
      }
    }
    this.edges.forEach(function (e) {
      const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const f = (d - 190) * 0.035 * a / d;
      e.s.vx += dx * f; e.s.vy += dy * f; e.t.vx -= dx * f; e.t.vy -= dy * f;
    });
    const box = this.svg.getBoundingClientRect(), side = Math.max(box.width, box.height, 1);
    const gx = 0.012 * (box.height || side) / side, gy = 0.012 * (box.width || side) / side;
    nodes.forEach(function (n) { // gravity shaped like the drawing area
      n.vx -= n.x * gx * a; n.vy -= n.y * gy * a;
      if (n.fixed) { n.vx = 0; n.vy = 0; return; }
      n.vx *= 0.55; n.vy *= 0.55;
      n.x += n.vx; n.y += n.vy;
    });
    this.alpha *= 0.98;
  };

  Graph.prototype.draw = function () {
    this.edges.forEach(function (e) {
      const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const rs = radius(e.s) / d, rt = (radius(e.t) + 2) / d;
      e.line.setAttribute("x1", (e.s.x + dx * rs).toFixed(1));
      e.line.setAttribute("y1", (e.s.y + dy * rs).toFixed(1));
      e.line.setAttribute("x2", (e.t.x - dx * rt).toFixed(1));
      e.line.setAttribute("y2", (e.t.y - dy * rt).toFixed(1));
    });
    this.nodes.forEach(function (n) {
      n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
    });
    const v = this.view;
    this.layer.setAttribute("transform", "translate(" + v.x + "," + v.y + ") scale(" + v.k + ")");
  };

  Graph.prototype.run = function (heat) {
    this.alpha = Math.max(this.alpha, heat || 0);
    if (this.running) return;
    this.running = true;
    const self = this;
    (function step() {
      for (let i = 0; i < 2; i++) self.tick();
      if (!self.touched) self.fit();
      self.draw();
      if (self.alpha > 0.01) {
        requestAnimationFrame(step);
      } else {
        self.running = false;
        self.svg.dataset.settled = "1";
      }
    })();
  };

  Graph.prototype.fit = function () {
    const box = this.svg.getBoundingClientRect();
    if (!this.nodes.length || !box.width) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    this.nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - 20); y0 = Math.min(y0, n.y - 20);
      x1 = Math.max(x1, n.x + 90); y1 = Math.max(y1, n.y + 20);
    });
    const k = Math.min(box.width / (x1 - x0), box.height / (y1 - y0), 1.2);
    this.view = { k: k, x: (box.width - k * (x0 + x1)) / 2, y: (box.height - k * (y0 + y1)) / 2 };
  };

  Graph.prototype.zoom = function (factor, cx, cy) {
    const v = this.view, k = Math.max(0.15, Math.min(6, v.k * factor));
    this.view = { k: k, x: cx - (cx - v.x) * k / v.k, y: cy - (cy - v.y) * k / v.k };
    this.touched = true;
    this.draw();
  };

  Graph.prototype.local = function (event) {
    const box = this.svg.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  Graph.prototype.listen = function () {
    const self = this, svg = this.svg;
    let drag = null, suppress = false;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      const a = event.target.closest(".node");
      const node = a && self.nodes.find(function (n) { return n.el === a; });
      drag = { node: node, start: self.local(event), view: Object.assign({}, self.view),
        moved: false, pointer: event.pointerId };
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.pointer) return;
      const p = self.local(event);
      if (!drag.moved && Math.hypot(p.x - drag.start.x, p.y - drag.start.y) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        svg.setPointerCapture(event.pointerId);
        if (!drag.node) svg.classList.add("panning");
      }
      if (drag.node) {
        drag.node.fixed = true;
        drag.node.x = (p.x - self.view.x) / self.view.k;
        drag.node.y = (p.y - self.view.y) / self.view.k;
        self.touched = true;
        self.run(0.3);
        self.draw();
      } else {
        self.view.x = drag.view.x + p.x - drag.start.x;
        self.view.y = drag.view.y + p.y - drag.start.y;
        self.touched = true;
        self.draw();
      }
    });
    function end() {
      if (drag && drag.moved) suppress = true;
      svg.classList.remove("panning");
      drag = null;
    }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("click", function (event) {
      if (suppress) { event.preventDefault(); suppress = false; }
    });
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      const p = self.local(event);
      self.zoom(Math.exp(-event.deltaY * 0.0015), p.x, p.y);
    }, { passive: false });
    svg.addEventListener("pointerover", function (event) {
      const a = event.target.closest(".node");
      self.edges.forEach(function (e) {
        e.line.classList.toggle("lit", !!a && (e.s.el === a || e.t.el === a));
      });
    });
  };

  function start() {
    const svg = document.getElementById("graph");
    if (!svg) return;
    const data = JSON.parse(document.getElementById(svg.dataset.source).textContent);
    if (!data.nodes.length) {
      const note = el("text", { x: "20", y: "40" }, svg);
      note.textContent = "No link between actors matches these filters.";
      svg.dataset.settled = "1";
      return;
    }
    const graph = new Graph(svg, data);
    graph.listen();
    const tools = document.querySelector(".graph-tools");
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (event) {
        const factor = Number(event.target.dataset.zoom);
        if (isNaN(factor)) return;
        if (factor === 0) {
          graph.touched = false;
          graph.fit();
          graph.draw();
        } else {
          const box = svg.getBoundingClientRect();
          graph.zoom(factor, box.width / 2, box.height / 2);
        }
      });
    }
    window.addEventListener("resize", function () {
      if (!graph.touched) { graph.fit(); graph.draw(); }
    });
    graph.run(1);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
