"""The offline edition: the ZIP file the site offers, unzipped and opened from file:// with no network.

Search (Material's built-in search, the vendored iframe-worker shim), the filters of a listing (the card
index as a script), and checklist ticks that survive a reload and a move to another page.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT
from htmlcheck import Page, html_pages
from test_browser import browser, check, settle, visible_cards  # noqa: F401  (browser: a fixture)


# -- the build ------------------------------------------------------------------------------

def test_the_offline_configuration_keeps_every_plugin_and_hook_of_the_site():
    """INHERIT replaces lists: mkdocs-offline.yml repeats mkdocs.yml's plugins and hooks, which must not drift."""
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    offline = yaml.safe_load((ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8"))
    assert all(plugin in offline["plugins"] for plugin in site["plugins"])
    assert all(hook in offline["hooks"] for hook in site["hooks"])


def test_the_site_offers_the_zip_file_built_with_it_and_its_real_size(built_site, offline_project):
    from practices.offline import DOWNLOAD, ZIP
    offered = built_site / DOWNLOAD
    assert offered.read_bytes() == (offline_project / ZIP).read_bytes()
    page = Page(built_site / "offline" / "index.html")
    link = next(a for tag, a in page.elements if tag == "a" and a.get("href", "").endswith(Path(DOWNLOAD).name))
    assert (built_site / "offline" / unquote(link["href"])).resolve() == offered.resolve()
    shown = re.search(r"ZIP file, ([\d.]+) MB", page.text)
    assert shown, page.text
    assert abs(float(shown.group(1)) - offered.stat().st_size / 1_000_000) < 0.05


def test_the_offline_edition_does_not_carry_a_zip_file_or_the_pagefind_search(offline_site):
    assert not list(offline_site.rglob("*.zip"))
    assert not (offline_site / "pagefind").exists()
    assert not (offline_site / "search.html").exists()  # the search page drives Pagefind
    assert (offline_site / "search" / "search_index.js").is_file()


def test_every_link_and_file_of_the_offline_edition_opens_a_file(offline_site):
    """On file:// a link to a folder opens a file listing, not the page: every link names its file."""
    broken = []
    for path in html_pages(offline_site):
        if path == offline_site / "404.html":
            continue  # a server's page for any address (its links are absolute); no file opens it
        page = Page(path)
        targets = page.links + page.resources + [a["data-gpl-case-href"].replace("__id__", "x")
                                                 for _, a in page.elements if "data-gpl-case-href" in a]
        for href in targets:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//")) or not parts.path:
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if not target.is_file() and "/x/" not in parts.path:
                broken.append(f"{path.relative_to(offline_site)}: {href}")
            elif "/x/" in parts.path and not parts.path.endswith("/x/index.html"):
                broken.append(f"{path.relative_to(offline_site)}: {href}")
    assert broken == []


# -- in the browser, from file:// -------------------------------------------------------------

@pytest.fixture
def offline_page(browser):  # noqa: F811
    """A page whose every request that is not for a file is recorded and refused."""
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))

    def refuse(route):
        route.abort()
    context.route(re.compile(r"^(?!file:).*"), refuse)
    yield page
    context.close()
    assert asked and [url for url in asked if not url.startswith("file:")] == []


def test_search_finds_a_record_from_file(offline_page, offline_site, library):
    practice = library.practices[0]
    page = offline_page
    page.goto((offline_site / "index.html").as_uri())
    page.locator("[data-md-component='search-query']").fill(practice["title"])  # in the header at 1280 px
    result = page.locator(".md-search-result__item a[href*='cases/%s/']" % practice.id).first
    result.wait_for(state="visible", timeout=15000)
    result.click()
    page.wait_for_url(re.compile(r"cases/%s/index\.html" % practice.id))
    assert page.locator("h1").inner_text().startswith(practice["title"])


def test_a_filter_narrows_a_listing_from_file(offline_page, offline_site, library):
    country = next(c for c, n in library.counts("country").items() if 0 < n < len(library.practices))
    page = offline_page
    page.goto((offline_site / "cases" / "index.html").as_uri())
    check(page, "country", country)
    assert visible_cards(page) == sorted(p.id for p in library.select(country=country))
    assert "cannot" not in page.locator("[data-gpl-status]").inner_text()
    first = page.locator("[data-gpl-cards] .gpl-card__title a").first
    first.click()  # a card drawn by the script links to the case's file
    assert page.url.endswith("/index.html")
    assert page.locator("h1").count() == 1


def test_a_checklist_tick_survives_reload_and_navigation_from_file(offline_page, offline_site):
    page = offline_page
    page.goto((offline_site / "guidelines" / "white-paper" / "checklist" / "index.html").as_uri())
    page.wait_for_selector("[data-gpl-checklist][data-gpl-state='done']", state="attached")
    box = page.locator("[data-gpl-checklist] input[type=checkbox]").first
    ident = box.get_attribute("id")
    box.check()
    page.reload()
    page.wait_for_selector("[data-gpl-checklist][data-gpl-state='done']", state="attached")
    assert page.locator(f"[id='{ident}']").is_checked()
    # the guide shows the same checklist: another file:// page reads the same ticks
    page.locator("article a", has_text="guide to the White Paper").first.click()
    page.wait_for_url(re.compile(r"guidelines/white-paper/index\.html"))
    page.wait_for_selector("[data-gpl-checklist][data-gpl-state='done']", state="attached")
    assert page.locator(f"[id='{ident}']").is_checked()
    page.go_back()
    page.wait_for_selector("[data-gpl-checklist][data-gpl-state='done']", state="attached")
    assert page.locator(f"[id='{ident}']").is_checked()


# -- the parts, without a build ------------------------------------------------------------

@pytest.mark.parametrize("link, opened", [
    ('<a href="../cases/x/">', '<a href="../cases/x/index.html">'),
    ('<a href="../">', '<a href="../index.html">'),
    ('<a href="..">', '<a href="../index.html">'),
    ('<a href="./">', '<a href="./index.html">'),
    ('<a href="../cases/?country=CR#list">', '<a href="../cases/index.html?country=CR#list">'),
    ('<div data-gpl-case-href="../cases/__id__/">', '<div data-gpl-case-href="../cases/__id__/index.html">'),
    ('<a href="about.html">', '<a href="about.html">'),
    ('<a href="#top">', '<a href="#top">'),
    ('<a href="?words=x">', '<a href="?words=x">'),
    ('<a href="https://example.org/reports/">', '<a href="https://example.org/reports/">'),
    ('<a href="mailto:a@example.org">', '<a href="mailto:a@example.org">'),
    ('<link rel="stylesheet" href="../assets/main.css">', '<link rel="stylesheet" href="../assets/main.css">'),
])
def test_links_to_folders_point_at_their_index_file(link, opened):
    from practices.offline import file_links
    assert file_links(link) == opened


@pytest.mark.parametrize("url, root", [("", ""), ("cases/x/", "../../"), ("about.html", ""),
                                        ("guidelines/white-paper/index.html", "../../"), ("cases/index.html", "../")])
def test_the_root_of_a_page_counts_from_its_folder_for_file_addresses(url, root):
    from practices.render import root_of
    assert root_of(url) == root


def test_the_card_script_sets_the_global_the_listing_script_reads(library):
    from practices.offline import CARD_GLOBAL, card_script
    from practices.render import PageRenderer
    index = PageRenderer(library).card_index()
    script = card_script(index)
    assert script == f"window.{CARD_GLOBAL} = {index};\n"
    assert f"window.{CARD_GLOBAL}" in (ROOT / "docs" / "javascripts" / "library.js").read_text(encoding="utf-8")
