"""Training content of the My JMDI Toolbox modules: data/training/<module>.yaml.

Each file holds one module's objectives, topics, activities and handouts, in the library's
own words. It is checked against schema/training.schema.json and then by the rules below
(one function each), with the same messages as the practice records; the pages under
training/<module>/ are rendered from it (training_pages.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable, Iterable

from .problems import Problem
from .schemacheck import SchemaChecker, duplicate_key_problems, line_of
from .yamlload import Mapping, Sequence, load_yaml

SCHEMA_PATH = Path(__file__).parent / "schema" / "training.schema.json"
# Where a project keeps its training content, beside the practices file.
TRAINING_DIR = "training"


@cache
def training_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Duration:
    """Minutes from min to max, plus per_group minutes for each group."""

    min: int
    max: int
    per_group: int = 0

    def __add__(self, other: "Duration") -> "Duration":
        return Duration(self.min + other.min, self.max + other.max, self.per_group + other.per_group)

    @property
    def varies(self) -> bool:
        return self.min != self.max

    @classmethod
    def of(cls, entry: dict) -> "Duration":
        return cls(entry["min"], entry.get("max", entry["min"]), entry.get("per_group", 0))


def timing_total(timing: list) -> Duration:
    """The sum of an activity's timed parts; a part per group counts once per group."""
    total = Duration(0, 0)
    for part in timing:
        if part.get("per_group"):
            total += Duration(0, 0, part["min"])
        else:
            total += Duration.of(part)
    return total


class TrainingModule:
    """One module's training content, with its topics' titles from the Toolbox vocabulary."""

    def __init__(self, data: Mapping, vocab):
        self.data = data
        self.id = data["module"]
        self.entry = vocab.toolbox[self.id]
        titles = {t["number"]: t.get("title", f"Topic {t['number']}") for t in self.entry["topics"]}
        self.topics = [{**t, "title": titles[t["number"]]} for t in data["topics"]]
        by_id = {a["id"]: a for a in data["activities"]}
        self.activities = [by_id[i] for i in data["sequence"]]  # in the order they run
        self.handouts = {h["id"]: h for h in data.get("handouts", [])}

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)

    @property
    def label(self) -> str:
        return self.entry["label"]

    def topic(self, number: int) -> dict:
        return next(t for t in self.topics if t["number"] == number)

    def topic_activities(self, number: int | None) -> list[dict]:
        return [a for a in self.activities if a["topic"] == number]

    def duration(self, activity: dict) -> Duration:
        return Duration.of(activity["duration"])

    def total(self, activities: list[dict] | None = None) -> Duration:
        total = Duration(0, 0)
        for activity in self.activities if activities is None else activities:
            total += self.duration(activity)
        return total


# -- loading and checking -------------------------------------------------------------------

@dataclass
class Context:
    file: str
    stem: str
    vocab: object
    practice_ids: set


def _activity_label(data: Mapping, collection: str, position: int) -> str | None:
    items = data.get(collection)
    if not isinstance(items, list) or position >= len(items) or not isinstance(items[position], dict):
        return None
    item = items[position]
    if collection == "topics":
        return f"topic {item['number']}" if isinstance(item.get("number"), int) else None
    return item["id"] if isinstance(item.get("id"), str) and item["id"].strip() else None


_NESTED = re.compile(r"^(activities|topics|handouts) #(\d+)(?: (.*))?$")


def _name_nested(data: Mapping, problem: Problem) -> Problem:
    """A problem inside an activity, topic or handout names it as its record, as a practice is named."""
    found = _NESTED.match(problem.field)
    label = found and _activity_label(data, found[1], int(found[2]) - 1)
    if not label:
        return problem
    return Problem(problem.file, problem.line, label, found[3] or "", problem.message, problem.fix)


def load_training(training_dir: Path, display_dir: str, vocab, practice_ids: set) -> tuple[dict, list[Problem]]:
    """Every module of training_dir, by id, and the problems found; a module with problems is left out."""
    modules: dict = {}
    problems: list[Problem] = []
    if not Path(training_dir).is_dir():
        return modules, problems
    for path in sorted(Path(training_dir).glob("*.yaml")):
        display = f"{display_dir}/{path.name}"
        data, found = _check_file(path, display, vocab, practice_ids)
        problems += found
        if not found:
            module = TrainingModule(data, vocab)
            modules[module.id] = module
    return modules, problems


def _check_file(path: Path, display: str, vocab, practice_ids: set) -> tuple[object, list[Problem]]:
    data, syntax, duplicates = load_yaml(path, display)
    if syntax:
        return data, syntax
    if not isinstance(data, Mapping):
        return data, [Problem(display, getattr(data, "line", 1), "file", "", "holds no module: it is not a group of fields",
                        "start the file with a line 'module:' and the module's id, as the other training files do")]
    wrapped = Sequence([data])  # the checker reads a list of entries: this file is one
    wrapped.line, wrapped.item_lines = data.line, [data.line]
    checker = SchemaChecker(training_schema(), "#/$defs/modules", display, vocab, record_key="module",
                            source_lines=path.read_text(encoding="utf-8").splitlines(), entries=("module", "modules"))
    problems = [_name_nested(data, p) for p in checker.problems(wrapped)]
    problems += duplicate_key_problems(wrapped, duplicates, display, "module")
    if problems:  # the rules read a file whose shape is right
        return data, problems
    ctx = Context(display, path.stem, vocab, practice_ids)
    for rule in RULES:
        problems += rule(data, ctx)
    return data, problems


def _problem(ctx: Context, data: Mapping, path: list, field: str, message: str, fix: str) -> Problem:
    """A problem at path; inside an activity, topic or handout it is named as its record."""
    record = data["module"]
    if len(path) >= 2 and path[0] in ("activities", "topics", "handouts"):
        record = _activity_label(data, path[0], path[1]) or record
    return Problem(ctx.file, line_of(data, path), record, field, message, fix)


def rule_module_known(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """The file is named after a module of the Toolbox vocabulary, and says so."""
    module = data["module"]
    if module not in ctx.vocab.toolbox:
        yield _problem(ctx, data, ["module"], "module", f'"{module}" is not a known My JMDI Toolbox module',
                       f"use one of: {', '.join(ctx.vocab.toolbox)}; a new module goes in {ctx.vocab.where('toolbox')}")
    elif module != ctx.stem:
        yield _problem(ctx, data, ["module"], "module", f'"{module}" differs from the file name "{ctx.stem}"',
                       f"name the file {module}.yaml, or write module: {ctx.stem}")


def rule_topics_known(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """Each topic is a topic of the module in the vocabulary (which holds its title), once."""
    entry = ctx.vocab.toolbox.get(data["module"])
    if entry is None:
        return
    known = [t["number"] for t in entry["topics"]]
    seen: set = set()
    for position, topic in enumerate(data["topics"]):
        number = topic["number"]
        path = ["topics", position, "number"]
        if number not in known:
            yield _problem(ctx, data, path, "number", f"{number} is not a known topic of {data['module']}",
                           f"use one of {', '.join(map(str, known))}, or add the topic with its title in "
                           f"{ctx.vocab.where('toolbox')}")
        elif number in seen:
            yield _problem(ctx, data, path, "number", "is the number of another topic of this file",
                           "write each topic once")
        seen.add(number)


def rule_unique_ids(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """Two activities (or handouts) with one id would share one page address."""
    for collection in ("activities", "handouts"):
        seen: dict = {}
        for position, item in enumerate(data.get(collection, [])):
            line = line_of(data, [collection, position, "id"])
            if item["id"] in seen:
                yield Problem(ctx.file, line, item["id"], "id", f"is already used at line {seen[item['id']]}",
                              f"give each of the {collection} an id of its own")
            seen.setdefault(item["id"], line)


def rule_activity_topics(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """An activity belongs to a topic of this file, or (null) to the whole module."""
    numbers = [t["number"] for t in data["topics"]]
    for position, activity in enumerate(data["activities"]):
        if activity["topic"] is not None and activity["topic"] not in numbers:
            yield _problem(ctx, data, ["activities", position, "topic"], "topic",
                           f"{activity['topic']} is not a topic of this file",
                           f"use one of {', '.join(map(str, numbers))}, or null for the whole module")


def rule_sequence(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """The sequence names every activity once, and nothing else: it orders every page of the module."""
    ids = [a["id"] for a in data["activities"]]
    for position, ident in enumerate(data["sequence"]):
        if ident not in ids:
            yield _problem(ctx, data, ["sequence", position], f"sequence #{position + 1}",
                           f'"{ident}" is not the id of an activity', f"use the ids of the activities: {', '.join(ids)}")
    for position, ident in enumerate(ids):
        if ident not in data["sequence"]:
            yield _problem(ctx, data, ["activities", position, "id"], "id", "is missing from the sequence",
                           "add the activity's id to the module's sequence, where it runs")


def rule_handouts_exist(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """An activity's handouts are handouts of the file, and each handout serves an activity."""
    handouts = [h["id"] for h in data.get("handouts", [])]
    used = set()
    for position, activity in enumerate(data["activities"]):
        for number, ident in enumerate(activity["handouts"]):
            used.add(ident)
            if ident not in handouts:
                yield _problem(ctx, data, ["activities", position, "handouts", number], f"handouts #{number + 1}",
                               f'"{ident}" is not the id of a handout',
                               f"use one of: {', '.join(handouts) or 'none yet'}; a new handout goes in the file's handouts")
    for position, ident in enumerate(handouts):
        if ident not in used:
            yield _problem(ctx, data, ["handouts", position, "id"], "id", "is the handout of no activity",
                           "list it in the handouts of the activity it serves, or remove it")


def rule_examples(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """An example names a practice record that exists, or (without one) has a title; not both. A records
    file that holds none of the records the module names is not the library it describes (a draft, a
    test's crafted library): its records are not asked for."""
    linked = {e["record"] for t in data["topics"] for e in t.get("examples", []) if "record" in e}
    describes = bool(linked & ctx.practice_ids)
    for position, topic in enumerate(data["topics"]):
        for number, example in enumerate(topic.get("examples", [])):
            path = ["topics", position, "examples", number]
            field = f"examples #{number + 1}"
            if "record" in example and "title" in example:
                yield _problem(ctx, data, path, field, "has both a record and a title",
                               "keep the record: its page gives the title")
            elif "record" in example and describes and example["record"] not in ctx.practice_ids:
                yield _problem(ctx, data, path + ["record"], field + " record",
                               f'"{example["record"]}" is not the id of a practice record',
                               "write the id of a record of data/practices.yaml, or give a title instead of a record")
            elif "record" not in example and "title" not in example:
                yield _problem(ctx, data, path, field, "has neither a record nor a title",
                               "add 'record:' with the id of its practice record, or 'title:' with its name")


def rule_duration_range(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """A range runs from the shorter time to the longer."""
    for position, activity in enumerate(data["activities"]):
        parts = [(["duration"], activity["duration"])]
        parts += [(["timing", n], part) for n, part in enumerate(activity["timing"])]
        for where, entry in parts:
            if entry.get("max", entry["min"]) < entry["min"]:
                label = " ".join(str(w) if isinstance(w, str) else f"#{w + 1}" for w in where)
                yield _problem(ctx, data, ["activities", position, *where, "max"], f"{label} max",
                               f"{entry['max']} is shorter than min ({entry['min']})",
                               "write the shorter time as min and the longer as max")


def rule_duration_matches_timing(data: Mapping, ctx: Context) -> Iterable[Problem]:
    """Where the duration is not the sum of the timed parts, the source disagrees with itself:
    a note must say so, so that the range shown is explained."""
    for position, activity in enumerate(data["activities"]):
        duration, total = Duration.of(activity["duration"]), timing_total(activity["timing"])
        if duration != total and "note" not in activity["duration"]:
            yield _problem(ctx, data, ["activities", position, "duration"], "duration",
                           f"{describe(duration)} differs from its timing, which adds up to {describe(total)}",
                           "make them agree, or add a note to the duration saying where the source's timings differ")


def describe(duration: Duration) -> str:
    """Minutes as a reader (and a message) reads them: '30 to 45 minutes, plus 8 minutes per group'."""
    text = f"{duration.min} to {duration.max} minutes" if duration.varies else f"{duration.min} minutes"
    if duration.per_group:
        text += f", plus {duration.per_group} minutes per group"
    return text


RULES: list[Callable[[Mapping, Context], Iterable[Problem]]] = [
    rule_module_known, rule_topics_known, rule_unique_ids, rule_activity_topics, rule_sequence,
    rule_handouts_exist, rule_examples, rule_duration_range, rule_duration_matches_timing,
]
