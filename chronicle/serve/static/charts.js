// Timeline charts (the /timeline page and actor pages) drawn with the installed plotly.js.
// Data comes from a JSON element the server wrote; every label that reaches Plotly is
// escaped first (Plotly reads a little HTML in hover text), and the detail panel is built
// with textContent only.
(function () {
  "use strict";

  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];
  const COLOURS = {
    AGREE: "#0b6e4f", CONSULT: "#1f5fae", SUPPORT: "#2a9d8f", CONCEDE: "#57a773",
    COOPERATE: "#3a7ca5", AID: "#4c956c", RETREAT: "#81b29a", REQUEST: "#b08900",
    ACCUSE: "#e07a1f", REJECT: "#c8553d", THREATEN: "#d62828", PROTEST: "#f28482",
    SANCTION: "#9c4f96", MOBILIZE: "#8d5524", COERCE: "#a4161a", ASSAULT: "#6a040f"
  };

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function names(pairs) {
    return pairs.length ? pairs.map(function (p) { return p[1]; }).join(", ") : "?";
  }

  function link(href, label) {
    const a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = label;
    return a;
  }

  function actorLinks(pairs, into) {
    if (!pairs.length) into.append("?");
    pairs.forEach(function (p, i) {
      if (i) into.append(", ");
      into.append(link("/actors/" + encodeURIComponent(p[0]), p[1]));
    });
  }

  function showDetail(panel, row) {
    panel.replaceChildren();
    const head = document.createElement("p");
    const type = document.createElement("span");
    type.className = "type t-" + row.tone;
    type.textContent = row.type;
    head.append(type, " " + row.shown + " · ");
    actorLinks(row.source, head);
    head.append(" → ");
    actorLinks(row.target, head);
    const sentence = document.createElement("p");
    sentence.textContent = row.sentence;
    const source = document.createElement("p");
    source.append("“" + row.trigger + "” in ", link(row.href, row.title));
    panel.append(head, sentence, source);
  }

  // Points on the same day and type are spread a little so each stays clickable.
  function spread(rows) {
    const seen = {};
    return rows.map(function (row) {
      const key = row.date + row.type;
      const n = seen[key] = (seen[key] || 0) + 1;
      const step = Math.ceil((n - 1) / 2) * 0.12 * (n % 2 ? 1 : -1);
      return TYPES.indexOf(row.type) + Math.max(-0.4, Math.min(0.4, step));
    });
  }

  function draw(el, rows, panel) {
    const y = spread(rows);
    const present = TYPES.filter(function (t) {
      return rows.some(function (r) { return r.type === t; });
    });
    const traces = present.map(function (t) {
      const idx = rows.map(function (r, i) { return r.type === t ? i : -1; })
        .filter(function (i) { return i >= 0; });
      return {
        type: "scatter", mode: "markers", name: t,
        x: idx.map(function (i) { return rows[i].date; }),
        y: idx.map(function (i) { return y[i]; }),
        customdata: idx,
        text: idx.map(function (i) {
          const r = rows[i];
          return esc(r.shown + " " + r.type) + "<br>" + esc(names(r.source) + " → " +
            names(r.target)) + "<br>" + esc("“" + r.trigger + "”");
        }),
        hovertemplate: "%{text}<extra></extra>",
        marker: { size: 11, color: COLOURS[t], line: { width: 1, color: "#ffffff" } }
      };
    });
    const layout = {
      margin: { l: 96, r: 12, t: 8, b: 40 }, hovermode: "closest", dragmode: "zoom",
      xaxis: { type: "date", rangeslider: { visible: rows.length > 1, thickness: 0.08 } },
      yaxis: {
        tickvals: present.map(function (t) { return TYPES.indexOf(t); }), ticktext: present,
        range: [Math.min.apply(null, y) - 0.7, Math.max.apply(null, y) + 0.7], fixedrange: true
      },
      legend: { orientation: "h", y: -0.35 }, font: { family: "system-ui, sans-serif" },
      plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff"
    };
    const config = { displaylogo: false, responsive: true,
      modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"] };
    el.replaceChildren();
    window.Plotly.newPlot(el, traces, layout, config).then(function () {
      el.dataset.ready = "1";
      el.on("plotly_click", function (event) {
        const point = event.points && event.points[0];
        if (point) showDetail(panel, rows[point.customdata]);
      });
    });
  }

  function start() {
    const el = document.getElementById("chart");
    if (!el) return;
    const rows = JSON.parse(document.getElementById(el.dataset.source).textContent);
    const panel = document.getElementById("chart-detail");
    const note = el.querySelector(".chart-fallback");
    if (!rows.length) {
      if (note) note.textContent = "No dated events to draw.";
      el.dataset.ready = "1";
      return;
    }
    if (!window.Plotly) {
      if (note) note.textContent = "The chart library (plotly) is not available; the events are listed below.";
      return;
    }
    draw(el, rows, panel);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
