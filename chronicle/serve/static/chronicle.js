// Chronicle pages: small enhancements over server-rendered HTML. Everything works without
// this file; with it, the document legend toggles layers and a click on a marked event or
// quote in the text opens its card. Text is only ever set with textContent.
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

  document.addEventListener("DOMContentLoaded", documentPage);
})();
