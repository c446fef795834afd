"""Controlled vocabularies: themes, countries, SDG targets and the rest.

Each lives in data/vocab/<name>.yaml, is checked against its part of
schema/vocabularies.schema.json and must not repeat an id.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .problems import Problem
from .schemacheck import SchemaChecker, duplicate_key_problems
from .yamlload import load_yaml

SCHEMA_DIR = Path(__file__).parent / "schema"

# vocabulary name -> (file stem, the noun used in messages)
NAMES = {
    "themes": "theme",
    "kinds": "kind of record",
    "levels": "level of government",
    "actor_types": "actor type",
    "countries": "country code",
    "publications": "publication",
    "toolbox": "My JMDI Toolbox module",
    "sdgs": "SDG goal",
    "triggers": "triggering factor",
    "mainstreaming_objectives": "mainstreaming objective",
    "mechanisms": "mainstreaming mechanism",
    "challenges": "challenge",
    "white_paper_groups": "group of White Paper recommendations",
    "white_paper_recommendations": "White Paper recommendation",
    "dc_steps": "step of the decentralised-cooperation guidelines",
}


@cache
def vocabulary_schema() -> dict:
    return json.loads((SCHEMA_DIR / "vocabularies.schema.json").read_text(encoding="utf-8"))


@dataclass
class Vocabularies:
    """Every vocabulary as an ordered mapping of id -> entry."""

    themes: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    actor_types: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)
    publications: dict = field(default_factory=dict)
    toolbox: dict = field(default_factory=dict)
    sdgs: dict = field(default_factory=dict)  # goal number -> goal
    triggers: dict = field(default_factory=dict)
    mainstreaming_objectives: dict = field(default_factory=dict)
    mechanisms: dict = field(default_factory=dict)
    challenges: dict = field(default_factory=dict)
    white_paper_groups: dict = field(default_factory=dict)
    white_paper_recommendations: dict = field(default_factory=dict)
    dc_steps: dict = field(default_factory=dict)
    sdg_targets: dict = field(default_factory=dict)  # "10.7" -> target, with its goal number
    files: dict = field(default_factory=dict)  # vocabulary name -> display path
    training: dict = field(default_factory=dict)  # module id -> its training content (data/training/)

    def noun(self, name: str) -> str:
        return "SDG target" if name == "sdg_targets" else NAMES[name]

    def where(self, name: str) -> str:
        file = "sdgs" if name == "sdg_targets" else name  # the targets are listed in the goals' file
        return self.files.get(file, f"data/vocab/{file}.yaml")

    def subregions(self) -> dict:
        """UN sub-regions in the order of the countries file, each with its label."""
        return {c["subregion"]: c["subregion"] for c in self.countries.values()}


def load_vocabularies(vocab_dir: Path, display_dir: str) -> tuple[Vocabularies, list[Problem]]:
    vocab = Vocabularies()
    problems: list[Problem] = []
    schema = vocabulary_schema()
    for name in NAMES:
        display = f"{display_dir}/{name}.yaml"
        vocab.files[name] = display
        data, syntax, duplicates = load_yaml(vocab_dir / f"{name}.yaml", display)
        problems += syntax
        if syntax:
            continue
        key = "goal" if name == "sdgs" else "id"
        lines = (vocab_dir / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
        checker = SchemaChecker(schema, f"#/$defs/{name}", display, vocab=None, record_key=key,
                                source_lines=lines, entries=("entry", "entries"))
        found = checker.problems(data) + duplicate_key_problems(data, duplicates, display, key)
        problems += found
        if found or not isinstance(data, list):
            continue
        entries: dict = {}
        for position, entry in enumerate(data):
            ident = entry[key]
            if ident in entries:
                problems.append(Problem(display, entry.key_lines[key], str(ident), key,
                                        "is used by another entry", "give each entry its own id"))
            entries[ident] = entry
        setattr(vocab, name, entries)
    for goal in vocab.sdgs.values():
        for target in goal["targets"]:
            if not target["id"].startswith(f"{goal['goal']}."):
                problems.append(Problem(vocab.files["sdgs"], target.key_lines["id"], target["id"], "id",
                                        f"does not belong to goal {goal['goal']}",
                                        "list each target under its own goal"))
            vocab.sdg_targets[target["id"]] = {**target, "goal": goal["goal"]}
    for ident, recommendation in vocab.white_paper_recommendations.items():
        if recommendation["group"] not in vocab.white_paper_groups:
            problems.append(Problem(vocab.files["white_paper_recommendations"], recommendation.key_lines["group"],
                                    ident, "group", f'"{recommendation["group"]}" is not a known group',
                                    f"use one of: {', '.join(vocab.white_paper_groups)}; a new group goes in "
                                    f"{vocab.files['white_paper_groups']}"))
    return vocab, problems
