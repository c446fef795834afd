"""Listing pages stay light as the library grows: one page of cards each, the rest on numbered pages
and in the card index. A theme page once weighed 2 MB at 2,000 practices, the list of all 3.4 MB."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT
from htmlcheck import Page

BUDGET = 150_000          # bytes of HTML a listing page may weigh
FRAME = 20_000            # what Material's frame (head, header, navigation, footer) may add to the content
LIBRARY_SIZE = 2_000


def article_bytes(path: Path) -> int:
    html = path.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    return len(html[start:html.index("</article>", start)].encode())


def test_the_frame_around_a_listing_stays_within_its_allowance(built_site):
    """The budget below counts the content the core writes; this holds the rest to its allowance."""
    for path in (built_site / "themes" / "social-inclusion" / "index.html", built_site / "cases" / "index.html"):
        assert path.stat().st_size - article_bytes(path) < FRAME, path
        assert Page(path).text  # a real page, not an empty one


@pytest.fixture(scope="module")
def large_site():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth
    from practices.library import Library
    from practices.render import PageRenderer
    from practices.vocabulary import load_vocabularies
    vocab, problems = load_vocabularies(ROOT / "data" / "vocab", "data/vocab")
    assert problems == []
    site = PageRenderer(Library(synth.generate(LIBRARY_SIZE, ROOT), vocab))
    return site, site.pages()


def test_no_listing_page_outweighs_the_budget_at_2000_practices(large_site):
    from practices.render import listing_weights
    weights = listing_weights(*large_site)
    assert any("/page/" in path for path in weights), "a library this size should need numbered pages"
    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] + FRAME <= BUDGET, f"{heaviest}: {weights[heaviest]} bytes of content"


def test_every_practice_is_on_a_numbered_page_of_the_list_of_all(large_site):
    from practices.render import ALL_PRACTICES
    large_site, pages = large_site
    pages = [p for p in pages if p.path.startswith(ALL_PRACTICES.removesuffix("index.md") + "page/")]
    first = str(large_site.listing({}, "../", ALL_PRACTICES))
    listed = "".join([first, *(p.content for p in pages)])
    assert all(f'data-practice="{p.id}"' in listed for p in large_site.library.practices)
