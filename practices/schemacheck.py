"""Check YAML data against a JSON Schema and say what is wrong in plain words.

jsonschema finds the problems; this module turns each into a Problem that
names the file, the line, the record and the field, and says how to fix it,
using the schema's own `x-fix` hints. Two keywords of our own extend the
schema: `x-vocabulary` (the value must be an id of a controlled vocabulary)
and `x-max-words`.
"""
from __future__ import annotations

import difflib
import re
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from .problems import Problem
from .schemafields import ref_target, resolve
from .yamlload import Mapping, PlainDate, Sequence

WORD = re.compile(r"\S+")


def _record_label(record: object, position: int, key: str) -> str:
    if isinstance(record, dict) and isinstance(record.get(key), (str, int)) and not isinstance(record.get(key), bool):
        if str(record[key]).strip():  # a blank id names nothing: the position does
            return str(record[key])
    return f"record #{position + 1}"


def field_label(path: list) -> str:
    """recommendations #3 title: list positions counted from 1, as people count."""
    parts = [f"#{p + 1}" if isinstance(p, int) else str(p) for p in path]
    return " ".join(parts)


def line_of(data: object, path: list) -> int:
    """The line where the value at path (or its nearest written parent) stands."""
    line = getattr(data, "line", 1)
    node = data
    for step in path:
        if isinstance(node, Mapping) and step in node:
            line, node = node.key_lines.get(step, line), node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            line, node = node.item_lines[step], node[step]
        else:
            break
    return line


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "a yes/no value (YAML reads yes, no, on, off, true and false that way)"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, PlainDate):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "text"


EXPECTED = {"string": "text", "array": "a list", "object": "a group of fields",
            "integer": "a whole number", "number": "a number", "boolean": "yes or no"}


def _vocabulary_keyword(vocab):
    def check(validator, name, instance, schema):
        if vocab is None:
            return
        if name == "toolbox":
            yield from _check_toolbox(vocab, instance)
            return
        entries = getattr(vocab, name)
        if not isinstance(instance, str) or instance in entries:
            return
        known = [str(k) for k in entries]
        # a name or label written instead of the id ("Costa Rica" for CR) is the commonest slip
        by_name = {str(e.get("name", e.get("label", ""))).lower(): str(k) for k, e in entries.items()}
        close = [k for k in known if k.lower() == instance.lower()] or (
            [by_name[instance.lower()]] if instance.lower() in by_name else
            difflib.get_close_matches(instance, known, n=1, cutoff=0.6))
        hint = f'did you mean "{close[0]}"? ' if close else ""
        if len(known) <= 12:
            listing = f"use one of: {', '.join(known)}; a new entry goes in {vocab.where(name)}"
        else:
            listing = f"use an id listed in {vocab.where(name)}, or add one there"
        error = ValidationError(f'"{instance}" is not a known {vocab.noun(name)}')
        error.fix = hint + listing
        yield error
    return check


def _check_toolbox(vocab, instance):
    if not isinstance(instance, dict) or not isinstance(instance.get("module"), str):
        return
    module = vocab.toolbox.get(instance["module"])
    if module is None:
        error = ValidationError(f'"{instance["module"]}" is not a known My JMDI Toolbox module')
        error.fix = f"use one of: {', '.join(vocab.toolbox)}"
        error.extra_path = ["module"]
        yield error
        return
    topic = instance.get("topic")
    numbers = [t["number"] for t in module["topics"]]
    if isinstance(topic, int) and not isinstance(topic, bool) and topic not in numbers:
        error = ValidationError(f"{topic} is not a known topic of {instance['module']}")
        error.fix = (f"use one of the topics listed for it in {vocab.where('toolbox')} "
                     f"({', '.join(map(str, numbers))}), or add the topic there with its title")
        error.extra_path = ["topic"]
        yield error


def _max_words(validator, limit, instance, schema):
    if isinstance(instance, str):
        count = len(WORD.findall(instance))
        if count > limit:
            error = ValidationError(f"has {count} words, more than {limit}")
            error.fix = f"shorten it to at most {limit} words"
            yield error


ANNOTATIONS = {"description", "title", "examples", "x-fix", "$comment"}


def _inline_refs(schema: object, root: dict, seen: tuple = ()) -> object:
    """The schema with each local $ref replaced by what it points to.

    jsonschema resolves a $ref again for every value it checks, which was half
    the time of the schema check of a large library; inlined, the checks are
    the same. A $ref inside its own target (a recursive schema) is kept.
    """
    if isinstance(schema, list):
        return [_inline_refs(item, root, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
        target = ref_target(root, ref)
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        if isinstance(target, dict) and not (set(rest) - ANNOTATIONS) & set(target):
            merged = {**target, **rest}
        else:  # a keyword on both sides: both must hold
            merged = {**rest, "allOf": [target]}
        return _inline_refs(merged, root, seen + (ref,))
    return {k: v if k in ("$defs", "enum", "const", "examples") else _inline_refs(v, root, seen)
            for k, v in schema.items()}


class SchemaChecker:
    """Validates data against the schema found at `pointer` of `root`."""

    def __init__(self, root: dict, pointer: str, file: str, vocab, record_key: str = "id",
                 source_lines: list[str] | None = None, entries: tuple[str, str] = ("record", "records")):
        self.root = root
        self.entries = entries  # what the list holds, one and many, in messages
        self.source_lines = source_lines or []
        self.file = file
        self.record_key = record_key
        self.top = self._resolve(root if pointer == "#" else {"$ref": pointer})
        cls = validators.extend(Draft202012Validator, {
            "x-vocabulary": _vocabulary_keyword(vocab),
            "x-max-words": _max_words,
        })
        schema = root if pointer == "#" else {**root, "$ref": pointer}
        self.validator = cls(_inline_refs(schema, root), format_checker=FormatChecker(formats=["date"]))

    # -- finding the schema of a field, to read its hints --------------------------
    def _resolve(self, schema: dict) -> dict:
        return resolve(schema, self.root)

    def schema_at(self, path: list) -> dict:
        schema = self.top
        for step in path:
            if isinstance(step, int):
                schema = self._resolve(schema.get("items", {}))
            else:
                schema = self._resolve(schema.get("properties", {}).get(step, {}))
        return schema

    # -- turning errors into problems ----------------------------------------------
    def problems(self, data: object) -> list[Problem]:
        """Every problem of the data; a file that holds no list, or an empty one, is one problem."""
        one, noun = self.entries
        start = f"start each {one} with '- {self.record_key}:' at the beginning of a line"
        if data is None:  # nothing but blank lines and comments
            return [Problem(self.file, 1, "file", "", f"holds no {noun}: it is empty or only comments",
                            f"add the {noun}; {start}")]
        if not isinstance(data, list):
            return [Problem(self.file, getattr(data, "line", 1), "file", "",
                            f"holds {_describe(data)} instead of a list of {noun}", start)]
        if not data:
            return [Problem(self.file, getattr(data, "line", 1), "file", "", f"holds no {noun}: the list is empty",
                            f"replace [] with the {noun}; {start}")]
        found: dict = {}
        for error in self.validator.iter_errors(data):
            for problem in self._explain(data, error):
                # one problem per field is enough: a second one only repeats it
                found.setdefault((problem.line, problem.record, problem.field), problem)
        return list(found.values())

    def _explain(self, data: list, error: ValidationError):
        path = list(error.absolute_path) + getattr(error, "extra_path", [])
        if not path:  # an error about the whole file
            yield Problem(self.file, 1, "file", "", error.message, "see the schema")
            return
        position, field_path = path[0], path[1:]
        record = _record_label(data[position], position, self.record_key)
        kind = error.validator
        value = error.instance
        schema = self.schema_at(path[: len(path) - len(getattr(error, "extra_path", []))])
        fix = getattr(error, "fix", None) or schema.get("x-fix") or "see the schema reference"

        if kind == "required":
            for name in error.validator_value:
                if isinstance(value, dict) and name not in value:
                    hint = self.schema_at(path + [name])
                    how = hint.get("x-fix") or hint.get("description", "see the schema reference").rstrip(".")
                    yield self._problem(data, path, record, field_path + [name], "is missing",
                                        f"add a line '{name}:' to this record: {how[0].lower() + how[1:]}")
            return
        if kind == "additionalProperties":
            allowed = ", ".join(schema.get("properties", {}))
            for name in value:
                if name not in schema.get("properties", {}):
                    close = difflib.get_close_matches(str(name), list(schema.get("properties", {})), n=1)
                    hint = f'did you mean "{close[0]}"? ' if close else ""
                    yield self._problem(data, path + [name], record, field_path + [name], "is not a known field",
                                        f"{hint}check its spelling; the fields allowed here are: {allowed}")
            return
        if kind == "type":
            actual = _describe(value)
            expected = EXPECTED.get(error.validator_value, error.validator_value)
            message = f"is {actual}, but {expected} is expected"
            if isinstance(value, (bool, int, float, PlainDate)) and error.validator_value == "string":
                written = self._written(line_of(data, path), value, path[-1])
                fix = f'put the value in quotes so it is read as text: "{written}"'
            elif value is None:
                message = "is empty"
            yield self._problem(data, path, record, field_path, message, fix)
            return
        if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
            yield self._problem(data, path, record, field_path, "is empty", fix)
            return
        if kind == "pattern":
            yield self._problem(data, path, record, field_path, f'"{value}" is not written in the expected form', fix)
            return
        if kind == "format":
            yield self._problem(data, path, record, field_path, f'"{value}" is not a valid date', fix)
            return
        if kind == "minItems":
            yield self._problem(data, path, record, field_path, "is an empty list", fix)
            return
        if kind == "uniqueItems":
            yield self._problem(data, path, record, field_path, "lists the same value twice",
                                "remove the repeated value")
            return
        if kind == "maxLength":
            yield self._problem(data, path, record, field_path,
                                f"is {len(value)} characters long, more than {error.validator_value}", fix)
            return
        if kind in ("minimum", "maximum"):
            yield self._problem(data, path, record, field_path, f"{value} is out of range", fix)
            return
        if kind == "enum":
            allowed = ", ".join(map(str, error.validator_value))
            yield self._problem(data, path, record, field_path, f'"{value}" is not one of the allowed values',
                                f"use one of: {allowed}")
            return
        # our own keywords carry their message; anything else keeps jsonschema's words
        yield self._problem(data, path, record, field_path, error.message, fix)

    def _written(self, line: int, value: object, key: object) -> str:
        """The value as the contributor typed it, read back from the file."""
        if 0 < line <= len(self.source_lines):
            text = self.source_lines[line - 1]
            if isinstance(key, str):
                match = re.search(rf"(?:^|[\s{{,]){re.escape(key)}\s*:\s*([^,}}\]#]+?)\s*(?:[,}}\]#]|$)", text)
            else:
                match = re.search(r"^\s*-\s+([^#]+?)\s*(?:#|$)", text)
            if match:
                return match[1]
        return str(value)

    def _problem(self, data, path, record, field_path, message, fix) -> Problem:
        return Problem(self.file, line_of(data, path), record, field_label(field_path), message, fix)




def duplicate_key_problems(data: object, duplicates: list, file: str, key: str = "id") -> list[Problem]:
    """A key written twice in one mapping: YAML would silently keep only one."""
    problems = []
    records = data if isinstance(data, list) else []
    for line, name in duplicates:
        owner = "file"
        for position, record in enumerate(records):
            if getattr(record, "line", 0) <= line:
                owner = _record_label(record, position, key)
        problems.append(Problem(file, line, owner, str(name), "is written twice in the same place",
                                "keep one of the two lines and delete the other; YAML would silently drop one"))
    return problems
