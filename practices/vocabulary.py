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
from .schemacheck import SchemaChecker, duplicate_key_problems, field_label, line_of
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
    "dc_sections": "section of the decentralised-cooperation guidelines",
    "dc_checklist": "action of the decentralised-cooperation guidelines' step checklists",
    "dc_recommendations": "final recommendation of the decentralised-cooperation guidelines",
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
    dc_sections: dict = field(default_factory=dict)
    dc_checklist: dict = field(default_factory=dict)
    dc_recommendations: dict = field(default_factory=dict)
    sdg_targets: dict = field(default_factory=dict)  # "10.7" -> target, with its goal number
    files: dict = field(default_factory=dict)  # vocabulary name -> display path

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
    problems += _dc_guide_problems(vocab)
    return vocab, problems


def _dc_guide_problems(vocab: Vocabularies) -> list[Problem]:
    """The decentralised-cooperation guide's checklists and recommendations name its steps and sections."""
    problems = []
    steps, sections = vocab.dc_steps, vocab.dc_sections
    step_hint = f"use one of: {', '.join(steps)} (the steps of {vocab.files['dc_steps']})"
    section_hint = f"use the id of a section listed in {vocab.files['dc_sections']}, or add the section there"
    for ident, item in vocab.dc_checklist.items():
        file, lines = vocab.files["dc_checklist"], item.key_lines
        step = steps.get(item["step"])
        if step is None:
            problems.append(Problem(file, lines["step"], ident, "step", f'"{item["step"]}" is not a known step', step_hint))
        elif not ident.startswith(f"dc{step['number']}-"):
            problems.append(Problem(file, lines["id"], ident, "id", f"does not start with dc{step['number']}-, "
                                    f"the number of its step {item['step']}",
                                    f"begin the id with dc{step['number']}- or give the item the step its id names"))
        elif "partnership" in item and "existing_partnership_label" not in step:
            problems.append(Problem(file, lines["partnership"], ident, "partnership",
                                    f"is given, but step {item['step']} does not fork into new and existing partnerships",
                                    "delete the line: only the steps with an existing_partnership_label fork"))
        if item["section"] not in sections:
            problems.append(Problem(file, lines["section"], ident, "section",
                                    f'"{item["section"]}" is not a known section', section_hint))
    for ident, rec in vocab.dc_recommendations.items():
        file, lines = vocab.files["dc_recommendations"], rec.key_lines
        if rec["section"] not in sections:
            problems.append(Problem(file, lines["section"], ident, "section",
                                    f'"{rec["section"]}" is not a known section', section_hint))
        for index, step in enumerate(rec.get("steps", [])):
            if step not in steps:
                problems.append(Problem(file, line_of(rec, ["steps", index]), ident, field_label(["steps", index]),
                                        f'"{step}" is not a known step', step_hint))
    return problems
