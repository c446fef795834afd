"""Synthetic practice libraries of any size, shaped like the real one.

Each synthetic record copies the shape of a real record of data/practices.yaml
(which fields, how many paragraphs, list items, lessons, recommendations,
actors and figures, and how many words each text has, Markdown markers
included) and replaces every word with one drawn from the real records'
words, so text lengths and word frequencies stay realistic. A share of the
words comes from a synthetic lexicon of place and organisation names, so the
vocabulary grows with the library as a real one would (a real library of
thousands of practices names thousands of places and organisations).

Every facet is populated from the vocabularies in data/vocab/: themes,
countries, levels, kinds, publications, SDG targets, actor types, toolbox
modules and topics, related ids (always existing records) and keywords.
The output is deterministic for a given (N, seed).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
# Markdown links and bare URLs keep their target: replacing "https" would make an unsafe link.
PROTECTED = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]*>")
NAME_SHARE = 0.04          # share of words drawn from the synthetic names lexicon
LEXICON_SIZE = 40_000      # distinct synthetic names available
SYLLABLES = ["ba", "ca", "da", "fa", "ga", "la", "ma", "na", "pa", "ra", "sa", "ta", "va", "za",
             "be", "de", "le", "me", "ne", "re", "se", "te", "bi", "di", "li", "mi", "ni", "ri",
             "si", "ti", "bo", "do", "lo", "mo", "no", "ro", "so", "to", "bu", "du", "lu", "mu",
             "nu", "ru", "su", "tu", "an", "en", "in", "on", "ul", "ar", "er", "or", "ik", "ek"]


def _plain(value):
    """YAML nodes of the project's loader (and dates) as plain Python values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value if not isinstance(value, str) else str(value)
    return str(value)


def load_real(root: Path) -> list[dict]:
    with open(root / "data" / "practices.yaml", encoding="utf-8") as f:
        return _plain(yaml.safe_load(f))


def load_vocab(root: Path) -> dict[str, list]:
    out = {}
    for path in sorted((root / "data" / "vocab").glob("*.yaml")):
        with open(path, encoding="utf-8") as f:
            out[path.stem] = _plain(yaml.safe_load(f))
    return out


class Writer:
    """Rewrites text word by word, keeping its shape."""

    def __init__(self, real: list[dict], rng: random.Random):
        self.rng = rng
        self.pool = [w.lower() for r in real for w in WORD.findall(_all_text(r))]
        lexicon_rng = random.Random(12345)
        names = set()
        while len(names) < LEXICON_SIZE:
            names.add("".join(lexicon_rng.choice(SYLLABLES) for _ in range(lexicon_rng.randint(2, 4))))
        self.names = sorted(names)
        lexicon_rng.shuffle(self.names)
        # Zipf-like weights: a few names are frequent, most are rare
        self.name_weights = [1.0 / (i + 1) for i in range(len(self.names))]
        self._name_cum = None

    def word(self) -> str:
        if self.rng.random() < NAME_SHARE:
            if self._name_cum is None:
                import itertools
                self._name_cum = list(itertools.accumulate(self.name_weights))
            return self.rng.choices(self.names, cum_weights=self._name_cum)[0].capitalize()
        return self.rng.choice(self.pool)

    def rewrite(self, text: str) -> str:
        def one(match: re.Match) -> str:
            original = match.group(0)
            new = self.word()
            if original[0].isupper() and not new[0].isupper():
                new = new.capitalize()
            return new

        parts, last = [], 0
        for m in PROTECTED.finditer(text):
            parts.append(WORD.sub(one, text[last:m.start()]))
            parts.append(m.group(0))
            last = m.end()
        parts.append(WORD.sub(one, text[last:]))
        return "".join(parts)


def _all_text(record) -> str:
    if isinstance(record, dict):
        return " ".join(_all_text(v) for k, v in record.items() if k not in ("id", "source", "last_reviewed"))
    if isinstance(record, list):
        return " ".join(_all_text(v) for v in record)
    return record if isinstance(record, str) else ""


def _slug(text: str, words: int = 4) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(parts) or "practice"


def generate(n: int, root: Path, seed: int = 2026) -> list[dict]:
    """n synthetic records that pass `practices validate`."""
    rng = random.Random(seed * 1_000_003 + n)
    real = load_real(root)
    vocab = load_vocab(root)
    writer = Writer(real, rng)
    themes = [t["id"] for t in vocab["themes"]]
    countries = [c["id"] for c in vocab["countries"]]
    levels = [lv["id"] for lv in vocab["levels"]]
    publications = [p["id"] for p in vocab["publications"]]
    actor_types = [a["id"] for a in vocab["actor_types"]]
    targets = [t["id"] for g in vocab["sdgs"] for t in g["targets"]]
    toolbox = [(m["id"], t["number"]) for m in vocab["toolbox"] for t in m["topics"]]
    real_keywords = sorted({k for r in real for k in r.get("keywords", [])})
    theme_counts = [len(r["themes"]) for r in real]

    ids: list[str] = []
    seen = set()
    for i in range(n):
        template = real[i % len(real)]
        base = _slug(writer.rewrite(template["title"]), 4)
        ident = f"{base}-{i + 1:05d}"
        while ident in seen:
            ident += "x"
        seen.add(ident)
        ids.append(ident)

    records = []
    for i in range(n):
        template = real[i % len(real)]
        w = writer.rewrite
        # the kind of the record whose shape is copied: each kind requires its own fields
        r: dict = {"id": ids[i], "kind": template["kind"], "title": w(template["title"]),
                   "summary": w(template["summary"])}
        r["themes"] = rng.sample(themes, rng.choice(theme_counts))
        kw_count = len(template.get("keywords", [])) or 3
        keywords = rng.sample(real_keywords, min(kw_count, len(real_keywords)))
        if rng.random() < 0.5:  # some key words of its own, as real publications have
            keywords[-1] = w(keywords[-1])
        r["keywords"] = list(dict.fromkeys(keywords))
        if "location" in template:  # an example may name no place; its copies name none either
            r["location"] = {"territory": w(template["location"]["territory"]),
                             "country": rng.choice(countries), "level": rng.choice(levels)}
        r["period"] = template.get("period", "2014-2016")
        r["actors"] = []
        for actor in template.get("actors", [{"name": "Municipality", "type": "local-authority"}]):
            a = {"name": w(actor["name"]), "type": rng.choice(actor_types)}
            if "role" in actor:
                a["role"] = w(actor["role"])
            r["actors"].append(a)
        for key in ("introduction", "context", "practice"):
            r[key] = w(template.get(key, template["practice"]))
        for key in ("lessons", "recommendations"):
            r[key] = [{"title": w(x["title"]), "text": w(x["text"])} for x in template.get(key, [])] or \
                     [{"title": w("A lesson of the practice"), "text": w(template["summary"])}]
        r["sdg_targets"] = rng.sample(targets, min(len(template.get("sdg_targets", [])) or 5, len(targets)))
        others = [j for j in rng.sample(range(n), min(n, 6)) if j != i]
        r["related"] = [ids[j] for j in others[: max(1, len(template.get("related", [])))]] if n > 1 else []
        if not r["related"]:
            del r["related"]
        picks = rng.sample(toolbox, min(len(template.get("toolbox", [])) or 3, len(toolbox)))
        r["toolbox"] = [{"module": m, "topic": t} for m, t in picks]
        r["figures"] = [{"value": f["value"], "what": w(f["what"])} for f in template.get("figures", [])]
        if not r["figures"]:
            del r["figures"]
        r["source"] = {"publication": rng.choice(publications), "pages": template["source"]["pages"]}
        r["last_reviewed"] = "2026-11-22"
        records.append(r)
    return records


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write(records: list[dict], path: Path) -> int:
    """Write the records as data/practices.yaml is written; return the file size."""
    text = "# Synthetic practice records written by benchmarks/synth.py.\n\n" + yaml.dump(
        records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=80, default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
