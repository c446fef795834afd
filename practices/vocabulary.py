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
# Lists checked like a vocabulary but kept beside the records (they name records): name -> file name.
# A practices file without one beside it (a test corpus) simply has none.
BESIDE_RECORDS = {"discussion_guides": "discussion_guides.yaml"}


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
    discussion_guides: dict = field(default_factory=dict)  # "week-1" -> the week's prompts
    dc_sections: dict = field(default_factory=dict)
    dc_checklist: dict = field(default_factory=dict)
    dc_recommendations: dict = field(default_factory=dict)
    sdg_targets: dict = field(default_factory=dict)  # "10.7" -> target, with its goal number
    files: dict = field(default_factory=dict)  # vocabulary name -> display path
    training: dict = field(default_factory=dict)  # module id -> its training content (data/training/)

    def noun(self, name: str) -> str:
        return "SDG target" if name == "sdg_targets" else NAMES[name]

    def where(self, name: str) -> str:
        file = "sdgs" if name == "sdg_targets" else name  # the targets are listed in the goals' file
        if file in BESIDE_RECORDS:
            return self.files.get(file, f"data/{BESIDE_RECORDS[file]}")
        return self.files.get(file, f"data/vocab/{file}.yaml")

    def subregions(self) -> dict:
        """UN sub-regions in the order of the countries file, each with its label."""
        return {c["subregion"]: c["subregion"] for c in self.countries.values()}


def load_entries(path: Path, display: str, name: str) -> tuple[dict | None, list[Problem]]:
    """One list of entries checked against $defs/<name> of the vocabularies' schema, by id
    (None when it has problems)."""
    data, syntax, duplicates = load_yaml(path, display)
    if syntax:
        return None, syntax
    key = "goal" if name == "sdgs" else "id"
    lines = path.read_text(encoding="utf-8").splitlines()
    checker = SchemaChecker(vocabulary_schema(), f"#/$defs/{name}", display, vocab=None, record_key=key,
                            source_lines=lines, entries=("entry", "entries"))
    problems = checker.problems(data) + duplicate_key_problems(data, duplicates, display, key)
    if problems or not isinstance(data, list):
        return None, problems
    entries: dict = {}
    for entry in data:
        ident = entry[key]
        if ident in entries:
            problems.append(Problem(display, entry.key_lines[key], str(ident), key,
                                    "is used by another entry", "give each entry its own id"))
        entries[ident] = entry
    return entries, problems


def load_beside_records(vocab: Vocabularies, data_dir: Path, display_dir: str) -> list[Problem]:
    """The lists kept beside the records (BESIDE_RECORDS), into vocab, with their checks against the vocabularies."""
    problems: list[Problem] = []
    for name, file_name in BESIDE_RECORDS.items():
        path = data_dir / file_name
        display = f"{display_dir}/{file_name}" if display_dir not in ("", ".") else file_name
        vocab.files[name] = display
        if not path.exists():
            continue
        entries, found = load_entries(path, display, name)
        problems += found
        if entries is not None:
            setattr(vocab, name, entries)
    return problems + _discussion_guide_problems(vocab)


def load_vocabularies(vocab_dir: Path, display_dir: str) -> tuple[Vocabularies, list[Problem]]:
    vocab = Vocabularies()
    problems: list[Problem] = []
    for name in NAMES:
        display = f"{display_dir}/{name}.yaml"
        vocab.files[name] = display
        entries, found = load_entries(vocab_dir / f"{name}.yaml", display, name)
        problems += found
        if entries is not None:
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
    problems += _toolbox_problems(vocab)
    problems += _dc_guide_problems(vocab)
    return vocab, problems


def _discussion_guide_problems(vocab: Vocabularies) -> list[Problem]:
    """A week's themes must be known themes and its prompt ids unique (each is an anchor of the guides' page).
    The practices they name are checked with the records (validate.rule_discussion_guide_practices)."""
    problems = []
    file = vocab.files.get("discussion_guides", "data/discussion_guides.yaml")
    for ident, week in vocab.discussion_guides.items():
        if ident != f"week-{week['week']}":
            problems.append(Problem(file, week.key_lines["id"], ident, "id", f"does not match week {week['week']}",
                                    f"write week-{week['week']}, or correct the week number"))
        for index, theme in enumerate(week["themes"]):
            if theme not in vocab.themes:
                problems.append(Problem(file, week["themes"].item_lines[index], ident, f"themes #{index + 1}",
                                        f'"{theme}" is not a known theme',
                                        f"use one of: {', '.join(vocab.themes)}"))
        seen: set[str] = set()
        for prompt in week["prompts"]:
            if prompt["id"] in seen:
                problems.append(Problem(file, prompt.key_lines["id"], ident, "prompts",
                                        f'prompt id "{prompt["id"]}" is used twice in the week',
                                        "give each prompt of a week its own id"))
            seen.add(prompt["id"])
    return problems


def _toolbox_problems(vocab: Vocabularies) -> list[Problem]:
    """A topic number twice in a module would give two topics one page; a module's publication must exist."""
    problems = []
    file = vocab.files.get("toolbox", "data/vocab/toolbox.yaml")
    for ident, module in vocab.toolbox.items():
        seen: set[int] = set()
        for topic in module["topics"]:
            if topic["number"] in seen:
                problems.append(Problem(file, topic.key_lines["number"], ident, "topics",
                                        f"topic {topic['number']} is listed twice",
                                        "list each topic of the module once, under its own number"))
            seen.add(topic["number"])
        publication = module.get("publication")
        if publication is not None and publication not in vocab.publications:
            problems.append(Problem(file, module.key_lines["publication"], ident, "publication",
                                    f'"{publication}" is not a known publication',
                                    f"use one of: {', '.join(vocab.publications)}; or leave the line out if the "
                                    "library does not hold the module's text"))
    return problems


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
