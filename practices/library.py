"""The library: validated practice records, their vocabularies and the facets derived from them."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .problems import LibraryError, Problem
from .validate import check
from .vocabulary import BESIDE_RECORDS, Vocabularies

# Where a project keeps its records, relative to the project folder (the vocabularies are in vocab/ beside it).
PRACTICES_FILE = Path("data") / "practices.yaml"


def practices_file(project_dir: Path | str) -> Path:
    """The practices file of the project in project_dir."""
    return Path(project_dir) / PRACTICES_FILE


# Facets a reader can filter by and a macro can select by, in display order.
FACETS = {
    "theme": "Theme",
    "country": "Country",
    "subregion": "UN subregion",
    "level": "Level of government",
    "kind": "Kind of record",
    "source": "Source publication",
    "goal": "SDG goal",
    "target": "SDG target",
    "actor_type": "Actor type",
    "trigger": "What set it off",
    "objective": "Mainstreaming objective",
    "mechanism": "Mainstreaming mechanism",
    "challenge": "Challenge met",
    "toolbox": "My JMDI Toolbox topic",
    "dc_step": "Step of decentralised cooperation",
    "keyword": "Keyword",
}



def toolbox_value(module: str, topic: int | None = None) -> str:
    """The toolbox facet's value of a reference: "module-2/4" for a topic, "module-2" for a whole module."""
    return module if topic is None else f"{module}/{topic}"


def topic_name(module: dict, topic: dict) -> str:
    """A topic as a reader sees it named: 'Module 2, Topic 4: Working with ...' (the number alone without a title)."""
    title = f": {topic['title']}" if topic.get("title") else ""
    return f"{module['name']}, Topic {topic['number']}{title}"


# Facets whose values are the ids of a controlled vocabulary with labels: facet -> vocabulary name.
VOCABULARY_FACETS = {"trigger": "triggers", "objective": "mainstreaming_objectives",
                     "mechanism": "mechanisms", "challenge": "challenges"}


@dataclass
class Practice:
    """One practice record and the facet values it carries."""

    record: dict
    vocab: Vocabularies = field(repr=False)

    def __getitem__(self, key):
        return self.record[key]

    def get(self, key, default=None):
        return self.record.get(key, default)

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def location(self) -> dict | None:
        """Where it took place; None for an example whose source names no single place."""
        return self.record.get("location")

    @property
    def country(self) -> dict | None:
        return self.vocab.countries[self.location["country"]] if self.location else None

    @property
    def territory(self) -> str:
        """The territory where it is not the whole country ("France", FR): that one is named once."""
        if not self.location or self.location["territory"] == self.country["name"]:
            return ""
        return self.location["territory"]

    @property
    def place(self) -> str:
        """"Territory, Country", the country alone, or "" where the record names no place."""
        if not self.location:
            return ""
        return f"{self.territory}, {self.country['name']}" if self.territory else self.country["name"]

    @cached_property
    def facets(self) -> dict[str, list[str]]:
        r = self.record
        targets = r.get("sdg_targets", [])
        return {
            "theme": list(r["themes"]),
            "country": [self.location["country"]] if self.location else [],
            "subregion": [self.country["subregion"]] if self.location else [],
            "level": [self.location["level"]] if self.location else [],
            "kind": [r["kind"]],
            "source": [r["source"]["publication"]],
            "goal": sorted({str(self.vocab.sdg_targets[t]["goal"]) for t in targets}, key=int),
            "target": list(targets),
            "actor_type": list(dict.fromkeys(a["type"] for a in r.get("actors", []))),
            **{facet: list(r.get(name, [])) for facet, name in VOCABULARY_FACETS.items()},
            "toolbox": [toolbox_value(t["module"], t.get("topic")) for t in r.get("toolbox", [])],
            "dc_step": list(r.get("dc_steps", [])),
            "keyword": list(r.get("keywords", [])),
        }


class Library:
    """Every practice, in file order, with lookups by id and by facet."""

    def __init__(self, records: list, vocab: Vocabularies):
        self.vocab = vocab
        self.practices = [Practice(r, vocab) for r in records]
        self.by_id = {p.id: p for p in self.practices}

    def primary(self, theme: str) -> list[Practice]:
        """Practices whose first (primary) theme is this one: the theme's own set."""
        return [p for p in self.practices if p["themes"][0] == theme]

    def related(self, practice: Practice) -> list[Practice]:
        """The practices a record points to and those that point to it.

        Links are shown both ways, so a contributor adds a link once.
        """
        ids = list(practice.get("related", []))
        ids += [i for i in self._pointing_to.get(practice.id, []) if i not in ids]
        return [self.by_id[i] for i in ids]

    @cached_property
    def _pointing_to(self) -> dict[str, list[str]]:
        """id -> ids of the records whose related list names it (built once, not per page)."""
        index: dict[str, list[str]] = {}
        for p in self.practices:
            for other in p.get("related", []):
                index.setdefault(other, []).append(p.id)
        return index

    def facet_labels(self, facet: str) -> dict[str, str]:
        """Every value a facet can take, with the label a reader sees."""
        v = self.vocab
        if facet == "theme":
            return {k: e["label"] for k, e in v.themes.items()}
        if facet == "country":
            return {k: e["name"] for k, e in sorted(v.countries.items(), key=lambda kv: kv[1]["name"])}
        if facet == "subregion":
            return {s: s for s in sorted({c["subregion"] for c in v.countries.values()})}
        if facet == "level":
            return {k: e["label"] for k, e in v.levels.items()}
        if facet == "kind":
            return {k: e["label"] for k, e in v.kinds.items()}
        if facet == "source":
            return {k: e["short_title"] for k, e in v.publications.items()}
        if facet == "goal":
            return {str(g): f"{g}. {e['short_title']}" for g, e in v.sdgs.items()}
        if facet == "target":
            return {k: k for k in v.sdg_targets}
        if facet == "actor_type":
            return {k: e["label"] for k, e in v.actor_types.items()}
        if facet == "dc_step":
            return {k: f"{e['number']}. {e['label']}" for k, e in v.dc_steps.items()}
        if facet in VOCABULARY_FACETS:
            return {k: e["label"] for k, e in getattr(v, VOCABULARY_FACETS[facet]).items()}
        if facet == "toolbox":
            labels = {}
            for module_id, module in v.toolbox.items():
                labels[toolbox_value(module_id)] = f"{module['name']} (the whole module)"
                labels.update({toolbox_value(module_id, t["number"]): topic_name(module, t) for t in module["topics"]})
            return labels
        if facet == "keyword":
            words = sorted({w for p in self.practices for w in p.facets["keyword"]}, key=str.lower)
            return {w: w for w in words}
        raise KeyError(facet)

    def select(self, **criteria) -> list[Practice]:
        """Practices matching every facet given (AND); a list of values matches any (OR).

        An unknown facet or value is an error, not an empty list: a typo in a
        page must not silently show nothing.
        """
        wanted: dict[str, set[str]] = {}
        for facet, values in criteria.items():
            if values is None:
                continue
            if facet not in FACETS:
                raise ValueError(f"unknown facet {facet!r}; use one of: {', '.join(FACETS)}")
            values = [values] if isinstance(values, (str, int)) else list(values)
            values = {str(v) for v in values}
            known = self.facet_labels(facet)
            unknown = sorted(values - set(known))
            if unknown and facet != "keyword":
                raise ValueError(f"unknown {FACETS[facet].lower()} {', '.join(unknown)!s}; "
                                 f"known values: {', '.join(known)}")
            wanted[facet] = values
        return [p for p in self.practices
                if all(wanted[f] & set(p.facets[f]) for f in wanted)]

    def counts(self, facet: str, practices: list[Practice] | None = None) -> dict[str, int]:
        """How many of the given practices carry each value of a facet (zeros included)."""
        counts = {value: 0 for value in self.facet_labels(facet)}
        for p in self.practices if practices is None else practices:
            for value in p.facets[facet]:
                counts[value] = counts.get(value, 0) + 1
        return counts


def load_library(practices_path: Path | str) -> Library:
    """Load and validate; raise LibraryError with every problem when the data is not valid."""
    records, vocab, problems = check(Path(practices_path))
    if problems:
        raise LibraryError(problems)
    return Library(records, vocab)


_CACHE: dict = {}


def cached_library(practices_path: Path | str) -> Library:
    """The library, loaded once per change of its files (hooks and macros share it)."""
    path = Path(practices_path)
    vocab_dir = path.parent / "vocab"
    beside = [path.parent / name for name in BESIDE_RECORDS.values()]
    training = sorted((path.parent / "training").glob("*.yaml"))
    stamp = tuple(os.stat(f).st_mtime_ns if f.exists() else None
                  for f in [path, *beside, *sorted(vocab_dir.glob("*.yaml")), *training])
    key = str(path.resolve())
    if key not in _CACHE or _CACHE[key][0] != stamp:
        _CACHE[key] = (stamp, load_library(path))
    return _CACHE[key][1]


__all__ = ["FACETS", "VOCABULARY_FACETS", "PRACTICES_FILE", "Library", "LibraryError", "Practice", "Problem", "cached_library",
           "load_library", "practices_file", "toolbox_value", "topic_name"]
