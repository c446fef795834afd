"""The controlled vocabularies are valid, complete for the records, and checked like records."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pycountry
import pytest
import yaml

from conftest import build_site, copy_project
from practices.library import cached_library
from practices.schemafields import record_fields, walk
from practices.validate import check, practice_schema
from practices.vocab_sources import countries
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


# -- complete vocabularies -------------------------------------------------------------

# Targets per goal in the global indicator framework (A/RES/71/313): a fact of the UN framework.
TARGETS_PER_GOAL = {1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8, 10: 10, 11: 10, 12: 11,
                    13: 5, 14: 10, 15: 12, 16: 12, 17: 19}


def test_every_sdg_goal_has_all_its_official_targets():
    vocab, _ = load_vocabularies(VOCAB, "data/vocab")
    assert sum(TARGETS_PER_GOAL.values()) == 169
    for goal, entry in vocab.sdgs.items():
        ids = [t["id"] for t in entry["targets"]]
        numbered = [i for i in ids if i.split(".")[1].isdigit()]
        lettered = [i for i in ids if not i.split(".")[1].isdigit()]
        assert len(ids) == TARGETS_PER_GOAL[goal], goal
        # 10.1 ... 10.7, then 10.a, 10.b, 10.c: numbered from 1 and lettered from a, no gap
        assert numbered == [f"{goal}.{n}" for n in range(1, len(numbered) + 1)]
        assert lettered == [f"{goal}.{chr(ord('a') + n)}" for n in range(len(lettered))]
        assert all(t["title"].strip() for t in entry["targets"])


def test_every_iso_3166_country_is_known():
    vocab, _ = load_vocabularies(VOCAB, "data/vocab")
    assert {c.alpha_2 for c in pycountry.countries} <= set(vocab.countries)
    slugs = [c["slug"] for c in vocab.countries.values()]
    assert len(slugs) == len(set(slugs)), "each country page has its own address"


def _record(tmp_path, **changes) -> Path:
    """A valid record (the broken corpus's yes/no trap, fixed) with some fields changed."""
    record = yaml.safe_load((ROOT / "tests" / "broken" / "yes-no-trap.yaml").read_text(encoding="utf-8"))[0]
    record["location"]["country"] = "CR"
    record.pop("related", None)
    record["related"] = []
    for key, value in changes.items():
        if key == "country":
            record["location"]["country"] = value
        else:
            record[key] = value
    path = tmp_path / "practices.yaml"
    path.write_text(yaml.safe_dump([record], sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("country", ["SE", "GT", "CR"])
def test_a_country_not_yet_in_the_data_is_accepted(tmp_path, country):
    _, _, problems = check(_record(tmp_path, country=country), vocab_dir=VOCAB)
    assert [str(p) for p in problems] == []


def test_any_official_sdg_target_is_accepted(tmp_path):
    _, _, problems = check(_record(tmp_path, sdg_targets=["16.6", "10.7", "17.19", "16.b"]), vocab_dir=VOCAB)
    assert [str(p) for p in problems] == []


def test_countries_keep_published_names_and_slugs_and_others_take_the_un_name():
    iso = [SimpleNamespace(alpha_2=a, name=n, **({"common_name": c} if c else {})) for a, n, c in [
        ("US", "United States", None), ("CG", "Congo", None),
        ("CD", "Congo, The Democratic Republic of the", None), ("KR", "Korea, Republic of", "South Korea")]]
    rows = [{"ISO 3166-1 Alpha 2-Codes": a, "M49 English": n, "Region Name": r, "Sub-region Name": s}
            for a, n, r, s in [("US", "United States of America", "Americas", "Northern America"),
                               ("CG", "Congo", "Africa", "Sub-Saharan Africa"),
                               ("CD", "Democratic Republic of the Congo", "Africa", "Sub-Saharan Africa"),
                               ("KR", "Republic of Korea", "Asia", "Eastern Asia")]]
    existing = [{"id": "US", "name": "USA as published", "slug": "united-states", "region": "Americas",
                 "subregion": "Northern America"}]
    by_id = {e["id"]: e for e in countries(existing, rows, iso)}
    assert (by_id["US"]["name"], by_id["US"]["slug"]) == ("USA as published", "united-states")
    assert (by_id["KR"]["name"], by_id["KR"]["slug"]) == ("Republic of Korea", "south-korea")
    # two countries would share "congo": the UN name tells them apart
    assert {by_id["CG"]["slug"], by_id["CD"]["slug"]} == {"congo", "democratic-republic-of-the-congo"}
    assert by_id["CD"]["region"] == "Africa" and by_id["CD"]["subregion"] == "Sub-Saharan Africa"


# -- the checks that keep vocabularies honest -----------------------------------------------

def test_a_target_listed_under_another_goal_is_reported(tmp_path):
    copy = tmp_path / "vocab"
    shutil.copytree(VOCAB, copy)
    sdgs = copy / "sdgs.yaml"
    text = sdgs.read_text(encoding="utf-8")
    moved = text.replace('- id: "16.6"', '- id: "15.6"', 1)  # 15.6 now stands under goal 16
    assert moved != text
    sdgs.write_text(moved, encoding="utf-8")
    _, problems = load_vocabularies(copy, "data/vocab")
    wrong = [p for p in problems if p.message == "does not belong to goal 16"]
    assert [(p.file, p.record, p.field) for p in wrong] == [("data/vocab/sdgs.yaml", "15.6", "id")]
    assert wrong[0].fix == "list each target under its own goal"


def test_the_cached_library_sees_an_edited_vocabulary(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    practices, themes = tmp_path / "data" / "practices.yaml", tmp_path / "data" / "vocab" / "themes.yaml"
    first = next(iter(cached_library(practices).vocab.themes))
    before = themes.stat().st_mtime_ns
    themes.write_text(re.sub(r"(?m)^(  label: ).*$", r"\1Edited label", themes.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    os.utime(themes, ns=(before + 10**9, before + 10**9))  # a second later, whatever the clock's granularity
    assert cached_library(practices).vocab.themes[first]["label"] == "Edited label"


MAX_WORDS = [f for f in walk(record_fields(practice_schema())) if f.schema.get("x-max-words")]


@pytest.mark.parametrize("field", MAX_WORDS, ids=[".".join(f.path) for f in MAX_WORDS])
def test_word_limit_is_exact(tmp_path, field):
    assert len(field.path) == 1, "a top-level field; a nested one needs its place in the record"
    limit = field.schema["x-max-words"]
    name = field.path[0]
    for words, ok in [(limit, True), (limit + 1, False)]:
        _, _, problems = check(_record(tmp_path, **{name: " ".join(["word"] * words)}), vocab_dir=VOCAB)
        messages = [p.message for p in problems if p.field == name]
        assert messages == ([] if ok else [f"has {words} words, more than {limit}"]), words


@pytest.mark.build
def test_vocabulary_labels_are_escaped_on_the_built_pages(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    vocab = project / "data" / "vocab"
    themes, countries_file = vocab / "themes.yaml", vocab / "countries.yaml"
    themes.write_text(re.sub(r"(?m)^(  label: )(.*)$", r"\1\2 <script>alert('theme')</script>",
                             themes.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    countries_file.write_text(countries_file.read_text(encoding="utf-8").replace(
        "name: Costa Rica,", "name: \"Costa <script>alert('country')</script> Rica\",", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")}
    for label in ("theme", "country"):
        raw = f"<script>alert('{label}')</script>"
        assert not [p for p, html in pages.items() if raw in html], f"the {label} label is not escaped"
        shown = [p for p, html in pages.items() if re.search(rf"&lt;script&gt;alert\((&#39;|&#x27;|'){label}", html)]
        assert shown, f"the {label} label appears on no page"
