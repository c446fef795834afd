"""The case page and the contributor's way from the site to the repository.

The facts box (one definition list, whatever the record holds), the links to
the record in data/practices.yaml, the Contribute page's links, the sitemap,
and in a browser: the facts box on a phone and a desktop, the header on a
phone, and the printed page.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import PRACTICES, ROOT, record_ids
from htmlcheck import Page, html_pages

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
REPO_URL = CONFIG["repo_url"].rstrip("/")
ONE_THEME = "upala-cross-border-mobility"


def id_line(practice_id: str) -> int:
    """The line of `- id: <id>` in data/practices.yaml, read from the file itself."""
    lines = PRACTICES.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if re.fullmatch(rf"- id: {re.escape(practice_id)}\s*(#.*)?", line)]
    assert len(found) == 1, practice_id
    return found[0]


def case_page(site: Path, practice_id: str) -> Path:
    return site / "cases" / practice_id / "index.html"


# -- from the page to the record in the repository -------------------------------------------------

@pytest.mark.parametrize("practice_id", record_ids())
def test_case_page_links_to_its_record_at_its_line(built_site, practice_id):
    links = Page(case_page(built_site, practice_id)).links
    view = [h for h in links if h.startswith(REPO_URL + "/blob/") and "data/practices.yaml#L" in h]
    assert len(view) == 1, links
    assert view[0].endswith(f"data/practices.yaml#L{id_line(practice_id)}")
    edit = [h for h in links if h.startswith(REPO_URL + "/edit/")]
    assert len(edit) == 1 and edit[0].endswith("/data/practices.yaml"), edit


def test_generated_pages_have_no_edit_button_to_a_file_that_is_not_in_the_repository(built_site):
    """Material's edit button points at docs/<page>.md: only hand-written pages have one."""
    for path in html_pages(built_site):
        page = Page(path)
        for tag, attrs in page.elements:
            if tag == "a" and attrs.get("rel") == "edit":
                relative = attrs["href"].removeprefix(REPO_URL + "/").split("/", 2)[2]  # edit/<branch>/<path>
                assert (ROOT / relative).is_file(), f"{path.relative_to(built_site)}: {attrs['href']}"


def test_hand_written_pages_have_an_edit_button(built_site):
    page = Page(built_site / "contribute" / "index.html")
    edit = [a["href"] for tag, a in page.elements if tag == "a" and a.get("rel") == "edit"]
    assert len(edit) == 1 and edit[0].startswith(REPO_URL + "/edit/")
    assert edit[0].endswith("/docs/contribute/index.md")


def test_sitemap_lists_every_case_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    site_url = CONFIG["site_url"].rstrip("/") + "/"
    assert {f"{site_url}cases/{i}/" for i in record_ids()} <= listed


def test_contribute_page_links_to_the_issue_form_and_the_guide(built_site):
    links = Page(built_site / "contribute" / "index.html").links
    form = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-a-case.yml"
    assert form.is_file()
    assert f"{REPO_URL}/issues/new?template={form.name}" in links
    guide = [h for h in links if h.startswith(REPO_URL + "/blob/") and h.split("#")[0].endswith("/CONTRIBUTING.md")]
    assert guide, links
    data = [h for h in links if h.startswith(REPO_URL + "/") and h.endswith("/data/practices.yaml")]
    assert data, "the browser path starts by opening data/practices.yaml: link it"


# -- the core without a repository ------------------------------------------------------------

def test_without_repository_settings_case_pages_have_no_record_links(library):
    from practices.render import Site
    page = next(p for p in Site(library).pages() if p.path == f"cases/{ONE_THEME}.md")
    assert "data-gpl-record-links" not in page.content and "github.com" not in page.content


def test_repository_links_come_from_the_settings():
    from practices.repository import Repository
    repo = Repository.from_settings("https://example.org/o/r/", "edit/trunk/docs/")
    assert repo.view("data/practices.yaml", 12) == "https://example.org/o/r/blob/trunk/data/practices.yaml#L12"
    assert repo.edit("data/practices.yaml") == "https://example.org/o/r/edit/trunk/data/practices.yaml"
    assert repo.issue_form("propose-a-case.yml") == "https://example.org/o/r/issues/new?template=propose-a-case.yml"
    assert Repository.from_settings("https://example.org/o/r", None) is None
    assert Repository.from_settings("https://example.org/o/r", "docs/") is None  # a scheme it does not know


def test_a_record_without_a_known_line_links_to_the_file(library):
    """Records the fast pass vouched for are plain mappings, without the loader's line numbers."""
    from practices.library import Practice
    from practices.render import Site
    site = Site(library, repo_url=REPO_URL, edit_uri=CONFIG["edit_uri"])
    plain = Practice(dict(library.by_id[ONE_THEME].record), library.vocab)
    links = site.record_links(plain)
    assert links["line"] is None and links["view"].endswith("/data/practices.yaml")
    assert site.record_links(library.by_id[ONE_THEME])["line"] == id_line(ONE_THEME)
