"""The schema reference page: every field of a practice record, read from the schema.

Generated at each build from practice.schema.json and the vocabularies, so it
cannot drift from what `practices validate` checks. The words about each
field come from the schema (description, x-fix, examples); the layout comes
from templates/schema_reference.md.j2, rendered with the Markdown environment
of render.py, which escapes every value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .render import PageRenderer
from .schemafields import Field, conditions, record_fields, resolve
from .validate import practice_schema
from .vocabulary import Vocabularies

# Above this many values, a list of allowed values is folded away on the page.
FOLD_AFTER = 12


@dataclass
class Allowed:
    """The values a field may take, from one vocabulary."""

    vocabulary: str
    file: str
    entries: list[dict]            # {"id", "label", "note"}
    folded: bool = False
    example: str = ""


@dataclass
class FieldDoc:
    """What the page says about one field."""

    field: Field
    title: str                     # location: territory
    anchor: str                    # field-location-territory
    type: str                      # in plain words
    limits: list[str]
    required: str                  # yes / for some kinds / no, in plain words
    allowed: Allowed | None
    children: list["FieldDoc"] = field(default_factory=list)

    @property
    def schema(self) -> dict:
        return self.field.schema


def vocabulary_file(name: str) -> str:
    return f"data/vocab/{'sdgs' if name == 'sdg_targets' else name}.yaml"


def allowed_values(vocab: Vocabularies, name: str) -> Allowed:
    """The entries of a vocabulary as id, label and a short note."""
    entries: list[dict] = []
    if name == "sdg_targets":
        for target_id, target in vocab.sdg_targets.items():
            goal = vocab.sdgs[target["goal"]]
            entries.append({"id": target_id, "label": f"Goal {goal['goal']}, {goal['short_title']}",
                            "note": target["title"]})
    elif name == "toolbox":
        for module_id, module in vocab.toolbox.items():
            topics = ", ".join(f"{t['number']} ({t['title']})" if t.get("title") else str(t["number"]) for t in module["topics"])
            entries.append({"id": module_id, "label": module["label"],
                            "note": f"topics: {topics}" if topics else ""})
    else:
        for ident, entry in getattr(vocab, name).items():
            label = entry.get("label") or entry.get("name") or entry.get("short_title") or ""
            entries.append({"id": str(ident), "label": label, "note": entry.get("description", "")})
    return Allowed(name, vocabulary_file(name), entries, folded=len(entries) > FOLD_AFTER,
                   example=entries[0]["id"] if entries else "")


def _kind_of_value(schema: dict) -> str:
    """A value's type in plain words."""
    if schema.get("x-vocabulary"):
        return f"an id from {vocabulary_file(schema['x-vocabulary'])}"
    if schema.get("x-reference") == "practice":
        return "the id of another record"
    if schema.get("format") == "date":
        return "a date written YYYY-MM-DD"
    kind = schema.get("type")
    if kind == "string":
        return "text, Markdown formatting allowed" if schema.get("x-markdown") else "text"
    if kind == "integer":
        return "a whole number"
    if kind == "object":
        return "a group of fields"
    return str(kind)


def type_in_words(f: Field) -> str:
    if f.is_list and f.children:
        return "a list; each item is a group of the fields below"
    if f.is_list:
        return f"a list; each item is {_kind_of_value(f.items)}"
    if f.is_group:
        return "a group of the fields below"
    return _kind_of_value(f.schema)


def limits_in_words(f: Field) -> list[str]:
    s, limits = f.schema, []
    if "maxLength" in s:
        limits.append(f"at most {s['maxLength']} characters")
    if "x-max-words" in s:
        limits.append(f"at most {s['x-max-words']} words")
    if "minimum" in s:
        limits.append(f"at least {s['minimum']}")
    if s.get("minItems"):
        limits.append(f"at least {s['minItems']} item{'s' if s['minItems'] != 1 else ''}")
    if f.is_list and not s.get("minItems"):
        limits.append("may be empty, written []")
    if s.get("uniqueItems"):
        limits.append("no value twice")
    return limits


def required_in_words(f: Field) -> str:
    where = " (in each item)" if f.in_list else ""
    if f.required:
        return f"yes{where}"
    if f.required_when:
        cases = " or ".join(", ".join(f"{k} is {v}" for k, v in when.items()) for when in f.required_when)
        return f"when {cases}; optional otherwise"
    return "no"


def _doc(f: Field, vocab: Vocabularies) -> FieldDoc:
    name = f.schema.get("x-vocabulary") or f.items.get("x-vocabulary")
    allowed = allowed_values(vocab, name) if name else None
    return FieldDoc(f, ": ".join(f.path), "field-" + "-".join(f.path).replace("_", "-"),
                    type_in_words(f), limits_in_words(f), required_in_words(f), allowed,
                    [_doc(c, vocab) for c in f.children])


def field_docs(vocab: Vocabularies) -> list[FieldDoc]:
    """The documentation of every field, in the schema's order."""
    return [_doc(f, vocab) for f in record_fields(practice_schema())]


def render_schema_reference(site: PageRenderer) -> str:
    """The Markdown of the schema reference, for any page of the site."""
    schema = practice_schema()
    record = resolve(schema["items"], schema)
    return site.md.get_template("schema_reference.md.j2").render(
        fields=field_docs(site.vocab), schema=schema, conditions=conditions(record),
        generic_fix=schema["$defs"]["text"].get("x-fix"),  # "write some text" tells nothing
        example_id=next(iter(site.library.by_id), "upala-cross-border-mobility"))
