"""The library in a real browser: Debian's Chromium driven by Playwright.

Filters (facets, words, counts, URL state, back/forward, clearing), the page
without JavaScript, remembered checklists, print, a 360 px phone, and axe-core
accessibility checks. No request may leave this machine.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

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
    return sorted(page.eval_on_selector_all(
        "[data-gpl-cards] > [data-practice]",
        "cards => cards.filter(c => !c.hidden && c.offsetParent !== null).map(c => c.dataset.practice)"))


def query_of(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def check(page, facet, value):
    """Tick a facet value as a reader would: open the facet if it is closed, then click."""
    details = page.locator(f"[data-gpl-facet='{facet}']")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.locator(f"[data-gpl-filters] input[name='{facet}'][value='{value}']").check()


# -- filters ---------------------------------------------------------------------------------

def test_theme_page_country_and_goal_show_exactly_the_practices_with_both(page, base_url, library):
    theme = "social-inclusion"
    on_page = library.select(theme=theme)
    # a country and a goal that narrow the list without emptying it
    country, goal = next((c, g) for c in library.counts("country", on_page) for g in library.counts("goal", on_page)
                         if 0 < len(library.select(theme=theme, country=c, goal=g)) < len(on_page))
    expected = sorted(p.id for p in library.select(theme=theme, country=country, goal=goal))

    page.goto(base_url + f"themes/{theme}/")
    assert visible_cards(page) == sorted(p.id for p in on_page)
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
    count = page.locator("[data-gpl-facet='theme'] [data-gpl-count-for='mainstreaming-migration']").inner_text()
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


def test_words_narrow_by_title_and_summary(page, base_url, library):
    page.goto(base_url + "cases/")
    page.fill("#gpl-filter-words", "diaspora")
    expected = sorted(p.id for p in library.practices
                      if "diaspora" in (p["title"] + " " + p["summary"]).lower())
    assert expected and visible_cards(page) == expected
    assert query_of(page) == {"words": ["diaspora"]}


def test_clear_all_shows_everything_again(page, base_url, library):
    page.goto(base_url + "cases/?country=SN&words=plans")
    assert len(visible_cards(page)) < len(library.practices)
    page.click("[data-gpl-clear]")
    assert visible_cards(page) == sorted(library.by_id)
    assert urlsplit(page.url).query == ""
    assert page.locator("#gpl-filter-words").input_value() == ""


def test_no_match_says_so(page, base_url):
    page.goto(base_url + "cases/?words=zzzznotaword")
    assert visible_cards(page) == []
    assert page.locator("[data-gpl-empty]").is_visible()


def test_without_javascript_every_practice_is_listed_and_linked(browser, base_url, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "cases/?country=CR")
    assert visible_cards(page) == sorted(library.by_id)  # the query does nothing without the script
    assert not page.locator("[data-gpl-filters]").is_visible()
    links = page.eval_on_selector_all(".gpl-card__title a", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted(f"../cases/{i}/" for i in library.by_id)
    context.close()


def test_filters_work_with_the_keyboard(page, base_url, library):
    page.goto(base_url + "cases/")
    page.focus("#gpl-filter-words")
    page.keyboard.press("Tab")          # the summary of the first facet (theme)
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")          # its first value
    page.keyboard.press("Space")
    first_theme = next(iter(library.vocab.themes))
    assert visible_cards(page) == sorted(p.id for p in library.select(theme=first_theme))


# -- search (Pagefind) ---------------------------------------------------------------------

def search_results(page) -> list[str]:
    page.wait_for_selector("#gpl-search-results a", timeout=15000)
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
    page.wait_for_function("document.querySelector('#gpl-search-status').textContent.startsWith('Nothing found')")
    assert page.locator("#gpl-search-results li").count() == 0


def test_search_shows_more_results_on_request(page, base_url):
    page.goto(base_url + "search/?q=migration")
    search_results(page)
    first = page.locator("#gpl-search-results li").count()
    total = int(page.inner_text("#gpl-search-status").split()[0])
    assert total > first == 8, "the query should find more than one batch"
    page.click("#gpl-search-more")
    page.wait_for_function(f"document.querySelectorAll('#gpl-search-results li').length > {first}")
    assert page.locator("#gpl-search-results li").count() == min(total, 16)
    assert page.locator("#gpl-search-more").is_hidden() == (total <= 16)


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


def test_checklist_prints_without_site_chrome(page, base_url):
    page.goto(base_url + "checklists/social-inclusion/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator("[data-gpl-checklist-tools]").is_hidden()
    assert page.locator(".gpl-checklist__item").first.is_visible()
    assert len(page.pdf()) > 1000


# -- phone and accessibility ------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "cases/", "themes/social-inclusion/", "cases/upala-cross-border-mobility/"])
def test_pages_fit_a_360_px_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize("path", ["", "themes/social-inclusion/", "cases/upala-cross-border-mobility/",
                                  "checklists/social-inclusion/", "cases/?country=CR", "search/?q=health"])
def test_no_serious_accessibility_violations(page, base_url, path):
    page.goto(base_url + path)
    if "search/" in path:
        search_results(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
