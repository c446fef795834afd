"""Page weight: the HTML of the built project's case, theme and listing pages, uncompressed."""
from __future__ import annotations

import statistics
from pathlib import Path

from common import KB, verdict
from practices.render import PageRenderer

# What makes a page a listing: the list of practice cards (practices/templates/cards.html.j2). Whatever
# the listings' design, paginated or not, every page that lists practices carries it.
CARDS_MARKER = b"data-gpl-cards"
# The sections whose listings the budget names, in the report's columns; a listing elsewhere counts too.
LISTING_TYPES = {"cases": "/cases/", "themes": "theme", "countries": "country", "sdgs": "SDG"}

CASE_MAX_KB = 60
THEME_MAX_KB = 150
THEME_AT = 26
LISTING_MAX_KB = 150
LISTING_AT = 2000
BUDGET_CASE = f"case page HTML <= {CASE_MAX_KB} KB (largest, every N)"
BUDGET_THEME = f"theme page HTML <= {THEME_MAX_KB} KB at the real library's size ({THEME_AT})"
_TYPES = list(LISTING_TYPES.values())
BUDGET_LISTING = (f"listing page HTML <= {LISTING_MAX_KB} KB at {LISTING_AT:,} records (the largest of each type "
                  f"among {', '.join(_TYPES[:-1])} and {_TYPES[-1]} pages)")
BUDGETS = [BUDGET_CASE, BUDGET_THEME, BUDGET_LISTING]

COLUMNS = [("case median (KB)", "case_median_kb", 1), ("case max (KB)", "case_max_kb", 1),
           ("theme median (KB)", "theme_median_kb", 1), ("theme max (KB)", "theme_max_kb", 1),
           ("listings", "listing_pages", 0), ("listing median (KB)", "listing_median_kb", 1),
           *[(f"largest {name} listing (KB)", f"listing_{section}_max_kb", 1) for section, name in LISTING_TYPES.items()],
           ("largest listing", "listing_max_page", 0)]


def section_of(page: Path, site: Path) -> str:
    """A page's type: the first folder of its address ('home' for the pages at the root)."""
    parts = page.relative_to(site).parts
    return parts[0] if len(parts) > 1 else "home"


def page_groups(site: Path, ids: list[str]) -> dict[str, list[Path]]:
    """HTML pages by kind: the case pages of the records `ids`, theme pages, and listing pages (every
    other page with a list of practice cards), the listings also by section (`listing_<section>`)."""
    cases = [site / PageRenderer.url(PageRenderer.case_path(i)) / "index.html" for i in ids]
    groups: dict[str, list[Path]] = {"case": [p for p in cases if p.exists()],
                                     "theme": sorted((site / "themes").glob("*/index.html")), "listing": []}
    case_pages = set(groups["case"])
    for page in sorted(site.rglob("*.html")):
        if page not in case_pages and CARDS_MARKER in page.read_bytes():
            groups["listing"].append(page)
            groups.setdefault(f"listing_{section_of(page, site)}", []).append(page)
    return groups


def address(page: Path, site: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def page_stats(site: Path, ids: list[str]) -> dict:
    """For each group: how many pages, the median and largest size, and the largest page's address."""
    groups = page_groups(site, ids)
    out = {"listing_sections": " ".join(g.removeprefix("listing_") for g in groups if g.startswith("listing_"))}
    for group, pages in groups.items():
        sizes = sorted((p.stat().st_size, p) for p in pages)
        out[f"{group}_pages"] = len(sizes)
        out[f"{group}_median_kb"] = statistics.median(s for s, _ in sizes) / KB if sizes else 0
        out[f"{group}_max_kb"] = sizes[-1][0] / KB if sizes else 0
        out[f"{group}_max_page"] = address(sizes[-1][1], site) if sizes else ""
    return out


def budgets(rows: list[dict]) -> list[tuple[str, str, str]]:
    out = []
    case_max = max(rows, key=lambda r: r["case_max_kb"])
    out.append((verdict(case_max["case_max_kb"] <= CASE_MAX_KB), BUDGET_CASE,
                f"{case_max['case_max_kb']:.1f} KB ({case_max['case_max_page']}, N = {case_max['n']})"))
    small = [r for r in rows if r["n"] == THEME_AT]
    if small:
        theme_max = max(small, key=lambda r: r["theme_max_kb"])
        out.append((verdict(theme_max["theme_max_kb"] <= THEME_MAX_KB), BUDGET_THEME,
                    "; ".join(f"{r['library']}: {r['theme_max_kb']:.1f} KB" for r in small)))
    else:
        out.append(("SKIP", BUDGET_THEME, f"N = {THEME_AT} not run"))
    row = next((r for r in rows if r["library"] == "synthetic" and r["n"] == LISTING_AT), None)
    if row is None:
        out.append(("SKIP", BUDGET_LISTING, f"N = {LISTING_AT:,} not run"))
    else:
        out.append(listing_verdict(row))
    return out


def listing_verdict(row: dict) -> tuple[str, str, str]:
    """The largest listing of each section against the budget."""
    sections = row["listing_sections"].split()
    if not sections:
        return ("FAIL", BUDGET_LISTING, "no listing page found (no page has the cards list)")
    worst = max(row[f"listing_{s}_max_kb"] for s in sections)
    missing = [name for section, name in LISTING_TYPES.items() if section not in sections]
    note = "; ".join(f"{row[f'listing_{s}_max_page']}: {row[f'listing_{s}_max_kb']:,.1f} KB" for s in sections)
    if missing:
        note += "; no listing among the " + ", ".join(missing) + " pages"
    return (verdict(worst <= LISTING_MAX_KB), BUDGET_LISTING, note)
