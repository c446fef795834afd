"""The discussion guides: data checked like a vocabulary, every practice and theme it names resolving,
one anchor per week and prompt on the guides' page."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from htmlcheck import Page
from practices.render import PageRenderer, md_escape
from practices.validate import check

GUIDES = ROOT / "data" / "discussion_guides.yaml"


def project_with_guides(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "discussion_guides.yaml").write_text(text, encoding="utf-8")
    return data / "practices.yaml"


def problems_of(tmp_path, monkeypatch, text: str) -> list[str]:
    practices = project_with_guides(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    return [str(p) for p in check(practices.relative_to(tmp_path))[2]]


WEEK = """- id: week-1
  week: 1
  title: T
  focus: F
  themes: [{theme}]
  prompts:
    - id: p
      title: P
      prompt: Q
      practices: [{practice}]
"""


def test_the_real_guides_are_valid_and_name_real_practices_and_themes(library):
    guides = library.vocab.discussion_guides
    assert guides, "the guides were not loaded"
    for week_id, week in guides.items():
        assert week_id == f"week-{week['week']}"
        assert set(week["themes"]) <= set(library.vocab.themes)
        for prompt in week["prompts"]:
            assert set(prompt["practices"]) <= set(library.by_id), prompt["id"]
        for initiative in week.get("initiatives", []):
            assert set(initiative.get("practices", [])) <= set(library.by_id)


def test_a_practice_the_guides_name_must_exist(tmp_path, monkeypatch, library):
    theme = next(iter(library.vocab.themes))
    # beside a real one: a records file that holds none of the linked records is not the library the guides describe
    practices = f"{library.practices[0].id}, no-such-practice"
    assert problems_of(tmp_path, monkeypatch, WEEK.format(theme=theme, practice=practices)) == [
        'data/discussion_guides.yaml:10: week-1: prompt p: practices #2 "no-such-practice" is not the id of any record '
        "(use the id of a record in data/practices.yaml, or remove it)"]


def test_an_initiative_s_practice_must_exist_too(tmp_path, monkeypatch, library):
    theme = next(iter(library.vocab.themes))
    text = WEEK.format(theme=theme, practice=library.practices[0].id) + "  initiatives:\n    - name: N\n      practices: [gone]\n"
    assert problems_of(tmp_path, monkeypatch, text) == [
        'data/discussion_guides.yaml:13: week-1: initiative #1: practices #1 "gone" is not the id of any record '
        "(use the id of a record in data/practices.yaml, or remove it)"]


def test_a_theme_the_guides_name_must_exist(tmp_path, monkeypatch, library):
    problems = problems_of(tmp_path, monkeypatch, WEEK.format(theme="no-theme", practice=library.practices[0].id))
    assert problems == [f'data/discussion_guides.yaml:5: week-1: themes #1 "no-theme" is not a known theme '
                        f"(use one of: {', '.join(library.vocab.themes)})"]


def test_a_prompt_id_twice_in_a_week_and_a_week_id_off_its_number_are_errors(tmp_path, monkeypatch, library):
    theme, practice = next(iter(library.vocab.themes)), library.practices[0].id
    text = WEEK.format(theme=theme, practice=practice).replace("week: 1", "week: 2")
    text += f"    - id: p\n      title: P2\n      prompt: Q2\n      practices: [{practice}]\n"
    assert problems_of(tmp_path, monkeypatch, text) == [
        "data/discussion_guides.yaml:1: week-1: id does not match week 2 (write week-2, or correct the week number)",
        'data/discussion_guides.yaml:11: week-1: prompts prompt id "p" is used twice in the week (give each prompt of a week its own id)']


def test_a_guide_entry_is_checked_against_its_schema_with_file_and_line(tmp_path, monkeypatch):
    problems = problems_of(tmp_path, monkeypatch, "- id: week-1\n  week: one\n")
    assert problems and all(p.startswith("data/discussion_guides.yaml:") for p in problems)
    assert any(":2: week-1: week" in p for p in problems), problems


def test_a_practices_file_without_guides_beside_it_has_none(tmp_path, monkeypatch):
    practices = project_with_guides(tmp_path, "")
    (practices.parent / "discussion_guides.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    _, vocab, problems = check(practices.relative_to(tmp_path))
    assert problems == [] and vocab.discussion_guides == {}


def test_the_guides_page_has_an_anchor_per_week_and_prompt_and_links_its_practices(library):
    site = PageRenderer(library)
    text = site.discussion_guides(root="../../")
    anchors = re.findall(r"\{ #([a-z0-9-]+) \}", text)
    expected = []
    for week_id, week in library.vocab.discussion_guides.items():
        expected.append(week_id)
        expected += [f"{week_id}-{prompt['id']}" for prompt in week["prompts"]]
    assert anchors == expected and len(set(anchors)) == len(anchors)
    linked = re.findall(r"\]\(\.\./\.\./cases/([^/]+)/index\.md\)", text)
    named = {i for w in library.vocab.discussion_guides.values() for part in w["prompts"] + w.get("initiatives", [])
             for i in part.get("practices", [])}
    assert set(linked) == named
    themes = set(re.findall(r"\]\(\.\./\.\./themes/([^/]+)/index\.md\)", text))
    assert themes == {t for w in library.vocab.discussion_guides.values() for t in w["themes"]}


def test_guide_text_is_escaped(library):
    import dataclasses
    payload = '<script>alert(1)</script> {{ 7*7 }}'
    guides = {k: {**w, "title": payload, "focus": payload,
                  "prompts": [{**p, "title": payload, "prompt": payload} for p in w["prompts"]],
                  "initiatives": [{**i, "name": payload} for i in w.get("initiatives", [])]}
              for k, w in library.vocab.discussion_guides.items()}
    from practices.library import Library
    lib = Library([p.record for p in library.practices], dataclasses.replace(library.vocab, discussion_guides=guides))
    text = PageRenderer(lib).discussion_guides()
    assert "<script>" not in text and "{{" not in text and "&lt;script>" in text


def test_the_built_guides_page_links_to_existing_practices(built_site, library):
    page = Page(built_site / "training" / "discussion-guides" / "index.html")
    cases = [h for h in page.links if "/cases/" in h]
    assert cases
    for href in cases:
        assert (built_site / "training" / "discussion-guides" / href / "index.html").resolve().is_file(), href
    for week_id in library.vocab.discussion_guides:
        assert week_id in page.ids


def test_a_prompt_s_practices_are_a_list_one_a_line(library):
    """A run of titles in one sentence was hard to scan on a phone: each practice gets its own list item."""
    text = PageRenderer(library).discussion_guides(root="")
    for week in library.vocab.discussion_guides.values():
        for prompt in week["prompts"]:
            for practice_id in prompt["practices"]:
                practice = library.by_id[practice_id]
                line = f"\n- [{md_escape(practice['title'])}](cases/{practice_id}/index.md) ({md_escape(practice.place)})\n"
                assert line in text, practice_id
