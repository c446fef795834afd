"""The library's open data: every record as JSON and as CSV, the schema beside them, and a feed.

Plain Python: both site engines publish these files, MkDocs through its hook and Zensical
from the folder `practices generate` fills (generate.generated_pages adds them to the pages).

The CSV is one row per record, its columns read from the schema (`columns`), so a field
added to practice.schema.json becomes a column with no change here. How each cell is
written (CSV_CONVENTIONS) is documented on the Data page from the same constants, and
`read_csv` reads a file back to the very records it was written from.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .render import TEMPLATES, PageFile, PageRenderer
from .schemafields import Field, record_fields
from .validate import practice_schema

# The published files, by their path under the site root: their addresses do not change.
JSON_FILE = "data/practices.json"
CSV_FILE = "data/practices.csv"
SCHEMA_FILE = "data/practice.schema.json"
FEED_FILE = "feed.xml"
# The hand-written pages that describe them (in the nav; every page's footer links them).
DATA_PAGE = "data/index.md"
CHANGES_PAGE = "changes/index.md"
SCHEMA_SOURCE = Path(__file__).parent / "schema" / "practice.schema.json"

# The feed and the changes page hold the most recently reviewed records only: both stay small as
# the library grows (every record, with its date, is in the exports).
RECENT = 50

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection);
# such a text cell is written with an apostrophe before it, and so is one that starts with an
# apostrophe, so that reading strips exactly one and gets the text back.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
# The column that is not a field: each record's page, for a report's reference.
PAGE_COLUMN = "page_url"
# Excel takes a CSV file for its local code page unless it starts with a byte-order mark.
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """One column of the CSV: a field, a field of a group (location.country), or a field of each
    item of a list of groups (actors.name)."""

    name: str
    field: Field
    parent: Field | None = None    # the group or list of groups the field belongs to

    @property
    def in_items(self) -> bool:
        return self.parent is not None and self.parent.is_list

    @property
    def is_json(self) -> bool:
        """Written as a JSON array: a list, or one value per item of a list of groups."""
        return self.in_items or self.field.is_list

    @property
    def how(self) -> str:
        """How its cells are written, in words (the Data page's column table)."""
        if self.in_items:
            return (f"a JSON list, one value per item of {self.parent.name} in the same order; "
                    "null where an item has no such field")
        if self.field.is_list:
            return "a JSON list of the values"
        if self.field.schema.get("type") == "integer":
            return "a whole number"
        return "text" + (" (Markdown)" if self.field.schema.get("x-markdown") else "")


def columns(schema: dict | None = None) -> list[Column]:
    """The CSV columns, in the schema's order of fields; groups and lists of groups flattened."""
    out = []
    for f in record_fields(schema or practice_schema()):
        if f.children:  # a group (location) or a list of groups (actors): a column per field inside
            out += [Column(f"{f.name}.{c.name}", c, f) for c in f.children]
        else:
            out.append(Column(f.name, f))
    return out


def _text_cell(value: object) -> str:
    text = str(value)
    return GUARD + text if text.startswith(FORMULA_STARTS + (GUARD,)) else text


def _cell(record: dict, column: Column) -> str:
    if column.parent is None:
        if column.field.name not in record:
            return ""
        value = record[column.field.name]
        return json.dumps(value, ensure_ascii=False) if column.is_json else _text_cell(value)
    outer = record.get(column.parent.name)
    if outer is None:
        return ""
    if column.in_items:
        return json.dumps([item.get(column.field.name) for item in outer], ensure_ascii=False)
    if column.field.name not in outer:
        return ""
    value = outer[column.field.name]
    return json.dumps(value, ensure_ascii=False) if column.is_json else _text_cell(value)


def records_csv(site: PageRenderer) -> str:
    """Every record as a row of CSV (RFC 4180: commas, double quotes, CRLF), with a header row."""
    cols = columns()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in cols] + [PAGE_COLUMN])
    for p in site.library.practices:
        writer.writerow([_cell(p.record, c) for c in cols] + [site.absolute_url(site.case_path(p.id))])
    return BOM + out.getvalue()


def _value(text: str, column: Column) -> object:
    if column.is_json:
        return json.loads(text)
    if column.field.schema.get("type") == "integer":
        return int(text)
    return text[len(GUARD):] if text.startswith(GUARD) else text


def read_csv(text: str) -> list[dict]:
    """The records of a CSV written by records_csv: the inverse of it, field for field."""
    rows = csv.DictReader(io.StringIO(text.removeprefix(BOM), newline=""))
    cols = columns()
    order = [f.name for f in record_fields(practice_schema())]
    records = []
    for row in rows:
        record: dict = {}
        for c in cols:
            cell = row[c.name]
            if cell == "":  # an empty cell is a field the record does not have (no text field is empty)
                continue
            value = _value(cell, c)
            if c.parent is None:
                record[c.field.name] = value
            elif c.in_items:
                items = record.setdefault(c.parent.name, [{} for _ in value])
                for item, v in zip(items, value):
                    if v is not None:
                        item[c.field.name] = v
            else:
                record.setdefault(c.parent.name, {})[c.field.name] = value
        records.append({k: record[k] for k in order if k in record})
    return records


def records_json(site: PageRenderer) -> str:
    """Every record as JSON, as validated: a list of objects, one line each."""
    lines = [json.dumps(p.record, ensure_ascii=False) for p in site.library.practices]
    return "[\n" + ",\n".join(lines) + "\n]\n"


# -- the feed of reviewed records -------------------------------------------------------------

# XML 1.0 forbids these characters even as references; escaping cannot save them, so they go.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _feed_environment() -> Environment:
    # autoescape: & < > " and ' become references, which XML reads as the characters
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
                      finalize=_xml_text, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def recent(site: PageRenderer, count: int = RECENT) -> list:
    """The most recently reviewed records, newest first (then by title): what the feed and the changes page show."""
    practices = sorted(site.library.practices, key=lambda p: p["title"].lower())
    practices.sort(key=lambda p: str(p["last_reviewed"]), reverse=True)
    return practices[:count]


def feed(site: PageRenderer) -> str:
    """An Atom feed of the most recently reviewed records, each linking to its page."""
    entries = recent(site)
    updated = str(entries[0]["last_reviewed"]) if entries else "1970-01-01"
    return _feed_environment().get_template("feed.xml.j2").render(
        site=site, entries=entries, updated=updated, vocab=site.vocab,
        feed_url=site.absolute_url(FEED_FILE), changes_url=site.absolute_url(CHANGES_PAGE),
        home_url=site.absolute_url("index.md"))


def open_data_files(site: PageRenderer) -> list[PageFile]:
    """The files every build publishes beside the pages: the exports, the schema and the feed."""
    return [PageFile(JSON_FILE, records_json(site)), PageFile(CSV_FILE, records_csv(site)),
            PageFile(SCHEMA_FILE, SCHEMA_SOURCE.read_text(encoding="utf-8")), PageFile(FEED_FILE, feed(site))]


__all__ = ["BOM", "CHANGES_PAGE", "changes", "data_reference", "CSV_FILE", "Column", "DATA_PAGE", "FEED_FILE", "FORMULA_STARTS", "GUARD",
           "JSON_FILE", "PAGE_COLUMN", "RECENT", "SCHEMA_FILE", "columns", "feed", "open_data_files", "read_csv",
           "recent", "records_csv", "records_json"]


# -- the pages that present them (hand-written pages call these through hooks/macros.py) ------------

def data_reference(site: PageRenderer) -> str:
    """Markdown: every CSV column with what it holds and how it is written, the conventions, and how to
    cite the data; generated from the schema at each build, as the field reference is."""
    from .schema_reference import required_in_words  # the same words as the field reference
    latest = max((str(p["last_reviewed"]) for p in site.library.practices), default="")
    return site.md.get_template("data_reference.md.j2").render(
        columns=columns(), required=required_in_words, page_column=PAGE_COLUMN, guard=GUARD,
        formula_starts=[c for c in FORMULA_STARTS if c.isprintable()], latest=latest,
        data_url=site.absolute_url(DATA_PAGE), files={"json": JSON_FILE, "csv": CSV_FILE, "schema": SCHEMA_FILE})


def changes(site: PageRenderer, root: str = "") -> str:
    """Markdown: the most recently reviewed records, under their review dates, newest first."""
    groups: dict[str, list] = {}
    for p in recent(site):
        groups.setdefault(str(p["last_reviewed"]), []).append(p)
    return site.md.get_template("changes.md.j2").render(
        groups=groups, root=root, recent=RECENT, total=len(site.library.practices), feed=FEED_FILE,
        csv_file=CSV_FILE)
