"""A fast first pass that can vouch for a valid practices file, and only that.

The full check (a line-aware PyYAML loader, jsonschema, the rules) explains
every problem with its file, line and field, but reads 5,000 records in about
25 s, mostly PyYAML building Python objects and jsonschema dispatching
keywords. Most checks are of a valid file: a `mkdocs build`, a `mkdocs serve`
rebuild. This pass reads the file with rapidyaml (C++) through JSON and checks
it with the same schema compiled to Python (fastjsonschema), in about a tenth
of the time.

It answers only "valid, here are the records" or "don't know" (None). On
"don't know" the full check runs, and its findings are the ones reported. It
must never accept a file the full check would reject, so wherever the two
parsers could read a value differently it says "don't know": anchors, aliases,
tags, several documents, tabs, and plain (unquoted) values that YAML 1.1
reads as something other than text, a decimal whole number or, in a date
field, a date. tests/test_fastcheck.py holds it to that.

A large file is cut into parts between records, checked side by side in forked
worker processes (which also keep rapidyaml's own error printing off the
terminal): 5,000 records take 2.6 s on two cores, against 20 to 25 s
(benchmarks/results/report.md).
"""
from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import re
import tempfile
from pathlib import Path

import fastjsonschema
import ryml
from jsonschema import FormatChecker
from yaml.resolver import Resolver

from .schemacheck import WORD, _check_toolbox, _inline_refs

_RESOLVERS = Resolver.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_DATE_FORMAT = FormatChecker(formats=["date"])


# One pattern for all of PyYAML's implicit types (each is anchored): a cheap first sieve
_ANY_TYPED = re.compile("|".join(f"(?:{regexp.pattern})" for regexp in
                                 {regexp for resolvers in _RESOLVERS.values() for _, regexp in resolvers}),
                        re.X)


class _Unsure(Exception):
    """The fast pass cannot vouch for this file."""


def _yaml11_tag(text: str) -> str:
    """The type PyYAML gives a plain scalar, by its own resolver table."""
    for tag, regexp in _RESOLVERS.get(text[:1], []):
        if regexp.match(text):
            return tag
    return _STR


def _date_keys(schema: object, found: dict | None = None) -> set[str]:
    """Property names that are date fields wherever they appear in the schema."""
    found = {} if found is None else found
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            is_date = isinstance(sub, dict) and sub.get("format") == "date"
            found[name] = found.get(name, is_date) and is_date
        for value in schema.values():
            _date_keys(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _date_keys(value, found)
    return {name for name, is_date in found.items() if is_date}


# Below this size (about 80 records) the full check takes under half a second: the fast pass
# stands aside, and no worker process is forked (mkdocs serve runs threads).
FAST_FROM_BYTES = 1_000_000


def _suspects(value: object, path: list, out: list) -> list:
    """(path, text) of every text value PyYAML might read as something else, or that is an alias.

    A float raises _Unsure: rapidyaml reads 1e3 as a number where PyYAML reads text.
    """
    items = value.items() if type(value) is dict else enumerate(value)
    maybe_typed = _ANY_TYPED.match
    for step, item in items:
        kind = type(item)
        if kind is str:
            if item[:1] == "*" or maybe_typed(item):
                out.append((path + [step], item))
        elif kind is dict or kind is list:
            path.append(step)
            _suspects(item, path, out)
            path.pop()
        elif kind is float:
            raise _Unsure
    return out


def _node_at(tree, records: list, path: list) -> int:
    """The tree node of the value at path; records[i] is the i-th node of the list records."""
    node = records[path[0]]
    for step in path[1:]:
        node = tree.child(node, step) if isinstance(step, int) else tree.find_child(node, step)
    return node


def _record_nodes(tree) -> list[int]:
    # tree.child(root, i) walks i siblings: looking each record up that way is quadratic
    nodes, node = [], tree.first_child(tree.root_id())
    while node != ryml.NONE:
        nodes.append(node)
        node = tree.next_sibling(node)
    return nodes


# A tag ("!!str 12") changes what a value is to PyYAML and not to rapidyaml. It can only stand
# at the start of a value: after the indentation and list dashes, after ": " or in a flow list.
_TAG_PLACE = re.compile(rb"(?:^[ ]*(?:-[ ]+)*|[:?-][ ]+|[\[{,][ ]*)$")


def _has_tag(data: bytes) -> bool:
    at = data.find(b"!")
    while at >= 0:
        line_start = data.rfind(b"\n", 0, at) + 1
        if _TAG_PLACE.search(data, line_start, at):
            return True
        at = data.find(b"!", at + 1)
    return False


def _values_agree(tree, records: list, date_keys: set[str]) -> None:
    """Raise _Unsure unless every value reads the same to rapidyaml and to PyYAML.

    Quoted and block texts are text to both; numbers, true, false and null are written alike
    by rapidyaml's JSON only when PyYAML reads them alike (floats aside). What is left are the
    plain values PyYAML reads as yes/no, numbers, dates or null, and aliases, which rapidyaml
    keeps as "*name": those few are looked up in the tree.
    """
    record_nodes = None
    for path, text in _suspects(records, [], []):
        key = next((step for step in reversed(path) if isinstance(step, str)), None)
        if _text_is_plain_text(key, text, date_keys):
            continue
        record_nodes = record_nodes or _record_nodes(tree)
        node = _node_at(tree, record_nodes, path)
        if tree.is_val_ref(node) or tree.is_val_plain(node):
            raise _Unsure


# A text value of this form was quoted: unquoted, rapidyaml writes it into JSON as a number.
_NUMBER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _text_is_plain_text(key: object, text: str, date_keys: set[str]) -> bool:
    """True when this text value reads as text to PyYAML too, whatever the quoting."""
    if text[:1] == "*":
        return False  # an alias, or a text starting with *: the tree tells
    if not _ANY_TYPED.match(text) or _NUMBER_TEXT.fullmatch(text):
        return True
    tag = _yaml11_tag(text)
    return tag == _STR or (tag.endswith(":timestamp") and key in date_keys)


class _Objects:
    """The object hook of json.loads: refuses duplicate keys and notes values to look at.

    Looking at values here, as each object is built, saves a second walk over every value.
    """

    def __init__(self, date_keys: set[str]):
        self.date_keys = date_keys
        self.suspect = False  # some value may read differently: walk the records and ask the tree

    def __call__(self, pairs: list) -> dict:
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            raise _Unsure  # the full check names the key and its line
        if self.suspect:
            return mapping
        for key, value in pairs:
            kind = type(value)
            if kind is str:
                if not _text_is_plain_text(key, value, self.date_keys):
                    self.suspect = True
            elif kind is list:
                for item in value:
                    if type(item) is str and not _text_is_plain_text(key, item, self.date_keys):
                        self.suspect = True
                    elif type(item) is float:
                        raise _Unsure
                    elif type(item) is list:
                        self.suspect = True
            elif kind is float:
                raise _Unsure  # the two read 1e3 differently
        return mapping


def _closed_schema(schema: object) -> bool:
    """True when every object in the schema lists its fields (so only known field names pass)."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
            return False
        return all(_closed_schema(v) for v in schema.values())
    if isinstance(schema, list):
        return all(_closed_schema(v) for v in schema)
    return True


def _compiled_schema(schema: dict, vocab):
    """The schema with our own keywords turned into checks fastjsonschema knows.

    x-vocabulary and x-max-words become formats (which, as the keywords, only look at text);
    of a toolbox reference the schema checks the module, and _toolbox_topics_known the topic.
    """
    formats = {"date": lambda value: _DATE_FORMAT.conforms(value, "date")}

    def convert(node):
        if isinstance(node, list):
            return [convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {k: ({name: convert(sub) for name, sub in v.items()} if k == "properties" else convert(v))
               for k, v in node.items()
               if k not in ("x-vocabulary", "x-max-words", "x-fix", "x-markdown", "x-reference",
                            "description", "examples", "title", "$comment")}
        checks = []
        name = node.get("x-vocabulary")
        if name == "toolbox":
            # which topics a module has is checked in Python (_toolbox_topics_known): as anyOf it cost half a second
            formats["vocabulary-toolbox"] = vocab.toolbox.__contains__
            checks.append({"properties": {"module": {"format": "vocabulary-toolbox"}}})
        elif name:
            entries = set(getattr(vocab, name))
            formats[f"vocabulary-{name}"] = entries.__contains__
            checks.append({"format": f"vocabulary-{name}"})
        if "x-max-words" in node:
            limit = node["x-max-words"]
            formats[f"max-words-{limit}"] = lambda value, limit=limit: len(WORD.findall(value)) <= limit
            checks.append({"format": f"max-words-{limit}"})
        if checks:
            out = {"allOf": [out] + checks}
        return out

    derived = convert(_inline_refs(schema, schema))
    derived.pop("$schema", None)
    derived.pop("$id", None)
    derived.pop("$defs", None)
    derived["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(derived, formats=formats)


_compiled: dict = {}


def _validator(schema: dict, vocab):
    key = (id(schema), id(vocab))
    if key not in _compiled:
        _compiled.clear()
        _compiled[key] = _compiled_schema(schema, vocab)
    return _compiled[key]


def _toolbox_topics_known(records: list, schema: dict, vocab) -> bool:
    """Each toolbox reference names a topic its module has: the full check's own test."""
    schema = _inline_refs(schema, schema)
    if schema.get("items", {}).get("properties", {}).get("toolbox", {}).get("items", {}).get("x-vocabulary") != "toolbox":
        return False  # the schema moved it: let the full check decide
    return not any(True for record in records for reference in record.get("toolbox") or ()
                   for _ in _check_toolbox(vocab, reference))


def _check_part(data: bytes, schema: dict, vocab) -> list | None:
    """One part's records, if this pass vouches for them; else None."""
    try:
        tree = ryml.parse_in_arena(data)
        text = ryml.emit_json(tree)
        if not isinstance(text, str):
            return None  # nothing to emit: an empty file, say
        date_keys = _date_keys(schema)
        objects = _Objects(date_keys)
        records = json.loads(text, object_pairs_hook=objects)
        if not isinstance(records, list):
            return None
        if tree.is_stream(tree.root_id()):
            return None  # document markers: PyYAML reads one document only
        if objects.suspect:
            _values_agree(tree, records, date_keys)
        del tree
        _validator(schema, vocab)(records)
        if not _toolbox_topics_known(records, schema, vocab):
            return None
    except (_Unsure, ValueError, RuntimeError, fastjsonschema.JsonSchemaException):
        return None
    except Exception as error:  # rapidyaml raises its own exception types for unreadable YAML
        if type(error).__module__.startswith("ryml"):
            return None
        raise
    return records


def _parts(data: bytes, count: int) -> list:
    """The file cut into about `count` parts, each a list of whole records.

    A line that starts with "- " at the left margin starts a record when the file is a list
    of records written at the margin. If it is inside a quoted text instead, the part before
    it ends inside the quotes and cannot be read: this pass then says "don't know".
    """
    first = next((line for line in data[:100_000].split(b"\n") if line.strip() and not line.startswith(b"#")), b"")
    if not first.startswith(b"- "):
        return [data]
    cuts = [0]
    for i in range(1, count):
        cut = data.find(b"\n- ", max(len(data) * i // count, cuts[-1]))
        if cut < 0:
            break
        cuts.append(cut + 1)
    cuts.append(len(data))
    view = memoryview(data)  # parts without copies
    return [view[a:b] for a, b in zip(cuts, cuts[1:]) if a < b]


_JOB: tuple = ()


def _run_job(index: int) -> bool | None:
    """In a forked worker: check part `index` and leave its records, pickled, in the job's folder."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # rapidyaml prints its parse errors; the full check explains them
    parts, schema, vocab, folder, text_check = _JOB
    records = _check_part(parts[index], schema, vocab)
    if records is None:
        return None
    # a file in this run's private folder, because the pool's pipe took half a second for 15 MB;
    # pickled, because unpickling is twice as fast as reading JSON again
    Path(folder, f"{index}.pickle").write_bytes(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    return text_check(str(parts[index], "utf-8"))


def load_if_valid(data: bytes, schema: dict, vocab, text_check=lambda text: True) -> tuple[list, bool] | None:
    """(records, whether text_check found something in any part) when this pass vouches for the
    file: it reads the same to both parsers and the schema holds. Else None.

    The parts of a large file are checked side by side by forked workers, one per core. Where
    processes cannot be forked, this pass stands aside.
    """
    if (len(data) < FAST_FROM_BYTES or "fork" not in multiprocessing.get_all_start_methods()
            or b"\t" in data or b"\r" in data or data.startswith(b"\xef\xbb\xbf") or not _closed_schema(schema)
            or data.startswith((b"%", b"---", b"...")) or b"\n%" in data or b"\n---" in data or b"\n..." in data
            or _has_tag(data)):
        return None
    global _JOB
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # twice as many parts as cores, so that this process reads the first results while the last are checked
    parts = _parts(data, 2 * cores)
    _validator(schema, vocab)  # compiled once, here, for every worker
    with tempfile.TemporaryDirectory(prefix="practices-") as folder:
        _JOB = (parts, schema, vocab, folder, text_check)  # forked workers find it here: nothing is pickled
        try:
            with multiprocessing.get_context("fork").Pool(min(cores, len(parts))) as pool:
                records, found = [], False
                for index, result in enumerate(pool.imap(_run_job, range(len(parts)))):
                    if result is None:
                        return None
                    found = found or result
                    records += pickle.loads(Path(folder, f"{index}.pickle").read_bytes())
        finally:
            _JOB = ()
    return records, found
