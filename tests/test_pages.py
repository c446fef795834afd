"""The pages readers come in by: home, theme, country, SDG, checklist and about pages."""
from __future__ import annotations

import re
from pathlib import Path

from htmlcheck import Page


def cards(page: Page) -> list[str]:
    return [a["data-practice"] for tag, a in page.elements if "data-practice" in a]


def main_cards(page: Page) -> list[str]:
    """Cards before the 'Also related' section: the theme's own practices."""
    ids, also = [], False
    for tag, a in page.elements:
        if a.get("id") == "also-related-to-this-theme":
            also = True
        if "data-practice" in a and not also:
            ids.append(a["data-practice"])
    return ids


def test_home_page_offers_every_way_in(built_site):
    page = Page(built_site / "index.html")
    for target in ("cases/", "themes/", "countries/", "sdgs/", "checklists/", "guidelines/", "training/", "about/"):
        assert any(h.rstrip("/").endswith(target.rstrip("/")) for h in page.links), target


def test_each_theme_page_lists_its_own_practices(built_site, library):
    # derived from the data, not pinned to today's counts: adding a record must not break it
    for theme in library.vocab.themes:
        page = Page(built_site / "themes" / theme / "index.html")
        own = main_cards(page)
        assert sorted(own) == sorted(p.id for p in library.primary(theme))
        assert own, theme
        assert library.vocab.themes[theme]["intro"].split()[0] in page.text


def test_all_practices_page_lists_every_practice_once(built_site, library):
    assert sorted(cards(Page(built_site / "cases" / "index.html"))) == sorted(library.by_id)


def test_country_and_goal_pages_list_exactly_the_matching_practices(built_site, library):
    for code, country in library.vocab.countries.items():
        expected = sorted(p.id for p in library.select(country=code))
        path = built_site / "countries" / country["slug"] / "index.html"
        assert (sorted(cards(Page(path))) if path.exists() else []) == expected, code
    for goal in library.vocab.sdgs:
        expected = sorted(p.id for p in library.select(goal=goal))
        assert sorted(cards(Page(built_site / "sdgs" / str(goal) / "index.html"))) == expected, goal


def test_checklist_ids_are_unique_and_stable(built_site):
    page = Page(built_site / "checklists" / "social-inclusion" / "index.html")
    ids = [a["id"] for tag, a in page.elements if tag == "input" and a.get("type") == "checkbox" and not a["id"].startswith("__")]
    assert len(ids) == len(set(ids)) > 0
    assert all(i.startswith("checklist-social-inclusion--") for i in ids)


def test_about_page_cites_every_source(built_site, library):
    page = Page(built_site / "about" / "index.html")
    for publication in library.vocab.publications.values():
        assert publication["title"] in page.text


def test_pages_that_call_macros_ask_for_them():
    """mkdocs.yml renders macros only where a page asks (render_macros: true); a page that
    forgets would show its {{ ... }} calls as text."""
    root = Path(__file__).resolve().parent.parent / "docs"
    calling = [p for p in root.rglob("*.md") if re.search(r"\{\{|\{%", p.read_text(encoding="utf-8"))]
    assert calling, "no page calls a macro: the test would check nothing"
    for page in calling:
        text = page.read_text(encoding="utf-8")
        front = text.split("---", 2)[1] if text.startswith("---") else ""
        assert re.search(r"^render_macros: true\b", front, re.M), f"{page.relative_to(root)} calls macros but does not ask for them"
