// Patron Privacy Registry: Material's menu and search buttons are <label>s for hidden
// checkboxes, which the keyboard can neither reach nor press. Put a real <button> with
// the same icon in front of each, named and announcing whether it is open, and hide the
// label. Without JavaScript the labels stay: mouse and touch still work, and every page
// is linked from the content, so nothing becomes unreachable.
(function () {
  "use strict";
  var names = {
    __drawer: function () {
      var nav = document.querySelector(".md-nav--primary");
      return (nav && nav.getAttribute("aria-label")) || "Navigation";
    },
    __search: function () {
      var input = document.querySelector(".md-search__input");
      return (input && input.getAttribute("aria-label")) || "Search";
    }
  };
  var labels = document.querySelectorAll("label.md-header__button[for]");
  Array.prototype.forEach.call(labels, function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !names[label.htmlFor]) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon ppr-toggle";
    button.setAttribute("data-ppr-for", label.htmlFor);
    button.setAttribute("aria-label", names[label.htmlFor]());
    Array.prototype.forEach.call(label.childNodes, function (node) {
      button.appendChild(node.cloneNode(true));
    });
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      toggle.click();
      sync();
      var input = document.querySelector(".md-search__input");
      if (label.htmlFor === "__search" && toggle.checked && input) {
        input.focus();
      }
    });
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
  });
})();
