"""Each validation rule on its own: it flags what it must and nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest

from practices.schemacheck import SchemaChecker
from practices.validate import (Context, practice_schema, rule_dates_only_where_dates, rule_related_exist,
                                rule_safe_markdown, rule_unique_ids)
from practices.vocabulary import load_vocabularies
from practices.yamlload import Mapping, PlainDate, Sequence, load_yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ctx():
    vocab, problems = load_vocabularies(ROOT / "data" / "vocab", "data/vocab")
    assert problems == []
    return Context("x.yaml", vocab, SchemaChecker(practice_schema(), "#", "x.yaml", vocab))


def load(tmp_path, text):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    data, syntax, duplicates = load_yaml(path, "x.yaml")
    assert syntax == []
    return data, duplicates


# -- the loader ----------------------------------------------------------------------

def test_loader_records_lines_of_keys_and_items(tmp_path):
    data, _ = load(tmp_path, "- id: a\n  themes:\n    - one\n    - two\n")
    assert isinstance(data, Sequence) and isinstance(data[0], Mapping)
    assert data[0].key_lines == {"id": 1, "themes": 2}
    assert data[0]["themes"].item_lines == [3, 4]


def test_loader_reports_duplicate_keys_instead_of_overwriting(tmp_path):
    data, duplicates = load(tmp_path, "- id: a\n  title: first\n  title: second\n")
    assert duplicates == [(3, "title")]
    assert data[0]["title"] == "first"


def test_loader_keeps_unquoted_dates_as_the_text_written(tmp_path):
    data, _ = load(tmp_path, "- when: 2016-03-01\n")
    assert isinstance(data[0]["when"], PlainDate) and data[0]["when"] == "2016-03-01"


def test_loader_reports_syntax_errors_with_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("- id: a\n  title: [unclosed\n", encoding="utf-8")
    data, syntax, _ = load_yaml(path, "x.yaml")
    assert data is None and len(syntax) == 1 and "cannot be read as YAML" in syntax[0].message


# -- rules ---------------------------------------------------------------------------

def test_rule_unique_ids(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n- id: b\n- id: a\n")
    problems = list(rule_unique_ids(data, ctx))
    assert [(p.line, p.record, p.field) for p in problems] == [(3, "a", "id")]
    assert "line 1" in problems[0].message
    ok, _ = load(tmp_path, "- id: a\n- id: b\n")
    assert list(rule_unique_ids(ok, ctx)) == []


def test_rule_related_exist(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n  related: [b, c, a]\n- id: b\n")
    problems = list(rule_related_exist(data, ctx))
    assert [(p.record, p.field) for p in problems] == [("a", "related #2"), ("a", "related #3")]
    assert '"c" is not the id of any record' in problems[0].message
    assert "itself" in problems[1].message


def test_rule_dates_only_where_dates(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n  period: 2016-03-01\n  last_reviewed: 2026-11-22\n")
    problems = list(rule_dates_only_where_dates(data, ctx))
    assert [(p.line, p.field) for p in problems] == [(2, "period")]


@pytest.mark.parametrize("text, flagged", [
    ("see [the plan](https://example.org/plan)", None),
    ("see [it](javascript:alert(1))", '"javascript:" link'),
    ("see [it]( JavaScript:alert(1))", '"javascript:" link'),
    ("[ref]: data:text/html;base64,xx", '"data:" link'),
    ("a map ![map](https://example.org/m.png)", "image"),
    ("write to [us](mailto:a@example.org)", None),
])
def test_rule_safe_markdown(tmp_path, ctx, text, flagged):
    data, _ = load(tmp_path, f"- id: a\n  practice: {text!r}\n")
    problems = list(rule_safe_markdown(data, ctx))
    if flagged is None:
        assert problems == []
    else:
        assert len(problems) == 1 and flagged in problems[0].message and problems[0].field == "practice"


def test_schema_check_reports_every_problem_at_once(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n  kind: success-story\n  themes: [nope]\n  period: 2016\n")
    problems = ctx.checker.problems(data)
    fields = {p.field for p in problems}
    assert {"themes #1", "period", "title", "summary", "location"} <= fields
