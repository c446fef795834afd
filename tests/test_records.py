"""One test per record: it is valid, complete, and appears on every page that should show it."""
from __future__ import annotations

import re

import pytest

from conftest import PRACTICES, record_ids
from htmlcheck import Page, listing_cards
from practices.validate import check

IDS = record_ids()


@pytest.fixture(scope="module")
def problems_by_record():
    _, _, problems = check(PRACTICES)
    found: dict[str, list[str]] = {}
    for p in problems:
        found.setdefault(p.record, []).append(str(p))
    return found


def _checklist_links(page: Page) -> list[str]:
    return [h for h in page.links if "#recommendation-" in h]


@pytest.mark.parametrize("practice_id", IDS)
def test_record(practice_id, library, built_site, problems_by_record):
    assert problems_by_record.get(practice_id, []) == []
    p = library.by_id[practice_id]

    if p["kind"] == "success-story":
        assert p["lessons"] and p["recommendations"] and p["sdg_targets"] and p["actors"]
        assert len(re.findall(r"\S+", p["summary"])) <= 60

    # its own page, titled with its title
    page = Page(built_site / "cases" / practice_id / "index.html")
    assert p["title"] in page.text
    for lesson in p.get("lessons", []):
        assert " ".join(lesson["title"].split()) in page.text

    # a card on the list of all practices, on each of its theme pages, its country page and its SDG goal pages
    # (on the first page of the list or on one of its numbered pages)
    assert practice_id in listing_cards(built_site / "cases" / "index.html")
    for theme in p["themes"]:
        assert practice_id in listing_cards(built_site / "themes" / theme / "index.html"), theme
    country = library.vocab.countries[p["location"]["country"]]["slug"]
    assert practice_id in listing_cards(built_site / "countries" / country / "index.html")
    for goal in p.facets["goal"]:
        assert practice_id in listing_cards(built_site / "sdgs" / goal / "index.html"), goal

    # every recommendation is an item of its primary theme's checklist, linking back to the case
    primary = p["themes"][0]
    page_path = built_site / "checklists" / primary / "index.html"
    checklist = Page(page_path)
    links = [h for h in _checklist_links(checklist) if f"cases/{practice_id}/" in h]
    assert len(links) == len(p.get("recommendations", [])), page_path
    boxes = [a for tag, a in checklist.elements
             if tag == "input" and a.get("type") == "checkbox" and f"--{practice_id}--" in a.get("id", "")]
    labels = {a.get("for") for tag, a in checklist.elements if tag == "label"}
    assert len(boxes) == len(p.get("recommendations", []))
    assert all(box["id"] in labels for box in boxes), "every checkbox has its label"
