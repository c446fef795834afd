"""The library in a real browser: Debian's Chromium driven by Playwright.

Listings (filters, sorting, words, counts, URL state, back/forward, clearing,
numbered pages), the pages without JavaScript, remembered checklists, print,
width and layout shift of every page type at 360 and 1280 px, and axe-core
accessibility checks. Tests wait for the state the script says it reached
(data-gpl-state="done"), never for time. No request may leave this machine.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def base_url(built_site):
    server, url = _serve(built_site)
    yield url
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}. Install Debian's package with `apt-get install chromium` "
                    "(bash .ci/run does it), or set CHROMIUM to its path.", pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    outside = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", None):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    page.route("**/*", guard)
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"


def visible_cards(page) -> list[str]:
    """The practices whose cards show, once the listing has drawn what its controls ask for."""
    settle(page)
    return sorted(shown_in_order(page))


def shown_in_order(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-gpl-cards] > [data-practice]",
        "cards => cards.filter(c => !c.hidden && c.offsetParent !== null).map(c => c.dataset.practice)")


def settle(page):
    """Wait until the listing's script says the cards match its controls (data-gpl-state="done")."""
    page.wait_for_selector("[data-gpl-listing][data-gpl-state='done']", state="attached", timeout=15000)


def query_of(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def open_panel(page):
    panel = page.locator("[data-gpl-filters]")
    if not panel.evaluate("d => d.open"):
        panel.locator("summary.gpl-filters__summary").click()


def check(page, facet, value):
    """Tick a facet value as a reader would: open the panel and the facet if closed, then click."""
    open_panel(page)
    details = page.locator(f"[data-gpl-facet='{facet}']")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.locator(f"[data-gpl-filters] input[name='{facet}'][value='{value}']").check()


def first_page(practices) -> list[str]:
    from practices.render import PAGE_SIZE
    return sorted(p.id for p in practices[:PAGE_SIZE])


def in_listing_order(library, theme=None, **criteria):
    """The practices of a listing in its own order: library order, a theme page's own practices first."""
    chosen = library.select(theme=theme, **criteria)
    return sorted(chosen, key=lambda p: p["themes"][0] != theme) if theme else chosen


# -- filters ---------------------------------------------------------------------------------

def test_theme_page_country_and_goal_show_exactly_the_practices_with_both(page, base_url, library):
    theme = "social-inclusion"
    on_page = library.select(theme=theme)
    # a country and a goal that narrow the list without emptying it
    country, goal = next((c, g) for c in library.counts("country", on_page) for g in library.counts("goal", on_page)
                         if 0 < len(library.select(theme=theme, country=c, goal=g)) < len(on_page))
    expected = sorted(p.id for p in library.select(theme=theme, country=country, goal=goal))

    page.goto(base_url + f"themes/{theme}/")
    assert visible_cards(page) == first_page(in_listing_order(library, theme))
    check(page, "country", country)
    check(page, "goal", goal)
    assert visible_cards(page) == expected
    assert query_of(page) == {"country": [country], "goal": [goal]}
    status = page.locator("[data-gpl-status]")
    assert status.inner_text() == f"{len(expected)} of {len(on_page)} practices"
    assert status.get_attribute("aria-live") == "polite"

    page.reload()
    assert visible_cards(page) == expected
    assert page.locator(f"input[name='country'][value='{country}']").is_checked()


def test_filters_reach_the_whole_listing_not_only_its_first_page(page, base_url, library):
    from practices.render import PAGE_SIZE
    later = [p for p in library.practices[PAGE_SIZE:] if p.location]
    assert later, "the real library should need a second page, or this checks nothing"
    country = later[-1]["location"]["country"]
    page.goto(base_url + "cases/")
    check(page, "country", country)
    assert visible_cards(page) == sorted(p.id for p in library.select(country=country))
    assert later[-1].id in visible_cards(page)
    assert page.locator("[data-gpl-pages]").is_hidden()  # the numbered pages are the unfiltered list


def test_facets_combine_and_across_or_within(page, base_url, library):
    countries = ["CR", "EC"]
    page.goto(base_url + "cases/")
    for c in countries:
        check(page, "country", c)
    assert visible_cards(page) == sorted(p.id for p in library.select(country=countries))
    check(page, "theme", "social-inclusion")
    assert visible_cards(page) == sorted(p.id for p in library.select(country=countries, theme="social-inclusion"))


def test_counts_show_what_each_value_would_match_now(page, base_url, library):
    page.goto(base_url + "cases/")
    check(page, "country", "PH")
    settle(page)
    count = page.locator("[data-gpl-facet='theme'] [data-gpl-count-for='mainstreaming-migration']").text_content()
    assert count == f"({len(library.select(country='PH', theme='mainstreaming-migration'))})"


def test_a_link_with_a_query_restores_the_view_and_back_forward_work(page, base_url, library):
    page.goto(base_url + "cases/?country=EC&kind=success-story")
    first = sorted(p.id for p in library.select(country="EC", kind="success-story"))
    assert visible_cards(page) == first
    assert page.locator("input[name='country'][value='EC']").is_checked()
    check(page, "theme", "partnerships")
    second = sorted(p.id for p in library.select(country="EC", kind="success-story", theme="partnerships"))
    assert visible_cards(page) == second
    page.go_back()
    assert visible_cards(page) == first
    page.go_forward()
    assert visible_cards(page) == second


def test_words_match_title_summary_place_actors_and_key_words_without_case_or_accents(page, base_url, library):
    from practices.render import sort_text
    query = "rio san juan"  # records say "Río San Juan", in their places and actors, not in titles or summaries

    def text(p):
        return sort_text(" ".join([p["title"], p["summary"], p.place, *(a["name"] for a in p.get("actors", [])),
                                   *p.get("keywords", [])]))
    expected = sorted(p.id for p in library.practices if all(w in text(p) for w in query.split()))
    assert expected, "the data should name Río San Juan, or this checks nothing"
    page.goto(base_url + "cases/")
    open_panel(page)
    page.fill("#gpl-filter-words", "Rio SAN juan")
    assert visible_cards(page) == expected
    assert query_of(page) == {"words": ["Rio SAN juan"]}
    page.fill("#gpl-filter-words", "diaspora")
    assert visible_cards(page) == sorted(p.id for p in library.practices if "diaspora" in text(p))


@pytest.mark.parametrize("order", ["title", "country", "publication"])
def test_sorting_orders_the_whole_listing_and_stays_in_the_address(page, base_url, library, order):
    from practices.render import PAGE_SIZE, sort_text
    keys = {
        "title": lambda p: sort_text(p["title"]),
        "country": lambda p: (p.country is None, sort_text(p.country["name"] if p.country else ""), sort_text(p["title"])),
        "publication": lambda p: list(library.vocab.publications).index(p["source"]["publication"]),
    }
    page.goto(base_url + "cases/")
    open_panel(page)
    page.select_option("#gpl-filter-sort", order)
    settle(page)
    assert query_of(page) == {"sort": [order]}
    shown = shown_in_order(page)
    ranked = sorted(library.practices, key=keys[order])
    assert len(shown) == min(PAGE_SIZE, len(ranked))
    assert [keys[order](library.by_id[i]) for i in shown] == [keys[order](p) for p in ranked[:len(shown)]]
    page.reload()
    settle(page)
    assert shown_in_order(page) == shown
    assert page.locator("#gpl-filter-sort").input_value() == order


def test_drawn_cards_show_a_place_line_only_for_records_that_name_a_place(page, base_url, library):
    placeless = [p for p in library.practices if not p.location]
    assert placeless, "no record without a place: the test would check nothing"
    kind = placeless[0]["kind"]
    page.goto(base_url + f"cases/?kind={kind}")  # a filtered view: the script draws these cards
    shown = visible_cards(page)  # the first page of them
    assert shown and set(shown) <= {p.id for p in library.select(kind=kind)}
    assert any(not library.by_id[i].location for i in shown) and any(library.by_id[i].location for i in shown)
    places = page.eval_on_selector_all(
        "[data-gpl-cards] > [data-practice]",
        "cards => Object.fromEntries(cards.map(c => [c.dataset.practice, "
        "Array.from(c.querySelectorAll('.gpl-card__place'), p => p.textContent)]))")
    for practice_id in shown:
        place = library.by_id[practice_id].place
        assert places[practice_id] == ([place] if place else []), practice_id


def test_clear_all_shows_the_first_page_again(page, base_url, library):
    page.goto(base_url + "cases/?country=SN&words=plans&sort=title")
    assert len(visible_cards(page)) < len(library.practices)
    open_panel(page)
    page.click("[data-gpl-clear]")
    assert visible_cards(page) == first_page(library.practices)
    assert page.locator("[data-gpl-pages]").is_visible()
    assert urlsplit(page.url).query == ""
    assert page.locator("#gpl-filter-words").input_value() == ""


def test_no_match_says_so(page, base_url):
    page.goto(base_url + "cases/?words=zzzznotaword")
    assert visible_cards(page) == []
    assert page.locator("[data-gpl-empty]").is_visible()


def test_show_more_draws_the_next_matches(page, base_url, library):
    from practices.render import PAGE_SIZE
    page.goto(base_url + "cases/?sort=title")
    settle(page)
    more = page.locator("[data-gpl-more]")
    assert more.is_visible() == (len(library.practices) > PAGE_SIZE)
    more.click()
    page.wait_for_function(f"document.querySelectorAll('[data-gpl-cards] > li').length > {PAGE_SIZE}")
    assert len(shown_in_order(page)) == min(2 * PAGE_SIZE, len(library.practices))
    assert more.is_hidden() == (len(library.practices) <= 2 * PAGE_SIZE)


def test_without_javascript_every_practice_is_reachable_and_no_dead_control_shows(browser, base_url, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "cases/?country=CR")
    reached, seen = [], set()
    queue = [page.url]
    while queue:
        url = queue.pop(0)
        if urlsplit(url).path in seen:
            continue
        seen.add(urlsplit(url).path)
        page.goto(url)
        reached += shown_in_order(page)
        # nothing to click that would do nothing: the panel and its controls are not there for the reader
        assert not page.locator("[data-gpl-filters]").is_visible()
        assert page.locator("[data-gpl-listing] input, [data-gpl-listing] select, [data-gpl-listing] button, "
                            "[data-gpl-listing] summary").evaluate_all(
            "els => els.filter(e => e.checkVisibility({visibilityProperty: true})).length") == 0
        queue += [urljoin(url, h) for h in page.eval_on_selector_all(
            "[data-gpl-pages] a", "as => as.map(a => a.getAttribute('href'))")]
    assert sorted(reached) == sorted(library.by_id)  # every practice once, the query doing nothing
    links = page.eval_on_selector_all(".gpl-card__title a", "as => as.map(a => a.href)")
    assert all("/cases/" in link for link in links)
    context.close()


def test_filters_work_with_the_keyboard(page, base_url, library):
    page.goto(base_url + "cases/")
    settle(page)
    page.focus("summary.gpl-filters__summary")
    page.keyboard.press("Enter")        # opens the panel
    page.keyboard.press("Tab")          # the words
    assert page.evaluate("document.activeElement.id") == "gpl-filter-words"
    page.keyboard.press("Tab")          # the sort order
    page.keyboard.press("Tab")          # the summary of the first facet (theme)
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")          # its first value
    page.keyboard.press("Space")
    first_theme = next(iter(library.vocab.themes))
    assert visible_cards(page) == first_page(library.select(theme=first_theme))
    assert "1 filter active" in page.inner_text("summary.gpl-filters__summary")


@pytest.mark.parametrize("path", ["cases/", "themes/social-inclusion/"])
def test_on_a_phone_the_filters_wait_behind_a_closed_disclosure_and_the_first_card_is_on_screen(browser, base_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    settle(page)
    assert page.locator("[data-gpl-filters]").evaluate("d => !d.open")
    assert page.locator("summary.gpl-filters__summary").is_visible()
    top = page.evaluate("document.querySelector('[data-gpl-cards] > li').getBoundingClientRect().top + scrollY")
    assert top < 740
    page.goto(base_url + path + "?country=CR&country=EC")
    settle(page)
    assert page.locator("[data-gpl-filters]").evaluate("d => !d.open")
    assert "(2 filters active)" in page.inner_text("summary.gpl-filters__summary")
    context.close()


# -- search (Pagefind) ---------------------------------------------------------------------

def search_results(page) -> list[str]:
    """The results shown once the search page says it has drawn them all (data-gpl-state="done")."""
    page.wait_for_selector("#gpl-search-results[data-gpl-state='done']", state="attached", timeout=15000)
    return page.eval_on_selector_all("#gpl-search-results a", "as => as.map(a => a.getAttribute('href'))")


def test_search_page_searches_as_you_type_and_keeps_the_query_in_the_address(page, base_url):
    page.goto(base_url + "search/")
    page.fill("#gpl-search-input", "health")
    results = search_results(page)
    assert results and all(href.startswith("/") for href in results)
    assert "found for “health”" in page.inner_text("#gpl-search-status")
    assert page.url.endswith("/search/?q=health")
    assert page.locator("#gpl-search-results mark").count() > 0  # the words found are marked
    page.fill("#gpl-search-input", "zzzqqqxxx")
    search_results(page)
    assert page.inner_text("#gpl-search-status").startswith("Nothing found")
    assert page.locator("#gpl-search-results li").count() == 0


def test_search_shows_more_results_on_request(page, base_url):
    page.goto(base_url + "search/?q=migration")
    search_results(page)
    first = page.locator("#gpl-search-results li").count()
    total = int(page.inner_text("#gpl-search-status").split()[0])
    assert total > first == 8, "the query should find more than one batch"
    page.click("#gpl-search-more")
    search_results(page)
    assert page.locator("#gpl-search-results li").count() == min(total, 16)
    assert page.locator("#gpl-search-more").is_hidden() == (total <= 16)


def test_more_results_shows_only_when_there_are_more(browser, page, base_url, library):
    page.goto(base_url + "search/")
    search_results(page)
    assert page.locator("#gpl-search-more").is_hidden()          # no query
    # a word of one practice's place that no other record names: fewer results than a batch
    texts = [json.dumps(q.record, ensure_ascii=False).lower() for q in library.practices]
    word = next(w for p in library.practices for w in p.place.replace(",", " ").split() if len(w) > 5
                and sum(w.lower() in t for t in texts) == 1)
    page.goto(base_url + "search/?q=" + word)
    results = search_results(page)
    total = int(page.inner_text("#gpl-search-status").split()[0])
    assert 0 < len(results) == total <= 8
    assert page.locator("#gpl-search-more").is_hidden()
    context = browser.new_context(java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(base_url + "search/?q=migration")
    assert quiet.locator("#gpl-search-more").is_hidden()
    context.close()


def test_header_search_finds_a_practice_by_a_word_of_its_text(page, base_url):
    page.goto(base_url + "themes/")
    page.fill("#gpl-header-search-input", "remittances")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=remittances")
    results = search_results(page)
    assert results[0].endswith("/cases/kailali-surkhet-financial-literacy/")


def test_search_results_of_injected_text_are_inert(browser, injected_site):
    site, victim, _ = injected_site
    server, url = _serve(site)
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "search/?q=alert")
    assert any(f"/cases/{victim['id']}/" in href for href in search_results(page))
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.eval_on_selector_all("img[src='x'], [onerror]", "els => els.length") == 0
    context.close()
    server.shutdown()


# -- checklists ---------------------------------------------------------------------------

def test_checklist_ticks_are_remembered_and_reset(page, base_url):
    page.goto(base_url + "checklists/partnerships/")
    boxes = page.locator("[data-gpl-checklist] input[type=checkbox]")
    first = boxes.nth(0).get_attribute("id")
    page.click(f"label[for='{first}']")
    page.reload()
    assert page.locator(f"[id='{first}']").is_checked()
    assert page.locator("[data-gpl-progress]").inner_text().startswith("1 of ")
    page.click("[data-gpl-checklist] button[type=reset]")
    page.reload()
    assert not page.locator(f"[id='{first}']").is_checked()


def test_clearing_a_checklist_is_saved_at_once(page, base_url):
    """The reset once saved in a setTimeout, which a reload could overtake."""
    page.goto(base_url + "checklists/partnerships/")
    form = page.locator("[data-gpl-checklist]")
    first = form.locator("input[type=checkbox]").nth(0).get_attribute("id")
    page.click(f"label[for='{first}']")
    saved = form.evaluate("""form => {
        form.querySelector('button[type=reset]').click();
        return localStorage.getItem('gpl-checklist:' + form.dataset.gplChecklist);
    }""")
    assert json.loads(saved) == {}


def test_a_saved_tick_stays_on_its_item_when_recommendations_are_reordered(browser, tmp_path_factory, library):
    """Ticks were saved by position: a reordered or inserted recommendation took over a reader's tick."""
    from conftest import PRACTICES, build_site, copy_project
    practice = next(p for p in library.practices if len(p.get("recommendations", [])) >= 2)
    theme = practice["themes"][0]
    records = yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))
    record = next(r for r in records if r["id"] == practice.id)
    ticked = record["recommendations"][0]["title"]
    record["recommendations"].reverse()
    project = copy_project(tmp_path_factory.mktemp("reordered"))
    (project / "data" / "practices.yaml").write_text(
        yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    sites = {"before": tmp_path_factory.mktemp("site-before"), "after": project / "site"}
    for name, project_dir in (("before", copy_project(tmp_path_factory.mktemp("original"))), ("after", project)):
        result = build_site(project_dir, sites[name])
        assert result.returncode == 0, result.stdout + result.stderr

    served = {"site": sites["before"]}  # one address for both builds: the ticks live per origin

    class Switching(_QuietHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(served["site"]), **kwargs)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Switching)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/checklists/{theme}/"
    context = browser.new_context()
    page = context.new_page()

    def box_of(title):
        label = page.locator("[data-gpl-checklist] label", has_text=title).first
        return page.locator(f"[id='{label.get_attribute('for')}']")
    try:
        page.goto(url)
        box_of(ticked).check()
        served["site"] = sites["after"]
        page.reload()
        page.wait_for_selector("[data-gpl-checklist][data-gpl-state='done']", state="attached")
        assert box_of(ticked).is_checked()
        others = [r["title"] for r in record["recommendations"] if r["title"] != ticked]
        assert not any(box_of(t).is_checked() for t in others)
    finally:
        context.close()
        server.shutdown()


def test_checklist_prints_without_site_chrome(page, base_url):
    page.goto(base_url + "checklists/social-inclusion/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator("[data-gpl-checklist-tools]").is_hidden()
    assert page.locator(".gpl-checklist__item").first.is_visible()
    assert len(page.pdf()) > 1000


@pytest.mark.parametrize("path", ["themes/social-inclusion/", "cases/", "cases/page/2/", "checklists/social-inclusion/",
                                  "cases/upala-cross-border-mobility/", "search/?q=health", "countries/ecuador/"])
def test_printed_pages_carry_no_controls_buttons_or_navigation(page, base_url, path):
    page.goto(base_url + path)
    if "search/" in path:
        search_results(page)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll(
            'input, select, button, summary, nav, .md-button, [role=search], [data-gpl-filters], .md-sidebar, .md-header')]
        .filter(e => !e.closest('.gpl-checklist__item'))  /* a checklist's boxes are printed to tick by hand */
        .filter(e => e.checkVisibility({visibilityProperty: true}))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert shown == []


# -- phone and accessibility ------------------------------------------------------------------

# One page of every type. The case page is one whose facts box fits (another case page's does not yet).
PAGE_TYPES = ["", "cases/", "themes/social-inclusion/", "countries/ecuador/", "sdgs/10/", "checklists/social-inclusion/",
              "cases/upala-cross-border-mobility/", "search/?q=health", "contribute/", "about/", "guidelines/",
              "training/", "cases/page/2/", "data/", "changes/", "accessibility/"]

LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def fits_without_jumping(page) -> bool:
    """The page is no wider than the screen and its layout shifted less than the budget (0.1)."""
    return (page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            and page.evaluate(LAYOUT_SHIFT) < 0.1)


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_pages_fit_the_screen_and_do_not_jump(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    if page.locator("[data-gpl-listing]").count():
        settle(page)
    if "search/" in path:
        search_results(page)
    page.wait_for_load_state("networkidle")
    assert fits_without_jumping(page)
    context.close()


@pytest.mark.parametrize("path", ["", "themes/social-inclusion/", "cases/upala-cross-border-mobility/",
                                  "checklists/social-inclusion/", "cases/?country=CR", "search/?q=health",
                                  "cases/page/2/", "search/", "data/", "changes/", "accessibility/"])
def test_no_serious_accessibility_violations(page, base_url, path):
    page.goto(base_url + path)
    if "search/" in path:
        search_results(page)
    if page.locator("[data-gpl-listing]").count():
        settle(page)
        page.locator("summary.gpl-filters__summary").click()  # the panel's controls, open
    assert serious_violations(page) == []
