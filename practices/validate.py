"""Validation of data/practices.yaml: the schema first, then the rules it cannot express.

Every rule is a small function that yields Problems; each has its own test.
All problems are reported at once, never only the first.
"""
from __future__ import annotations

import gc
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Iterable

from .problems import Problem
from .schemacheck import SchemaChecker, duplicate_key_problems, field_label, line_of
from .schemafields import Field, record_fields, walk
from .training import TRAINING_DIR, load_training
from .vocabulary import Vocabularies, load_beside_records, load_vocabularies
from .yamlload import Mapping, PlainDate, load_yaml

SCHEMA_PATH = Path(__file__).parent / "schema" / "practice.schema.json"


@cache
def practice_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass
class Context:
    file: str
    vocab: Vocabularies
    checker: SchemaChecker


def _walk(value: object, path: list) -> Iterable[tuple[list, object]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, path + [key])
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, path + [index])


def _records(data: object) -> list[tuple[int, dict]]:
    return [(i, r) for i, r in enumerate(data if isinstance(data, list) else []) if isinstance(r, dict)]


def _name(record: Mapping, position: int) -> str:
    ident = record.get("id")
    return ident if isinstance(ident, str) else f"record #{position + 1}"


def rule_unique_ids(data: list, ctx: Context) -> Iterable[Problem]:
    """Two records with one id would share one page: the second would vanish."""
    seen: dict[str, int] = {}
    for position, record in _records(data):
        ident = record.get("id")
        if not isinstance(ident, str):
            continue
        line = line_of(record, ["id"])
        if ident in seen:
            yield Problem(ctx.file, line, ident, "id", f"is already used by the record at line {seen[ident]}",
                          "give this record an id of its own")
        else:
            seen[ident] = line


# The folder of a listing's numbered pages (cases/page/2/): a record with this id would have its
# page where the all-practices listing's numbered pages go.
NUMBERED_PAGES = "page"


def rule_reserved_ids(data: list, ctx: Context) -> Iterable[Problem]:
    """An id that names a folder of the site's own would put the record's page where another goes."""
    for position, record in _records(data):
        if record.get("id") == NUMBERED_PAGES:
            yield Problem(ctx.file, line_of(record, ["id"]), NUMBERED_PAGES, "id",
                          f'"{NUMBERED_PAGES}" is kept for the numbered pages of the lists of practices',
                          "give the record a longer id made of its place and subject, for example upala-cross-border-mobility")


def rule_related_exist(data: list, ctx: Context) -> Iterable[Problem]:
    """A related id must name another record of the library."""
    ids = {r.get("id") for _, r in _records(data)}
    for position, record in _records(data):
        related = record.get("related")
        if not isinstance(related, list):
            continue
        for index, other in enumerate(related):
            if not isinstance(other, str):
                continue
            path = ["related", index]
            if other == record.get("id"):
                yield Problem(ctx.file, line_of(record, path), _name(record, position), field_label(path),
                              "points to the record itself", "remove it; related lists other records")
            elif other not in ids:
                yield Problem(ctx.file, line_of(record, path), _name(record, position), field_label(path),
                              f'"{other}" is not the id of any record',
                              "use the id of an existing record, or add that record first")


def _describes(ids: set, linked: set) -> bool:
    """Whether a records file is the library that the data beside it links (the guides' checklists
    and prompts). A file that holds none of the linked records (a draft of one record, the broken
    corpus, a test's crafted library, a synthetic library) is not, and is not asked to hold them."""
    return bool(linked & ids)


def rule_dc_checklist_practices_exist(data: list, ctx: Context) -> Iterable[Problem]:
    """The decentralised-cooperation guide's checklist items link the records that illustrate them:
    each link must name a record of the library, or the step pages and the self-assessment would
    point to a page that does not exist (in the library the guide describes: see _describes)."""
    ids = {r.get("id") for _, r in _records(data)}
    if not _describes(ids, {p for item in ctx.vocab.dc_checklist.values() for p in item["practices"]}):
        return
    file = ctx.vocab.where("dc_checklist")
    for ident, item in ctx.vocab.dc_checklist.items():
        for index, practice in enumerate(item["practices"]):
            if practice not in ids:
                path = ["practices", index]
                yield Problem(file, line_of(item, path), ident, field_label(path),
                              f'"{practice}" is not the id of any record',
                              f"use the id of a record in {ctx.file}, or add that record first")


def rule_dates_only_where_dates(data: list, ctx: Context) -> Iterable[Problem]:
    """YAML 1.1 reads 2016-03-01 as a date; in a text field that is a trap."""
    for position, record in _records(data):
        for path, value in _walk(record, []):
            if isinstance(value, PlainDate) and ctx.checker.schema_at([position] + path).get("format") != "date":
                yield Problem(ctx.file, line_of(record, path), _name(record, position), field_label(path),
                              "is read as a date, but text is expected",
                              f'put the value in quotes so it is read as text: "{value}"')


IMAGE = re.compile(r"!\[[^\]]*\]")
LINK_TARGET = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*):|^\s*\[[^\]]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*):", re.M)
SAFE_SCHEMES = {"http", "https", "mailto"}


def rule_safe_markdown(data: list, ctx: Context) -> Iterable[Problem]:
    """Text may be Markdown, but must not load images from elsewhere or run script links."""
    for position, record in _records(data):
        for path, value in _walk(record, []):
            if not isinstance(value, str) or "]" not in value:  # images and links both need a "]"
                continue
            image = IMAGE.search(value)
            schemes = [(m[1] or m[2]).lower() for m in LINK_TARGET.finditer(value)]
            unsafe = [scheme for scheme in schemes if scheme not in SAFE_SCHEMES]
            if not image and not unsafe:
                continue  # the common case: finding the line is the costly part, so only on a problem
            where = (ctx.file, line_of(record, path), _name(record, position), field_label(path))
            if image:
                yield Problem(*where, "contains an image",
                              "remove the image and describe it in words: the site loads nothing from other sites")
            for scheme in unsafe:
                yield Problem(*where, f'contains a "{scheme}:" link',
                              "link only to web addresses that start with https://")


def rule_discussion_guide_practices(data: list, ctx: Context) -> Iterable[Problem]:
    """The practices a discussion guide's prompt or initiative names must be records of the library
    (of the library the guides describe: see _describes)."""
    ids = {r.get("id") for _, r in _records(data)}
    file = ctx.vocab.where("discussion_guides")
    weeks = [(week_id, [(f"prompt {prompt['id']}", prompt) for prompt in week["prompts"]]
              + [(f"initiative #{n}", initiative) for n, initiative in enumerate(week.get("initiatives", []), 1)])
             for week_id, week in ctx.vocab.discussion_guides.items()]
    if not _describes(ids, {p for _, parts in weeks for _, part in parts for p in part.get("practices", [])}):
        return
    for week_id, parts in weeks:
        for where, part in parts:
            for index, other in enumerate(part.get("practices", [])):
                if other not in ids:
                    yield Problem(file, line_of(part, ["practices", index]), week_id, f"{where}: practices #{index + 1}",
                                  f'"{other}" is not the id of any record',
                                  f"use the id of a record in {ctx.file}, or remove it")


PLACEHOLDER = "TODO"
STILL_PLACEHOLDER = f"still says {PLACEHOLDER}"
PLACEHOLDER_WORD = re.compile(rf"\b{PLACEHOLDER}\b")


@cache
def _fields_by_path() -> dict[tuple, Field]:
    return {f.path: f for f in walk(record_fields(practice_schema()))}


def _what_goes_here(description: str) -> str:
    """'Optional: The pages, as text.' -> 'the pages, as text'."""
    text = description.removeprefix("Optional: ").split(". ")[0].rstrip(".")
    return text[:1].lower() + text[1:]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - {"a", "an", "and", "as", "for", "in", "it", "of", "the", "to"}


def _vocabulary_hint(vocab: Vocabularies, name: str) -> str:
    entries = [str(k) for k in getattr(vocab, name, {})]
    if name == "sdg_targets":
        return f"the targets are listed in {vocab.where(name)}"
    if entries and len(entries) <= 12:
        return f"use one of: {', '.join(entries)}"
    return f"use a {vocab.noun(name)} from {vocab.where(name)}"


def _placeholder_fix(record: Mapping, path: list, vocab: Vocabularies) -> str:
    """What to write instead of TODO, from the schema: what goes here, then how to write it."""
    field = _fields_by_path().get(tuple(step for step in path if isinstance(step, str)))
    if field is None:
        return "replace it with your own text"
    item = isinstance(path[-1], int)
    schema = field.items if item else field.schema
    what = _what_goes_here(field.schema.get("description", "")) or "your own text"
    hints = [f"replace it with {what}"]
    how = schema.get("x-fix") or (None if item else field.schema.get("x-fix"))
    if how and _words(how) - _words(what) - {"write", "say", "some", "text"}:  # only when it tells more
        hints.append(how)
    if schema.get("x-vocabulary"):
        hints.append(_vocabulary_hint(vocab, schema["x-vocabulary"]))
    elif schema.get("x-reference") == "practice":
        hints.append("use the id of another record in this file")
    if item and not field.schema.get("minItems"):
        hints.append("or leave the list empty: []")
    elif not item and not field.required_for(record):
        hints.append("or delete the line: this field is optional")
    return "; ".join(hints)


def rule_no_placeholders(data: list, ctx: Context) -> Iterable[Problem]:
    """`practices new` writes TODO in every field to fill: a record is done when none is left."""
    for position, record in _records(data):
        for path, value in _walk(record, []):
            if path and isinstance(value, str) and PLACEHOLDER in value and PLACEHOLDER_WORD.search(value):
                yield Problem(ctx.file, line_of(record, path), _name(record, position), field_label(path),
                              STILL_PLACEHOLDER, _placeholder_fix(record, path, ctx.vocab))


def _placeholders_first(problems: list[Problem]) -> list[Problem]:
    """A field that still says TODO gets one problem, the TODO one, not also a complaint about its form."""
    todo = {(p.file, p.line, p.record, p.field) for p in problems if p.message == STILL_PLACEHOLDER}
    return [p for p in problems
            if p.message == STILL_PLACEHOLDER or (p.file, p.line, p.record, p.field) not in todo]


RULES: list[Callable[[list, Context], Iterable[Problem]]] = [
    rule_unique_ids,
    rule_reserved_ids,
    rule_related_exist,
    rule_dc_checklist_practices_exist,
    rule_dates_only_where_dates,
    rule_safe_markdown,
    rule_no_placeholders,
    rule_discussion_guide_practices,
]


@contextmanager
def _gc_paused():
    """The records are a tree of millions of small objects with no cycles: Python's cyclic
    collector would scan them again and again while they are built (a quarter of the time
    for 5,000 records) and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(practices_path: Path, display: str | None = None,
          vocab_dir: Path | None = None) -> tuple[list, Vocabularies, list[Problem]]:
    """Load and validate the practices file and the vocabularies (by default in vocab/ beside it).

    Returns (records, vocabularies, problems); the records are only safe to
    use when problems is empty.
    """
    with _gc_paused():
        return _check(Path(practices_path), display, vocab_dir)


def _check(practices_path: Path, display: str | None,
           vocab_dir: Path | None) -> tuple[list, Vocabularies, list[Problem]]:
    display = display or _display(practices_path)
    if vocab_dir is None:
        vocab_dir = practices_path.parent / "vocab"
        vocab_display = str(Path(display).parent / "vocab")
    else:
        vocab_display = _display(Path(vocab_dir))
    vocab, problems = load_vocabularies(Path(vocab_dir), vocab_display)
    problems += load_beside_records(vocab, practices_path.parent, str(Path(display).parent))
    data, syntax, duplicates = load_yaml(practices_path, display)
    problems += syntax
    if syntax:
        return [], vocab, problems
    source_lines = practices_path.read_text(encoding="utf-8").splitlines()
    checker = SchemaChecker(practice_schema(), "#", display, vocab, source_lines=source_lines)
    problems += duplicate_key_problems(data, duplicates, display)
    problems += checker.problems(data)
    ctx = Context(display, vocab, checker)
    for rule in RULES:
        problems += rule(data, ctx)
    # the training modules cite records (their examples): checked once the records are read
    ids = {r["id"] for _, r in _records(data) if isinstance(r.get("id"), str)}
    vocab.training, found = load_training(practices_path.parent / TRAINING_DIR, str(Path(display).parent / TRAINING_DIR),
                                          vocab, ids)
    problems += found
    return (data if isinstance(data, list) else []), vocab, _placeholders_first(problems)


def _display(path: Path) -> str:
    """The path as a contributor sees it: relative to the current folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
