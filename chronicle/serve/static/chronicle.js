// Chronicle pages: small enhancements over server-rendered HTML. Everything works without
// this file; with it, the document legend toggles layers, a click on a marked event or
// quote in the text opens its card, and on the timeline, search and map pages a facet, a
// filter, a page link or a bar of the chart updates the results in place (the address
// changes too, so Back and bookmarks work). Text is only ever set with textContent.
(function () {
  "use strict";

  function lightCard(id) {
    const card = document.getElementById(id);
    if (!card) return;
    document.querySelectorAll(".card.lit").forEach(function (c) { c.classList.remove("lit"); });
    card.classList.add("lit");
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function documentPage() {
    const text = document.getElementById("doc-text");
    if (!text) return;
    const legend = document.querySelector(".legend");
    if (legend) {
      legend.hidden = false;
      legend.addEventListener("change", function (event) {
        const box = event.target;
        if (!box.dataset || !box.dataset.layer) return;
        text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
      });
    }
    text.addEventListener("click", function (event) {
      if (event.target.closest("a")) return; // names and badges are real links
      const marked = event.target.closest("[data-cards]");
      if (!marked) return;
      const first = marked.dataset.cards.split(" ")[0];
      if (first) {
        history.replaceState(null, "", "#" + first);
        lightCard(first);
      }
    });
    document.querySelectorAll(".to-text").forEach(function (link) {
      link.addEventListener("click", function () {
        const at = document.getElementById(link.getAttribute("href").slice(1));
        if (!at) return;
        document.querySelectorAll(".lit-text").forEach(function (x) { x.classList.remove("lit-text"); });
        at.classList.add("lit-text");
      });
    });
  }

  function imported(nodes) {
    return Array.from(nodes).map(function (n) { return document.importNode(n, true); });
  }

  function inPlace() {
    const root = document.getElementById("results");
    if (!root || !window.fetch || !window.DOMParser || !root.hasAttribute("data-inplace-root")) return;
    const form = document.querySelector("form[data-inplace-form]");
    const status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("aria-live", "polite");
    root.before(status);

    function go(url, push) {
      root.setAttribute("aria-busy", "true");
      return fetch(url, { headers: { Accept: "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          const page = new DOMParser().parseFromString(html, "text/html");
          const fresh = page.getElementById("results");
          if (!fresh) { location.assign(url); return; }
          root.replaceChildren.apply(root, imported(fresh.childNodes));
          const freshForm = page.querySelector("form[data-inplace-form]");
          if (form && freshForm) form.replaceChildren.apply(form, imported(freshForm.childNodes));
          document.title = page.title;
          if (push) history.pushState({ inPlace: true }, "", url);
          const heading = root.querySelector("h2");
          status.textContent = heading ? heading.textContent.replace(/\s+/g, " ").trim() : "Updated";
          document.dispatchEvent(new CustomEvent("chronicle:updated", { detail: root }));
        })
        .catch(function () { location.assign(url); })
        .finally(function () { root.removeAttribute("aria-busy"); });
    }

    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey) return;
      const link = event.target.closest("a[data-inplace], #results svg a");
      if (!link) return;
      const href = link.getAttribute("href") || link.getAttribute("xlink:href");
      const url = new URL(href, location.href);
      if (url.origin !== location.origin || url.pathname !== location.pathname) return;
      event.preventDefault();
      go(url.pathname + url.search, true);
    });
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        const params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) {
          if (String(value).trim()) params.append(key, String(value).trim());
        });
        const query = params.toString();
        go(form.getAttribute("action") + (query ? "?" + query : ""), true);
      });
    }
    window.addEventListener("popstate", function () { go(location.pathname + location.search, false); });
  }

  document.addEventListener("DOMContentLoaded", documentPage);
  document.addEventListener("DOMContentLoaded", inPlace);
})();
