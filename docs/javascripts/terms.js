// Term links (glossary/markdown_ext.py, link_terms): each is followed by its term's one-sentence summary in a
// <span role="tooltip"> that the link names with aria-describedby. The stylesheet shows it on hover and on
// keyboard focus; this adds touch (a first tap on a term shows its summary, a second tap follows the link),
// Escape to hide it, and keeps it inside the screen.
(function () {
  "use strict";
  var touch = false;
  document.addEventListener("pointerdown", function (e) { touch = e.pointerType !== "mouse"; }, true);

  function place(term) {
    var tip = term.querySelector(".term__tip");
    if (!tip) return;
    tip.style.left = "0px";
    var right = tip.getBoundingClientRect().right, limit = document.documentElement.clientWidth - 8;
    if (right > limit) tip.style.left = (limit - right) + "px";
    var left = tip.getBoundingClientRect().left;
    if (left < 8) tip.style.left = (parseFloat(tip.style.left) + 8 - left) + "px";
  }
  function closeOpen(except) {
    document.querySelectorAll(".term--open").forEach(function (t) { if (t !== except) t.classList.remove("term--open"); });
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest(".term__link") : null;
    if (!link) { closeOpen(null); return; }
    var term = link.parentElement;
    if (touch && !term.classList.contains("term--open")) {
      e.preventDefault();   // the first tap shows the summary; the next one follows the link
      closeOpen(term);
      term.classList.remove("term--closed");
      term.classList.add("term--open");
      place(term);
    }
  });
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var term = e.target.closest ? e.target.closest(".term") : null;
      if (term) { term.classList.remove("term--closed"); place(term); }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll(".term--open, .term:hover, .term:focus-within").forEach(function (t) {
      t.classList.remove("term--open");
      t.classList.add("term--closed");
    });
  });
})();
