/* Good Practice Library: filters for practice listings and memory for checklists.
   Small and framework-free. Without JavaScript every practice is listed and
   every checklist is a plain form: this script only adds to that. */
(function () {
  "use strict";

  /* ---- Listings ------------------------------------------------------------
     The page holds its first cards and links to numbered pages. When the reader
     filters, sorts or types, the script reads the card index (every practice of the
     library, written by the build), keeps those of this listing's scope and draws
     the matching cards through the page's <template>, as text only. Facets combine
     with AND, values of one facet with OR. The state lives in the URL query
     (?theme=a&country=CR&words=fair&sort=title), so a link reproduces the view.
     Not "q": Material's search opens itself on that parameter.
     data-gpl-state="done" on the listing says the cards shown match the controls. */
  var indexes = {};

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // The offline edition's index is a script (cards.js) that sets window.gplCardIndex
  // (practices/offline.py): a page opened from file:// cannot fetch() cards.json, but it can run a script.
  function loadIndex(url) {
    if (!/\.js$/.test(url)) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { resolve(window.gplCardIndex); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function cardIndex(url) {
    indexes[url] = indexes[url] || loadIndex(url).then(function (index) {
      var keyword = index.facets.indexOf("keyword");
      index.cards.forEach(function (card, n) {
        card.n = n;  // library order
        // the facets by name, as values; the words a reader's text is matched against
        card.facets = {};
        index.facets.forEach(function (name, n) {
          card.facets[name] = card.f[n].map(function (i) { return String(index.values[n][i]); });
        });
        card.text = normalise([card.t, card.s, card.p, card.w].concat(card.facets.keyword || []).join(" "));
      });
      return index;
    });
    return indexes[url];
  }

  function setUpListing(listing) {
    var panel = listing.querySelector("[data-gpl-filters]");
    var form = panel && panel.querySelector("form");
    var list = listing.querySelector("[data-gpl-cards]");
    var template = listing.querySelector("template[data-gpl-card-template]");
    if (!form || !list || !template) return;
    var scope = JSON.parse(listing.getAttribute("data-gpl-scope") || "{}");
    var mainTheme = listing.getAttribute("data-gpl-main-theme");
    var caseHref = listing.getAttribute("data-gpl-case-href");
    var words = form.querySelector("input[name=words]");
    var sort = form.querySelector("select[name=sort]");
    var status = listing.querySelector("[data-gpl-status]");
    var active = listing.querySelector("[data-gpl-active]");
    var empty = listing.querySelector("[data-gpl-empty]");
    var more = listing.querySelector("[data-gpl-more]");
    var pages = listing.querySelector("[data-gpl-pages]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facetNames = boxes.map(function (b) { return b.name; })
      .filter(function (name, i, all) { return all.indexOf(name) === i; });
    // the page's own cards, put back when the reader clears everything
    var served = Array.prototype.slice.call(list.children);
    var servedStatus = status.textContent;
    var ticket = 0, matched = [], drawn = 0;
    var atOnce = Number(listing.getAttribute("data-gpl-page-size")) || 20;  // as many as a static page holds

    function chosen() {
      var state = {};
      boxes.forEach(function (b) {
        if (b.checked) (state[b.name] = state[b.name] || []).push(b.value);
      });
      return state;
    }

    function matches(card, state, query, except) {
      for (var facet in state) {
        if (facet === except) continue;
        var values = card.facets[facet] || [];
        if (!state[facet].some(function (v) { return values.indexOf(v) !== -1; })) return false;
      }
      if (!query) return true;
      return query.split(/\s+/).every(function (word) { return card.text.indexOf(word) !== -1; });
    }

    function inScope(card) {
      return Object.keys(scope).every(function (facet) {
        return scope[facet].some(function (v) { return (card.facets[facet] || []).indexOf(v) !== -1; });
      });
    }

    function draw(index, card) {
      var item = template.content.firstElementChild.cloneNode(true);
      item.setAttribute("data-practice", card.i);
      var link = item.querySelector(".gpl-card__title a");
      link.href = caseHref.replace("__id__", encodeURIComponent(card.i));
      link.textContent = card.t;
      var place = item.querySelector(".gpl-card__place");
      if (card.p) place.textContent = card.p;
      else place.remove();  // a record that names no place: no empty line, as on the server-drawn card
      item.querySelector(".gpl-card__summary").textContent = card.s;
      var meta = item.querySelector(".gpl-card__meta");
      card.facets.theme.forEach(function (theme) {
        var tag = document.createElement("span");
        tag.className = "gpl-tag";
        tag.textContent = index.themes[theme] || theme;
        meta.appendChild(tag);
      });
      return item;
    }

    function drawMore(index) {
      var batch = matched.slice(drawn, drawn + atOnce);
      var fragment = document.createDocumentFragment();
      batch.forEach(function (card) { fragment.appendChild(draw(index, card)); });
      list.appendChild(fragment);
      drawn += batch.length;
      more.hidden = drawn >= matched.length;
    }

    function sorter(index, how) {
      var rank = index.sorts.indexOf(how);
      if (rank !== -1) return function (a, b) { return a.r[rank] - b.r[rank]; };
      return function (a, b) {  // the listing's own order: library order, the theme's own practices first
        var ownA = mainTheme && a.facets.theme[0] === mainTheme ? 0 : 1;
        var ownB = mainTheme && b.facets.theme[0] === mainTheme ? 0 : 1;
        return ownA - ownB || a.n - b.n;
      };
    }

    function updateCounts(index, state, query) {
      // each value counts the practices it would match with the other facets as they are
      var cards = index.cards.filter(inScope);
      facetNames.forEach(function (facet) {
        var counts = {};
        cards.forEach(function (card) {
          if (!matches(card, state, query, facet)) return;
          (card.facets[facet] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        form.querySelectorAll("[data-gpl-facet='" + facet + "'] [data-gpl-count-for]").forEach(function (span) {
          var n = counts[span.getAttribute("data-gpl-count-for")] || 0;
          span.textContent = "(" + n + ")";
          span.parentNode.parentNode.classList.toggle("gpl-facet__value--none", n === 0);
        });
      });
      return cards.length;
    }

    function apply() {
      var mine = ++ticket;
      var state = chosen();
      var query = normalise(words.value.trim());
      var filters = boxes.filter(function (b) { return b.checked; }).length + (query ? 1 : 0);
      active.textContent = filters ? " (" + filters + (filters === 1 ? " filter" : " filters") + " active)" : "";
      if (!filters && !sort.value) {
        // the page as served: its own cards and page links
        list.replaceChildren.apply(list, served);
        status.textContent = servedStatus;
        more.hidden = true;
        empty.hidden = true;
        if (pages) pages.hidden = false;
        listing.setAttribute("data-gpl-state", "done");
        if (indexes[listing.getAttribute("data-gpl-index")]) {
          cardIndex(listing.getAttribute("data-gpl-index")).then(function (index) {
            if (mine === ticket) updateCounts(index, state, query);
          });
        }
        return;
      }
      listing.setAttribute("data-gpl-state", "busy");
      cardIndex(listing.getAttribute("data-gpl-index")).then(function (index) {
        if (mine !== ticket) return;
        var total = updateCounts(index, state, query);
        matched = index.cards.filter(function (card) { return inScope(card) && matches(card, state, query, null); });
        matched.sort(sorter(index, sort.value));
        list.textContent = "";
        drawn = 0;
        drawMore(index);
        status.textContent = matched.length + " of " + total + " practices";
        empty.hidden = matched.length !== 0;
        if (pages) pages.hidden = true;  // the numbered pages are the unfiltered list
        listing.setAttribute("data-gpl-state", "done");
      }).catch(function () {
        if (mine !== ticket) return;
        status.textContent = "The filters could not load. Every practice is still listed page by page.";
        listing.setAttribute("data-gpl-state", "done");
      });
    }

    function toQuery() {
      var params = new URLSearchParams();
      boxes.forEach(function (b) { if (b.checked) params.append(b.name, b.value); });
      if (words.value.trim()) params.set("words", words.value.trim());
      if (sort.value) params.set("sort", sort.value);
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    function fromQuery() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (b) { b.checked = params.getAll(b.name).indexOf(b.value) !== -1; });
      words.value = params.get("words") || "";
      sort.value = params.get("sort") || "";
      if (sort.selectedIndex === -1) sort.value = "";
      // open the facets that carry a choice, so the reader who opens the panel sees why the list is short
      form.querySelectorAll("[data-gpl-facet]").forEach(function (d) {
        if (params.has(d.getAttribute("data-gpl-facet"))) d.open = true;
      });
      apply();
    }

    form.addEventListener("change", function (event) {
      if (event.target.type !== "checkbox" && event.target !== sort) return;
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
      sort.value = "";
      history.pushState(null, "", toQuery());
      apply();
      words.focus();
    });
    more.addEventListener("click", function () {
      cardIndex(listing.getAttribute("data-gpl-index")).then(drawMore);
    });
    window.addEventListener("popstate", fromQuery);
    panel.classList.add("gpl-filters--ready");
    fromQuery();
  }

  /* ---- Checklists ----------------------------------------------------------
     Ticks are remembered in this browser only (localStorage), per checklist. */
  var CHECKLIST_KEY = "gpl-checklist:";  // + the checklist's id: the ticks of one checklist, {item id: true}

  function savedTicks(checklist) {
    try { return JSON.parse(localStorage.getItem(CHECKLIST_KEY + checklist) || "{}"); } catch (e) { return {}; }
  }

  function setUpChecklist(form) {
    var key = CHECKLIST_KEY + form.getAttribute("data-gpl-checklist");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var saved = savedTicks(form.getAttribute("data-gpl-checklist"));
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
    form.addEventListener("reset", function (event) {
      // cleared here rather than by the browser (which would do it after this event), so the
      // cleared state is saved before anything else can happen, a reload included
      event.preventDefault();
      boxes.forEach(function (b) { b.checked = false; });
      save();
    });
    if (tools) tools.hidden = false;
    update();
    form.setAttribute("data-gpl-state", "done");
  }

  /* ---- "Where do we stand?" ------------------------------------------------
     The self-assessment lists every action of the step checklists; this hides the ones the
     reader ticked (read from the checklists' own saved ticks) and dates the plan for printing.
     Nothing is sent anywhere. */
  function setUpPlan(plan) {
    function apply() {
      var total = 0, left = 0;
      plan.querySelectorAll("[data-gpl-plan-step]").forEach(function (step) {
        var saved = savedTicks(step.getAttribute("data-gpl-plan-step"));
        var open = 0;
        step.querySelectorAll("[data-gpl-plan-item]").forEach(function (item) {
          var done = !!saved[item.getAttribute("data-gpl-plan-item")];
          item.hidden = done;
          total += 1;
          if (!done) open += 1;
        });
        step.querySelector("[data-gpl-plan-done]").hidden = open > 0;
        left += open;
      });
      var date = plan.querySelector("[data-gpl-plan-date]");
      date.textContent = "Action plan of " + new Date().toLocaleDateString(document.documentElement.lang || undefined,
        { day: "numeric", month: "long", year: "numeric" });
      date.hidden = false;
      plan.querySelector("[data-gpl-plan-summary]").textContent = left + " of " + total +
        " actions still to do. Actions you ticked on the step pages are left out; your ticks stay in this browser.";
      plan.setAttribute("data-gpl-state", "done");
    }
    // printing: the page's own Print button, as on every handout (overrides/partials/handout.html)
    apply();
    // back from a step page through the browser's page cache: the ticks may have changed
    window.addEventListener("pageshow", function (event) { if (event.persisted) apply(); });
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

    // data-gpl-state="done" on the list: every result of the batch asked for is shown
    function showMore(mine) {
      list.setAttribute("data-gpl-state", "busy");
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
        if (mine !== ticket) return;
        more.hidden = shown >= results.length;
        list.setAttribute("data-gpl-state", "done");
      });
    }

    function run(query) {
      var mine = ++ticket;
      query = query.trim();
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
      list.textContent = "";
      more.hidden = true;
      if (!query) { status.textContent = ""; list.setAttribute("data-gpl-state", "done"); return; }
      list.setAttribute("data-gpl-state", "busy");
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
        if (mine !== ticket) return;
        status.textContent = "The search could not load. Browse the practices by theme, country or SDG goal instead.";
        list.setAttribute("data-gpl-state", "done");
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
    input.addEventListener("input", function () {
      list.setAttribute("data-gpl-state", "busy");  // results for what is typed are on their way
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
    } else {
      list.setAttribute("data-gpl-state", "done");
    }
  }

  /* ---- Print --------------------------------------------------------------
     A handout's Print button works only with this script, so it shows only then; the
     print header gets the date of printing (without the script it names the site and
     the page's address). */
  function setUpPrint() {
    document.querySelectorAll("[data-gpl-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
      button.classList.add("gpl-print-button--ready");
    });
    window.addEventListener("beforeprint", function () {
      var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
      document.querySelectorAll("[data-gpl-print-date]").forEach(function (span) {
        span.textContent = "Printed " + today;
      });
    });
  }

  function start() {
    setUpPrint();
    document.querySelectorAll("[data-gpl-search]").forEach(setUpSearch);
    document.querySelectorAll("[data-gpl-listing]").forEach(setUpListing);
    document.querySelectorAll("[data-gpl-checklist]").forEach(setUpChecklist);
    document.querySelectorAll("[data-gpl-plan]").forEach(setUpPlan);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
