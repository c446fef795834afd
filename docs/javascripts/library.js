/* Good Practice Library: filters for practice listings and memory for checklists.
   Small and framework-free. Without JavaScript every practice is listed and
   every checklist is a plain form: this script only adds to that. */
(function () {
  "use strict";

  /* ---- Filters ---------------------------------------------------------------
     Facets combine with AND; values of one facet with OR. The state lives in the
     URL query (?theme=a&country=CR&words=fair), so a link reproduces the view.
     Not "q": Material's search opens itself on that parameter. */
  function setUpFilters(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-gpl-cards] > [data-practice]"));
    if (!cards.length) return;
    var practices = {};
    cards.forEach(function (card) {
      var facets = JSON.parse(card.getAttribute("data-facets"));
      var title = card.querySelector(".gpl-card__title");
      var summary = card.querySelector(".gpl-card__summary");
      card._gpl = {
        id: card.getAttribute("data-practice"),
        facets: facets,
        text: normalise((title ? title.textContent : "") + " " + (summary ? summary.textContent : ""))
      };
      practices[card._gpl.id] = card._gpl;
    });
    var total = Object.keys(practices).length;
    var words = form.querySelector("input[name=words]");
    var status = form.querySelector("[data-gpl-status]");
    var empty = document.querySelector("[data-gpl-empty]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facetNames = boxes.map(function (b) { return b.name; })
      .filter(function (name, i, all) { return all.indexOf(name) === i; });

    function normalise(text) {
      return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }

    function chosen() {
      var state = {};
      boxes.forEach(function (b) {
        if (b.checked) (state[b.name] = state[b.name] || []).push(b.value);
      });
      return state;
    }

    function matches(practice, state, query, except) {
      for (var facet in state) {
        if (facet === except) continue;
        var values = practice.facets[facet] || [];
        if (!state[facet].some(function (v) { return values.indexOf(v) !== -1; })) return false;
      }
      if (!query) return true;
      return query.split(/\s+/).every(function (word) { return practice.text.indexOf(word) !== -1; });
    }

    function apply() {
      var state = chosen();
      var query = normalise(words.value.trim());
      var shown = {};
      cards.forEach(function (card) {
        var ok = matches(card._gpl, state, query, null);
        card.hidden = !ok;
        if (ok) shown[card._gpl.id] = true;
      });
      // each value counts the practices it would match with the other facets as they are
      facetNames.forEach(function (facet) {
        var counts = {};
        Object.keys(practices).forEach(function (id) {
          var p = practices[id];
          if (!matches(p, state, query, facet)) return;
          (p.facets[facet] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        form.querySelectorAll("[data-gpl-facet='" + facet + "'] [data-gpl-count-for]").forEach(function (span) {
          var n = counts[span.getAttribute("data-gpl-count-for")] || 0;
          span.textContent = "(" + n + ")";
          span.parentNode.parentNode.classList.toggle("gpl-facet__value--none", n === 0);
        });
      });
      var count = Object.keys(shown).length;
      status.textContent = count + " of " + total + " practices";
      if (empty) empty.hidden = count !== 0;
      document.querySelectorAll("[data-gpl-cards]").forEach(function (list) {
        var visible = list.querySelector("[data-practice]:not([hidden])");
        list.classList.toggle("gpl-cards--empty", !visible);
      });
    }

    function toQuery() {
      var params = new URLSearchParams();
      boxes.forEach(function (b) { if (b.checked) params.append(b.name, b.value); });
      if (words.value.trim()) params.set("words", words.value.trim());
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    function fromQuery() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (b) { b.checked = params.getAll(b.name).indexOf(b.value) !== -1; });
      words.value = params.get("words") || "";
      // open the facets that carry a choice, so the reader sees why the list is short
      form.querySelectorAll("[data-gpl-facet]").forEach(function (d) {
        if (params.has(d.getAttribute("data-gpl-facet"))) d.open = true;
      });
      apply();
    }

    form.addEventListener("change", function (event) {
      if (event.target.type !== "checkbox") return;
      history.pushState(null, "", toQuery());
      apply();
    });
    words.addEventListener("input", function () {
      history.replaceState(null, "", toQuery());
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector("[data-gpl-clear]").addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      words.value = "";
      history.pushState(null, "", toQuery());
      apply();
      words.focus();
    });
    window.addEventListener("popstate", fromQuery);
    form.hidden = false;
    fromQuery();
  }

  /* ---- Checklists ----------------------------------------------------------
     Ticks are remembered in this browser only (localStorage), per checklist. */
  function setUpChecklist(form) {
    var key = "gpl-checklist:" + form.getAttribute("data-gpl-checklist");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
    boxes.forEach(function (b) { b.checked = !!saved[b.id]; });

    function save() {
      var state = {};
      boxes.forEach(function (b) { if (b.checked) state[b.id] = true; });
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: ticks last the visit */ }
      update();
    }

    var tools = form.querySelector("[data-gpl-checklist-tools]");
    var progress = form.querySelector("[data-gpl-progress]");
    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      if (progress) progress.textContent = done + " of " + boxes.length + " ticked";
    }
    form.addEventListener("change", save);
    form.addEventListener("reset", function () {
      // the browser clears the boxes after this event: save once it has
      setTimeout(save, 0);
    });
    if (tools) {
      tools.hidden = false;
      var print = tools.querySelector("[data-gpl-print]");
      if (print) print.addEventListener("click", function () { window.print(); });
    }
    update();
  }

  /* ---- Search -------------------------------------------------------------
     Pagefind's interface, on the search page only (docs/search.md loads it).
     The header form sends ?q=...; the query stays in the URL for sharing. */
  function setUpSearch(element) {
    if (!window.PagefindUI) return;
    // result addresses relative to the site root, wherever the site is served from
    var root = new URL("..", location.href).pathname;
    var ui = new window.PagefindUI({ element: "#" + element.id, baseUrl: root, showSubResults: true, showImages: false,
                                     resetStyles: false, autofocus: true });
    // Pagefind's input has only a placeholder: tie it to the page's visible label
    var input = element.querySelector("input.pagefind-ui__search-input");
    if (input) input.id = "gpl-search-input";
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
    var header = document.getElementById("gpl-header-search-input");
    if (header && query) header.value = query;
  }

  function start() {
    document.querySelectorAll("[data-gpl-search]").forEach(setUpSearch);
    document.querySelectorAll("[data-gpl-filters]").forEach(setUpFilters);
    document.querySelectorAll("[data-gpl-checklist]").forEach(setUpChecklist);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
