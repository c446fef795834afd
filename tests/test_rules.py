"""Each validation rule on its own: it flags what it must and nothing else."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from practices.schemacheck import SchemaChecker
from practices.render import PageRenderer
from practices.validate import (NUMBERED_PAGES, Context, practice_schema, rule_dates_only_where_dates,
                                rule_related_exist, rule_reserved_ids, rule_safe_markdown, rule_unique_ids)
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


def test_rule_reserved_ids(tmp_path, ctx):
    data, _ = load(tmp_path, f"- id: a\n- id: {NUMBERED_PAGES}\n")
    problems = list(rule_reserved_ids(data, ctx))
    assert [(p.line, p.record, p.field) for p in problems] == [(2, NUMBERED_PAGES, "id")]
    assert "numbered pages" in problems[0].message and "upala-cross-border-mobility" in problems[0].fix
    # the id it keeps is the folder of the numbered pages: such a record's page would be theirs
    assert PageRenderer.listing_page_path("cases/index.md", 2).startswith(PageRenderer.case_path(NUMBERED_PAGES).removesuffix("index.md"))
    ok, _ = load(tmp_path, "- id: pages-of-history\n")
    assert list(rule_reserved_ids(ok, ctx)) == []


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


# -- what a TODO left by `practices new` asks for --------------------------------------------

def todo_problems(tmp_path, change) -> dict[str, str]:
    """field -> fix of each TODO problem of the first real record changed by `change`."""
    from practices.validate import check
    record = yaml.safe_load((ROOT / "data" / "practices.yaml").read_text(encoding="utf-8"))[0]
    record["related"] = []
    change(record)
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    (tmp_path / "p.yaml").write_text(yaml.safe_dump([record], sort_keys=False), encoding="utf-8")
    _, _, problems = check(tmp_path / "p.yaml", display="p.yaml")
    assert all(p.message == "still says TODO" for p in problems), [str(p) for p in problems]
    return {p.field: p.fix for p in problems}


def test_a_todo_asks_for_what_goes_there_and_how_to_write_it(tmp_path, ctx):
    def change(r):
        r.update(summary="TODO", budget="TODO", keywords=["TODO"], themes=["TODO"], sdg_targets=["TODO"],
                 related=["TODO"], period="TODO later", title="TODOS and ATODO are words of their own")
        r["location"].update(country="TODO", level="TODO")
        r["recommendations"] = [{"title": "TODO", "text": "TODO"}]
    fixes = todo_problems(tmp_path, change)
    v = ctx.vocab
    assert fixes == {
        "summary": "replace it with what was done, where and with what result, in your own words, at most 60 "
                   "words; write two or three sentences of your own",
        "budget": "replace it with the budget as the source gives it: every amount with its currency, who pays it "
                  "where the source says so, and the period or duration; copy each amount with its currency and "
                  'the period from the publication, in quotes, or write "no data"; '
                  "or delete the line: this field is optional",
        "keywords #1": "replace it with the key words as the source prints them",
        "themes #1": "replace it with the themes of the practice; the first is its primary theme; "
                     f"use one of: {', '.join(v.themes)}",
        "sdg_targets #1": "replace it with the SDG targets the practice contributes to, in official numbering; "
                          'write the official target number in quotes, for example "10.7" or "16.b"; '
                          "the targets are listed in vocab/sdgs.yaml; or leave the list empty: []",
        "related #1": "replace it with ids of other records the source points to, or that describe the same "
                      "project; use the id of another record in this file; or leave the list empty: []",
        "period": 'replace it with when the practice ran, as text, for example "2014-2016" or "since 2007"; '
                  'write the years in quotes, for example "2014-2016"',
        "location country": "replace it with the country, as an ISO 3166-1 alpha-2 code such as CR or SN; "
                            "use a country code from vocab/countries.yaml",
        "location level": "replace it with the level of government that led the practice; "
                          f"use one of: {', '.join(v.levels)}",
        "recommendations #1 title": "replace it with a one-line heading, in your own words",
        "recommendations #1 text": "replace it with a few sentences that explain the heading, in your own words; "
                                   "write it in your own words; Markdown formatting is allowed",
    }


def test_what_goes_here_is_the_first_sentence_of_the_description_in_lower_case():
    from practices.validate import _what_goes_here
    assert _what_goes_here("Optional: The pages, as text. More words.") == "the pages, as text"
    assert _what_goes_here("Where it ran.") == "where it ran"
    assert _what_goes_here("Optional:x. y") == "optional:x"
    assert _what_goes_here("") == ""


def test_words_are_lower_case_without_the_small_ones():
    from practices.validate import _words
    assert _words("The Plan of a town, AND 2 maps; as-is") == {"plan", "town", "2", "maps", "is"}
    assert _words("a an and as for in it of the to") == set()


def test_vocabulary_hint_lists_up_to_twelve_ids_and_names_the_file_beyond():
    from practices.validate import _vocabulary_hint
    from practices.vocabulary import Vocabularies
    twelve = Vocabularies(themes={f"t{i}": {} for i in range(12)}, files={"themes": "v/themes.yaml"})
    assert _vocabulary_hint(twelve, "themes") == f"use one of: {', '.join(f't{i}' for i in range(12))}"
    thirteen = Vocabularies(themes={f"t{i}": {} for i in range(13)}, files={"themes": "v/themes.yaml"})
    assert _vocabulary_hint(thirteen, "themes") == "use a theme from v/themes.yaml"
    assert _vocabulary_hint(Vocabularies(), "themes") == "use a theme from data/vocab/themes.yaml"
    assert _vocabulary_hint(twelve, "sdg_targets") == "the targets are listed in data/vocab/sdgs.yaml"


def test_a_record_without_a_usable_id_is_named_by_its_position(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n- title: x\n  related: [zz]\n- id: 7\n  related: [a, a7]\n")
    problems = list(rule_related_exist(data, ctx))
    assert [(p.line, p.record, p.field) for p in problems] == [(3, "record #2", "related #1"),
                                                                 (5, "record #3", "related #2")]


def test_unsafe_markdown_is_said_with_the_record_field_and_line(tmp_path, ctx):
    text = "- id: a\n  lessons:\n    - title: t\n      text: '![m](https://x.org/m.png) [a](javascript:x) [b](https://x.org)'\n"
    data, _ = load(tmp_path, text + "    - title: u\n      text: |-\n        [r]: <Vbscript:y>\n        [s]: data:z\n")
    assert [str(p) for p in rule_safe_markdown(data, ctx)] == [
        "x.yaml:4: a: lessons #1 text contains an image (remove the image and describe it in words: "
        "the site loads nothing from other sites)",
        'x.yaml:4: a: lessons #1 text contains a "javascript:" link (link only to web addresses that start with https://)',
        'x.yaml:6: a: lessons #2 text contains a "vbscript:" link (link only to web addresses that start with https://)',
        'x.yaml:6: a: lessons #2 text contains a "data:" link (link only to web addresses that start with https://)',
    ]
    plain, _ = load(tmp_path, "- id: a\n  practice: 'javascript: is a word; [so](http://x.org) is this'\n")
    assert list(rule_safe_markdown(plain, ctx)) == []


def test_a_date_in_a_text_field_is_said_with_the_quotes_to_add(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n  lessons:\n    - title: 2016-03-01\n")
    assert [str(p) for p in rule_dates_only_where_dates(data, ctx)] == [
        'x.yaml:3: a: lessons #1 title is read as a date, but text is expected '
        '(put the value in quotes so it is read as text: "2016-03-01")']


def test_a_repeated_id_names_the_line_of_the_first(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: a\n\n- id: a\n- id: 3\n- id: 3\n- id: a\n")
    assert [str(p) for p in rule_unique_ids(data, ctx)] == [
        "x.yaml:3: a: id is already used by the record at line 1 (give this record an id of its own)",
        "x.yaml:6: a: id is already used by the record at line 1 (give this record an id of its own)"]


def test_a_field_that_still_says_todo_gets_only_the_todo_problem(tmp_path):
    from practices.validate import check
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    record = yaml.safe_load((ROOT / "data" / "practices.yaml").read_text(encoding="utf-8"))[0]
    record.update(related=[], themes=["TODO"], kind="TODO")
    (tmp_path / "p.yaml").write_text(yaml.safe_dump([record], sort_keys=False), encoding="utf-8")
    _, _, problems = check(tmp_path / "p.yaml", display="p.yaml")
    assert sorted((p.field, p.message) for p in problems) == [("kind", "still says TODO"), ("themes #1", "still says TODO")]


def test_check_names_files_as_the_contributor_sees_them(tmp_path, monkeypatch):
    from practices.validate import check
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "data" / "vocab", tmp_path / "data" / "vocab")
    (tmp_path / "data" / "practices.yaml").write_text("- id: a\n  id: b\n", encoding="utf-8")
    (tmp_path / "data" / "vocab" / "kinds.yaml").write_text("- id: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    records, _, problems = check(tmp_path / "data" / "practices.yaml")
    files = {p.file for p in problems}
    assert files == {"data/practices.yaml", "data/vocab/kinds.yaml"}
    assert "data/practices.yaml:2: a: id is written twice in the same place" in "\n".join(map(str, problems))
    assert [r["id"] for r in records] == ["a"]
    _, _, problems = check(Path("data/practices.yaml"), display="shown.yaml", vocab_dir=tmp_path / "data" / "vocab")
    assert {p.file for p in problems} == {"shown.yaml", "data/vocab/kinds.yaml"}
    (tmp_path / "data" / "practices.yaml").write_text("- id: [\n", encoding="utf-8")
    records, _, problems = check(Path("data/practices.yaml"))
    assert records == [] and [p.file for p in problems if "YAML" in p.message] == ["data/practices.yaml"]
    (tmp_path / "data" / "practices.yaml").write_text("id: a\n", encoding="utf-8")
    assert check(Path("data/practices.yaml"))[0] == []


def test_check_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    from practices.validate import check
    path = tmp_path / "p.yaml"
    path.write_text("- id: a\n", encoding="utf-8")
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    assert gc.isenabled()
    check(path)
    assert gc.isenabled()
    gc.disable()
    try:
        check(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_related_problems_are_said_in_full(tmp_path, ctx):
    data, _ = load(tmp_path, "- id: b\n- id: a\n  related: [3, a, zz]\n- related: [a, b]\n  when: 2016-03-01\n")
    assert [str(p) for p in rule_related_exist(data, ctx)] == [
        "x.yaml:3: a: related #2 points to the record itself (remove it; related lists other records)",
        'x.yaml:3: a: related #3 "zz" is not the id of any record (use the id of an existing record, or add that record first)']
    assert [p.record for p in rule_dates_only_where_dates(data, ctx)] == ["record #3"]


def test_what_goes_here_keeps_the_letters_before_the_full_stop():
    from practices.validate import _what_goes_here
    assert _what_goes_here("Size in MAX.") == "size in MAX"


def test_a_todo_in_an_unknown_field_asks_for_text_of_ones_own(tmp_path):
    fixes = todo_problems(tmp_path, lambda r: r.update(remarks="TODO"))
    assert fixes == {"remarks": "replace it with your own text"}


def test_a_file_outside_the_current_folder_is_named_by_its_path(tmp_path, monkeypatch):
    from practices.validate import check
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    (tmp_path / "p.yaml").write_text("- id: a\n  id: b\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    _, _, problems = check(tmp_path / "p.yaml")
    assert str(tmp_path / "p.yaml") in {p.file for p in problems}
