// A box that is wider than the column (a table, an equation, a figure on a phone, a long code line) scrolls
// sideways, but nothing shows it: phone browsers hide scrollbars until touched. This marks each box that
// overflows right now, makes it reachable by keyboard (so it can be scrolled with the arrow keys), and puts
// a one-line hint under it. Re-checked on resize and when a collapsible block opens.
(function () {
  "use strict";
  // Every box of the page that scrolls sideways (overflow-x auto or scroll): Material's table wrappers,
  // display equations, code blocks, printed output, notebook cells, figures on a phone.
  function boxes() {
    var root = document.querySelector(".md-content__inner");
    if (!root) return [];
    return Array.prototype.filter.call(root.querySelectorAll("div, pre, code, table, figure, p, span.math--inline"), function (el) {
      var o = getComputedStyle(el).overflowX;
      return o === "auto" || o === "scroll";
    });
  }

  function anchorOf(box) {
    // A code block's hint goes after its <pre>, not inside it.
    return box.tagName === "CODE" && box.parentElement.tagName === "PRE" ? box.parentElement : box;
  }

  function mark() {
    boxes().forEach(function (box) {
      var over = box.scrollWidth > box.clientWidth + 1;
      var anchor = anchorOf(box);
      var next = anchor.nextElementSibling;
      var hint = next && next.classList.contains("scroll-hint") ? next : null;
      // An attribute, not a class: Material styles tables by `table:not([class])`.
      if (over) box.setAttribute("data-scrolls-sideways", "");
      else box.removeAttribute("data-scrolls-sideways");
      if (over && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-tabindex", "");
      } else if (!over && box.hasAttribute("data-scroll-tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-tabindex");
      }
      if (over && !hint) {
        hint = document.createElement("span");   // a span: valid after an inline equation too
        hint.className = "scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "wider than the column: scroll sideways \u2192";
        anchor.insertAdjacentElement("afterend", hint);
      } else if (!over && hint) {
        hint.remove();
      }
    });
  }

  var pending = null;
  function later() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; mark(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("load", mark);
  if (document.fonts) document.fonts.ready.then(later);   // a web font can widen a line
  window.addEventListener("resize", later);
  document.addEventListener("toggle", later, true);   // <details> opening: its boxes get a width
})();
