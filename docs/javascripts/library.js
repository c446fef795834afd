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
     A small interface on Pagefind's own API: its ready-made one weighs 134 KB
     more, which a reader on a slow connection would wait for. The header form
     sends ?q=...; the query stays in the URL for sharing. */
  var RESULTS_AT_ONCE = 8;

  function setUpSearch(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("gpl-search-status");
    var list = document.getElementById("gpl-search-results");
    var more = document.getElementById("gpl-search-more");
    if (!input || !status || !list || !more) return;
    // the search page is /search/: the site root is one level up, wherever the site is served from
    var root = new URL("..", location.href);
    var engine = null, results = [], shown = 0, ticket = 0, timer = null;

    function pagefind() {
      engine = engine || import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        // no worker: it is 41 KB more to download, and the search itself takes milliseconds
        return pf.options({ baseUrl: root.pathname, noWorker: true }).then(function () { return pf; });
      });
      return engine;
    }

    // Pagefind marks the words found with <mark>; keep that and only that, as text
    function excerpt(html) {
      var template = document.createElement("template");
      template.innerHTML = html;  // inert: nothing in a template runs or loads
      var p = document.createElement("p");
      p.className = "gpl-search__excerpt";
      template.content.childNodes.forEach(function (node) {
        var part = node.nodeName === "MARK" ? document.createElement("mark") : document.createTextNode("");
        part.textContent = node.textContent;
        p.appendChild(part);
      });
      return p;
    }

    function show(pages, mine) {
      if (mine !== ticket) return;
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.url;
        link.textContent = (page.meta && page.meta.title) || page.url;
        item.appendChild(link);
        item.appendChild(excerpt(page.excerpt || ""));
        list.appendChild(item);
      });
    }

    function showMore(mine) {
      var batch = results.slice(shown, shown + RESULTS_AT_ONCE);
      var fetch = function (result) { return result.data(); };
      // of the first batch, the first result's text is fetched alone, so that it shows as soon
      // as possible on a slow connection; the rest of a batch follows together
      var first = shown === 0 ? batch.splice(0, 1) : [];
      shown += first.length + batch.length;
      return Promise.all(first.map(fetch)).then(function (pages) {
        show(pages, mine);
        return Promise.all(batch.map(fetch));
      }).then(function (pages) {
        show(pages, mine);
        if (mine === ticket) more.hidden = shown >= results.length;
      });
    }

    function run(query) {
      var mine = ++ticket;
      query = query.trim();
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
      list.textContent = "";
      more.hidden = true;
      if (!query) { status.textContent = ""; return; }
      status.textContent = "Searching…";
      pagefind().then(function (pf) { return pf.search(query); }).then(function (search) {
        if (mine !== ticket) return;
        results = search.results;
        shown = 0;
        status.textContent = results.length
          ? results.length + (results.length === 1 ? " page" : " pages") + " found for “" + query + "”."
          : "Nothing found for “" + query + "”. Try fewer or other words, or browse the practices by theme.";
        return showMore(mine);
      }).catch(function () {
        if (mine === ticket) status.textContent = "The search could not load. Browse the practices by theme, country or SDG goal instead.";
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 300);
    });
    more.addEventListener("click", function () { showMore(ticket); });
    var query = new URLSearchParams(location.search).get("q");
    var header = document.getElementById("gpl-header-search-input");
    if (query) {
      input.value = query;
      if (header) header.value = query;
      run(query);
    }
  }

  function start() {
    document.querySelectorAll("[data-gpl-search]").forEach(setUpSearch);
    document.querySelectorAll("[data-gpl-filters]").forEach(setUpFilters);
    document.querySelectorAll("[data-gpl-checklist]").forEach(setUpChecklist);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
