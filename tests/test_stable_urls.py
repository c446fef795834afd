"""Published addresses stay published: every line of tests/stable_urls.txt is a page (and anchor) of the built site."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from htmlcheck import Page

STABLE_URLS = Path(__file__).parent / "stable_urls.txt"


def stable_urls(text: str) -> list[str]:
    """The addresses of the list: one a line, blank lines and # comments left out."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def missing(site: Path, urls: list[str]) -> list[str]:
    """The addresses that the built site lacks, each with what is missing."""
    out, pages = [], {}
    for url in urls:
        parts = urlsplit(url)
        path = site / parts.path / "index.html" if parts.path.endswith("/") or not parts.path else site / parts.path
        if not path.is_file():
            out.append(f"{url} (no such page)")
        elif parts.fragment:
            page = pages.setdefault(path, Page(path))
            if parts.fragment not in page.ids:
                out.append(f"{url} (no anchor #{parts.fragment})")
    return out


def test_the_list_reads_one_address_a_line_without_comments():
    assert stable_urls("# a comment\n\ntraining/\n  # indented comment\nchecklists/x/#y\n") == ["training/", "checklists/x/#y"]


def test_the_list_names_addresses_relative_to_the_site_root():
    for url in stable_urls(STABLE_URLS.read_text(encoding="utf-8")):
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and not url.startswith("/"), url
        assert parts.path == "" or parts.path.endswith("/"), f"{url}: a page's address ends with a slash"


def test_a_missing_page_or_anchor_is_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    assert missing(tmp_path, ["a/", "a/#here", "a/#gone", "b/"]) == ["a/#gone (no anchor #gone)", "b/ (no such page)"]


def test_every_stable_address_exists_in_the_built_site(built_site):
    urls = stable_urls(STABLE_URLS.read_text(encoding="utf-8"))
    assert urls, "the list of stable addresses is empty"
    assert missing(built_site, urls) == []
