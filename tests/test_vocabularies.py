"""The controlled vocabularies are valid, complete for the records, and checked like records."""
from __future__ import annotations

import shutil
from pathlib import Path

from practices.vocabulary import NAMES, load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "data" / "vocab"


def test_every_vocabulary_file_is_valid():
    vocab, problems = load_vocabularies(VOCAB, "data/vocab")
    assert [str(p) for p in problems] == []
    for name in NAMES:
        assert getattr(vocab, name), f"{name} is empty"


def test_five_jmdi_themes():
    vocab, _ = load_vocabularies(VOCAB, "data/vocab")
    assert list(vocab.themes) == ["social-inclusion", "economic-inclusion", "engaging-diaspora",
                                  "mainstreaming-migration", "partnerships"]


def test_every_sdg_target_belongs_to_its_goal_and_goals_are_complete():
    vocab, _ = load_vocabularies(VOCAB, "data/vocab")
    assert sorted(vocab.sdgs) == list(range(1, 18))
    for target_id, target in vocab.sdg_targets.items():
        assert target_id.split(".")[0] == str(target["goal"])


def test_every_record_reference_resolves(library):
    v = library.vocab
    for p in library.practices:
        assert all(t in v.themes for t in p["themes"])
        assert p["location"]["country"] in v.countries
        assert all(t in v.sdg_targets for t in p.get("sdg_targets", []))
        assert all(r in library.by_id for r in p.get("related", []))
        for ref in p.get("toolbox", []):
            topics = [t["number"] for t in v.toolbox[ref["module"]]["topics"]]
            assert ref.get("topic") is None or ref["topic"] in topics


def test_duplicate_vocabulary_ids_are_reported(tmp_path):
    copy = tmp_path / "vocab"
    shutil.copytree(VOCAB, copy)
    themes = copy / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + "- id: partnerships\n  label: Again\n  intro: Twice.\n",
                      encoding="utf-8")
    _, problems = load_vocabularies(copy, "data/vocab")
    assert [(p.file, p.record, p.field, p.message) for p in problems] == [
        ("data/vocab/themes.yaml", "partnerships", "id", "is used by another entry")]


def test_vocabulary_yes_no_trap_is_reported(tmp_path):
    copy = tmp_path / "vocab"
    shutil.copytree(VOCAB, copy)
    countries = copy / "countries.yaml"
    countries.write_text(countries.read_text(encoding="utf-8")
                         + "- {id: NO, name: Norway, slug: norway, region: Europe, subregion: Northern Europe}\n",
                         encoding="utf-8")
    _, problems = load_vocabularies(copy, "data/vocab")
    assert len(problems) == 1
    assert problems[0].field == "id" and "yes/no value" in problems[0].message and '"NO"' in problems[0].fix
