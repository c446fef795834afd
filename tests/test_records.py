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


def _words(text: str) -> str:
    """Text as its words only: markup on the page splits text at links and emphasis."""
    return " ".join(re.findall(r"\w+", text))


def _shows(page: Page, text: str) -> bool:
    return _words(text) in _words(page.text)


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

    # the fact box, as far as the record has one, and every source it cites
    for name in ("purpose", "beneficiaries", "budget"):
        if p.get(name):
            assert _shows(page, p[name]), name
    for objective in p.get("objectives", []):
        assert _shows(page, objective)
    for trigger in p.get("triggers", []):
        assert _shows(page, library.vocab.triggers[trigger]["label"]), trigger
    publications = library.vocab.publications
    assert _shows(page, f"{publications[p['source']['publication']]['title']}, pages {p['source']['pages']}")
    for other in p.get("other_sources", []):
        assert _shows(page, f"{publications[other['publication']]['title']}, pages {other['pages']}"), other
        assert _shows(page, other["for"]), other

    # a card on the list of all practices, on each of its theme pages, its country page (if it names a place)
    # and its SDG goal pages
    # (on the first page of the list or on one of its numbered pages)
    assert practice_id in listing_cards(built_site / "cases" / "index.html")
    for theme in p["themes"]:
        assert practice_id in listing_cards(built_site / "themes" / theme / "index.html"), theme
    if p.location:  # an example may name no single place, and then has no country page
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


def test_case_studies_and_success_stories_link_each_other_both_ways(library, built_site):
    """A White Paper case and a success story on the same territory stay two records, linked
    both ways in the data (each record lists the other) and on both pages."""
    kinds = {"case-study", "success-story"}
    pairs = [(p, library.by_id[other]) for p in library.practices for other in p.get("related", [])
             if {p["kind"], library.by_id[other]["kind"]} == kinds]
    assert pairs, "no case study is linked to a success story: the test would check nothing"
    for a, b in pairs:
        assert a.id in b.get("related", []), f"{b.id} does not list {a.id} in related"
        page = Page(built_site / "cases" / b.id / "index.html")
        assert any(h.rstrip("/").endswith(a.id) for h in page.links), f"{b.id} page has no link to {a.id}"
