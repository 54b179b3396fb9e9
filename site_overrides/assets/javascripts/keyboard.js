// Patron Privacy Registry: Material's menu and search buttons are <label>s for hidden
// checkboxes, which the keyboard can neither reach nor press. Put a real <button> with
// the same icon in front of each, named and announcing whether it is open, and hide the
// label. Without JavaScript the labels stay: mouse and touch still work, and every page
// is linked from the content, so nothing becomes unreachable.
(function () {
  "use strict";

  // The desktop's search box after Escape: Material closes search and drops focus on the page
  // (<body>), where no one can see it. Focus goes to the search box as a whole (its "search"
  // region, taken out of the tab order again once left), outlined: not into the text field,
  // which would open search again, since Material opens it whenever the field has focus.
  // Typing there carries on in the field, which opens search; Tab also moves into the field.
  function searchBox(toggle, button) {
    var input = document.querySelector(".md-search__input");
    var region = input && input.closest(".md-search__inner");
    if (!input || !region) {
      return;
    }
    var escaped = false;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        escaped = true;
      }
    }, true);
    toggle.addEventListener("change", function () {
      var closedByEscape = escaped;
      escaped = false;
      if (toggle.checked || !closedByEscape || button.getClientRects().length > 0
          || region.getClientRects().length === 0) {
        return;
      }
      // After Material's own handling of the key, which blurs the field once search is closed.
      window.setTimeout(function () {
        var at = document.activeElement;
        if (toggle.checked || (at && at !== document.body && !at.closest(".md-search"))) {
          return;
        }
        region.setAttribute("tabindex", "-1");
        region.focus();
      }, 0);
    });
    region.addEventListener("blur", function () {
      region.removeAttribute("tabindex");
    });
    region.addEventListener("keydown", function (event) {
      if (event.target !== region) {
        return;
      }
      var typed = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (typed || event.key === "ArrowDown") {
        input.focus();  // the key goes on to the field, now focused: Material opens search
      }
    });
  }

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
    // Closing search (Escape, or a result on the same page) puts focus back on its button.
    // On a desktop, where the search box itself stands in the header instead of a button,
    // Escape puts focus back in the box (searchBox below).
    toggle.addEventListener("change", function () {
      var at = document.activeElement;
      if (label.htmlFor === "__search" && !toggle.checked && button.getClientRects().length > 0
          && (!at || at === document.body || at.closest(".md-search"))) {
        button.focus();
      }
    });
    if (label.htmlFor === "__search") {
      searchBox(toggle, button);
    }
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

// Patron Privacy Registry: on a phone (or a zoomed desktop) the open menu is a dialog for the
// keyboard. Only the panel a patron sees takes focus: Tab and Shift+Tab go round it, the
// panels behind it and the page under it leave the tab order, Escape closes the menu and
// puts focus back on the menu button. The labels that open and close a panel of the menu
// (a section, the page's contents) become buttons the keyboard can press.
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var root = sidebar && sidebar.querySelector("nav.md-nav--primary");
  if (!drawer || !sidebar || !root) {
    return;
  }
  var FOCUSABLE = "a[href], button, input:not([type=hidden]):not(.md-toggle), select, textarea, [tabindex]";
  var OUTSIDE = ".md-skip, .md-header, .md-main__inner > :not(.md-sidebar--primary), .md-footer, .md-top";

  function menuButton() {
    return document.querySelector('button.ppr-toggle[data-ppr-for="__drawer"]');
  }
  // The menu is a drawer whenever its button is shown (narrow or zoomed windows).
  function isDrawer() {
    var button = menuButton();
    return !!button && button.getClientRects().length > 0;
  }
  function toggleOf(nav) {
    var item = nav.parentElement;
    return item ? item.querySelector(":scope > input.md-nav__toggle") : null;
  }
  // The panel on top: the deepest one whose own toggle and every enclosing one are checked.
  function currentPanel() {
    var current = root;
    Array.prototype.forEach.call(root.querySelectorAll("nav.md-nav"), function (nav) {
      var open = true;
      for (var n = nav; n && n !== root; n = n.parentElement.closest("nav.md-nav")) {
        var toggle = toggleOf(n);
        open = open && !!toggle && toggle.checked;
      }
      if (open) {
        current = nav;
      }
    });
    return current;
  }
  function inPanel(element, panel) {
    return element.closest("nav.md-nav") === panel;
  }
  // Out of the tab order while hidden; the page's own tabindex comes back afterwards.
  function setReachable(element, reachable) {
    if (!reachable && !element.hasAttribute("data-ppr-tabindex")) {
      element.setAttribute("data-ppr-tabindex", element.getAttribute("tabindex") || "");
      element.setAttribute("tabindex", "-1");
    } else if (reachable && element.hasAttribute("data-ppr-tabindex")) {
      var before = element.getAttribute("data-ppr-tabindex");
      element.removeAttribute("data-ppr-tabindex");
      if (before) {
        element.setAttribute("tabindex", before);
      } else {
        element.removeAttribute("tabindex");
      }
    }
  }
  function reachable() {
    var panel = currentPanel();
    return Array.prototype.filter.call(sidebar.querySelectorAll(FOCUSABLE), function (element) {
      return inPanel(element, panel) && element.checkVisibility({visibilityProperty: true});
    });
  }
  function sync() {
    var modal = isDrawer() && drawer.checked;
    var panel = currentPanel();
    Array.prototype.forEach.call(sidebar.querySelectorAll(FOCUSABLE), function (element) {
      setReachable(element, !modal || inPanel(element, panel));
    });
    Array.prototype.forEach.call(document.querySelectorAll(OUTSIDE), function (element) {
      element.inert = modal;
    });
  }

  // Section and contents labels of the menu: buttons for the keyboard.
  Array.prototype.forEach.call(sidebar.querySelectorAll("label[for]"), function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !toggle.classList.contains("md-nav__toggle")) {
      return;
    }
    label.setAttribute("role", "button");
    if (!label.hasAttribute("tabindex")) {
      label.setAttribute("tabindex", "0");
    }
    if (label.classList.contains("md-nav__title")) {
      // "Back" in the page's language, from the label's data-ppr-back (partials/nav-item.html, toc.html).
      label.setAttribute("aria-label", (label.getAttribute("data-ppr-back") || "Back") + ": " + label.textContent.trim());
    } else {
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      toggle.addEventListener("change", function () {
        label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      });
    }
    // Material presses a focused label on Enter; Space, as on any button, is added here.
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
  });

  sidebar.addEventListener("change", function (event) {
    if (!event.target.classList.contains("md-nav__toggle")) {
      return;
    }
    sync();
    if (isDrawer() && drawer.checked) {
      var first = reachable()[0];
      if (first) {
        first.focus();
      }
    }
  });
  drawer.addEventListener("change", function () {
    sync();
    if (!isDrawer()) {
      return;
    }
    if (drawer.checked) {
      var first = reachable()[0];
      if (first) {
        first.focus();
      }
    } else if (sidebar.contains(document.activeElement) || document.activeElement === document.body) {
      var button = menuButton();
      if (button) {
        button.focus();
      }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (!isDrawer() || !drawer.checked) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      drawer.click();
      return;
    }
    if (event.key !== "Tab") {
      return;
    }
    var list = reachable();
    if (!list.length) {
      return;
    }
    event.preventDefault();
    var at = list.indexOf(document.activeElement);
    var next = event.shiftKey ? (at <= 0 ? list.length - 1 : at - 1) : (at + 1) % list.length;
    list[next].focus();
  }, true);
  window.addEventListener("resize", sync);
  sync();
})();
