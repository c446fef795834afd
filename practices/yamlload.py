"""Strict YAML loading that remembers where every value was written.

PyYAML silently keeps the last of two equal keys and reads `no` as false and
`2016-03-01` as a date. This loader reports duplicate keys, keeps dates as the
text that was written (marked, so a rule can flag them where text is expected)
and records the line of every key and list item for error messages.

It also refuses what no record needs and a crafted file uses to hang or
exhaust the check: anchors and aliases (a few lines of aliases can stand for
billions of values, the "billion laughs"), nesting deeper than any record
goes (the C parser recurses and would crash), and files far larger than a
library.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .problems import Problem

# The C parser is several times faster on large files; fall back when absent.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict):
    """A YAML mapping with the 1-based line of the mapping and of each key."""

    line: int = 0
    key_lines: dict


class Sequence(list):
    """A YAML sequence with the 1-based line of the sequence and of each item."""

    line: int = 0
    item_lines: list


class PlainDate(str):
    """An unquoted scalar YAML 1.1 reads as a date; kept as the text written."""


# A record nests four lists and groups deep (records, record, lessons, lesson); the parser
# recurses once per level and crashes far below what a file can ask for.
MAX_DEPTH = 32
# Far above the largest library the benchmark builds; a larger file is not a library.
MAX_BYTES = 100 * 1024 * 1024


class _Alias(Exception):
    """A value used a second time: the node of an anchor reached again through an alias."""

    def __init__(self, node):
        super().__init__()
        self.line = node.start_mark.line + 1


class _Loader(_BaseLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def construct_object(self, node, deep=False):
        # a node is reached twice (or inside itself) only through an alias
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Alias(node)
        return super().construct_object(node, deep)

    def construct_yaml_map(self, node):
        data = Mapping()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in data:
                self.duplicates.append((line, str(key)))
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = line

    def construct_yaml_seq(self, node):
        data = Sequence()
        data.line = node.start_mark.line + 1
        data.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)

    def construct_yaml_timestamp(self, node):
        return PlainDate(self.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


_LEADING = re.compile(r"^[ \t?-]*", re.M)
_FLOW = re.compile(r"[\[\]{}]")


def _depth_bound(text: str) -> int:
    """At least as deep as the file nests: every two block levels take at least one more character
    of a line's indentation or dashes, and each flow bracket at most two levels ([a: [b]] holds a
    mapping)."""
    lead = max((len(m[0]) for m in _LEADING.finditer(text)), default=0)
    depth = deepest = 0
    for bracket in _FLOW.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return 2 * (lead + 1) + 2 * deepest


def _too_deep(text: str) -> int | None:
    """The line where nesting first goes deeper than MAX_DEPTH, or None.

    The parser's event stream keeps its own stack and does not recurse; it is only
    read when the quick bound cannot rule deep nesting out."""
    if _depth_bound(text) <= MAX_DEPTH:
        return None
    loader = _BaseLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError:
        return None  # the parse proper reports it, with its line
    finally:
        loader.dispose()
    return None


def load_yaml(path: Path, display: str) -> tuple[object, list[Problem], list[tuple[int, str]]]:
    """Load a YAML file.

    Returns the data, the syntax problems (if the file cannot be read at all),
    and the duplicate keys found as (line, key) pairs.
    """
    def refuse(line: int, what: str, fix: str):
        return None, [Problem(display, line, "file", "", what, fix)], []

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return refuse(1, f"is {size / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB a library file may be",
                          "check that this is the right file; a library file holds only the records, as text")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return refuse(1, "does not exist", "create it or give the right path")
    except UnicodeDecodeError as error:
        return refuse(1, f"is not UTF-8 text ({error.reason})", "save the file with UTF-8 encoding")
    deep = _too_deep(text)
    if deep is not None:
        return refuse(deep, f"nests lists and groups more than {MAX_DEPTH} levels deep",
                      "a record needs only a few levels: check the brackets and the indentation from this line on")
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except _Alias as alias:
        return refuse(alias.line, "uses a YAML anchor and alias (&name and *name) to repeat the value written here",
                      "records never need anchors or aliases: write the value out in full wherever it is needed")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or "is not valid YAML"
        return None, [Problem(display, line, "file", "", f"cannot be read as YAML: {what}",
                              "check the indentation and the quotes on this line and the line before")], []
    finally:
        loader.dispose()
    return data, [], loader.duplicates
