"""The training pages in Chromium: printed sheets (no navigation or buttons, a sheet per activity,
a plan on one page), the print button, phone and desktop widths, accessibility."""
from __future__ import annotations

import re

import pytest

from test_browser import base_url, browser, fits_without_jumping, page, serious_violations  # noqa: F401 (fixtures)

OVERVIEW = "training/module-2/"
HANDOUTS = "training/module-2/handouts/"
ACTIVITY = "training/module-2/activities/world-cafe/"
PLAN = "training/module-2/topic-1/plan/"
PAGES = [OVERVIEW, HANDOUTS, ACTIVITY, PLAN, "training/module-2/topic-2/"]

SHOWN_CONTROLS = """() => [...document.querySelectorAll(
        'input, select, button, summary, nav, .md-button, [role=search], .md-sidebar, .md-header, .md-footer')]
    .filter(e => e.checkVisibility({visibilityProperty: true}))
    .map(e => e.outerHTML.slice(0, 80))"""


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", [HANDOUTS, ACTIVITY, PLAN, OVERVIEW])
def test_printed_training_pages_carry_no_navigation_or_buttons(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    assert page.evaluate(SHOWN_CONTROLS) == []


@pytest.mark.parametrize("path", [HANDOUTS, ACTIVITY, PLAN])
def test_printed_sheets_carry_site_address_and_date(page, base_url, path):
    page.goto(base_url + path)
    header = page.locator(".gpl-print-header")
    assert header.is_hidden()  # on screen the browser shows where the page is
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what printing fires
    assert header.is_visible()
    text = header.inner_text()
    assert "Good Practice Library" in text and path in text and re.search(r"Printed \d{1,2} \w+ \d{4}", text)


def test_every_activity_and_handout_starts_a_new_sheet(page, base_url):
    page.goto(base_url + HANDOUTS)
    page.emulate_media(media="print")
    breaks = page.evaluate("""() => [...document.querySelectorAll('.gpl-sheet')]
        .map(e => getComputedStyle(e).breakBefore)""")
    assert len(breaks) > 2 and breaks[0] != "page" and set(breaks[1:]) == {"page"}
    assert pdf_pages(page.pdf()) >= len(breaks)


@pytest.mark.parametrize("topic", [1, 2, 3, 4])
def test_a_workshop_plan_prints_on_one_page(page, base_url, topic):
    page.goto(base_url + f"training/module-2/topic-{topic}/plan/")
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_print_button_is_a_labelled_button_that_prints(page, base_url):
    page.goto(base_url + HANDOUTS)
    button = page.get_by_role("button", name="Print", exact=True)
    assert button.is_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed === true")


def test_without_javascript_no_dead_print_button_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + HANDOUTS)
    assert page.locator("[data-gpl-print]").count() == 1 and page.locator("[data-gpl-print]").is_hidden()
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_training_pages_fit_the_screen_and_do_not_jump(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert fits_without_jumping(page)
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations_on_training_pages(page, base_url, path):
    page.goto(base_url + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", [OVERVIEW, PLAN, ACTIVITY])
def test_on_a_phone_every_column_of_a_training_table_is_on_screen(browser, base_url, path):
    # a table wider than the screen scrolls inside its box, and the times, in the last column, drop out of sight
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    overflowing = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table')]
        .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(t => t.rows[0].innerText)""")
    context.close()
    assert overflowing == []
