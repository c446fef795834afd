"""Training content of the Toolbox modules (data/training/): its checks and its pages.

Each rule gets a copy of the real data with one mistake, and must report it as
`file:line: record: field what (fix)`; the pages are rendered from the real data.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from practices.library import load_library
from practices.render import PageRenderer
from practices.training import Duration, describe
from practices.validate import check

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "data" / "training" / "module-2.yaml"


def problems_after(tmp_path: Path, old: str, new: str, count: int = 1) -> list[str]:
    """The training file's problems once `old` (which must be there) is replaced by `new`."""
    data = tmp_path / "data"
    (data / "training").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "practices.yaml", data / "practices.yaml")
    (data / "vocab").symlink_to(ROOT / "data" / "vocab")
    text = MODULE.read_text(encoding="utf-8")
    assert old in text, old
    (data / "training" / "module-2.yaml").write_text(text.replace(old, new, count), encoding="utf-8")
    _, _, problems = check(data / "practices.yaml", display="data/practices.yaml")
    return [str(p) for p in problems]


def line_of(text: str) -> int:
    return MODULE.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_real_training_data_is_valid():
    _, vocab, problems = check(ROOT / "data" / "practices.yaml")
    assert [str(p) for p in problems] == []
    assert "module-2" in vocab.training


# -- the rules, one mistake each ----------------------------------------------------------

def test_a_problem_inside_an_activity_names_the_activity(tmp_path):
    assert problems_after(tmp_path, "    group_size: The whole group, seated in a circle.\n", "") == [
        f"data/training/module-2.yaml:{line_of('  - id: brainwriting')}: brainwriting: group_size is missing "
        "(add a line 'group_size:' to this record: say how many people and groups the activity needs)"]


def test_unknown_field_in_a_topic_names_the_topic(tmp_path):
    found = problems_after(tmp_path, "    pages: \"31-54\"\n", "    pages: \"31-54\"\n    keypoints: [x]\n")
    assert len(found) == 1 and ": topic 2: keypoints is not a known field (" in found[0]


def test_module_must_match_its_file(tmp_path):
    assert problems_after(tmp_path, "module: module-2\n", "module: module-3\n") == [
        f"data/training/module-2.yaml:{line_of('module: module-2')}: module-3: module \"module-3\" differs from the "
        "file name \"module-2\" (name the file module-3.yaml, or write module: module-2)"]


def test_module_must_be_a_toolbox_module(tmp_path):
    found = problems_after(tmp_path, "module: module-2\n", "module: module-9\n")
    assert len(found) == 1 and '"module-9" is not a known My JMDI Toolbox module (use one of: core, module-1' in found[0]


def test_topic_must_be_a_topic_of_the_module(tmp_path):
    found = problems_after(tmp_path, "  - number: 4\n    pages", "  - number: 7\n    pages")
    assert any(": topic 7: number 7 is not a known topic of module-2 (use one of 1, 2, 3, 4" in p for p in found)


def test_activity_ids_are_unique(tmp_path):
    found = problems_after(tmp_path, "  - id: brainwriting\n", "  - id: mind-mapping\n")
    assert any(": mind-mapping: id is already used at line " in p for p in found)


def test_activity_topic_must_be_a_topic_of_the_file(tmp_path):
    found = problems_after(tmp_path, "    method: Brainwriting\n    topic: 1\n", "    method: Brainwriting\n    topic: 5\n")
    assert found == [f"data/training/module-2.yaml:{line_of('    method: Brainwriting') + 1}: brainwriting: topic 5 is not "
                     "a topic of this file (use one of 1, 2, 3, 4, or null for the whole module)"]


def test_sequence_names_existing_activities(tmp_path):
    found = problems_after(tmp_path, "sequence: [world-cafe,", "sequence: [world-caff,")
    assert any(': sequence #1 "world-caff" is not the id of an activity (use the ids of the activities: ' in p for p in found)
    assert any(": world-cafe: id is missing from the sequence (" in p for p in found)


def test_handouts_of_an_activity_exist_and_serve_one(tmp_path):
    found = problems_after(tmp_path, "    handouts: [table-host]\n", "    handouts: [table-hosts]\n")
    assert any(': world-cafe: handouts #1 "table-hosts" is not the id of a handout (' in p for p in found)
    assert any(": table-host: id is the handout of no activity (" in p for p in found)


def test_example_record_must_exist(tmp_path):
    found = problems_after(tmp_path, "{record: hamburg-parents-on-the-spot,", "{record: parents-on-the-spot,")
    assert found == [f"data/training/module-2.yaml:{line_of(next(l for l in MODULE.read_text().splitlines() if 'hamburg-parents-on-the-spot' in l))}: "
                     'topic 1: examples #1 record "parents-on-the-spot" is not the id of a practice record (write the id '
                     "of a record of data/practices.yaml, or give a title instead of a record)"]


def test_example_has_a_record_or_a_title(tmp_path):
    found = problems_after(tmp_path, "{title: Remittance comparison websites, about:", "{about:")
    assert any(": topic 3: examples #3 has neither a record nor a title (" in p for p in found)


def test_duration_range_runs_upwards(tmp_path):
    found = problems_after(tmp_path, "      min: 30\n      max: 45\n", "      min: 45\n      max: 30\n")
    assert any(": take-a-stand: duration max 30 is shorter than min (45) (write the shorter time as min" in p for p in found)


def test_duration_that_differs_from_its_timing_needs_a_note(tmp_path):
    note = "      note: Depends on the number of speakers and participants.\n"
    assert problems_after(tmp_path, note, "", 1) == []  # 90 to 120 is the sum of its parts: no note needed
    found = problems_after(tmp_path / "b", "      min: 125\n", "      min: 120\n")
    assert found == [f"data/training/module-2.yaml:{line_of('      min: 125') - 1}: call-of-barcelona: duration 120 minutes "
                     "differs from its timing, which adds up to 125 minutes (make them agree, or add a note to the "
                     "duration saying where the source's timings differ)"]


# -- the data's own properties ----------------------------------------------------------

@pytest.fixture(scope="module")
def module():
    return load_library(ROOT / "data" / "practices.yaml").vocab.training["module-2"]


def test_every_activity_runs_once_in_the_sequence(module):
    assert sorted(a["id"] for a in module.activities) == sorted(a["id"] for a in module["activities"])


def test_every_example_id_resolves_to_a_record_that_cites_the_topic(module, library):
    for topic in module.topics:
        for example in topic.get("examples", []):
            if "record" in example:
                record = library.by_id[example["record"]]
                assert record["source"]["publication"] != "toolbox-module-2" or \
                    {"module": "module-2", "topic": topic["number"]} in record.get("toolbox", []), example


def test_a_range_is_kept_where_the_toolbox_timings_disagree(module):
    # the World Café's Time box and its steps give its rounds different times: the duration is a range, with a note
    cafe = next(a for a in module.activities if a["id"] == "world-cafe")
    assert module.duration(cafe).varies and "note" in cafe["duration"]


# -- pages ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(library):
    site = PageRenderer(library, site_url="https://example.org/gpl/", site_name="Good Practice Library")
    return {p.path: p.content for p in site.pages()}


def test_every_activity_has_its_own_page_and_a_sheet_on_the_handouts_page(module, pages):
    handouts = pages["training/module-2/handouts/index.md"]
    for activity in module.activities:
        page = pages[f"training/module-2/activities/{activity['id']}/index.md"]
        for anchor in ("objectives", "materials", "time", "steps", "debrief", "practices"):
            assert f"{{ #{anchor} }}" in page, (activity["id"], anchor)
        assert f'<section class="gpl-sheet gpl-training" id="activity-{activity["id"]}" markdown>' in handouts
    for ident in module.handouts:
        assert f'id="handout-{ident}"' in handouts


def test_overview_lists_the_sequence_with_times_and_a_total(module, pages):
    overview = pages["training/module-2/index.md"]
    links = re.findall(r"\]\(\.\./\.\./training/module-2/activities/([a-z0-9-]+)/index\.md\)", overview)
    assert links == [a["id"] for a in module.activities]
    total = module.total()
    assert f"**Total time:** {total.min} to {total.max} minutes" in overview
    assert f"plus {total.per_group} minutes per group" in overview.split("**Total time:**")[1].splitlines()[0]


def test_time_per_group_reads_as_minutes_on_top(pages):
    # mind-mapping takes 60 minutes and 8 more for each group's presentation
    overview = pages["training/module-2/index.md"]
    row = next(line for line in overview.splitlines() if "activities/mind-mapping/" in line)
    assert "60 minutes, plus 8 minutes per group" in row


def test_each_topic_has_a_page_and_a_plan(module, pages):
    for topic in module.topics:
        page = pages[f"training/module-2/topic-{topic['number']}/index.md"]
        plan = pages[f"training/module-2/topic-{topic['number']}/plan/index.md"]
        for activity in module.topic_activities(topic["number"]):
            assert f"activities/{activity['id']}/index.md" in page and f"activities/{activity['id']}/index.md" in plan
        assert "{ #practices }" in page


def test_training_text_is_escaped(tmp_path):
    payload = '<script>alert(1)</script> {{ 7*7 }} {: onclick="x" }'
    data = tmp_path / "data"
    (data / "training").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "practices.yaml", data / "practices.yaml")
    (data / "vocab").symlink_to(ROOT / "data" / "vocab")
    content = yaml.safe_load(MODULE.read_text(encoding="utf-8"))
    activity = content["activities"][0]
    for key in ("title", "method", "purpose", "when", "group_size"):
        activity[key] = f"{payload} {key}"
    activity["steps"][0] = payload
    content["handouts"][0]["content"] = payload
    (data / "training" / "module-2.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    site = PageRenderer(load_library(data / "practices.yaml"))
    rendered = "\n".join(p.content for p in site.pages() if p.path.startswith("training/"))
    assert "<script>" not in rendered and "{{ 7*7 }}" not in rendered and '{: onclick' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


def test_built_site_has_every_training_page_with_its_anchors(built_site, module):
    def ids(path: str) -> set[str]:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        return set(re.findall(r'\bid="([^"]+)"', html))
    assert {"objectives", "sequence", "total-time", "topics"} <= ids("training/module-2")
    sheets = ids("training/module-2/handouts")
    for activity in module.activities:
        found = ids(f"training/module-2/activities/{activity['id']}")
        assert {"objectives", "materials", "time", "steps", "debrief", "practices"} <= found, activity["id"]
        assert {f"activity-{activity['id']}", f"{activity['id']}-steps"} <= sheets
    for topic in module.topics:
        assert {"objectives", "key-points", "examples", "activities", "practices"} <= ids(f"training/module-2/topic-{topic['number']}")
        assert "plan-total" in ids(f"training/module-2/topic-{topic['number']}/plan") or \
            not module.topic_activities(topic["number"])


def test_topic_examples_are_a_list_under_their_own_heading(module, pages):
    for topic in module.topics:
        page = pages[f"training/module-2/topic-{topic['number']}/index.md"]
        if topic.get("examples"):
            assert "## Examples the topic uses { #examples }\n\n- " in page, topic["number"]


def test_a_project_without_training_data_still_gets_its_toolbox_pages(library):
    # the slot templates ship with the package; a project (the benchmark's copy) may hold no data/training/
    import dataclasses
    from practices.library import Library
    vocab = dataclasses.replace(library.vocab, training={})
    site = PageRenderer(Library([p.record for p in library.practices], vocab))
    pages = {p.path: p.content for p in site.pages()}
    assert "## Key points" not in pages["training/module-2/topic-1/index.md"]
    assert not any(path.startswith("training/module-2/activities/") for path in pages)
