"""Validation time: practices.validate.check of the library alone, against the build of the same library."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from common import verdict

SHARE_MAX = 0.10
BUDGET = f"validating the library takes at most {100 * SHARE_MAX:g} % of the build at every benchmarked size"
BUDGETS = [BUDGET]

COLUMNS = [("validate (s)", "validate_s", 2), ("validate / build (%)", "validate_build_pct", 1)]

# the check as the build runs it, timed after the imports (a fresh interpreter each run)
CHECK = ("import sys, time; from pathlib import Path; from practices.validate import check; "
         "t = time.perf_counter(); r, v, p = check(Path(sys.argv[1])); "
         "print(time.perf_counter() - t, len(r), len(p))")


def validation_time(practices_yaml: Path, repeat: int) -> tuple[float, int]:
    """Best of `repeat` runs of practices.validate.check, and the number of problems it found."""
    best, problems = float("inf"), 0
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", CHECK, str(practices_yaml)], capture_output=True, text=True,
                             check=True).stdout.split()
        best = min(best, float(out[0]))
        problems = int(out[2])
    return best, problems


def share(row: dict) -> dict:
    """The validation's share of the project's build, once both are measured."""
    return {"validate_build_pct": 100 * row["validate_s"] / row["project_build_s"]}


def budgets(rows: list[dict]) -> list[tuple[str, str, str]]:
    measured = [r for r in rows if "validate_build_pct" in r]
    if not measured:
        return [("SKIP", BUDGET, "no size run")]
    worst = max(r["validate_build_pct"] for r in measured)
    return [(verdict(worst <= 100 * SHARE_MAX), BUDGET,
             ", ".join(f"{r['validate_build_pct']:.1f} % at {r['n']:,}" + (" (real)" if r["library"] == "real" else "")
                       for r in measured))]
