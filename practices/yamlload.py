"""Strict YAML loading that remembers where every value was written.

PyYAML silently keeps the last of two equal keys and reads `no` as false and
`2016-03-01` as a date. This loader reports duplicate keys, keeps dates as the
text that was written (marked, so a rule can flag them where text is expected)
and records the line of every key and list item for error messages.

It also refuses what no record needs and a crafted file uses to hang or
exhaust the check: anchors and aliases (a few lines of aliases can stand for
billions of values, the "billion laughs"), nesting deeper than any record
goes, and files far larger than a library.
"""
from __future__ import annotations

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


# A record nests four lists and groups deep (records, record, lessons, lesson); far deeper
# is a crafted file (PyYAML's own composer would recurse on it until the interpreter crashed).
MAX_DEPTH = 32
# Far above the largest library the benchmark builds; a larger file is not a library.
MAX_BYTES = 100 * 1024 * 1024


class _Refused(Exception):
    """What the file uses that no record needs: an anchor or alias, or nesting too deep."""

    def __init__(self, line: int, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Builder(_BaseLoader):
    """Builds the data straight from the parser's events.

    PyYAML's own path first composes a tree of nodes (a Python object and two
    marks per value, built recursively) and then constructs from it; reading
    the events once with an explicit stack does the same work in less than
    half the time, and cannot recurse, so depth is checked as it goes.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def scalar(self, event) -> object:
        if event.tag is None or event.tag == "!":
            tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
        else:
            tag = event.tag
        if tag == _STR:
            return event.value
        if tag == _TIMESTAMP:
            return PlainDate(event.value)
        # numbers, booleans, nulls and explicit tags: PyYAML's safe constructor decides (and refuses unknown tags)
        return self.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))

    def build(self) -> object:
        stack: list = []  # open collections, each with its pending key (mappings)
        keys: list = []
        root = None
        documents = 0
        while True:
            event = self.get_event()
            kind = type(event)
            line = event.start_mark.line + 1
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    raise _Refused(line, "uses a YAML anchor and alias (&name and *name) to repeat the value written here",
                                   "records never need anchors or aliases: write the value out in full wherever it is needed")
                if kind is yaml.ScalarEvent:
                    value = self.scalar(event)
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise _Refused(line, f"nests lists and groups more than {MAX_DEPTH} levels deep",
                                       "a record needs only a few levels: check the brackets and the indentation "
                                       "from this line on")
                    if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                        raise yaml.constructor.ConstructorError(
                            None, None, f"could not determine a constructor for the tag {event.tag!r}", event.start_mark)
                    value = Mapping() if kind is yaml.MappingStartEvent else Sequence()
                    value.line = line
                    if kind is yaml.MappingStartEvent:
                        value.key_lines = {}
                    else:
                        value.item_lines = []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()
                keys.pop()
                line = value.line
                if not stack:
                    root = value
                    continue
                self._place(stack[-1], keys, value, line, closing=True)
                continue
            elif kind is yaml.AliasEvent:
                raise _Refused(line, "uses a YAML anchor and alias (&name and *name) to repeat the value written here",
                               "records never need anchors or aliases: write the value out in full wherever it is needed")
            elif kind is yaml.StreamEndEvent:
                return root
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream", None,
                        "but found another document (a line with ---)", event.start_mark)
                continue
            else:  # stream start, document end
                continue
            if kind is not yaml.ScalarEvent:
                stack.append(value)
                keys.append(_NO_KEY)
                continue
            if not stack:
                root = value
                continue
            self._place(stack[-1], keys, value, line, closing=False)

    def _place(self, parent, keys: list, value, line: int, closing: bool) -> None:
        if isinstance(parent, Sequence):
            parent.append(value)
            parent.item_lines.append(line)
            return
        key = keys[-1]
        if key is _NO_KEY:  # this value is a key
            if closing:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", None, "found a list or group used as a key", None)
            keys[-1] = (value, line)
            return
        keys[-1] = _NO_KEY
        key, key_line = key
        if key in parent:
            self.duplicates.append((key_line, str(key)))
        else:
            parent[key] = value
            parent.key_lines[key] = key_line


_NO_KEY = object()


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
    loader = _Builder(text)
    try:
        data = loader.build()
    except _Refused as refused:
        return refuse(refused.line, refused.what, refused.fix)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or "is not valid YAML"
        return None, [Problem(display, line, "file", "", f"cannot be read as YAML: {what}",
                              "check the indentation and the quotes on this line and the line before")], []
    finally:
        loader.dispose()
    return data, [], loader.duplicates
