"""The toolbox facet in the reader's browser, and the training pages on a phone and for accessibility."""
from __future__ import annotations

import pytest

# the browser fixtures and helpers of the listing tests, shared rather than copied
from test_browser import base_url, browser, check, fits_without_jumping, page, serious_violations, settle, visible_cards  # noqa: F401

TRAINING_PAGES = ["training/", "training/module-2/", "training/module-2/topic-1/", "training/module-4/topic-2/",
                  "training/discussion-guides/"]


def test_the_toolbox_facet_filters_the_list_of_every_practice(page, base_url, library):
    value = max(library.facet_labels("toolbox"), key=lambda v: len(library.select(toolbox=v)))
    page.goto(base_url + "cases/")
    check(page, "toolbox", value)
    assert visible_cards(page) == sorted(p.id for p in library.select(toolbox=value))
    assert value in page.url.replace("%2F", "/")


def test_a_topic_page_s_filtered_link_restores_the_topic(page, base_url, library):
    value = "module-2/4"
    page.goto(base_url + "cases/?toolbox=" + value.replace("/", "%2F"))
    assert visible_cards(page) == sorted(p.id for p in library.select(toolbox=value))
    assert page.locator(f"input[name='toolbox'][value='{value}']").is_checked()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", TRAINING_PAGES)
def test_training_pages_fit_the_screen_and_do_not_jump(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    tab = context.new_page()
    tab.goto(base_url + path)
    tab.wait_for_load_state("networkidle")
    assert fits_without_jumping(tab)
    context.close()


@pytest.mark.parametrize("path", TRAINING_PAGES)
def test_training_pages_have_no_serious_accessibility_violations(page, base_url, path):
    page.goto(base_url + path)
    assert serious_violations(page) == []
