/* Patron Privacy Registry: sort and filter the third-party services chart.
 *
 * Progressive enhancement only. The chart is a complete HTML table without
 * this script; the filter form ships with the "hidden" attribute and is shown
 * here. Rows carry data-name, data-always, data-opt-in, data-groups and
 * data-reviewed, data-none (see generator/templates/privacy_registry/chart.html.j2).
 * The chosen filters and sort order are kept in the address's fragment
 * (#category=email&sort=reviewed:descending), which browsers never send to the
 * server, so Back, reload and a shared link show the same chart; the page's
 * links to itself in other languages carry the same fragment along.
 * No network requests, no storage, no third parties.
 */
(function () {
  "use strict";

  /* What the status line says. The chart gives these words in the page's language
     (data-ppr-words on the form, from the site's message catalog); these are the
     English ones, used when a page does not. Words that agree with a count come as
     [[count, words], ...]: the forms the catalog gives for those counts. */
  var ENGLISH = {
    status: [[1, "{shown} of {services} shown, sorted by {column}, {order}."]],
    services: "{total} services",
    undated: [[1, "The service shown has no review date yet, so it stays in A to Z order."],
              [2, "None of the services shown has a review date yet, so they stay in A to Z order."]],
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
        services: given.services || ENGLISH.services,
        undated: given.undated || ENGLISH.undated,
        none: given.none || ENGLISH.none,
        columns: given.columns || ENGLISH.columns,
        orders: given.orders || ENGLISH.orders
      };
    } catch (e) {
      return ENGLISH;
    }
  }

  /* The form of ``forms`` for ``count``: the one given for that very count, else one given for
     a count of the same plural category in the page's language, else the last one. */
  function plural(forms, count) {
    if (typeof forms === "string") { return forms; }
    var exact = forms.filter(function (form) { return form[0] === count; });
    if (exact.length) { return exact[0][1]; }
    if (typeof Intl !== "undefined" && Intl.PluralRules) {
      var rules = new Intl.PluralRules(document.documentElement.lang || "en");
      var same = forms.filter(function (form) { return rules.select(form[0]) === rules.select(count); });
      if (same.length) { return same[same.length - 1][1]; }
    }
    return forms[forms.length - 1][1];
  }

  /* Text as the name filter compares it: lower case, accents set aside ("electronicos"
     finds "electrónicos"), spaces collapsed. */
  function folded(text) {
    var plain = String(text || "");
    if (plain.normalize) { plain = plain.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
    return plain.replace(/\s+/g, " ").trim().toLocaleLowerCase();
  }

  /* The header's links to this page in the site's other languages (partials/alternate.html)
     take the chart's fragment along: the chart in every language reads the same one. */
  function carryToOtherLanguages(fragment) {
    var links = document.querySelectorAll("a.ppr-languages__link[href]");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", href + fragment);
    });
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
      var shown = visibleCount();
      var text = plural(said.status, shown).replace("{services}", said.services)
        .replace("{shown}", String(shown)).replace("{total}", String(total))
        .replace("{column}", said.columns[state.key]).replace("{order}", said.orders[state.key][state.direction]);
      // Sorted by last reviewed while no row shown has a review date: say so, not only "newest first".
      var dated = rows.some(function (row) { return !row.hidden && row.getAttribute("data-reviewed"); });
      if (state.key === "reviewed" && shown > 0 && !dated) { text += " " + plural(said.undated, shown); }
      if (extra) { text += " " + extra; }
      status.textContent = text;
    }

    // What the name filter looks in: the row's header, the service's name and what it is for.
    var described = rows.map(function (row) {
      var service = row.querySelector(".ppr-service");
      return folded((row.getAttribute("data-name") || "") + " " + (service ? service.textContent : ""));
    });

    function matches(row, index) {
      var query = folded(nameInput.value);
      if (query && described[index].indexOf(query) === -1) {
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
      rows.forEach(function (row, index) { row.hidden = !matches(row, index); });
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
      carryToOtherLanguages(text ? "#" + text : "");
    }

    // A fragment such as #category=email puts the chart back as it was; an anchor (#download) is left alone.
    function restore() {
      var text = location.hash.slice(1);
      if (text.indexOf("=") === -1) { return; }
      carryToOtherLanguages("#" + text);
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
