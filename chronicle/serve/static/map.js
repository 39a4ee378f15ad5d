// The map: events as circles at their places over country and province outlines that
// ship with Chronicle (static/basemap, Natural Earth), drawn as SVG; no tiles, no library.
// A circle is coloured by the place's most frequent event type and sized by its events or
// deaths; Tab reaches each circle, Enter (or a click) shows the place's events with links.
// Drag to pan, wheel or the buttons to zoom. Text is only ever set with textContent.
(function () {
  "use strict";

  const NS = "http://www.w3.org/2000/svg";
  const COLOURS = {
    AGREE: "#0b6e4f", CONSULT: "#1f5fae", SUPPORT: "#2a9d8f", CONCEDE: "#57a773",
    COOPERATE: "#3a7ca5", AID: "#4c956c", RETREAT: "#81b29a", REQUEST: "#b08900",
    ACCUSE: "#e07a1f", REJECT: "#c8553d", THREATEN: "#d62828", PROTEST: "#f28482",
    SANCTION: "#9c4f96", MOBILIZE: "#8d5524", COERCE: "#a4161a", ASSAULT: "#6a040f"
  };
  const BASE = "/static/basemap/";
  const cache = {};

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return cache[url];
  }

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  // Plate carrée, x stretched by cos(latitude) of the view's middle: good enough for the
  // regions events cluster in, and every projected unit is a fraction of a degree.
  function projector(lat0) {
    const k = Math.cos(lat0 * Math.PI / 180);
    return function (lon, lat) { return [lon * k, -lat]; };
  }

  function ringPath(ring, scale, project) {
    let x = ring[0], y = ring[1];
    let p = project(x / scale, y / scale);
    const parts = ["M" + p[0].toFixed(3) + " " + p[1].toFixed(3)];
    for (let i = 2; i < ring.length; i += 2) {
      x += ring[i];
      y += ring[i + 1];
      p = project(x / scale, y / scale);
      parts.push("L" + p[0].toFixed(3) + " " + p[1].toFixed(3));
    }
    return parts.join("") + "Z";
  }

  function shapes(group, data, cls, project) {
    (data.countries || data.regions || []).forEach(function (shape) {
      const d = shape.rings.map(function (r) { return ringPath(r, data.scale, project); }).join("");
      const path = el("path", { d: d, class: cls }, group);
      el("title", {}, path).textContent = shape.name;
    });
  }

  function extent(places) {
    if (!places.length) return { lon: [-170, 190], lat: [-58, 80] };
    const lons = places.map(function (p) { return p.lon; }), lats = places.map(function (p) { return p.lat; });
    let lon = [Math.min.apply(null, lons), Math.max.apply(null, lons)];
    let lat = [Math.min.apply(null, lats), Math.max.apply(null, lats)];
    const padLon = Math.max(2, (lon[1] - lon[0]) * 0.15), padLat = Math.max(1.5, (lat[1] - lat[0]) * 0.15);
    return { lon: [lon[0] - padLon, lon[1] + padLon], lat: [lat[0] - padLat, lat[1] + padLat] };
  }

  function dominant(types) {
    let best = null;
    Object.keys(types).forEach(function (t) { if (best === null || types[t] > types[best]) best = t; });
    return best;
  }

  function linkTo(box, extra) {
    const filters = JSON.parse(box.dataset.filters || "{}");
    Object.assign(filters, extra);
    const params = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (filters[k]) params.set(k, filters[k]); });
    return params.toString();
  }

  function number(n) { return Number(n).toLocaleString("en"); }

  function anchor(href, text) {
    const a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    return a;
  }

  function showPlace(box, place) {
    const panel = box.querySelector(".map-detail");
    panel.replaceChildren();
    const head = document.createElement("p");
    const name = document.createElement("b");
    name.textContent = place.name || "unnamed place";
    head.append(name, " " + [place.admin1, place.country || place.country_code].filter(Boolean).join(", "));
    const counts = document.createElement("p");
    counts.textContent = number(place.count) + (place.count === 1 ? " event" : " events") +
      (place.dead ? ", " + number(place.dead) + " dead" : "") + ": " +
      Object.keys(place.types).sort(function (a, b) { return place.types[b] - place.types[a]; })
        .map(function (t) { return t + " " + number(place.types[t]); }).join(", ");
    const links = document.createElement("p");
    const query = linkTo(box, { place: place.name });
    links.append(anchor("/timeline?" + query, "These events on the timeline"), " · ",
      anchor("/download/events.csv?" + query, "CSV"));
    const list = document.createElement("ul");
    list.className = "plain";
    panel.append(head, counts, links, list);
    fetch("/api/events?limit=5&" + query).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (rows) {
        rows.forEach(function (row) {
          const item = document.createElement("li");
          const when = document.createElement("span");
          when.className = "muted";
          when.textContent = (row.date || "undated") + " " + row.event_type + " ";
          item.append(when, anchor("/documents/" + encodeURIComponent(row.doc).replace(/%2F/g, "/"),
            row.sentence.length > 160 ? row.sentence.slice(0, 159) + "…" : row.sentence));
          list.append(item);
        });
      });
  }

  function draw(box, data, countries) {
    const svg = box.querySelector("svg.map");
    const places = data.places;
    const view = extent(places);
    const project = projector((view.lat[0] + view.lat[1]) / 2);
    const a = project(view.lon[0], view.lat[1]), b = project(view.lon[1], view.lat[0]);
    const home = { x: a[0], y: a[1], w: b[0] - a[0], h: b[1] - a[1] };
    let vb = Object.assign({}, home);
    svg.replaceChildren();
    const land = el("g", { class: "land" }, svg);
    if (countries) shapes(land, countries, "country", project);
    const provinces = el("g", { class: "provinces" }, svg);
    data.countries.slice(0, 8).forEach(function (code) {
      load(BASE + "admin1/" + code + ".json").then(function (regions) {
        if (regions) shapes(provinces, regions, "province", project);
      });
    });
    const borders = el("g", { class: "borders" }, svg);  // country lines above provinces
    if (countries) shapes(borders, countries, "border", project);
    const dots = el("g", { class: "places" }, svg);
    const labels = el("g", { class: "labels" }, svg);
    let sizeBy = "count";
    const items = places.map(function (p) {
      const xy = project(p.lon, p.lat);
      const g = el("g", { class: "place", tabindex: "0", role: "button",
        "aria-label": (p.name || "unnamed place") + ": " + p.count + " events" + (p.dead ? ", " + p.dead + " dead" : "") }, dots);
      const circle = el("circle", { cx: xy[0], cy: xy[1], fill: COLOURS[dominant(p.types)] || "#5d6875" }, g);
      el("title", {}, g).textContent = (p.name || "unnamed") + ": " + p.count + " events" + (p.dead ? ", " + p.dead + " dead" : "");
      g.addEventListener("click", function () { showPlace(box, p); });
      g.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showPlace(box, p); }
      });
      return { place: p, circle: circle, xy: xy };
    });
    const named = places.slice(0, 8).map(function (p) {
      const xy = project(p.lon, p.lat);
      const text = el("text", { x: xy[0], y: xy[1], class: "place-label" }, labels);
      text.textContent = p.name;
      return { text: text, xy: xy };
    });

    function pixel() { return vb.w / Math.max(1, svg.clientWidth || 600); }

    function sizes() {
      const px = pixel();
      const max = Math.max(1, ...places.map(function (p) { return p[sizeBy]; }));
      const small = Math.max(0.6, Math.min(1, (svg.clientWidth || 800) / 800));  // phones
      items.forEach(function (item) {
        const v = item.place[sizeBy];
        const r = v ? (3.5 + 14 * Math.sqrt(v / max)) * small : 2.5;
        item.circle.setAttribute("r", (r * px).toFixed(4));
        item.circle.setAttribute("stroke-width", (1.2 * px).toFixed(4));
      });
      named.forEach(function (label) {
        label.text.setAttribute("font-size", (12 * px).toFixed(4));
        label.text.setAttribute("stroke-width", (3 * px).toFixed(4));
        label.text.setAttribute("dx", (9 * px).toFixed(4));
        label.text.setAttribute("dy", (4 * px).toFixed(4));
      });
    }

    function apply() {
      svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].map(function (v) { return v.toFixed(4); }).join(" "));
      sizes();
    }

    function fitAspect() {  // keep the home view whole in the box's shape
      const ratio = (svg.clientHeight || 400) / Math.max(1, svg.clientWidth || 600);
      if (vb.h / vb.w < ratio) { const h = vb.w * ratio; vb.y -= (h - vb.h) / 2; vb.h = h; }
      else { const w = vb.h / ratio; vb.x -= (w - vb.w) / 2; vb.w = w; }
    }

    function zoom(factor, cx, cy) {
      if (!factor) { vb = Object.assign({}, home); fitAspect(); apply(); return; }
      const x = cx === undefined ? vb.x + vb.w / 2 : cx, y = cy === undefined ? vb.y + vb.h / 2 : cy;
      vb = { x: x - (x - vb.x) / factor, y: y - (y - vb.y) / factor, w: vb.w / factor, h: vb.h / factor };
      apply();
    }

    box.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.onclick = function () { zoom(+button.dataset.zoom); };
    });
    box.querySelectorAll("[data-size]").forEach(function (button) {
      button.onclick = function () {
        sizeBy = button.dataset.size;
        box.querySelectorAll("[data-size]").forEach(function (b) {
          b.setAttribute("aria-checked", String(b === button));
        });
        sizes();
      };
    });
    svg.onwheel = function (event) {
      event.preventDefault();
      const box2 = svg.getBoundingClientRect();
      const cx = vb.x + (event.clientX - box2.left) / box2.width * vb.w;
      const cy = vb.y + (event.clientY - box2.top) / box2.height * vb.h;
      zoom(event.deltaY < 0 ? 1.25 : 0.8, cx, cy);
    };
    let drag = null;
    svg.onpointerdown = function (event) {
      if (event.target.closest(".place")) return;
      drag = { x: event.clientX, y: event.clientY, vb: Object.assign({}, vb) };
      svg.setPointerCapture(event.pointerId);
      svg.classList.add("panning");
    };
    svg.onpointermove = function (event) {
      if (!drag) return;
      const scale = vb.w / svg.getBoundingClientRect().width;
      vb.x = drag.vb.x - (event.clientX - drag.x) * scale;
      vb.y = drag.vb.y - (event.clientY - drag.y) * scale;
      apply();
    };
    svg.onpointerup = svg.onpointercancel = function () { drag = null; svg.classList.remove("panning"); };
    fitAspect();
    apply();
    window.addEventListener("resize", function () { sizes(); });
  }

  function start(root) {
    (root || document).querySelectorAll(".map-wrap").forEach(function (box) {
      const data = JSON.parse(document.getElementById(box.dataset.source).textContent);
      box.querySelector(".map-tools").hidden = false;
      const fallback = box.querySelector(".map-fallback");
      if (fallback) fallback.remove();
      load(BASE + "countries.json").then(function (countries) {
        draw(box, data, countries);
        box.dataset.ready = "1";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("chronicle:updated", function (event) { start(event.detail); });
})();
