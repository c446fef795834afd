"""The pages readers come in by: home, theme, country, SDG, checklist and about pages."""
from __future__ import annotations

import re
from pathlib import Path

from htmlcheck import Page, card_ids, listing_cards


def practices_said(text: str) -> list[int]:
    """Every "N practices" (or "N practice") a text says of a set of practices; the pager's
    "20 practices a page" is a page size, not a count, and appears once a listing has more."""
    return [int(n) for n in re.findall(r"\b(\d+) practices?\b(?! a page)", text)]


def test_home_page_offers_every_way_in(built_site):
    page = Page(built_site / "index.html")
    for target in ("cases/", "themes/", "countries/", "sdgs/", "checklists/", "guidelines/", "training/", "about/"):
        assert any(h.rstrip("/").endswith(target.rstrip("/")) for h in page.links), target


def test_each_theme_page_lists_every_practice_of_the_theme_its_own_first(built_site, library):
    for theme in library.vocab.themes:
        shown = listing_cards(built_site / "themes" / theme / "index.html")
        assert sorted(shown) == sorted(p.id for p in library.select(theme=theme)), theme
        own = {p.id for p in library.primary(theme)}
        assert shown[:len(own)] and set(shown[:len(own)]) == own, "the theme's own practices come first"
        assert library.vocab.themes[theme]["intro"].split()[0] in Page(built_site / "themes" / theme / "index.html").text


def test_a_theme_page_says_one_count_the_same_way_in_text_and_filter(built_site, library):
    """The page once said "7 practices have this as their main theme" over a filter saying "9 of 9"."""
    for theme in library.vocab.themes:
        page = Page(built_site / "themes" / theme / "index.html")
        total = len(library.select(theme=theme))
        own = len(library.primary(theme))
        text = page.text[:page.text.rindex("Recommendations checklist")]  # the content heading, after the TOC
        # the counts of the listing part of the page: first the total, then at most the theme's own part of it
        said = practices_said(text)
        assert said[:1] == [total] and said.count(total) >= 2 and set(said) <= {total, own}, (theme, said)
        assert f"{total} of {total} practices" not in text


def test_all_practices_page_lists_every_practice_once(built_site, library):
    shown = listing_cards(built_site / "cases" / "index.html")
    assert sorted(shown) == sorted(library.by_id)


def test_country_and_goal_pages_list_exactly_the_matching_practices(built_site, library):
    for code, country in library.vocab.countries.items():
        expected = sorted(p.id for p in library.select(country=code))
        path = built_site / "countries" / country["slug"] / "index.html"
        assert (sorted(listing_cards(path)) if path.exists() else []) == expected, code
    for goal in library.vocab.sdgs:
        expected = sorted(p.id for p in library.select(goal=goal))
        assert sorted(listing_cards(built_site / "sdgs" / str(goal) / "index.html")) == expected, goal


def test_listing_pages_hold_one_page_of_cards_and_link_their_numbered_pages(built_site, library):
    from practices.render import PAGE_SIZE
    first = built_site / "cases" / "index.html"
    numbered = sorted(first.parent.glob("page/*/index.html"))
    assert len(library.practices) > PAGE_SIZE, "the real library should need a second page, or this checks nothing"
    assert len(card_ids(Page(first))) == PAGE_SIZE
    hrefs = Page(first).links
    for path in numbered:
        assert any(h.rstrip("/").endswith(f"page/{path.parent.name}") for h in hrefs), path
        assert 0 < len(card_ids(Page(path))) <= PAGE_SIZE


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
