"""`practices vocab`: write the country and SDG vocabularies from well-kept sources.

The files in data/vocab/ stay plain YAML that the site reads and a contributor
can search; this module only regenerates them, and the output is committed.

- countries.yaml: every ISO 3166-1 country from pycountry, with its UN M49
  region and sub-region and its UN name from the M49 columns of OCHA's
  Countries & Territories Taxonomy (shipped in the hdx-python-country package).
  An entry already in the file keeps its name and slug: slugs are published
  URLs (/countries/<slug>/).
- sdgs.yaml: the 17 goals and 169 targets of the global indicator framework
  (A/RES/71/313), from Open SDG's English translation files of the UN text
  (translations/en/global_goals.yml and global_targets.yml of the
  open-sdg/sdg-translations repository).

Neither source is needed to build the site or to validate: install them only to
regenerate, `pip install --no-deps pycountry==26.2.16 hdx-python-country==4.2.5`.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml

from .scaffold import slug_words

M49_CSV = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
# M49 places Antarctica in no region; it stands as its own.
NO_M49_REGION = {"AQ": ("Antarctica", "Antarctica")}

COUNTRIES_HEADER = """\
# Countries: every ISO 3166-1 alpha-2 code, with its UN M49 region and sub-region.
# Written by `practices vocab countries` from pycountry {pycountry} (ISO 3166-1) and the M49
# columns of OCHA's Countries & Territories Taxonomy (hdx-python-country {hdx}); Antarctica
# has no M49 region and stands as its own. Do not edit by hand except name and slug, which
# the command keeps: slug is the URL of the country page (/countries/<slug>/) and never
# changes once published.
"""

SDGS_HEADER = """\
# Sustainable Development Goals and their targets, in the official numbering of the 2030
# Agenda: numbered targets "10.7", lettered targets in lower case "16.b". The text is the
# official English wording of the global indicator framework (A/RES/71/313), as kept in
# Open SDG's translation files (open-sdg/sdg-translations, translations/en/global_goals.yml
# and global_targets.yml). Written by `practices vocab sdgs`; do not edit by hand.
"""


def _flow(entry: dict) -> str:
    """One entry on one line, as the hand-written file had it."""
    text = yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000)
    return f"- {text.strip()}\n"


def _slug(country) -> str:
    """'Korea, Republic of' (common name 'South Korea') -> 'south-korea'; 'Bolivia, ...' -> 'bolivia'."""
    name = getattr(country, "common_name", None) or re.split(r",|\(", country.name)[0]
    return "-".join(slug_words(name))


def countries(existing: list[dict], m49_rows: list[dict], iso_countries) -> list[dict]:
    """Every ISO country as an entry; names and slugs already published are kept."""
    kept = {e["id"]: e for e in existing}
    m49 = {row["ISO 3166-1 Alpha 2-Codes"]: row for row in m49_rows if row["ISO 3166-1 Alpha 2-Codes"]}
    iso_countries = list(iso_countries)
    short = [_slug(c) for c in iso_countries if c.alpha_2 not in kept] + [e["slug"] for e in existing]
    entries = []
    for country in iso_countries:
        code = country.alpha_2
        row = m49.get(code, {})
        region, subregion = NO_M49_REGION.get(code) or (row.get("Region Name"), row.get("Sub-region Name"))
        if not region or not subregion:
            raise ValueError(f"{code} has no UN M49 region in the source")
        if code in kept:
            name, slug = kept[code]["name"], kept[code]["slug"]
        else:
            name = row.get("M49 English") or row.get("Preferred Term") or country.name
            slug = _slug(country)
            if short.count(slug) > 1:  # "Congo" twice, "Virgin Islands" twice: the UN name tells them apart
                slug = "-".join(slug_words(name))
        entries.append({"id": code, "name": name, "slug": slug, "region": region, "subregion": subregion})
    return sorted(entries, key=lambda e: (e["region"], e["subregion"], e["name"]))


def countries_yaml(existing_path: Path) -> str:
    import importlib.metadata
    import importlib.resources

    import pycountry

    existing = yaml.safe_load(existing_path.read_text(encoding="utf-8")) if existing_path.exists() else []
    table = (importlib.resources.files("hdx.location") / M49_CSV).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(table)))
    header = COUNTRIES_HEADER.format(pycountry=importlib.metadata.version("pycountry"),
                                     hdx=importlib.metadata.version("hdx-python-country"))
    return header + "".join(_flow(e) for e in countries(existing or [], rows, pycountry.countries))


def _target_order(ident: str) -> tuple:
    number = ident.split(".")[1]
    return (0, int(number), "") if number.isdigit() else (1, 0, number)


def sdgs(goal_texts: dict, target_texts: dict) -> list[dict]:
    """Goals with their targets from Open SDG's flat files ('10-short', '10-7-title')."""
    goals = []
    for number in range(1, 18):
        targets = sorted((key.removesuffix("-title").replace("-", ".") for key in target_texts
                          if key.startswith(f"{number}-") and key.endswith("-title")), key=_target_order)
        goals.append({
            "goal": number, "short_title": goal_texts[f"{number}-short"], "title": goal_texts[f"{number}-title"],
            "targets": [{"id": t, "title": " ".join(target_texts[t.replace(".", "-") + "-title"].split())}
                        for t in targets],
        })
    return goals


def sdgs_yaml(goals_file: Path, targets_file: Path) -> str:
    goals = sdgs(yaml.safe_load(goals_file.read_text(encoding="utf-8")),
                 yaml.safe_load(targets_file.read_text(encoding="utf-8")))
    out = [SDGS_HEADER]
    for goal in goals:
        out.append(f"- goal: {goal['goal']}\n  short_title: {_scalar(goal['short_title'])}\n"
                   f"  title: {_scalar(goal['title'])}\n  targets:\n")
        for target in goal["targets"]:
            out.append(f"    - id: \"{target['id']}\"\n      title: {_scalar(target['title'])}\n")
    return "".join(out)


def _scalar(text: str) -> str:
    """Text as a one-line YAML scalar, quoted only where YAML needs it."""
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).strip().removesuffix("\n...").strip()
