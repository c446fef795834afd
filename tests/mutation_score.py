"""Print the score of the last `mutmut run`: mutants caught of mutants made, per module and overall.

Run by `make mutants` after mutmut, from the project folder. It reads mutmut's result files
(mutants/<module>.py.meta, JSON with the exit code of the test run of each mutant).
"""
from __future__ import annotations

import json
import sys
from fnmatch import fnmatch
from pathlib import Path

# mutmut's exit codes: 1 and 3 are failed test runs, 36 and the SIGXCPU codes a run that no longer ends
# (the mutant broke the code as surely); 0 is a survivor, 33 and 5 a mutant no test ran, None one not
# tested yet (an interrupted run). Every mutant not caught counts against the score.
CAUGHT = {1, 3, 36, 24, -24, 152, 255}
SURVIVED = {0}


def mutated_modules() -> list[str]:
    """The patterns of [tool.mutmut] only_mutate in pyproject.toml (results of other modules are old)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: every module with results
        return ["*"]
    settings = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return settings.get("only_mutate", ["*"])


def scores(folder: Path) -> list[tuple[str, int, int, int, int]]:
    """(module, caught, survived, not yet tested, total) for each mutated module."""
    rows = []
    for meta in sorted(folder.rglob("*.py.meta")):
        module = str(meta.relative_to(folder)).removesuffix(".meta")
        if not any(fnmatch(module, pattern) for pattern in mutated_modules()):
            continue
        codes = list(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values())
        rows.append((module, sum(c in CAUGHT for c in codes), sum(c in SURVIVED for c in codes),
                     sum(c is None for c in codes), len(codes)))
    return rows


def main() -> int:
    rows = [row for row in scores(Path("mutants")) if row[-1]]
    if not rows:
        print("no mutmut results in mutants/: run `make mutants` first", file=sys.stderr)
        return 1
    width = max(len(row[0]) for row in rows)
    print(f"{'module':<{width}}  caught / total   score  survived  untested")
    for module, caught, survived, untested, total in rows + [("overall", *map(sum, zip(*(r[1:] for r in rows))))]:
        print(f"{module:<{width}}  {caught:>6} / {total:<6} {100 * caught / total:5.1f} %  {survived:>8}  {untested:>8}")
    print("the survivors: .venv/bin/mutmut results; one of them: .venv/bin/mutmut show <name>")
    return 0


if __name__ == "__main__":
    sys.exit(main())
