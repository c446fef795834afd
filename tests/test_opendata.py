"""Open data: the JSON and CSV exports read back to the records, the Atom feed, citations, licences."""
from __future__ import annotations

import copy
import csv
import html
import io
import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import jsonschema
import pytest
import yaml

from conftest import ROOT, crafted
from htmlcheck import Page, html_pages
from practices import opendata
from practices.generate import generated_pages
from practices.library import Library
from practices.render import PageRenderer
from practices.schemafields import record_fields
from practices.validate import practice_schema

SITE_URL = "https://example.org/library/"
HOSTILE = 'Río "quoted", a comma, «ñ» & <b>bold</b> </title><script>alert(1)</script> ]]> **Markdown** [link](x)\nsecond line'
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(1)", "'already quoted", "\tTab first"]


def _required_only(record: dict, kind: str) -> dict:
    """The record cut down to the fields every record must have: nothing optional may be assumed."""
    required = {f.name for f in record_fields(practice_schema()) if f.required}
    return {k: v for k, v in record.items() if k in required} | {"kind": kind}


@pytest.fixture(scope="module")
def hostile(library):
    """A crafted library: one record of each kind, with the fields only that kind must have, and one record
    whose every kind of field carries quotes, commas, line breaks, non-ASCII, Markdown, markup and formulas."""
    first = copy.deepcopy(library.practices[0].record)  # as validated: dates stay the text written
    first.pop("related", None)
    # the place is required of some kinds only (the schema's if/then): every record keeps it but the last,
    # since short example records may have none and the exports must not assume one
    records = [_required_only(first, kind) | {"id": f"only-required-{kind}", "location": first["location"]}
               for kind in library.vocab.kinds]
    records[-1].pop("location")
    loud = copy.deepcopy(first) | {
        "id": "hostile", "title": HOSTILE, "summary": FORMULAS[0], "period": FORMULAS[1],
        "introduction": FORMULAS[2] + "\n\n- a Markdown list\n- \"quoted\", item", "context": FORMULAS[3],
        "practice": FORMULAS[4], "budget": FORMULAS[5], "keywords": [HOSTILE, *FORMULAS, "a, b; c | d"],
        "actors": [{"name": HOSTILE, "type": first["actors"][0]["type"]},
                   {"name": "=HYPERLINK(\"x\")", "type": first["actors"][0]["type"], "role": HOSTILE}],
        "lessons": [{"title": FORMULAS[0], "text": HOSTILE}],
        "figures": [], "related": [], "toolbox": [{"module": first["toolbox"][0]["module"], "topic": 2},
                                                   {"module": first["toolbox"][0]["module"]}],
        "last_reviewed": "2099-12-31",
    }
    return Library([*records, loud], library.vocab)  # not crafted(): it would give back the fields cut off


def _site(library) -> PageRenderer:
    return PageRenderer(library, site_url=SITE_URL, site_name="Good Practice Library")


@pytest.fixture(scope="module", params=["real", "crafted"])
def any_library(request, library, hostile):
    return library if request.param == "real" else hostile


def test_every_kind_and_a_hostile_record_are_in_the_crafted_library(library, hostile):
    assert {p["kind"] for p in hostile.practices} == set(library.vocab.kinds)
    assert any("location" not in p.record for p in hostile.practices)


# -- JSON -----------------------------------------------------------------------------------

def test_json_export_is_the_validated_records_exactly(any_library):
    assert json.loads(opendata.records_json(_site(any_library))) == [p.record for p in any_library.practices]


# -- CSV ------------------------------------------------------------------------------------

def test_csv_reads_back_to_every_record_field_and_character(any_library):
    text = opendata.records_csv(_site(any_library))
    assert opendata.read_csv(text) == [p.record for p in any_library.practices]


def _rows(text: str) -> list[list[str]]:
    """The file as any CSV reader sees it (the standard library's, reading UTF-8 with its byte-order mark)."""
    return list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))


def test_csv_has_a_header_and_one_row_per_record_with_its_page(any_library):
    site = _site(any_library)
    text = opendata.records_csv(site)
    assert text.startswith(opendata.BOM)
    header, *rows = _rows(text)
    assert header == [c.name for c in opendata.columns()] + [opendata.PAGE_COLUMN]
    assert len(rows) == len(any_library.practices) and all(len(r) == len(header) for r in rows)
    assert [r[header.index("id")] for r in rows] == [p.id for p in any_library.practices]
    assert [r[-1] for r in rows] == [SITE_URL + f"cases/{p.id}/" for p in any_library.practices]


def test_csv_columns_cover_every_field_of_the_schema():
    fields = {".".join(f.path) for f in record_fields(practice_schema()) for f in [f, *f.children]}
    parents = {f.name for f in record_fields(practice_schema()) if f.children}
    assert {c.name for c in opendata.columns()} == fields - parents


def test_no_csv_cell_starts_a_spreadsheet_formula(hostile):
    header, *rows = _rows(opendata.records_csv(_site(hostile)))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(opendata.FORMULA_STARTS)]
    row = dict(zip(header, rows[-1]))
    assert row["summary"] == "'" + FORMULAS[0] and row["practice"] == "''already quoted"
    assert row["title"] == HOSTILE  # other text is written as it is
    assert json.loads(row["actors.role"]) == [None, HOSTILE] and json.loads(row["figures.value"]) == []
    assert json.loads(row["toolbox.topic"]) == [2, None]


def test_a_record_without_optional_fields_leaves_their_cells_empty(hostile):
    header, *rows = _rows(opendata.records_csv(_site(hostile)))
    bare = dict(zip(header, rows[-2]))
    assert "location" not in hostile.practices[-2].record
    assert bare["location.country"] == bare["actors.name"] == bare["keywords"] == ""


# -- feed -----------------------------------------------------------------------------------

def test_feed_is_well_formed_atom_with_an_entry_per_recent_record(any_library):
    site = _site(any_library)
    text = opendata.feed(site)
    ET.fromstring(text.encode("utf-8"))  # well-formed XML, or this raises
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    expected = opendata.recent(site)
    assert 0 < len(parsed.entries) == len(expected) <= opendata.RECENT
    assert [e.link for e in parsed.entries] == [SITE_URL + f"cases/{p.id}/" for p in expected]
    assert [e.title for e in parsed.entries] == [p["title"] for p in expected]
    dates = [e.updated[:10] for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    assert parsed.feed.link == SITE_URL + "changes/"


def test_feed_escapes_a_hostile_title(hostile):
    text = opendata.feed(_site(hostile))
    assert "<script>" not in text and "<b>" not in text
    entry = feedparser.parse(text).entries[0]  # the newest: the hostile record
    assert entry.title == HOSTILE


def test_feed_drops_characters_xml_cannot_hold(library):
    record = dict(library.practices[0].record) | {"title": "bell\x07 and form feed\x0c"}
    text = opendata.feed(_site(crafted(library, record)))
    ET.fromstring(text.encode("utf-8"))
    assert feedparser.parse(text).entries[0].title == "bell and form feed"


# -- changes page ---------------------------------------------------------------------------

def test_changes_page_lists_recent_records_under_their_dates_with_text_escaped(hostile):
    text = opendata.changes(_site(hostile), root="../")
    dates = [line[3:13] for line in text.splitlines() if line.startswith("## ")]
    assert dates == sorted(set(dates), reverse=True)
    assert "](../cases/hostile/index.md)" in text and "<script>" not in text
    assert "](../cases/only-required-example/index.md)" in text  # a record without a place still shows


# -- citations ------------------------------------------------------------------------------

def test_every_case_page_says_how_to_cite_its_source_and_itself(library):
    site = _site(library)
    pages = {p.path: p.content for p in site.pages()}
    for practice in library.practices:
        page = pages[site.case_path(practice.id)]
        cite = html.unescape(page[page.index("## How to cite"):])  # titles may hold "&", written &amp;
        pub = library.vocab.publications[practice["source"]["publication"]]
        assert pub["authors"] in cite and pub["title"] in cite and f"pages {practice['source']['pages']}" in cite
        assert (pub.get("year") or "") in cite
        assert ("Available from" in cite) == ("url" in pub) and (f"({pub.get('url')})" in cite) == ("url" in pub)
        assert SITE_URL + f"cases/{practice.id}/" in cite and str(practice["last_reviewed"]) in cite
        assert f"Record last reviewed on {practice['last_reviewed']}" in page  # the Source section


def test_some_publication_has_an_address_and_every_address_is_web(library):
    urls = [p["url"] for p in library.vocab.publications.values() if "url" in p]
    assert urls and all(urlsplit(u).scheme in ("http", "https") for u in urls)


def test_citation_file_is_valid_citation_file_format():
    """Checked against the Citation File Format 1.2.0 schema, as shipped in the PyPI package cffconvert 2.0.0
    (tests/vendor/; that package itself pins jsonschema < 4, which the project cannot install beside its own)."""
    schema = json.loads((ROOT / "tests" / "vendor" / "citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(citation)
    assert citation["cff-version"] == "1.2.0"


def test_licences_agree_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    legal_code = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert legal_code.startswith("Creative Commons Attribution 4.0 International") and "Section 8" in legal_code
    assert sorted(citation["license"]) == ["CC-BY-4.0", "MIT"]
    assert "CC BY 4.0" in settings["copyright"] and "MIT" in settings["copyright"]
    assert citation["url"] == settings["site_url"] and citation["repository-code"] == settings["repo_url"]


# -- both engines publish them ----------------------------------------------------------------

def test_the_exports_and_the_feed_are_generated_pages_for_both_engines(library):
    files = {p.path: p.content for p in generated_pages(ROOT)}
    for path in (opendata.JSON_FILE, opendata.CSV_FILE, opendata.SCHEMA_FILE, opendata.FEED_FILE):
        assert path in files
    assert json.loads(files[opendata.SCHEMA_FILE]) == practice_schema()


def test_built_site_publishes_the_exports_at_their_addresses(built_site, library):
    records = [p.record for p in library.practices]
    assert json.loads((built_site / opendata.JSON_FILE).read_text(encoding="utf-8")) == records
    assert opendata.read_csv((built_site / opendata.CSV_FILE).read_text(encoding="utf-8")) == records
    assert json.loads((built_site / opendata.SCHEMA_FILE).read_text(encoding="utf-8")) == practice_schema()


def test_built_feed_links_to_pages_that_exist(built_site):
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    parsed = feedparser.parse((built_site / opendata.FEED_FILE).read_bytes())
    assert not parsed.bozo and parsed.entries
    for entry in parsed.entries:
        assert entry.link.startswith(site_url)
        assert (built_site / entry.link.removeprefix(site_url) / "index.html").exists(), entry.link


def test_every_page_announces_the_feed_and_links_licence_and_accessibility_in_its_footer(built_site):
    for path in html_pages(built_site):
        page = Page(path)
        feeds = [a for tag, a in page.elements if tag == "link" and a.get("type") == "application/atom+xml"]
        assert [a.get("rel") for a in feeds] == ["alternate"], path
        assert feeds[0]["href"].endswith("feed.xml"), path
        here = "/" + path.relative_to(built_site).parent.as_posix().strip(".") + "/"
        links = [urljoin(here.replace("//", "/"), a.get("href", "")) for tag, a in page.elements if tag == "a"]
        for target in ("data/#licence", "accessibility/", "changes/"):
            assert any(h.endswith("/" + target) for h in links), f"{path}: no link to {target}"
        assert "CC BY 4.0" in page.text and "MIT" in page.text, path


def test_data_page_documents_every_column_licence_and_citation(built_site):
    page = Page(built_site / "data" / "index.html")
    for column in opendata.columns():
        assert column.name in page.text
    assert opendata.PAGE_COLUMN in page.text
    assert "CC BY 4.0" in page.text and "How to cite the data" in page.text
    assert {"practices.csv", "practices.json", "practice.schema.json"} <= {h.rsplit("/", 1)[-1] for h in page.links}


def _nav_entries(items) -> list[tuple[str, str]]:
    """(title, file) of every titled page of mkdocs.yml's nav."""
    found = []
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                found += [(title, value)] if isinstance(value, str) else _nav_entries(value)
    return found


def test_every_titled_page_of_the_nav_has_its_own_link_under_its_title(built_site):
    """A section's index.md takes the section's link (navigation.indexes): a page put there loses its title."""
    import re
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    html = (built_site / "index.html").read_text(encoding="utf-8")
    primary = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    links = {("" if href == "." else href.removeprefix("./"), " ".join(text.split())) for href, text in
             re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">(.*?)</span>',
                        primary, re.S)}
    for title, path in _nav_entries(nav):
        url = PageRenderer.url(path)
        assert (url, title) in links, f"{title} ({path}) has no link of its own in the navigation"


def test_about_page_cites_every_publication_with_its_address_only_where_it_has_one(built_site, library):
    page = Page(built_site / "about" / "index.html")
    publications = list(library.vocab.publications.values())
    for pub in publications:
        assert pub["title"] in page.text
    for url in {pub["url"] for pub in publications if "url" in pub}:  # one link per publication that has it
        assert page.links.count(url) == sum(pub.get("url") == url for pub in publications)
