"""The decentralised-cooperation guide's data: its step checklists, sections and final recommendations."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from practices.validate import check
from practices.vocabulary import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "data" / "vocab"
CHECKLIST = "dc_checklist.yaml"


def _vocab(directory: Path = VOCAB):
    return load_vocabularies(directory, "data/vocab")


def _project_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def _line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


def _entry_before(text: str, fragment: str, pattern: str = r"- id: (\S+)") -> str:
    return re.findall(pattern, text[:text.index(fragment)])[-1]


def test_the_guide_data_is_valid_and_its_ids_unique():
    vocab, problems = _vocab()
    assert [str(p) for p in problems] == []
    for name in ("dc_checklist", "dc_recommendations", "dc_sections"):
        ids = [line.split(":", 1)[1].strip().strip('"') for line in (VOCAB / f"{name}.yaml").read_text().splitlines()
               if line.startswith("- id:")]
        assert len(ids) == len(set(ids)) == len(getattr(vocab, name)), name


def test_every_step_has_a_checklist_and_every_item_a_step_section_and_id_of_its_step():
    vocab, _ = _vocab()
    steps = {item["step"] for item in vocab.dc_checklist.values()}
    assert steps == set(vocab.dc_steps), "each step of the process has actions to tick"
    for ident, item in vocab.dc_checklist.items():
        step = vocab.dc_steps[item["step"]]
        assert ident.startswith(f"dc{step['number']}-"), ident
        assert item["section"] in vocab.dc_sections, ident
        if "partnership" in item:
            assert "existing_partnership_label" in step, ident
    # the fork: both branches of steps 3 and 4 have actions of their own
    for step_id, step in vocab.dc_steps.items():
        if "existing_partnership_label" in step:
            branches = {i.get("partnership") for i in vocab.dc_checklist.values() if i["step"] == step_id}
            assert {"new", "existing"} <= branches, step_id


def test_the_items_of_a_step_follow_one_another_in_the_order_of_the_steps():
    vocab, _ = _vocab()
    order = [vocab.dc_steps[i["step"]]["number"] for i in vocab.dc_checklist.values()]
    assert order == sorted(order)


def test_every_linked_practice_exists_in_the_library(library):
    for ident, item in library.vocab.dc_checklist.items():
        for practice in item["practices"]:
            assert practice in library.by_id, (ident, practice)


def test_the_final_recommendations_are_numbered_in_order_and_name_known_steps():
    vocab, _ = _vocab()
    numbers = [r["number"] for r in vocab.dc_recommendations.values()]
    assert numbers == list(range(1, len(numbers) + 1))
    for ident, rec in vocab.dc_recommendations.items():
        assert ident == f"dcr-{rec['number']:02d}"
        assert set(rec.get("steps", [])) <= set(vocab.dc_steps)


def test_sections_give_pages_that_run_forward():
    vocab, _ = _vocab()
    for ident, section in vocab.dc_sections.items():
        first, _, last = section["pages"].partition("-")
        assert not last or int(first) <= int(last), ident


def test_a_checklist_item_linking_to_no_record_is_reported_with_file_line_item_field_and_fix(tmp_path):
    data = _project_copy(tmp_path)
    text = _edit(data / "vocab" / CHECKLIST, "practices: [calabarzon-local-migration-data]\n",
                 "practices: [calabarzon-local-migration-data, no-such-record]\n")
    _, _, problems = check(data / "practices.yaml", "data/practices.yaml")
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    ident = _entry_before(text, "no-such-record")
    assert (problem.file, problem.line, problem.record, problem.field) == (
        f"data/vocab/{CHECKLIST}", _line_of(text, "no-such-record"), ident, "practices #2")
    assert str(problem) == (f"data/vocab/{CHECKLIST}:{problem.line}: {ident}: practices #2 "
                            '"no-such-record" is not the id of any record (use the id of a record in '
                            "data/practices.yaml, or add that record first)")


def test_a_checklist_item_linked_in_a_block_list_is_reported_at_that_line(tmp_path):
    data = _project_copy(tmp_path)
    text = _edit(data / "vocab" / CHECKLIST, "practices: [calabarzon-local-migration-data]\n",
                 "practices:\n    - calabarzon-local-migration-data\n    - calabarzon-local-data\n")
    _, _, problems = check(data / "practices.yaml", "data/practices.yaml")
    assert [(p.line, p.field) for p in problems] == [(_line_of(text, "- calabarzon-local-data"), "practices #2")]


@pytest.mark.parametrize("old, new, field, words", [
    ("- id: dc1-survey-design\n  step: needs-assessment", "- id: dc1-survey-design\n  step: needs",
     "step", '"needs" is not a known step'),
    ("- id: dc1-survey-design\n  step: needs-assessment", "- id: dc1-survey-design\n  step: stakeholder-mapping",
     "id", "does not start with dc2-"),
    ("- id: dc1-survey-design\n  step: needs-assessment", "- id: dc1-survey-design\n  step: needs-assessment\n  partnership: new",
     "partnership", "does not fork"),
])
def test_a_broken_checklist_item_is_reported_with_file_line_id_and_field(tmp_path, old, new, field, words):
    copy = tmp_path / "vocab"
    shutil.copytree(VOCAB, copy)
    text = _edit(copy / CHECKLIST, old, new)
    _, problems = _vocab(copy)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.file, problem.record, problem.field) == (f"data/vocab/{CHECKLIST}", "dc1-survey-design", field)
    line = {"id": "- id: dc1-survey-design", "step": "  step: ", "partnership": "  partnership: new"}[field]
    assert problem.line == _line_of(text[text.index("- id: dc1-survey-design"):], line) + _line_of(text, "- id: dc1-survey-design") - 1
    assert words in str(problem)


def test_a_section_that_is_not_listed_is_reported(tmp_path):
    copy = tmp_path / "vocab"
    shutil.copytree(VOCAB, copy)
    text = _edit(copy / "dc_recommendations.yaml", 'section: part-5\n  steps: [initiatives]\n',
                 'section: part-6\n  steps: [initiatives]\n')
    _, problems = _vocab(copy)
    assert [(p.line, p.record, p.field) for p in problems] == [(_line_of(text, "part-6"), _entry_before(text, "part-6"), "section")]
    assert "dc_sections.yaml" in str(problems[0])


def test_a_records_file_without_any_linked_record_is_not_asked_for_them(tmp_path):
    # a draft of one new record, checked against the project's vocabularies, is not the library the guide links
    data = _project_copy(tmp_path)
    records = (data / "practices.yaml").read_text(encoding="utf-8")
    first_other = records.index("\n- id: ", records.index("- id: "))
    (data / "practices.yaml").write_text(records[:first_other + 1], encoding="utf-8")
    linked = {p for item in _vocab()[0].dc_checklist.values() for p in item["practices"]}
    assert records[:first_other].split("- id: ")[1].split()[0] not in linked
    _, _, problems = check(data / "practices.yaml", "data/practices.yaml")
    assert [str(p) for p in problems if p.field != "related" and not p.field.startswith("related ")] == []
