"""The library in-process: facets, lookups, selection and counts, against the data and small crafted records."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import PRACTICES, ROOT, crafted
from practices.library import FACETS, Library, LibraryError, cached_library, load_library, practices_file

RAW = yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))


def test_practices_file_is_data_practices_yaml_of_the_project():
    assert practices_file(ROOT) == PRACTICES
    assert practices_file(str(ROOT)) == PRACTICES


def test_each_practice_carries_its_record_and_its_place(library):
    assert [p.id for p in library.practices] == [r["id"] for r in RAW]
    for practice, raw in zip(library.practices, RAW):
        assert practice["title"] == raw["title"] and practice.get("title") == raw["title"]
        assert practice.get("no such field") is None and practice.get("no such field", "x") == "x"
        if "location" in raw:
            country = library.vocab.countries[raw["location"]["country"]]
            assert practice.country == country
            territory = raw["location"]["territory"]
            # a territory that is the whole country ("France", FR) is not said twice
            assert practice.place == (country["name"] if territory == country["name"]
                                      else f"{territory}, {country['name']}")
        else:  # an example that names no single place
            assert practice.country is None and practice.place == ""
        assert library.by_id[raw["id"]] is practice


def test_facets_are_the_values_each_record_carries(library):
    targets = library.vocab.sdg_targets
    for practice, raw in zip(library.practices, RAW):
        goals = {targets[t]["goal"] for t in raw.get("sdg_targets", [])}
        actor_types = []
        for actor in raw.get("actors", []):
            if actor["type"] not in actor_types:
                actor_types.append(actor["type"])
        assert practice.facets == {
            "theme": raw["themes"],
            "country": [raw["location"]["country"]] if "location" in raw else [],
            "subregion": [library.vocab.countries[raw["location"]["country"]]["subregion"]] if "location" in raw else [],
            "level": [raw["location"]["level"]] if "location" in raw else [],
            "kind": [raw["kind"]],
            "source": [raw["source"]["publication"]],
            "goal": [str(g) for g in sorted(goals)],
            "target": raw.get("sdg_targets", []),
            "actor_type": actor_types,
            "trigger": raw.get("triggers", []),
            "objective": raw.get("mainstreaming_objectives", []),
            "mechanism": raw.get("mechanisms", []),
            "challenge": raw.get("challenges", []),
            # a topic as "module-2/4", a whole module as its id
            "toolbox": [f"{t['module']}/{t['topic']}" if "topic" in t else t["module"] for t in raw.get("toolbox", [])],
            "dc_step": raw.get("dc_steps", []),
            "keyword": raw.get("keywords", []),
        }
        assert set(practice.facets) == set(FACETS)


def test_goals_are_in_numeric_order_and_once_each(library):
    lib = crafted(library, {"sdg_targets": ["10.7", "8.8", "10.c", "16.b"], "actors": [], "keywords": []})
    (practice,) = lib.practices
    assert practice.facets["goal"] == ["8", "10", "16"]
    assert practice.facets["actor_type"] == [] and practice.facets["keyword"] == []
    bare = {k: v for k, v in RAW[0].items() if k not in ("sdg_targets", "actors", "keywords", "related")}
    (practice,) = Library([bare], library.vocab).practices
    assert practice.facets["goal"] == practice.facets["target"] == practice.facets["actor_type"] == []
    assert practice.facets["keyword"] == []


def test_actor_types_are_listed_once_in_the_order_of_the_actors(library):
    types = list(library.vocab.actor_types)
    actors = [{"name": "x", "type": types[1]}, {"name": "y", "type": types[0]}, {"name": "z", "type": types[1]}]
    (practice,) = crafted(library, {"actors": actors}).practices
    assert practice.facets["actor_type"] == [types[1], types[0]]


def test_a_theme_s_own_practices_are_those_whose_first_theme_it_is(library):
    for theme in library.vocab.themes:
        assert [p.id for p in library.primary(theme)] == [r["id"] for r in RAW if r["themes"][0] == theme]
    themes = list(library.vocab.themes)
    lib = crafted(library, {"themes": [themes[0], themes[1]]}, {"themes": [themes[1], themes[0]]})
    assert [p.id for p in lib.primary(themes[0])] == ["a"]
    assert [p.id for p in lib.primary(themes[1])] == ["b"]


def test_related_are_shown_both_ways_once_each_own_links_first(library):
    lib = crafted(library, {"related": ["b"]}, {"related": ["a"]}, {"related": ["a"]}, {"related": ["c"]})
    a, b, c, d = lib.practices
    assert [p.id for p in lib.related(a)] == ["b", "c"]
    assert [p.id for p in lib.related(b)] == ["a"]
    assert [p.id for p in lib.related(c)] == ["a", "d"]
    assert [p.id for p in lib.related(d)] == ["c"]
    lonely = crafted(library, {}).practices[0]
    assert crafted(library, {}).related(lonely) == []


def test_related_of_the_real_library_point_both_ways(library):
    for practice in library.practices:
        related = library.related(practice)
        assert len({p.id for p in related}) == len(related)
        assert [p.id for p in related][:len(practice.get("related", []))] == practice.get("related", [])
        for other in related:
            assert practice.id in {p.id for p in library.related(other)}


def test_facet_labels_come_from_the_vocabularies(library):
    v = library.vocab
    assert library.facet_labels("theme") == {k: e["label"] for k, e in v.themes.items()}
    countries = library.facet_labels("country")
    assert countries == {k: e["name"] for k, e in v.countries.items()}
    assert list(countries.values()) == sorted(countries.values())
    regions = library.facet_labels("subregion")
    assert list(regions) == sorted({c["subregion"] for c in v.countries.values()})
    assert all(k == label for k, label in regions.items())
    assert library.facet_labels("level") == {k: e["label"] for k, e in v.levels.items()}
    assert library.facet_labels("kind") == {k: e["label"] for k, e in v.kinds.items()}
    assert library.facet_labels("source") == {k: e["short_title"] for k, e in v.publications.items()}
    assert library.facet_labels("goal") == {str(g): f"{g}. {e['short_title']}" for g, e in v.sdgs.items()}
    assert library.facet_labels("target") == {k: k for k in v.sdg_targets}
    assert library.facet_labels("actor_type") == {k: e["label"] for k, e in v.actor_types.items()}
    with pytest.raises(KeyError) as error:
        library.facet_labels("colour")
    assert error.value.args == ("colour",)


def test_keyword_labels_are_the_words_of_the_records_in_alphabetical_order_whatever_the_case(library):
    lib = crafted(library, {"keywords": ["beta", "Alpha"]}, {"keywords": ["beta", "Gamma"]})
    assert list(lib.facet_labels("keyword").items()) == [("Alpha", "Alpha"), ("beta", "beta"), ("Gamma", "Gamma")]
    words = {w for r in RAW for w in r.get("keywords", [])}
    assert set(library.facet_labels("keyword")) == words


def test_select_combines_facets_with_and_and_values_with_or(library):
    themes = list(library.vocab.themes)
    level = RAW[0]["location"]["level"]
    other_level = next(v for v in library.vocab.levels if v != level)
    lib = crafted(library, {"themes": [themes[0]]}, {"themes": [themes[1]]},
                  {"themes": [themes[0]], "location": {**RAW[0]["location"], "level": other_level}})
    assert [p.id for p in lib.select(theme=themes[0])] == ["a", "c"]
    assert [p.id for p in lib.select(theme=[themes[0], themes[1]])] == ["a", "b", "c"]
    assert [p.id for p in lib.select(theme=themes[0], level=level)] == ["a"]
    assert [p.id for p in lib.select(theme=themes[0], level=[level, other_level])] == ["a", "c"]
    assert [p.id for p in lib.select(theme=themes[0], level=None)] == ["a", "c"]
    assert [p.id for p in lib.select(level=None, theme=themes[0])] == ["a", "c"]  # None skips only its facet
    assert [p.id for p in lib.select()] == ["a", "b", "c"]


def test_select_on_the_real_library_matches_the_facets(library):
    for facet in FACETS:
        for value in library.facet_labels(facet):
            assert library.select(**{facet: value}) == [p for p in library.practices if value in p.facets[facet]]
    goal = next(p.facets["goal"][0] for p in library.practices if p.facets["goal"])
    assert library.select(goal=int(goal)) == library.select(goal=goal)


def test_select_rejects_an_unknown_facet_or_value_by_name(library):
    with pytest.raises(ValueError) as error:
        library.select(colour="red")
    assert str(error.value) == f"unknown facet 'colour'; use one of: {', '.join(FACETS)}"
    known = ", ".join(library.facet_labels("level"))
    with pytest.raises(ValueError) as error:
        library.select(level=["zz-b", "zz-a", next(iter(library.vocab.levels))])
    assert str(error.value) == f"unknown level of government zz-a, zz-b; known values: {known}"
    assert library.select(keyword="no record says this") == []


def test_counts_include_zeros_and_count_the_practices_given(library):
    for facet in FACETS:
        counts = library.counts(facet)
        assert list(counts) == list(library.facet_labels(facet))
        assert counts == {v: sum(v in p.facets[facet] for p in library.practices) for v in counts}
    some = library.practices[:2]
    counts = library.counts("theme", some)
    assert counts == {t: sum(t in p.facets["theme"] for p in some) for t in library.vocab.themes}
    assert library.counts("theme", []) == {t: 0 for t in library.vocab.themes}


def test_load_library_gives_the_records_with_their_vocabularies():
    loaded = load_library(PRACTICES)
    assert [p.id for p in loaded.practices] == [r["id"] for r in RAW]
    assert loaded.vocab.themes and loaded.practices[0].vocab is loaded.vocab
    assert loaded.practices[0].place.endswith(loaded.vocab.countries[RAW[0]["location"]["country"]]["name"])


def test_load_library_raises_every_problem(tmp_path):
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    broken = tmp_path / "practices.yaml"
    broken.write_text((ROOT / "tests" / "broken" / "duplicate-id.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        load_library(broken)
    assert error.value.problems and all("already used" in p.message for p in error.value.problems)


def test_cached_library_is_loaded_again_only_when_its_file_changes(tmp_path):
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    data = tmp_path / "practices.yaml"
    data.write_text(PRACTICES.read_text(encoding="utf-8"), encoding="utf-8")
    first = cached_library(data)
    assert cached_library(str(data)) is first
    data.write_text(yaml.safe_dump([{**RAW[0], "related": []}], sort_keys=False, allow_unicode=True), encoding="utf-8")
    second = cached_library(Path(data))
    assert second is not first and [p.id for p in second.practices] == [RAW[0]["id"]]


def one_record_project(folder: Path, record: dict) -> Path:
    """A project folder with a copy of the vocabularies and a practices file of one record."""
    shutil.copytree(ROOT / "data" / "vocab", folder / "vocab")
    data = folder / "practices.yaml"
    data.write_text(yaml.safe_dump([{**record, "related": []}], sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def test_cached_library_is_loaded_again_when_a_vocabulary_changes(tmp_path):
    data = one_record_project(tmp_path, RAW[0])
    theme = RAW[0]["themes"][0]
    assert cached_library(data).vocab.themes[theme]["label"] != "Edited"
    themes = tmp_path / "vocab" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    before = themes.stat().st_mtime_ns
    themes.write_text(re.sub(r"(?m)^(  label: ).*$", r"\1Edited", text), encoding="utf-8")
    os.utime(themes, ns=(before + 10**9, before + 10**9))  # a second later, whatever the clock's granularity
    assert cached_library(data).vocab.themes[theme]["label"] == "Edited"


def test_cached_library_keeps_one_library_per_file(tmp_path):
    first = cached_library(one_record_project(tmp_path / "one", RAW[0]))
    second = cached_library(one_record_project(tmp_path / "two", RAW[1]))
    assert [p.id for p in first.practices] == [RAW[0]["id"]]
    assert [p.id for p in second.practices] == [RAW[1]["id"]]
    assert cached_library(tmp_path / "one" / "practices.yaml") is first
