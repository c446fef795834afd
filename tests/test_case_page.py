"""The case page and the contributor's way from the site to the repository.

The facts box (one definition list, whatever the record holds), the links to
the record in data/practices.yaml, the Contribute page's links, the sitemap,
and in a browser: the facts box on a phone and a desktop, the header on a
phone, and the printed page.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import PRACTICES, ROOT, build_site, copy_project, record_ids
from htmlcheck import Page, html_pages
from test_browser import _serve, base_url, browser, page  # noqa: F401 (fixtures)

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
REPO_URL = CONFIG["repo_url"].rstrip("/")
RECORDS = {r["id"]: r for r in yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))}
TWO_THEMES = "philippines-academia-mainstreaming"
ONE_THEME = "upala-cross-border-mobility"


def id_line(practice_id: str) -> int:
    """The line of `- id: <id>` in data/practices.yaml, read from the file itself."""
    lines = PRACTICES.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if re.fullmatch(rf"- id: {re.escape(practice_id)}\s*(#.*)?", line)]
    assert len(found) == 1, practice_id
    return found[0]


class FactsBox(HTMLParser):
    """The definition lists inside <div class="gpl-facts">, with their nesting and labels."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # div depth inside the facts box (0: outside)
        self.boxes = 0
        self.dls = 0
        self.dl_depth = 0
        self.nested = 0
        self.labels: list[str] = []
        self._in_dt = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and (self.depth or "gpl-facts" in classes):
            if not self.depth:
                self.boxes += 1
            self.depth += 1
        if not self.depth:
            return
        if tag == "dl":
            self.dls += 1
            self.nested += self.dl_depth > 0
            self.dl_depth += 1
        if tag == "dt":
            self._in_dt = True
            self.labels.append("")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "div":
            self.depth -= 1
        if tag == "dl":
            self.dl_depth -= 1
        if tag == "dt":
            self._in_dt = False

    def handle_data(self, data):
        if self._in_dt:
            self.labels[-1] += data.strip()


def expected_labels(record: dict) -> list[str]:
    """The facts a record's box shows, in order: optional ones only when the record has them."""
    labels = ["Where"] if record.get("location") else []  # an example may name no single place
    labels += ["When"] if record.get("period") else []
    labels += ["Themes"]
    labels += ["SDG targets"] if record.get("sdg_targets") else []
    return labels + ["Kind", "Source"]


def case_page(site: Path, practice_id: str) -> Path:
    return site / "cases" / practice_id / "index.html"


# -- the facts box --------------------------------------------------------------------------

@pytest.mark.parametrize("practice_id", record_ids())
def test_facts_box_is_one_flat_definition_list_of_the_record_facts(built_site, practice_id):
    box = FactsBox(case_page(built_site, practice_id))
    assert box.boxes == 1
    assert box.dls == 1, "the facts must be one definition list, not lists nested in an entry"
    assert box.nested == 0
    assert box.labels == expected_labels(RECORDS[practice_id])


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


# -- in a browser -------------------------------------------------------------------------

def open_page(browser, base_url, path, width, media="screen"):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    outside = []
    tab.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
              else (outside.append(route.request.url), route.abort()))
    tab.emulate_media(media=media)
    tab.goto(base_url + path)
    tab.wait_for_load_state("networkidle")
    assert outside == [], f"requests to other hosts: {outside}"
    return context, tab


def box(tab, selector):
    return tab.locator(selector).first.bounding_box()


def overlaps(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("practice_id", [TWO_THEMES, ONE_THEME])
def test_facts_box_stays_in_the_content_column(browser, base_url, practice_id, width):  # noqa: F811
    context, tab = open_page(browser, base_url, f"cases/{practice_id}/", width)
    try:
        sizes = tab.evaluate("""() => {
            const facts = document.querySelector('.gpl-facts');
            return {page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
                    facts: [facts.scrollWidth, facts.clientWidth],
                    entries: [...facts.querySelectorAll('dt, dd')].map(e => [e.scrollWidth, e.clientWidth])};
        }""")
        assert sizes["page"][0] <= sizes["page"][1]
        assert sizes["facts"][0] <= sizes["facts"][1]
        assert all(scroll <= client for scroll, client in sizes["entries"]), sizes["entries"]
        facts, content = box(tab, ".gpl-facts"), box(tab, "article.md-content__inner")
        assert content["x"] <= facts["x"] and facts["x"] + facts["width"] <= content["x"] + content["width"] + 0.5
        toc = tab.locator(".md-sidebar--secondary")
        if toc.is_visible():
            assert not overlaps(facts, toc.bounding_box())
            for link in tab.locator(".gpl-facts a").all():
                assert not overlaps(link.bounding_box(), toc.bounding_box()), link.inner_text()
    finally:
        context.close()


LONG_WORD = "Kabupaten" + "Nusantara" * 12  # a place name with no break in it, longer than a phone is wide


@pytest.fixture(scope="module")
def long_word_url(tmp_path_factory):
    """A site whose first record's territory is one long word."""
    records = yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))
    records[0]["location"]["territory"] = LONG_WORD
    project = copy_project(tmp_path_factory.mktemp("long-word"))
    (project / "data" / "practices.yaml").write_text(
        yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = _serve(project / "site")
    yield url + f"cases/{records[0]['id']}/"
    server.shutdown()


@pytest.mark.build
@pytest.mark.parametrize("width", [360, 1280])
def test_a_long_word_wraps_inside_the_facts_box(browser, long_word_url, width):  # noqa: F811
    context, tab = open_page(browser, long_word_url, "", width)
    try:
        assert LONG_WORD in tab.locator(".gpl-facts").inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        scroll, client = tab.locator(".gpl-facts").evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert scroll <= client
        facts, content = box(tab, ".gpl-facts"), box(tab, "article.md-content__inner")
        assert facts["x"] + facts["width"] <= content["x"] + content["width"] + 0.5
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 360, 500])
def test_narrow_header_shows_the_whole_site_name(browser, base_url, width):  # noqa: F811
    context, tab = open_page(browser, base_url, f"cases/{TWO_THEMES}/", width)
    try:
        name = tab.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert " ".join(name.inner_text().split()) == CONFIG["site_name"]
        scroll, client = name.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert scroll <= client, "the site name is cut off"
        height = name.evaluate("e => [e.scrollHeight, e.clientHeight]")
        assert height[0] <= height[1], "the site name is cut off at the bottom"
        header, named = box(tab, ".md-header"), name.bounding_box()
        # within half a pixel: the engines' layouts round differently, and less is not visible
        assert header["y"] - 0.5 <= named["y"] and named["y"] + named["height"] <= header["y"] + header["height"] + 0.5
        assert not overlaps(named, box(tab, ".gpl-header-search"))
    finally:
        context.close()


def test_printed_case_page_is_the_record_without_site_chrome(browser, base_url):  # noqa: F811
    context, tab = open_page(browser, base_url, f"cases/{TWO_THEMES}/", 1280, media="print")
    try:
        for selector in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-top", ".md-content__button",
                         "[data-gpl-record-links]", f"a[href^='{REPO_URL}']", "button", ".headerlink"):
            shown = [e for e in tab.locator(selector).all() if e.is_visible()]
            assert shown == [], selector
        assert tab.locator(".gpl-facts dl").count() == 1
        facts = tab.locator(".gpl-facts")
        assert facts.is_visible()
        scroll, client = facts.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert scroll <= client
        labels = [" ".join(t.split()) for t in tab.locator(".gpl-facts dt").all_inner_texts()]
        assert labels == expected_labels(RECORDS[TWO_THEMES])
        assert len(tab.pdf()) > 1000
    finally:
        context.close()


# -- the core without a repository ------------------------------------------------------------

def test_without_repository_settings_case_pages_have_no_record_links(library):
    from practices.render import PageRenderer
    page = next(p for p in PageRenderer(library).pages() if p.path == PageRenderer.case_path(ONE_THEME))
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
    from practices.render import PageRenderer
    site = PageRenderer(library, repo_url=REPO_URL, edit_uri=CONFIG["edit_uri"])
    plain = Practice(dict(library.by_id[ONE_THEME].record), library.vocab)
    links = site.record_links(plain)
    assert links["line"] is None and links["view"].endswith("/data/practices.yaml")
    assert site.record_links(library.by_id[ONE_THEME])["line"] == id_line(ONE_THEME)
