"""The fields of a practice record, read from the schema in the schema's order.

`practices new` and the schema reference page both walk the schema through
this module, so neither keeps a list of fields of its own: a field added to
practice.schema.json appears in both.
"""
from __future__ import annotations

from dataclasses import dataclass, field


def ref_target(root: dict, ref: str) -> object:
    """What a local $ref such as "#/$defs/text" points to (JSON Pointer, ~1 and ~0 unescaped)."""
    target = root
    for part in ref.removeprefix("#").removeprefix("/").split("/"):
        if part:
            target = target[part.replace("~1", "/").replace("~0", "~")]
    return target


def resolve(schema: dict, root: dict) -> dict:
    """A schema with its $ref followed; keywords written beside the $ref win.

    The one resolver: the schema checker, `practices new` and the reference page all use it."""
    while isinstance(schema, dict) and "$ref" in schema:
        schema = {**ref_target(root, schema["$ref"]), **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def field_schema(root: dict, path: tuple[str, ...]) -> dict:
    """The resolved schema of one field of a record, by its path: ("source", "pages")."""
    return next(f.schema for f in walk(record_fields(root)) if f.path == path)


def conditions(schema: dict) -> list[tuple[dict[str, object], list[str]]]:
    """The `if`/`then` requirements of an object schema: ({field: value}, [required fields]).

    Only the form the practice schema uses is read: `if` names fields with a
    `const`, `then` lists more required fields.
    """
    found = []
    for block in [schema, *schema.get("allOf", [])]:
        when = {name: rule["const"] for name, rule in block.get("if", {}).get("properties", {}).items()
                if isinstance(rule, dict) and "const" in rule}
        required = block.get("then", {}).get("required", [])
        if when and required:
            found.append((when, list(required)))
    return found


@dataclass
class Field:
    """One field of a record, or of a group of fields inside it."""

    name: str
    path: tuple[str, ...]          # ("location", "territory"); list items are not counted
    schema: dict                   # the field's schema, $ref resolved
    required: bool                 # always required where it stands
    required_when: list[dict] = field(default_factory=list)  # [{"kind": "success-story"}]
    in_list: bool = False          # a field of each item of a list (actors: name)
    children: list["Field"] = field(default_factory=list)
    items: dict = field(default_factory=dict)  # for a list: the schema of its items, resolved

    @property
    def is_list(self) -> bool:
        return self.schema.get("type") == "array"

    @property
    def is_group(self) -> bool:
        return self.schema.get("type") == "object"

    def required_for(self, record: dict) -> bool:
        """Whether a record with these values must have this field."""
        return self.required or any(all(record.get(k) == v for k, v in when.items())
                                    for when in self.required_when)


def _fields_of(schema: dict, root: dict, path: tuple[str, ...], in_list: bool) -> list[Field]:
    required = set(schema.get("required", []))
    extra: dict[str, list[dict]] = {}
    for when, names in conditions(schema):
        for name in names:
            extra.setdefault(name, []).append(when)
    fields = []
    for name, sub in schema.get("properties", {}).items():
        sub = resolve(sub, root)
        f = Field(name, path + (name,), sub, name in required, extra.get(name, []), in_list)
        if f.is_group:
            f.children = _fields_of(sub, root, f.path, in_list)
        elif f.is_list:
            f.items = resolve(sub.get("items", {}), root)
            if f.items.get("type") == "object":
                f.children = _fields_of(f.items, root, f.path, True)
        fields.append(f)
    return fields


def record_fields(root: dict) -> list[Field]:
    """The fields of one practice record, in the order of the schema's properties."""
    return _fields_of(resolve(root["items"], root), root, (), False)


def walk(fields: list[Field]):
    """Every field and sub-field, parents before their children."""
    for f in fields:
        yield f
        yield from walk(f.children)
