"""`practices new`: a record appended to a copy of the data, then filled, validates and gets its page."""
from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, copy_project
from practices.cli import main
from practices.scaffold import (ID_PATTERN, Answers, append_record, blank_record, derive_id, new_record,
                                record_entries, slug_words)
from practices.schemafields import record_fields
from practices.schemacheck import SchemaChecker
from practices.validate import (STILL_PLACEHOLDER, Context, check, practice_schema, rule_no_placeholders)
from practices.vocabulary import load_vocabularies
from practices.yamlload import load_yaml

FLAGS = ["--title", "Binational Health Fairs for Border Towns", "--territory", "Municipality of Río Frío",
         "--country", "CR", "--level", "municipal", "--theme", "social-inclusion", "--theme", "partnerships",
         "--publication", "success-stories", "--pages", "19-24", "--yes"]
NEW_ID = "rio-frio-binational-health-fairs"

# What the test writes in place of each TODO, by the field it stands in.
FILLED = {
    "type": "local-authority", "module": "core", "topic": "4", "sdg_targets": '["10.7"]',
    "related": "[upala-cross-border-mobility]", "value": '"12"', "period": '"2014-2016"',
}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    return tmp_path / "data" / "practices.yaml"


def new(path: Path, *flags: str) -> int:
    return main(["new", "--file", str(path), *flags])


def records_of(path: Path) -> list:
    data, problems, _ = load_yaml(path, str(path))
    assert problems == []
    return data


def fill_todos(text: str) -> str:
    """Replace each TODO of the new record with a value its field accepts."""
    lines = []
    for line in text.splitlines(keepends=True):
        key = re.match(r"\s*(?:- )?([a-z_]+):", line)
        if "TODO" in line and key and key[1] in FILLED:
            line = re.sub(r'\[?"?TODO"?\]?', FILLED[key[1]], line)
        lines.append(line.replace("TODO", "Written for the test in our own words."))
    return "".join(lines)


# -- the command ------------------------------------------------------------------------------------

def test_new_appends_a_record_and_keeps_the_file_as_it_was(data_copy, capsys):
    original = data_copy.read_bytes()
    assert new(data_copy, *FLAGS) == 0
    after = data_copy.read_bytes()
    assert after.startswith(original), "the existing text must stay byte for byte"
    added = after[len(original):].decode("utf-8")
    assert added.lstrip("\n").startswith(f"- id: {NEW_ID}\n")

    records = records_of(data_copy)
    assert [r["id"] for r in records[:-1]] == [r["id"] for r in records_of(ROOT / "data" / "practices.yaml")]
    record = records[-1]
    assert record["id"] == NEW_ID
    assert record["last_reviewed"] == datetime.date.today().isoformat()
    assert record["title"] == "Binational Health Fairs for Border Towns"
    assert record["location"] == {"territory": "Municipality of Río Frío", "country": "CR", "level": "municipal"}
    assert record["themes"] == ["social-inclusion", "partnerships"]
    assert record["source"] == {"publication": "success-stories", "pages": "19-24"}
    assert f"Added the record {NEW_ID}" in capsys.readouterr().out


@pytest.mark.build
def test_new_record_has_only_todo_problems_then_validates_and_builds(data_copy, tmp_path):
    original = data_copy.read_text(encoding="utf-8")
    assert new(data_copy, *FLAGS) == 0
    _, _, problems = check(data_copy)
    start = len(original.splitlines())
    assert problems, "an unfilled record must not pass"
    assert all(p.message == STILL_PLACEHOLDER for p in problems), [str(p) for p in problems]
    assert all(p.record == NEW_ID and p.line > start for p in problems)
    assert {"summary", "practice", "lessons #1 title", "actors #1 type"} <= {p.field for p in problems}

    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(original + fill_todos(text[len(original):]), encoding="utf-8")
    _, _, problems = check(data_copy)
    assert problems == [], [str(p) for p in problems]

    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    shutil.copytree(data_copy.parent, project / "data", dirs_exist_ok=True)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = tmp_path / "site" / "cases" / NEW_ID / "index.html"
    assert page.exists()
    assert "Binational Health Fairs for Border Towns" in page.read_text(encoding="utf-8")


def test_new_fields_follow_the_schema_order(data_copy):
    assert new(data_copy, *FLAGS) == 0
    record = records_of(data_copy)[-1]
    fields = record_fields(practice_schema())
    in_schema_order = [f.name for f in fields if f.name in record]
    assert list(record) == in_schema_order
    required = {f.name for f in fields if f.required_for(record)}
    assert set(record) == required  # a success story: every field it needs, no more


def test_new_case_study_has_only_the_fields_it_needs(data_copy):
    assert new(data_copy, *FLAGS, "--kind", "case-study") == 0
    record = records_of(data_copy)[-1]
    assert set(record) == {f.name for f in record_fields(practice_schema()) if f.required_for(record)}
    assert "location" in record  # required for a case study, not for every kind


def test_new_example_keeps_the_place_it_is_given(data_copy):
    """location is optional for an example, but a place given on the command line is not dropped."""
    assert new(data_copy, *FLAGS, "--kind", "example") == 0
    record = records_of(data_copy)[-1]
    assert record["location"] == {"territory": "Municipality of Río Frío", "country": "CR", "level": "municipal"}


def test_new_id_does_not_collide(data_copy):
    assert new(data_copy, *FLAGS) == 0
    assert new(data_copy, *FLAGS) == 0
    ids = [r["id"] for r in records_of(data_copy)]
    assert ids[-2:] == [NEW_ID, f"{NEW_ID}-2"]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("flags, message", [
    (["--country", "XX"], '--country "XX" is not a known country code'),
    (["--theme", "health"], '--theme "health" is not a known theme'),
    (["--pages", "p. 19"], '--pages "p. 19" is not a page or a range of pages'),
    (["--id", "Upala_Case"], '--id "Upala_Case" is not a valid id'),
    (["--id", "upala-cross-border-mobility"], "is already the id of a record"),
])
def test_new_refuses_values_sure_to_fail_and_writes_nothing(data_copy, capsys, flags, message):
    original = data_copy.read_bytes()
    assert new(data_copy, "--yes", *flags) == 2
    assert message in capsys.readouterr().err
    assert data_copy.read_bytes() == original


def test_new_asks_for_what_is_missing(data_copy, monkeypatch):
    vocab, _ = load_vocabularies(data_copy.parent / "vocab", "data/vocab")
    answers = iter(["Women at the Border", "Upala", "Costa Rica", "9", "1", "1, partnerships", "", "",
                    "12-x", "12-15", ""])
    ident, _, text = new_record(data_copy, Answers(), vocab, interactive=True, ask=lambda prompt: next(answers))
    record = records_of(data_copy)[-1]
    assert ident == record["id"] == "upala-women-border"
    assert record["location"] == {"territory": "Upala", "country": "CR", "level": "municipal"}
    assert record["themes"] == ["social-inclusion", "partnerships"]
    assert record["kind"] == "success-story"          # Enter keeps the default
    assert record["source"] == {"publication": "TODO", "pages": "12-15"}  # Enter leaves TODO


def test_append_keeps_a_file_without_final_newline(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"# comment\n- id: a  # kept\n  title: x")
    line = append_record(path, "- id: b\n")
    assert path.read_bytes() == b"# comment\n- id: a  # kept\n  title: x\n\n- id: b\n"
    assert line == 5


def test_append_keeps_windows_line_endings(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"- id: a\r\n")
    append_record(path, "- id: b\n  title: c\n")
    assert path.read_bytes() == b"- id: a\r\n\r\n- id: b\r\n  title: c\r\n"


# -- the id -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, territory, expected", [
    ("An Integral Model for the Management of Cross-Border Mobility", "Municipality of Upala",
     "upala-integral-model-management"),
    ("Mental Health: A Key Success Factor", "Provincial Government of Pichincha", "pichincha-mental-health-key"),
    ("Diaspora Investment", "Région de Sédhiou", "sedhiou-diaspora-investment"),
    ("", "", "new-practice"),
])
def test_derive_id(title, territory, expected):
    assert derive_id(title, territory, set()) == expected


def test_derive_id_is_short_valid_and_free():
    ident = derive_id("A very long title " * 10, "Somewhere " * 10, {"somewhere-somewhere-very-long-title"})
    assert ID_PATTERN.search(ident) and len(ident) <= 60
    assert ident == "somewhere-somewhere-very-long-title-2"


def test_slug_words_drop_accents():
    assert slug_words("Río San Juan, Côte-d'Ivoire") == ["rio", "san", "juan", "cote", "d", "ivoire"]


# -- the blank record on the contributor pages ---------------------------------------------------------

def test_blank_record_in_contributing_is_the_one_the_scaffold_writes():
    assert blank_record().strip() in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "{{ blank_record() | trim }}" in (ROOT / "docs" / "contribute" / "index.md").read_text(encoding="utf-8")


def test_blank_record_lists_every_success_story_field():
    record = yaml.safe_load(blank_record())[0]
    assert set(record) == {f.name for f in record_fields(practice_schema()) if f.required_for(record)}


def test_record_entries_come_from_the_schema(monkeypatch):
    """A field added to the schema appears in new records without touching the scaffold."""
    import practices.scaffold as scaffold
    schema = practice_schema()
    patched = {**schema, "$defs": {**schema["$defs"], "practice": {
        **schema["$defs"]["practice"],
        "required": [*schema["$defs"]["practice"]["required"], "funding"],
        "properties": {**schema["$defs"]["practice"]["properties"],
                       "funding": {"$ref": "#/$defs/text", "description": "Who paid."}}}}}
    monkeypatch.setattr(scaffold, "practice_schema", lambda: patched)
    names = [e.name for e in record_entries(Answers(), "2026-01-01", "case-study")]
    assert names[-1] == "funding"


# -- the rule that finds what is left to fill ---------------------------------------------------------

@pytest.fixture(scope="module")
def ctx():
    vocab, problems = load_vocabularies(ROOT / "data" / "vocab", "data/vocab")
    assert problems == []
    return Context("x.yaml", vocab, SchemaChecker(practice_schema(), "#", "x.yaml", vocab))


def test_rule_no_placeholders(tmp_path, ctx):
    path = tmp_path / "x.yaml"
    path.write_text("- id: a\n  kind: case-study\n  title: TODO\n  themes: [social-inclusion, TODO]\n"
                    "  location:\n    country: TODO\n  practice: |-\n    First part.\n\n    TODO: the rest\n"
                    "  summary: No todo here, nor a Todo.\n", encoding="utf-8")
    data, _, _ = load_yaml(path, "x.yaml")
    problems = list(rule_no_placeholders(data, ctx))
    assert [(p.line, p.record, p.field, p.message) for p in problems] == [
        (3, "a", "title", "still says TODO"),
        (4, "a", "themes #2", "still says TODO"),
        (6, "a", "location country", "still says TODO"),
        (7, "a", "practice", "still says TODO"),
    ]
    assert str(problems[0]) == ("x.yaml:3: a: title still says TODO (replace it with the title as the source "
                                "publication prints it; copy the title from the publication)")
    assert "use one of: social-inclusion," in problems[1].fix
    assert "data/vocab/countries.yaml" in problems[2].fix


def test_rule_no_placeholders_says_when_a_field_may_go(tmp_path, ctx):
    path = tmp_path / "x.yaml"
    path.write_text("- id: a\n  kind: case-study\n  period: TODO\n  actors:\n    - name: X\n      type: academia\n"
                    "      role: TODO\n  related: [TODO]\n", encoding="utf-8")
    data, _, _ = load_yaml(path, "x.yaml")
    fixes = {p.field: p.fix for p in rule_no_placeholders(data, ctx)}
    assert fixes["period"].endswith("or delete the line: this field is optional")  # optional for a case study
    assert fixes["actors #1 role"].endswith("or delete the line: this field is optional")
    assert fixes["related #1"].endswith("or leave the list empty: []")


def test_a_todo_field_gets_one_problem_not_two(data_copy):
    """kind: TODO is also an unknown kind; only the TODO message is shown for it."""
    original = data_copy.read_text(encoding="utf-8")
    assert new(data_copy, *FLAGS) == 0
    added = data_copy.read_text(encoding="utf-8")[len(original):]
    data_copy.write_text(original + added.replace("country: CR\n", "country: TODO\n"), encoding="utf-8")
    _, _, problems = check(data_copy)
    country = [p for p in problems if p.field == "location country"]
    assert len(country) == 1 and country[0].message == STILL_PLACEHOLDER


def test_real_library_has_no_placeholders(ctx):
    data, _, _ = load_yaml(ROOT / "data" / "practices.yaml", "data/practices.yaml")
    assert list(rule_no_placeholders(data, ctx)) == []
