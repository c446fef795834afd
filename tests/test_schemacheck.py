"""The schema checker on a small schema of its own: the words of each kind of problem."""
from __future__ import annotations

import pytest

from practices.schemacheck import (SchemaChecker, _describe, _inline_refs, _record_label, duplicate_key_problems,
                                   field_label, line_of)
from practices.vocabulary import load_vocabularies
from practices.yamlload import load_yaml
from test_rules import ROOT

SCHEMA = {
    "type": "array",
    "items": {"$ref": "#/$defs/entry"},
    "$defs": {
        "name": {"type": "string", "pattern": "^[a-z]+$", "x-fix": "write lower-case letters"},
        "entry": {
            "type": "object",
            "required": ["id", "size"],
            "additionalProperties": False,
            "properties": {
                "id": {"$ref": "#/$defs/name", "description": "The id."},
                "size": {"type": "integer", "minimum": 1, "maximum": 9, "description": "How big it is."},
                "colour": {"enum": ["red", "green"]},
                "note": {"type": "string", "maxLength": 5, "minLength": 1, "x-fix": "write less"},
                "tags": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string"}},
                "when": {"type": "string", "format": "date", "x-fix": "write YYYY-MM-DD"},
                "words": {"type": "string", "x-max-words": 3},
            },
        },
    },
}


def problems_of(tmp_path, text: str, schema=SCHEMA, vocab=None) -> list[str]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    data, syntax, _ = load_yaml(path, "f.yaml")
    assert syntax == []
    checker = SchemaChecker(schema, "#", "f.yaml", vocab, source_lines=text.splitlines())
    return [str(p) for p in checker.problems(data)]


@pytest.mark.parametrize("line, expected", [
    ("size: 0", "f.yaml:2: a: size 0 is out of range (see the schema reference)"),
    ("size: 10", "f.yaml:2: a: size 10 is out of range (see the schema reference)"),
    ("size: 2.5", "f.yaml:2: a: size is a number, but a whole number is expected (see the schema reference)"),
    ("size: yes", "f.yaml:2: a: size is a yes/no value (YAML reads yes, no, on, off, true and false that way), "
                  "but a whole number is expected (see the schema reference)"),
    ("size: [1]", "f.yaml:2: a: size is a list, but a whole number is expected (see the schema reference)"),
    ("size: {a: 1}", "f.yaml:2: a: size is a group of fields, but a whole number is expected (see the schema reference)"),
    ("size: '3'", "f.yaml:2: a: size is text, but a whole number is expected (see the schema reference)"),
    ("size:", "f.yaml:2: a: size is empty (see the schema reference)"),
    ("colour: blue", 'f.yaml:2: a: colour "blue" is not one of the allowed values (use one of: red, green)'),
    ("note: longer", "f.yaml:2: a: note is 6 characters long, more than 5 (write less)"),
    ("note: ''", "f.yaml:2: a: note is empty (write less)"),
    ("tags: []", "f.yaml:2: a: tags is an empty list (see the schema reference)"),
    ("tags: [x, x]", "f.yaml:2: a: tags lists the same value twice (remove the repeated value)"),
    ("when: '2016-13-01'", 'f.yaml:2: a: when "2016-13-01" is not a valid date (write YYYY-MM-DD)'),
    ("words: one two three four", "f.yaml:2: a: words has 4 words, more than 3 (shorten it to at most 3 words)"),
    ("note: 12", 'f.yaml:2: a: note is a number, but text is expected (put the value in quotes so it is read as text: "12")'),
    ("size: 2016-03-01", "f.yaml:2: a: size is a date, but a whole number is expected (see the schema reference)"),
    ("note: on  # a comment", "f.yaml:2: a: note is a yes/no value (YAML reads yes, no, on, off, true and false "
                              'that way), but text is expected (put the value in quotes so it is read as text: "on")'),
    ("colur: red", 'f.yaml:2: a: colur is not a known field (did you mean "colour"? check its spelling; the fields '
                   "allowed here are: id, size, colour, note, tags, when, words)"),
    ("zzz: 1", "f.yaml:2: a: zzz is not a known field (check its spelling; the fields allowed here are: "
               "id, size, colour, note, tags, when, words)"),
])
def test_each_kind_of_problem_is_said_in_plain_words(tmp_path, line, expected):
    text = f"- id: a\n  {line}\n" + ("" if line.startswith("size") else "  size: 1\n")
    assert problems_of(tmp_path, text) == [expected]


def test_a_missing_field_says_what_to_add_from_its_description_or_fix(tmp_path):
    assert problems_of(tmp_path, "- note: x\n") == [
        "f.yaml:1: record #1: id is missing (add a line 'id:' to this record: write lower-case letters)",
        "f.yaml:1: record #1: size is missing (add a line 'size:' to this record: how big it is)",
    ]


def test_a_pattern_names_the_value(tmp_path):
    assert problems_of(tmp_path, "- id: a\n  size: 1\n- id: B1\n  size: 1\n") == [
        'f.yaml:3: B1: id "B1" is not written in the expected form (write lower-case letters)']
    assert problems_of(tmp_path, "- id: '  '\n  size: 1\n") == ["f.yaml:1: record #1: id is empty (write lower-case letters)"]


def test_a_file_without_a_list_of_records_is_one_problem(tmp_path):
    start = "start each record with '- id:' at the beginning of a line"
    assert problems_of(tmp_path, "# nothing\n") == [
        f"f.yaml:1: file: holds no records: it is empty or only comments (add the records; {start})"]
    assert problems_of(tmp_path, "\n\nid: a\n") == [f"f.yaml:3: file: holds a group of fields instead of a list of records ({start})"]
    assert problems_of(tmp_path, "\n[]\n") == [f"f.yaml:2: file: holds no records: the list is empty (replace [] with the records; {start})"]


def test_entries_and_key_name_what_a_vocabulary_holds(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("[]\n", encoding="utf-8")
    data, _, _ = load_yaml(path, "f.yaml")
    checker = SchemaChecker(SCHEMA, "#", "f.yaml", None, record_key="goal", entries=("entry", "entries"))
    assert [p.text for p in checker.problems(data)] == [
        "file: holds no entries: the list is empty (replace [] with the entries; "
        "start each entry with '- goal:' at the beginning of a line)"]


def test_an_error_about_the_whole_file_keeps_the_validators_words(tmp_path):
    schema = {**SCHEMA, "maxItems": 1}
    assert problems_of(tmp_path, "- {id: a, size: 1}\n- {id: b, size: 1}\n", schema) == [
        "f.yaml:1: file: [{'id': 'a', 'size': 1}, {'id': 'b', 'size': 1}] is too long (see the schema)"]


def test_a_sub_schema_is_checked_at_its_pointer(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("- id: a\n  size: 0\n", encoding="utf-8")
    data, _, _ = load_yaml(path, "f.yaml")
    checker = SchemaChecker({"$defs": {"list": SCHEMA, **SCHEMA["$defs"]}}, "#/$defs/list", "f.yaml", None)
    assert [p.text for p in checker.problems(data)] == ["a: size 0 is out of range (see the schema reference)"]
    assert checker.schema_at([0, "size"])["maximum"] == 9
    assert checker.schema_at([0, "nothing"]) == {}


# -- vocabularies -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vocab():
    vocab, problems = load_vocabularies(ROOT / "data" / "vocab", "data/vocab")
    assert problems == []
    return vocab


VOCAB_SCHEMA = {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}, "theme": {"x-vocabulary": "themes"}, "country": {"x-vocabulary": "countries"},
    "toolbox": {"x-vocabulary": "toolbox"}}}}


def test_an_unknown_vocabulary_id_gets_the_closest_known_one(tmp_path, vocab):
    theme = next(iter(vocab.themes))
    themes = ", ".join(vocab.themes)
    listing = f"use one of: {themes}; a new entry goes in data/vocab/themes.yaml"
    code, country = next(iter(vocab.countries.items()))
    assert problems_of(tmp_path, f"- id: a\n  theme: {theme.upper()}\n", VOCAB_SCHEMA, vocab) == [
        f'f.yaml:2: a: theme "{theme.upper()}" is not a known theme (did you mean "{theme}"? {listing})']
    assert problems_of(tmp_path, f"- id: a\n  theme: {theme[:-1]}\n", VOCAB_SCHEMA, vocab) == [
        f'f.yaml:2: a: theme "{theme[:-1]}" is not a known theme (did you mean "{theme}"? {listing})']
    assert problems_of(tmp_path, "- id: a\n  theme: qqqqqqqqqqqqqqqqqq\n", VOCAB_SCHEMA, vocab) == [
        f'f.yaml:2: a: theme "qqqqqqqqqqqqqqqqqq" is not a known theme ({listing})']
    assert problems_of(tmp_path, f"- id: a\n  country: {country['name']}\n", VOCAB_SCHEMA, vocab) == [
        f'f.yaml:2: a: country "{country["name"]}" is not a known country code (did you mean "{code}"? '
        "use an id listed in data/vocab/countries.yaml, or add one there)"]
    assert problems_of(tmp_path, f"- id: a\n  theme: {theme}\n  country: {code}\n  theme2: 1\n",
                       VOCAB_SCHEMA, vocab) == []
    assert problems_of(tmp_path, "- id: a\n  theme: 3\n", VOCAB_SCHEMA, None) == []


def test_toolbox_module_and_topic_must_be_known(tmp_path, vocab):
    module, entry = next(iter(vocab.toolbox.items()))
    numbers = [t["number"] for t in entry["topics"]]
    assert problems_of(tmp_path, "- id: a\n  toolbox: {module: nope, topic: 1}\n", VOCAB_SCHEMA, vocab) == [
        f'f.yaml:2: a: toolbox module "nope" is not a known My JMDI Toolbox module (use one of: {", ".join(vocab.toolbox)})']
    wrong = max(numbers) + 1
    assert problems_of(tmp_path, f"- id: a\n  toolbox: {{module: {module}, topic: {wrong}}}\n", VOCAB_SCHEMA, vocab) == [
        f"f.yaml:2: a: toolbox topic {wrong} is not a known topic of {module} (use one of the topics listed for it in "
        f"data/vocab/toolbox.yaml ({', '.join(map(str, numbers))}), or add the topic there with its title)"]
    for fine in (f"{{module: {module}, topic: {numbers[0]}}}", f"{{module: {module}, topic: true}}", "{topic: 1}", "x"):
        assert problems_of(tmp_path, f"- id: a\n  toolbox: {fine}\n", VOCAB_SCHEMA, vocab) == [], fine


# -- the helpers ------------------------------------------------------------------------------

def test_field_labels_count_from_one():
    assert field_label(["recommendations", 2, "title"]) == "recommendations #3 title"
    assert field_label([]) == ""


def test_line_of_finds_the_nearest_written_parent(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("\n- id: a\n  tags:\n    - x\n    - y\n  size: 1\n", encoding="utf-8")
    data, _, _ = load_yaml(path, "f.yaml")
    assert line_of(data, [0, "tags", 1]) == 5
    assert line_of(data, [0, "tags", 7]) == 3
    assert line_of(data, [0, "size"]) == 6
    assert line_of(data, [0, "nothing", 0]) == 2
    assert line_of(data, [3]) == line_of(data, []) == 2
    assert line_of({"a": 1}, ["a"]) == 1


def test_record_label_is_the_key_or_the_position():
    assert _record_label({"id": "x"}, 0, "id") == "x"
    assert _record_label({"goal": 7}, 0, "goal") == "7"
    assert _record_label({"id": True}, 2, "id") == "record #3"
    assert _record_label({"id": None}, 0, "id") == "record #1"
    assert _record_label({"id": " "}, 1, "id") == "record #2"
    assert _record_label(["id"], 4, "id") == "record #5"


def test_describe_names_each_kind_of_value():
    assert [_describe(v) for v in (True, None, 3, 2.5, [], {}, "x")] == [
        "a yes/no value (YAML reads yes, no, on, off, true and false that way)", "empty", "a number", "a number",
        "a list", "a group of fields", "text"]


def test_a_duplicate_key_belongs_to_the_record_it_is_written_in(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("- id: a\n  size: 1\n- id: b\n  size: 1\n  size: 2\n", encoding="utf-8")
    data, _, duplicates = load_yaml(path, "f.yaml")
    fix = "keep one of the two lines and delete the other; YAML would silently drop one"
    assert [str(p) for p in duplicate_key_problems(data, duplicates, "f.yaml")] == [
        f"f.yaml:5: b: size is written twice in the same place ({fix})"]
    assert [str(p) for p in duplicate_key_problems(None, [(1, "id")], "f.yaml")] == [
        f"f.yaml:1: file: id is written twice in the same place ({fix})"]


def test_inlined_refs_check_the_same_as_the_refs():
    root = {"$defs": {"a": {"type": "string", "description": "A."}, "self": {"items": {"$ref": "#/$defs/self"}}}}
    assert _inline_refs({"$ref": "#/$defs/a", "description": "mine"}, root) == {"type": "string", "description": "mine"}
    assert _inline_refs({"$ref": "#/$defs/a", "type": "integer"}, root) == {
        "type": "integer", "allOf": [{"type": "string", "description": "A."}]}
    assert _inline_refs({"$ref": "#/$defs/self"}, root) == {"items": {"$ref": "#/$defs/self"}}
    assert _inline_refs({"enum": [{"$ref": "#/$defs/a"}], "x": [{"$ref": "#/$defs/a"}, 1]}, root) == {
        "enum": [{"$ref": "#/$defs/a"}], "x": [{"type": "string", "description": "A."}, 1]}
    assert _inline_refs({"$ref": "other.json#/x"}, root) == {"$ref": "other.json#/x"}
