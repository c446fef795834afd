"""Build time and memory: `mkdocs build` of the project against its plain-Markdown twin."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from common import MB, log, pagefind_command, run_measured, tree_size, verdict

RATIO_SIZES = (500, 2000)
RATIO_MAX = 1.15
GROWTH_MAX = 4.4
BUDGET_RATIO = f"project build <= {RATIO_MAX} x plain-Markdown build at N = {RATIO_SIZES[0]:,} and {RATIO_SIZES[1]:,}"
BUDGET_GROWTH = f"time grows linearly: project build at {RATIO_SIZES[1]:,} <= {GROWTH_MAX} x at {RATIO_SIZES[0]:,}"
BUDGETS = [BUDGET_RATIO, BUDGET_GROWTH]

COLUMNS = [("project build (s)", "project_build_s", 2), ("plain build (s)", "plain_build_s", 2),
           ("ratio", "ratio", 2), ("project peak (MB)", "project_peak_mb", 0),
           ("plain peak (MB)", "plain_peak_mb", 0), ("data (MB)", "data_mb", 1),
           ("site (MB)", "project_site_mb", 1), ("plain site (MB)", "plain_site_mb", 1)]


def mkdocs_build(folder: Path, pagefind: bool = False) -> dict:
    """Build a site. The project indexes itself with Pagefind (hooks/pages.py); the plain
    twin has no hooks, so with pagefind=True the same indexing runs after its build and
    counts in its time: both sites then have the same search."""
    site = folder / "site"
    if site.exists():
        shutil.rmtree(site)
    run = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"],
                       folder, folder / "build.log")
    if pagefind:
        index = run_measured(pagefind_command(), folder, folder / "pagefind-build.log")
        # peak_mb stays the mkdocs process's own, as for the project, whose build starts Pagefind itself
        run = {"seconds": run["seconds"] + index["seconds"], "peak_mb": run["peak_mb"],
               "cpu_seconds": run["cpu_seconds"] + index["cpu_seconds"],
               "tree_peak_mb": max(run["tree_peak_mb"], index["tree_peak_mb"])}
    return run


def measure(label: str, project: Path, plain: Path, repeat: int, pagefind: bool) -> dict:
    """Best of `repeat` builds of each site, taken in turns so that both see the same machine."""
    project_runs, plain_runs = [], []
    for i in range(repeat):
        log(f"[{label}] build {i + 1}/{repeat}: project")
        project_runs.append(mkdocs_build(project))
        log(f"[{label}] build {i + 1}/{repeat}: plain  ({project_runs[-1]['seconds']:.1f} s)")
        plain_runs.append(mkdocs_build(plain, pagefind=pagefind))
        log(f"[{label}]                  ({plain_runs[-1]['seconds']:.1f} s)")
    best_project = min(project_runs, key=lambda r: r["seconds"])
    best_plain = min(plain_runs, key=lambda r: r["seconds"])
    row = {
        "repeat": repeat,
        "project_build_s": best_project["seconds"], "plain_build_s": best_plain["seconds"],
        "ratio": best_project["seconds"] / best_plain["seconds"],
        "project_cpu_s": best_project["cpu_seconds"], "plain_cpu_s": best_plain["cpu_seconds"],
        "project_peak_mb": max((r["peak_mb"] for r in project_runs if r["peak_mb"]), default=0.0),
        "project_tree_peak_mb": max(r["tree_peak_mb"] for r in project_runs),
        "plain_peak_mb": max((r["peak_mb"] for r in plain_runs if r["peak_mb"]), default=0.0),
    }
    row["memory_ratio"] = row["project_peak_mb"] / row["plain_peak_mb"] if row["plain_peak_mb"] else 0.0
    size, files = tree_size(project / "site")
    row["project_site_mb"], row["project_site_files"] = size / MB, files
    row["plain_site_mb"] = tree_size(plain / "site")[0] / MB
    return row


def budgets(rows: list[dict]) -> list[tuple[str, str, str]]:
    synthetic = {r["n"]: r for r in rows if r["library"] == "synthetic"}
    out = []
    small, large = RATIO_SIZES
    at = [n for n in RATIO_SIZES if n in synthetic]
    if at:
        worst = max(synthetic[n]["ratio"] for n in at)
        partial = "" if len(at) == len(RATIO_SIZES) else " (partial)"
        out.append((verdict(worst <= RATIO_MAX) + partial, BUDGET_RATIO,
                    ", ".join(f"{synthetic[n]['ratio']:.2f}x at {n}" for n in at)))
    else:
        out.append(("SKIP", BUDGET_RATIO, f"N = {small:,} and {large:,} not run"))
    if small in synthetic and large in synthetic:
        growth = synthetic[large]["project_build_s"] / synthetic[small]["project_build_s"]
        out.append((verdict(growth <= GROWTH_MAX), BUDGET_GROWTH, f"{growth:.2f}x"))
    else:
        out.append(("SKIP", BUDGET_GROWTH, f"N = {small:,} and {large:,} not both run"))
    return out
