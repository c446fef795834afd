"""`practices new`: start a practice record, with TODO in each field still to fill.

The fields and their order come from the schema (schemafields.py); the
layout of the text comes from templates/new_record.yaml.j2. The record is
appended to the end of the practices file as text, so everything already in
the file, its order and its comments, stays exactly as it was.
"""
from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .schemafields import Field, field_schema, record_fields
from .validate import PLACEHOLDER, practice_schema
from .vocabulary import Vocabularies
from .yamlload import load_yaml

TEMPLATES = Path(__file__).parent / "templates"
# The forms an id and the pages must take are the schema's; answers are checked against them.
ID_PATTERN = re.compile(field_schema(practice_schema(), ("id",))["pattern"])
PAGES_PATTERN = re.compile(field_schema(practice_schema(), ("source", "pages"))["pattern"])

# Words that carry no meaning in an id.
SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
               "d", "de", "del", "des", "du"}
# Words that name the kind of place rather than the place itself.
PLACE_WORDS = {"municipality", "municipal", "city", "town", "commune", "district", "province", "provincial",
               "department", "region", "regional", "county", "state", "council", "government", "rural"}
TITLE_WORDS, PLACE_WORDS_KEPT, MAX_ID = 3, 2, 60


class ScaffoldError(Exception):
    """A value the contributor gave cannot be used; the message says why."""


# -- the id ------------------------------------------------------------------------------------
def slug_words(text: str) -> list[str]:
    """'Río San Juan' -> ['rio', 'san', 'juan']: lower case, accents dropped, only letters and digits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", plain.lower())


def derive_id(title: str, territory: str, taken: set[str]) -> str:
    """A short id from the place and the first words of the title, not yet taken.

    "Municipality of Upala" + "An Integral Model for the Management of Cross-Border
    Mobility" -> "upala-integral-model-management".
    """
    place = [w for w in slug_words(territory) if w not in SMALL_WORDS | PLACE_WORDS][:PLACE_WORDS_KEPT]
    if not place:  # "Municipality" alone: better than nothing
        place = [w for w in slug_words(territory) if w not in SMALL_WORDS][:PLACE_WORDS_KEPT]
    words = [w for w in slug_words(title) if w not in SMALL_WORDS][:TITLE_WORDS]
    base = "-".join(place + words)[:MAX_ID].strip("-") or "new-practice"
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    return ident


def existing_ids(path: Path) -> set[str]:
    """The ids already in the practices file (read leniently: the file may be mid-edit)."""
    data, problems, _ = load_yaml(path, str(path))
    if isinstance(data, list):
        return {r["id"] for r in data if isinstance(r, dict) and isinstance(r.get("id"), str)}
    if not path.exists():
        return set()
    # the file cannot be read as YAML: fall back to the lines that start a record
    return set(re.findall(r"^-\s+id:\s*[\"']?([a-z0-9-]+)", path.read_text(encoding="utf-8"), re.M))


# -- the values a contributor gives ----------------------------------------------------------------
@dataclass
class Answers:
    """What `practices new` is told; anything left as None becomes TODO."""

    title: str | None = None
    territory: str | None = None
    country: str | None = None
    level: str | None = None
    themes: list[str] = field(default_factory=list)
    kind: str | None = None
    publication: str | None = None
    pages: str | None = None
    id: str | None = None

    def by_path(self, today: str) -> dict[tuple, object]:
        """The values by their place in the record, as the schema names it."""
        return {
            ("id",): self.id, ("kind",): self.kind, ("title",): self.title,
            ("themes",): self.themes or None,
            ("location", "territory"): self.territory, ("location", "country"): self.country,
            ("location", "level"): self.level,
            ("source", "publication"): self.publication, ("source", "pages"): self.pages,
            ("last_reviewed",): today,
        }


# Which vocabulary each answer must come from, and the flag that gives it.
CHOICES = {"country": ("countries", "--country"), "level": ("levels", "--level"), "kind": ("kinds", "--kind"),
           "publication": ("publications", "--publication")}


def check_answers(answers: Answers, vocab: Vocabularies, taken: set[str]) -> None:
    """Refuse values that are sure to fail validation, before anything is written."""
    for name, (vocabulary, flag) in CHOICES.items():
        value = getattr(answers, name)
        if value is not None and value not in getattr(vocab, vocabulary):
            raise ScaffoldError(f'{flag} "{value}" is not a known {vocab.noun(vocabulary)} '
                                f"({choice_hint(vocab, vocabulary)})")
    for theme in answers.themes:
        if theme not in vocab.themes:
            raise ScaffoldError(f'--theme "{theme}" is not a known theme ({choice_hint(vocab, "themes")})')
    if answers.pages is not None and not PAGES_PATTERN.search(answers.pages):
        raise ScaffoldError(f'--pages "{answers.pages}" is not a page or a range of pages (write it like 19-24)')
    if answers.id is not None:
        if not ID_PATTERN.match(answers.id):
            raise ScaffoldError(f'--id "{answers.id}" is not a valid id (use lower-case letters, digits '
                                "and single hyphens, for example upala-cross-border-mobility)")
        if answers.id in taken:
            raise ScaffoldError(f'--id "{answers.id}" is already the id of a record (choose another one)')


def choice_hint(vocab: Vocabularies, vocabulary: str) -> str:
    entries = getattr(vocab, vocabulary)
    if len(entries) <= 12:
        return "use one of: " + ", ".join(map(str, entries))
    return f"see {vocab.where(vocabulary)}"


# -- the record as a tree the template lays out ------------------------------------------------------
@dataclass
class Entry:
    """One line (or block) of the new record."""

    name: str
    style: str            # scalar, literal, folded, flow, group, items, list
    value: str = ""       # scalar styles: the YAML text of the value
    values: list[str] = field(default_factory=list)  # flow and list: the YAML text of each item
    children: list["Entry"] = field(default_factory=list)  # group and items: the fields of one group


def yaml_scalar(value: object, schema: dict) -> str:
    """A value as YAML text: plain where YAML reads it back unchanged, quoted otherwise."""
    text = str(value)
    if schema.get("format") == "date":
        return text  # YAML reads it as a date, which is what the field wants
    if "in quotes" in schema.get("x-fix", ""):
        return json.dumps(text, ensure_ascii=False)  # the schema asks for quotes: "19-24", "10.7"
    try:
        plain = yaml.safe_load(text) == text and not re.search(r":\s|\s#|^[\s>|]|\s$", text)
    except yaml.YAMLError:
        plain = False
    return text if plain and "\n" not in text else json.dumps(text, ensure_ascii=False)


def _entry(f: Field, given: dict[tuple, object]) -> Entry:
    value = given.get(f.path)
    if f.is_group:
        return Entry(f.name, "group", children=[_entry(c, given) for c in f.children])
    if f.is_list and f.children:
        return Entry(f.name, "items", children=[_entry(c, given) for c in f.children])
    if f.is_list:
        values = [yaml_scalar(v, f.items) for v in (value or [PLACEHOLDER])]
        # ids on one line, as in [social-inclusion, partnerships]; text one item a line
        style = "flow" if "x-vocabulary" in f.items or "x-reference" in f.items else "list"
        return Entry(f.name, style, values=values)
    text = PLACEHOLDER if value is None else value
    if f.schema.get("x-markdown"):
        return Entry(f.name, "literal", value=str(text))
    if f.schema.get("x-max-words"):
        return Entry(f.name, "folded", value=str(text))
    return Entry(f.name, "scalar", value=yaml_scalar(text, f.schema))


def record_entries(answers: Answers, today: str, kind_default: str) -> list[Entry]:
    """The fields of the new record, in the schema's order.

    Top-level fields: those required for its kind and those the answers fill (the optional ones are many
    and listed on the schema reference page). Inside a group or a list item:
    every field, so the contributor sees the optional ones too.
    """
    given = answers.by_path(today)
    record = {"kind": answers.kind or kind_default}
    # an optional field the answers fill (an example's location) is kept, not dropped
    answered = {path[0] for path, value in given.items() if value is not None}
    return [_entry(f, given) for f in record_fields(practice_schema())
            if f.required_for(record) or f.name in answered]


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_record(answers: Answers, today: str, kind_default: str) -> str:
    return _environment().get_template("new_record.yaml.j2").render(
        fields=record_entries(answers, today, kind_default))


def blank_record(kind: str = "success-story") -> str:
    """The record with nothing filled in, TODO everywhere: shown on the contributor pages."""
    return render_record(Answers(id=PLACEHOLDER, kind=kind), PLACEHOLDER, kind)


# -- writing -----------------------------------------------------------------------------------------
def append_record(path: Path, text: str) -> int:
    """Append the record's text after a blank line; return the line where it starts.

    The existing bytes of the file are not rewritten: the new text only follows them.
    """
    old = path.read_bytes() if path.exists() else b""
    newline = "\r\n" if b"\r\n" in old else "\n"
    ending = old.replace(b"\r\n", b"\n")
    lead = "" if not ending or ending.endswith(b"\n\n") else "\n" if ending.endswith(b"\n") else "\n\n"
    with path.open("a", encoding="utf-8", newline="") as out:
        out.write((lead + text).replace("\n", newline))
    return old.count(b"\n") + lead.count("\n") + 1


# -- asking -----------------------------------------------------------------------------------------
def _pick(ask: Callable[[str], str], prompt: str, entries: dict, label: Callable[[object], str],
          default: str | None = None, many: bool = False):
    """Ask for one (or several) ids of a vocabulary; a number from the list works too."""
    keys = [str(k) for k in entries]
    listing = "\n".join(f"  {n:>2}. {k}  {label(entries[k])}" for n, k in enumerate(keys, 1))
    shown = len(keys) <= 12
    while True:
        hint = f" [{default}]" if default else ""
        answer = ask(f"{prompt}{hint}\n{listing}\n> " if shown else f"{prompt}{hint} (? for the list)\n> ").strip()
        if answer == "?":
            print(listing)
            continue
        answer = answer or (default or "")
        if not answer:
            return [] if many else None
        chosen = []
        for part in (answer.replace(",", " ").split() if many else [answer]):
            match = next((k for k in keys if k.lower() == part.lower()), None)
            if match is None and part.isdigit() and 1 <= int(part) <= len(keys):
                match = keys[int(part) - 1]
            if match is None:
                match = next((k for k in keys if label(entries[k]).lower() == part.lower()), None)
            chosen.append(match or part)
        unknown = [c for c in chosen if c not in keys]
        if unknown:
            print(f'  "{unknown[0]}" is not in the list; type an id or its number, or press Enter to leave it TODO.')
            continue
        return chosen if many else chosen[0]


def ask_missing(answers: Answers, vocab: Vocabularies, taken: set[str], ask: Callable[[str], str]) -> None:
    """Ask, one at a time, for each value not given as a flag. Enter leaves TODO in its place."""
    print("A new practice record. Press Enter to leave a field as TODO and fill it in later.\n")
    if answers.title is None:
        answers.title = ask("Title, as the publication prints it:\n> ").strip() or None
    if answers.territory is None:
        answers.territory = ask("Place, as the publication names it (for example Municipality of Upala):\n> ").strip() or None
    if answers.country is None:
        answers.country = _pick(ask, "Country: its two-letter code (for example CR for Costa Rica) or its name",
                                vocab.countries, lambda e: e["name"])
    if answers.level is None:
        answers.level = _pick(ask, "Level of government that led the practice:", vocab.levels, lambda e: e["label"])
    if not answers.themes:
        answers.themes = _pick(ask, "Themes, the primary one first (separate them with commas):", vocab.themes,
                               lambda e: e["label"], many=True)
    if answers.kind is None:
        answers.kind = _pick(ask, "Kind of record:", vocab.kinds, lambda e: e["label"],
                             default=next(iter(vocab.kinds), None))
    if answers.publication is None:
        answers.publication = _pick(ask, "Source publication:", vocab.publications, lambda e: e["short_title"])
    while answers.pages is None:
        pages = ask("Pages of the source (for example 19-24):\n> ").strip()
        if not pages or PAGES_PATTERN.search(pages):
            answers.pages = pages or None
            break
        print("  Write one page (231) or the first and last page with a hyphen (19-24).")
    if answers.id is None:
        proposed = derive_id(answers.title or "", answers.territory or "", taken)
        while True:
            chosen = ask(f"Id, the address of its page /cases/<id>/ [{proposed}]:\n> ").strip() or proposed
            if chosen in taken:
                print("  That id is already used by a record; choose another one.")
            elif not ID_PATTERN.match(chosen):
                print("  Use lower-case letters, digits and single hyphens.")
            else:
                answers.id = chosen
                break


# -- the command --------------------------------------------------------------------------------------
def new_record(path: Path, answers: Answers, vocab: Vocabularies, interactive: bool,
               ask: Callable[[str], str] = input, today: datetime.date | None = None) -> tuple[str, int, str]:
    """Scaffold a record and append it to the practices file.

    Returns the new id, the line where the record starts and its text.
    """
    taken = existing_ids(path)
    check_answers(answers, vocab, taken)
    if interactive:
        ask_missing(answers, vocab, taken, ask)
    if answers.id is None:
        answers.id = derive_id(answers.title or "", answers.territory or "", taken)
    kind_default = next(iter(vocab.kinds), "success-story")
    if answers.kind is None:
        answers.kind = kind_default
    text = render_record(answers, (today or datetime.date.today()).isoformat(), kind_default)
    line = append_record(path, text)
    return answers.id, line, text
