// Counts over time: a stacked bar per day, week, month or year, one colour per PLOVER type.
// Drawn as SVG from the [day, type, n] rows the server wrote into the page; no library.
// A bar is a link to the same page filtered to its period (arrow keys move between bars,
// Enter opens one). Text is only ever set with textContent.
(function () {
  "use strict";

  const NS = "http://www.w3.org/2000/svg";
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];
  const COLOURS = {
    AGREE: "#0b6e4f", CONSULT: "#1f5fae", SUPPORT: "#2a9d8f", CONCEDE: "#57a773",
    COOPERATE: "#3a7ca5", AID: "#4c956c", RETREAT: "#81b29a", REQUEST: "#b08900",
    ACCUSE: "#e07a1f", REJECT: "#c8553d", THREATEN: "#d62828", PROTEST: "#f28482",
    SANCTION: "#9c4f96", MOBILIZE: "#8d5524", COERCE: "#a4161a", ASSAULT: "#6a040f"
  };
  const MAX_BARS = 1500;
  const DAY = 86400000;

  function utc(day) { return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function bucketOf(day, unit) {
    if (unit === "year") return day.slice(0, 4);
    if (unit === "month") return day.slice(0, 7);
    if (unit === "week") {
      const ms = utc(day);
      return iso(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY);
    }
    return day;
  }

  function nextBucket(bucket, unit) {
    if (unit === "year") return String(+bucket + 1);
    if (unit === "month") {
      const y = +bucket.slice(0, 4), m = +bucket.slice(5, 7);
      return m === 12 ? (y + 1) + "-01" : y + "-" + String(m + 1).padStart(2, "0");
    }
    return iso(utc(bucket) + (unit === "week" ? 7 : 1) * DAY);
  }

  function period(bucket, unit) {  // the from and to filters of one bar
    if (unit === "week") return [bucket, iso(utc(bucket) + 6 * DAY)];
    return [bucket, bucket];
  }

  function spanDays(rows) {
    if (!rows.length) return 0;
    return (utc(rows[rows.length - 1][0]) - utc(rows[0][0])) / DAY;
  }

  function defaultUnit(rows) {  // the server sends months over spans of two years or more
    const days = spanDays(rows);
    if (days <= 62) return "day";
    if (days <= 731) return "week";
    if (days <= 365 * 12) return "month";
    return "year";
  }

  function buckets(rows, unit) {
    const totals = new Map();
    rows.forEach(function (r) {
      const b = bucketOf(r[0], unit);
      if (!totals.has(b)) totals.set(b, {});
      const t = totals.get(b);
      t[r[1]] = (t[r[1]] || 0) + r[2];
    });
    const keys = Array.from(totals.keys()).sort();
    const out = [];
    if (!keys.length) return out;
    for (let b = keys[0]; b <= keys[keys.length - 1] && out.length <= MAX_BARS; b = nextBucket(b, unit)) {
      out.push({ key: b, types: totals.get(b) || {} });
    }
    return out;
  }

  function niceStep(max) {
    const raw = max / 4;
    const power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
    const scaled = raw / power;
    return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
  }

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function describe(bar) {
    const parts = TYPES.filter(function (t) { return bar.types[t]; })
      .map(function (t) { return t + " " + bar.types[t]; });
    const total = TYPES.reduce(function (n, t) { return n + (bar.types[t] || 0); }, 0);
    return bar.key + ": " + total + (total === 1 ? " event" : " events") +
      (parts.length ? " (" + parts.join(", ") + ")" : "");
  }

  function target(box, bar, unit) {
    const filters = JSON.parse(box.dataset.filters || "{}");
    const span = period(bar.key, unit);
    filters.from = span[0];
    filters.to = span[1];
    const params = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (filters[k]) params.set(k, filters[k]); });
    return box.dataset.path + "?" + params.toString();
  }

  function draw(box, rows, unit) {
    const plot = box.querySelector(".counts-plot");
    const bars = buckets(rows, unit);
    plot.replaceChildren();
    if (bars.length > MAX_BARS) {
      const note = document.createElement("p");
      note.className = "muted";
      note.textContent = "Too many " + unit + "s to draw: count by a longer period.";
      plot.append(note);
      return;
    }
    const width = Math.max(280, plot.clientWidth || 600), height = 220;
    const left = 40, right = 8, top = 10, bottom = 26;
    const innerW = width - left - right, innerH = height - top - bottom;
    const max = Math.max(1, ...bars.map(function (b) {
      return TYPES.reduce(function (n, t) { return n + (b.types[t] || 0); }, 0);
    }));
    const step = niceStep(max), yMax = Math.ceil(max / step) * step;
    const svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "group", "aria-label": "Events per " + unit + " by type" });
    for (let v = 0; v <= yMax; v += step) {
      const y = top + innerH - (v / yMax) * innerH;
      el("line", { x1: left, x2: width - right, y1: y, y2: y, class: "grid" }, svg);
      el("text", { x: left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, svg).textContent = String(v);
    }
    const slot = innerW / bars.length;
    const barW = Math.min(48, Math.max(1, slot - (slot > 4 ? 1 : 0)));  // a few bars stay bars
    const inset = (slot - barW) / 2;
    const labelEvery = Math.max(1, Math.ceil(64 / slot));
    const detail = box.querySelector(".counts-legend");
    bars.forEach(function (bar, i) {
      const x = left + i * slot;
      const link = el("a", { href: target(box, bar, unit), class: "bar", tabindex: i ? "-1" : "0",
        "aria-label": describe(bar) }, svg);
      link.dataset.index = String(i);
      el("rect", { x: x, y: top, width: slot, height: innerH, class: "hitbox" }, link);
      let y = top + innerH;
      TYPES.forEach(function (t) {
        const n = bar.types[t];
        if (!n) return;
        const h = (n / yMax) * innerH;
        y -= h;
        el("rect", { x: x + inset, y: y, width: barW, height: Math.max(h, 0.5), fill: COLOURS[t] }, link);
      });
      el("title", {}, link).textContent = describe(bar);
      if (i % labelEvery === 0) {
        el("text", { x: x + slot / 2, y: height - 8, class: "tick", "text-anchor": "middle" }, svg)
          .textContent = bar.key;
      }
      link.addEventListener("focus", function () { detail.textContent = describe(bar); });
      link.addEventListener("mouseenter", function () { detail.textContent = describe(bar); });
    });
    svg.addEventListener("keydown", function (event) {
      const current = event.target.closest("a.bar");
      if (!current) return;
      const move = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity }[event.key];
      if (move === undefined) return;
      event.preventDefault();
      const links = svg.querySelectorAll("a.bar");
      const i = Math.max(0, Math.min(links.length - 1, +current.dataset.index + move));
      current.setAttribute("tabindex", "-1");
      links[i].setAttribute("tabindex", "0");
      links[i].focus();
    });
    plot.append(svg);
    detail.textContent = "";
    legend(box, rows);
  }

  function legend(box, rows) {
    const present = TYPES.filter(function (t) { return rows.some(function (r) { return r[1] === t; }); });
    const keyList = box.querySelector(".counts-key") || document.createElement("p");
    keyList.className = "counts-key";
    keyList.replaceChildren();
    present.forEach(function (t) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch sw-" + t;
      item.append(swatch, t);
      keyList.append(item, " ");
    });
    box.querySelector(".counts-plot").after(keyList);
  }

  function start(root) {
    (root || document).querySelectorAll(".counts").forEach(function (box) {
      const rows = JSON.parse(document.getElementById(box.dataset.source).textContent);
      const tools = box.querySelector(".counts-tools");
      const plot = box.querySelector(".counts-plot");
      if (!rows.length) {
        plot.textContent = "No dated event to count.";
        box.dataset.ready = "1";
        return;
      }
      let unit = box.dataset.unit === "month" && defaultUnit(rows) === "day" ? "month"
        : defaultUnit(rows);
      const buttons = tools.querySelectorAll("button[data-unit]");
      function choose(next) {
        unit = next;
        buttons.forEach(function (b) { b.setAttribute("aria-checked", String(b.dataset.unit === unit)); });
        draw(box, rows, unit);
      }
      buttons.forEach(function (b) { b.addEventListener("click", function () { choose(b.dataset.unit); }); });
      tools.hidden = false;
      choose(unit);
      let width = plot.clientWidth;
      window.addEventListener("resize", function () {
        if (Math.abs(plot.clientWidth - width) > 20) { width = plot.clientWidth; draw(box, rows, unit); }
      });
      box.dataset.ready = "1";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("chronicle:updated", function (event) { start(event.detail); });
})();
