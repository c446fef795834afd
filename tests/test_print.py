"""Pages printed as handouts: no site chrome, a print header, no blank or orphaning pages, a Print button.

Chromium prints (page.pdf()) in print emulation; pypdf reads the pages back.
"""
from __future__ import annotations

import io
import re

import pytest

from test_browser import base_url, browser, page  # noqa: F401  (the fixtures: one Chromium, the built site)

CASE = "cases/upala-cross-border-mobility/"
CHECKLIST = "checklists/social-inclusion/"
GUIDELINE = "guidelines/white-paper/"
HANDOUTS = [CASE, CHECKLIST, GUIDELINE, "guidelines/white-paper/checklist/"]
SITE_NAME = "Good Practice Library"


def _site_url() -> str:
    import yaml
    from conftest import ROOT
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def printed_pages(page) -> list[str]:
    """The text of each sheet of the page as Chromium prints it (A4, the browser's own margins)."""
    from pypdf import PdfReader
    page.emulate_media(media="print")
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def visible(locator) -> bool:
    """Shown and not invisible: a hidden-until-ready control is in the layout but not visible."""
    return locator.evaluate("e => e.checkVisibility({visibilityProperty: true})")


@pytest.mark.parametrize("path", HANDOUTS)
def test_handout_pages_offer_a_print_button_that_prints(page, base_url, path):
    page.goto(base_url + path)
    page.evaluate("() => { window.gplPrinted = 0; window.print = () => { window.gplPrinted += 1; }; }")
    button = page.get_by_role("button", name="Print", exact=True)
    assert visible(button)
    button.click()
    assert page.evaluate("window.gplPrinted") == 1
    page.emulate_media(media="print")
    assert not visible(page.locator("[data-gpl-print]"))


@pytest.mark.parametrize("path", [CASE, CHECKLIST])
def test_without_javascript_no_print_button_shows_but_the_print_header_names_site_and_address(browser, base_url, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    assert page.locator("[data-gpl-print]").count() == 1
    assert not visible(page.locator("[data-gpl-print]"))
    page.emulate_media(media="print")
    header = page.locator("[data-gpl-print-header]")
    assert visible(header)
    assert header.inner_text().split() == [*SITE_NAME.split(), _site_url() + path]
    context.close()


def test_pages_that_are_not_handouts_have_no_print_button(page, base_url):
    page.goto(base_url + "cases/")
    assert page.locator("[data-gpl-print]").count() == 0


def test_the_print_header_shows_only_on_paper_and_gets_the_date_when_printing(page, base_url):
    page.goto(base_url + CASE)
    header = page.locator("[data-gpl-print-header]")
    assert not visible(header)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    text = header.inner_text()
    today = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    assert SITE_NAME in text and _site_url() + CASE in text and f"Printed {today}" in text
    sheets = printed_pages(page)
    assert SITE_NAME in sheets[0] and "Printed" in sheets[0]


@pytest.mark.parametrize("path", HANDOUTS)
def test_printed_handouts_carry_no_site_chrome(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll(
            'button, select, summary, nav, footer, .md-header, .md-footer, .md-sidebar, .md-tabs, .md-search, '
            + '[role=search], .md-button, .md-content__button, .headerlink')]
        .filter(e => e.checkVisibility({visibilityProperty: true}))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert shown == []


@pytest.mark.parametrize("path", [CASE, CHECKLIST, GUIDELINE])
def test_a_printed_handout_has_no_blank_sheet_and_no_heading_at_the_foot_of_a_sheet(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    headings = set(page.eval_on_selector_all(
        "article h2, article h3, article h4", "hs => hs.map(h => h.innerText.replace(/\\s+/g, ' ').trim())"))
    sheets = printed_pages(page)
    assert all(sheet.strip() for sheet in sheets), [len(s.strip()) for s in sheets]
    for number, sheet in enumerate(sheets[:-1], 1):
        last = " ".join(sheet.strip().splitlines()[-1].split())
        assert last not in headings, f"sheet {number} ends with the heading {last!r}"


def test_nothing_forces_a_page_break_between_the_sections_of_a_page(page, base_url):
    page.goto(base_url + CASE)
    page.emulate_media(media="print")
    forced = page.evaluate("""() => [...document.querySelectorAll('article *')].filter(e => {
        const s = getComputedStyle(e);
        return ['page', 'left', 'right', 'always'].some(v => s.breakBefore === v || s.breakAfter === v);
    }).map(e => e.outerHTML.slice(0, 80))""")
    assert forced == []


@pytest.mark.parametrize("path", [CHECKLIST, "themes/social-inclusion/", CASE])
def test_cards_checklist_items_and_facts_are_not_split_across_sheets(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.gpl-checklist__item, .gpl-card, .gpl-facts')]
        .map(e => getComputedStyle(e).breakInside)""")
    assert boxes and set(boxes) == {"avoid"}


def test_links_to_other_sites_print_their_address_and_links_inside_the_site_do_not(page, base_url):
    page.goto(base_url + "contribute/")
    page.emulate_media(media="print")
    after = """a => getComputedStyle(a, '::after').content"""
    outside = page.locator("article a[href^='http']:visible").first
    assert outside.get_attribute("href") in outside.evaluate(after)
    inside = page.locator("article a[href]:not([href^='http']):not([href^='#']):visible").first
    assert inside.evaluate(after) in ("none", "normal")


def test_no_page_has_two_print_buttons(built_site):
    # the self-assessment and the training pages once kept their own Print button beside the page's:
    # two buttons on screen, and two handlers that printed twice per click
    button = re.compile(r"<button[^>]*\sdata-gpl-print[\s>]")
    crowded = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
               if len(button.findall(p.read_text(encoding="utf-8"))) > 1]
    assert crowded == []
