/* Patron Privacy Registry: sort and filter the third-party services chart.
 *
 * Progressive enhancement only. The chart is a complete HTML table without
 * this script; the filter form ships with the "hidden" attribute and is shown
 * here. Rows carry data-name, data-always, data-opt-in, data-groups and
 * data-reviewed, data-none (see generator/templates/privacy_registry/chart.html.j2).
 * The chosen filters and sort order are kept in the address's fragment
 * (#category=email&sort=reviewed:descending), which browsers never send to the
 * server, so Back, reload and a shared link show the same chart.
 * No network requests, no storage, no third parties.
 */
(function () {
  "use strict";

  /* What the status line says. The chart gives these words in the page's language
     (data-ppr-words on the form, from the site's message catalog); these are the
     English ones, used when a page does not. */
  var ENGLISH = {
    status: "{shown} of {total} services shown, sorted by {column}, {order}.",
    none: "No service matches; choose \u201cShow all services\u201d to see them again.",
    columns: {
      name: "service name",
      always: "data always kept",
      "opt-in": "data kept only if you opt in",
      reviewed: "last reviewed"
    },
    orders: {
      name: { ascending: "A to Z", descending: "Z to A" },
      always: { ascending: "least first", descending: "most first" },
      "opt-in": { ascending: "least first", descending: "most first" },
      reviewed: { ascending: "oldest first", descending: "newest first" }
    }
  };

  function wordsOf(form) {
    try {
      var given = JSON.parse(form.getAttribute("data-ppr-words") || "{}");
      return {
        status: given.status || ENGLISH.status,
        none: given.none || ENGLISH.none,
        columns: given.columns || ENGLISH.columns,
        orders: given.orders || ENGLISH.orders
      };
    } catch (e) {
      return ENGLISH;
    }
  }

  function words(value) {
    return value ? value.split(" ").filter(Boolean) : [];
  }

  function sortValue(row, key) {
    if (key === "name") { return (row.getAttribute("data-name") || "").toLocaleLowerCase(); }
    if (key === "always") { return words(row.getAttribute("data-always")).length; }
    if (key === "opt-in") { return words(row.getAttribute("data-opt-in")).length; }
    return row.getAttribute("data-reviewed") || "";
  }

  function compare(a, b) {
    if (typeof a === "number") { return a - b; }
    return a.localeCompare(b);
  }

  function enhance(form) {
    var table = document.getElementById(form.getAttribute("data-ppr-table"));
    if (!table || form.getAttribute("data-ppr-ready") === "yes") { return; }
    form.setAttribute("data-ppr-ready", "yes");

    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;
    var said = wordsOf(form);
    var status = form.querySelector("[role=status]");
    var nameInput = form.elements.namedItem("name");
    var categorySelect = form.elements.namedItem("category");
    var sortSelect = form.elements.namedItem("sort");
    var groupBox = form.elements.namedItem("group");
    var nothingBox = form.elements.namedItem("nothing");
    var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-ppr-sort]"));
    var state = { key: "name", direction: "ascending" };

    function visibleCount() {
      return rows.filter(function (row) { return !row.hidden; }).length;
    }

    function announce(extra) {
      var text = said.status.replace("{shown}", String(visibleCount())).replace("{total}", String(total))
        .replace("{column}", said.columns[state.key]).replace("{order}", said.orders[state.key][state.direction]);
      if (extra) { text += " " + extra; }
      status.textContent = text;
    }

    function matches(row) {
      var query = nameInput.value.trim().toLocaleLowerCase();
      if (query && (row.getAttribute("data-name") || "").toLocaleLowerCase().indexOf(query) === -1) {
        return false;
      }
      var kept = words(row.getAttribute("data-always")).concat(words(row.getAttribute("data-opt-in")));
      if (categorySelect.value && kept.indexOf(categorySelect.value) === -1) { return false; }
      if (groupBox && groupBox.checked && words(row.getAttribute("data-groups")).indexOf(groupBox.value) === -1) {
        return false;
      }
      if (nothingBox.checked && row.getAttribute("data-none") !== "yes") { return false; }
      return true;
    }

    function filter() {
      rows.forEach(function (row) { row.hidden = !matches(row); });
      announce(visibleCount() === 0 ? said.none : "");
    }

    // The form's state as a fragment, only what differs from the chart as it loads.
    function remember() {
      var params = new URLSearchParams();
      if (nameInput.value.trim()) { params.set("name", nameInput.value.trim()); }
      if (categorySelect.value) { params.set("category", categorySelect.value); }
      if (groupBox && groupBox.checked) { params.set("group", groupBox.value); }
      if (nothingBox.checked) { params.set("nothing", "1"); }
      if (state.key !== "name" || state.direction !== "ascending") { params.set("sort", state.key + ":" + state.direction); }
      var text = params.toString();
      var address = location.pathname + location.search + (text ? "#" + text : "");
      if (address !== location.pathname + location.search + location.hash) {
        history.replaceState(history.state, "", address);
      }
    }

    // A fragment such as #category=email puts the chart back as it was; an anchor (#download) is left alone.
    function restore() {
      var text = location.hash.slice(1);
      if (text.indexOf("=") === -1) { return; }
      var params = new URLSearchParams(text);
      nameInput.value = params.get("name") || "";
      var category = params.get("category") || "";
      categorySelect.value = Array.prototype.some.call(categorySelect.options, function (o) { return o.value === category; })
        ? category : "";
      if (groupBox) { groupBox.checked = params.get("group") === groupBox.value; }
      nothingBox.checked = params.get("nothing") === "1";
      var parts = (params.get("sort") || "").split(":");
      var known = said.columns[parts[0]] && (parts[1] === "ascending" || parts[1] === "descending");
      filter();
      sort(known ? parts[0] : "name", known ? parts[1] : "ascending");
    }

    function sort(key, direction) {
      state = { key: key, direction: direction };
      var sign = direction === "ascending" ? 1 : -1;
      var ordered = rows.slice().sort(function (a, b) {
        var primary = compare(sortValue(a, key), sortValue(b, key)) * sign;
        return primary || compare(sortValue(a, "name"), sortValue(b, "name"));
      });
      ordered.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (th) {
        if (th.getAttribute("data-ppr-sort") === key) {
          th.setAttribute("aria-sort", direction);
        } else {
          th.removeAttribute("aria-sort");
        }
      });
      var option = key + ":" + direction;
      if (sortSelect.value !== option) { sortSelect.value = option; }
      announce("");
    }

    headers.forEach(function (th) {
      var key = th.getAttribute("data-ppr-sort");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ppr-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      var icon = document.createElement("span");
      icon.className = "ppr-sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = state.key === key && state.direction === "ascending" ? "descending" : "ascending";
        if (state.key !== key && (key === "reviewed" || key === "always" || key === "opt-in")) {
          next = "descending";
        }
        sort(key, next);
        remember();
      });
    });

    function filterAndRemember() {
      filter();
      remember();
    }
    nameInput.addEventListener("input", filterAndRemember);
    categorySelect.addEventListener("change", filterAndRemember);
    if (groupBox) { groupBox.addEventListener("change", filterAndRemember); }
    nothingBox.addEventListener("change", filterAndRemember);
    sortSelect.addEventListener("change", function () {
      var parts = sortSelect.value.split(":");
      sort(parts[0], parts[1]);
      remember();
    });
    window.addEventListener("hashchange", restore);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      // The form's own reset runs after this event; filter once it has.
      window.setTimeout(function () {
        filter();
        sort("name", "ascending");
        remember();
      }, 0);
    });

    headers.forEach(function (th) {
      if (th.getAttribute("data-ppr-sort") === "name") { th.setAttribute("aria-sort", "ascending"); }
    });
    table.classList.add("ppr-enhanced");
    announce("");
    restore();
    form.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.ppr-controls"), enhance);
  }

  // Material for MkDocs emits document$ on every page, instant loading or not.
  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
