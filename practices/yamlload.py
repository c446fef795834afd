"""Strict YAML loading that remembers where every value was written.

PyYAML silently keeps the last of two equal keys and reads `no` as false and
`2016-03-01` as a date. This loader reports duplicate keys, keeps dates as the
text that was written (marked, so a rule can flag them where text is expected)
and records the line of every key and list item for error messages.
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


class _Loader(_BaseLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

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


def load_yaml(path: Path, display: str) -> tuple[object, list[Problem], list[tuple[int, str]]]:
    """Load a YAML file.

    Returns the data, the syntax problems (if the file cannot be read at all),
    and the duplicate keys found as (line, key) pairs.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(display, 1, "file", "", "does not exist", "create it or give the right path")], []
    except UnicodeDecodeError as error:
        return None, [Problem(display, 1, "file", "", f"is not UTF-8 text ({error.reason})",
                              "save the file with UTF-8 encoding")], []
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or "is not valid YAML"
        return None, [Problem(display, line, "file", "", f"cannot be read as YAML: {what}",
                              "check the indentation and the quotes on this line and the line before")], []
    finally:
        loader.dispose()
    return data, [], loader.duplicates
