"""Benchmark: build time, page weight, search payload, validation time and serve reload of the library
as it grows.

    .venv/bin/python benchmarks/run.py                      # N = 26, 500, 2000, 5000 + the real library
    .venv/bin/python benchmarks/run.py --sizes 26,500       # some sizes only
    .venv/bin/python benchmarks/run.py --smoke              # N = 26 only, into a temporary folder

For each N it writes a synthetic data/practices.yaml (benchmarks/synth.py) into a
copy of the project under benchmarks/work/project-N (mkdocs.yml, docs/, hooks/,
overrides/, data/vocab/ of the repo), and a plain-Markdown twin with the same
text as hand-written pages under benchmarks/work/plain-N (benchmarks/plainsite.py).
Each measurement is a module of its own, with its budgets:

    build_time.py       `mkdocs build` of both, best of R runs: wall time, CPU time, peak memory
    validation_time.py  practices.validate.check alone, and its share of the build
    page_weight.py      the HTML of case, theme and listing pages
    search_payload.py   Pagefind's index, and what the search page fetches before its first result
    serve_reload.py     a `mkdocs serve` rebuild of the real library after an edit of data/practices.yaml

Results (report.py): benchmarks/results/report.md, results.csv and build-time.svg.
Budgets are printed as PASS/FAIL lines; the exit status is 1 when one fails (never
in --smoke mode, which only checks that everything runs, once: one validation, one
build of each site, one search query, and one edit of the synthetic library under
`mkdocs serve` in place of the real one).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import build_time
import page_weight
import plainsite
import report
import search_payload
import serve_reload
import synth
import validation_time
from common import HERE, MB, REPO, installed, log, machine, project_copy, record_ids

DEFAULT_SIZES = [26, 500, 2000, 5000]
MEASUREMENTS = [build_time, validation_time, page_weight, search_payload]
# one run of the check on a shared machine varies by 20 %; it is cheap, so best of three at every size
VALIDATION_RUNS = 3


def measure(label: str, n: int, work: Path, repeat: int, options, serve: int = 0) -> dict:
    """Every measurement of one library; `serve` edits under `mkdocs serve` (0: none)."""
    t0 = time.perf_counter()
    project, plain = work / f"project-{label}", work / f"plain-{label}"
    if label == "real":
        data_bytes = project_copy(project, practices_yaml=REPO / "data" / "practices.yaml")
    else:
        log(f"[{label}] generating {n} synthetic records")
        data_bytes = project_copy(project, records=synth.generate(n, REPO))
    ids = record_ids(project / "data" / "practices.yaml")
    pages = plainsite.make_plain(project, plain)
    row: dict = {"library": "real" if label == "real" else "synthetic", "n": len(ids), "data_mb": data_bytes / MB,
                 "plain_pages": pages}

    log(f"[{label}] validating ({data_bytes / MB:.1f} MB of YAML)")
    runs = 1 if options.smoke else max(repeat, VALIDATION_RUNS)
    row["validate_s"], problems = validation_time.validation_time(project / "data" / "practices.yaml", runs)
    if problems:
        raise RuntimeError(f"the data of {label} has {problems} validation problems")

    row.update(build_time.measure(label, project, plain, repeat, pagefind=installed("pagefind")))
    row.update(validation_time.share(row))

    row.update(page_weight.page_stats(project / "site", ids))
    plain_stats = page_weight.page_stats(plain / "site", ids)
    row["plain_case_max_kb"], row["plain_theme_max_kb"] = plain_stats["case_max_kb"], plain_stats["theme_max_kb"]

    row.update(search_payload.builtin_search(project / "site"))
    if options.pagefind and installed("pagefind"):
        log(f"[{label}] Pagefind index")
        row.update(search_payload.pagefind_index(project))
        if options.browser and installed("playwright"):
            log(f"[{label}] Pagefind in Chromium")
            ranked = None
            if label == "real":
                import yaml
                records = yaml.safe_load((project / "data" / "practices.yaml").read_text(encoding="utf-8"))
                ranked = search_payload.ranked_queries(records)
            queries = search_payload.QUERIES[:1] if options.smoke else search_payload.QUERIES
            row.update(search_payload.browser_pagefind(project / "site", queries, ranked))
            if ranked and (project / "site" / "search" / "search_index.json").exists():
                shutil.rmtree(project / "site" / "pagefind")
                row.update(search_payload.material_ranks(project / "site", ranked))

    if serve:
        log(f"[{label}] mkdocs serve: rebuild after an edit of data/practices.yaml")
        row.update(serve_reload.serve_rebuild(project, edits=serve))
    row["wall_s"] = time.perf_counter() - t0
    if not options.keep:
        for folder in (project / "site", plain / "site"):
            shutil.rmtree(folder, ignore_errors=True)
    return row


def budgets(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(verdict, budget, measured) for each budget of each measurement; SKIP when its size was not run."""
    return [v for module in MEASUREMENTS for v in module.budgets(rows)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated library sizes (default: %(default)s)")
    parser.add_argument("--smoke", action="store_true",
                        help="N = 26 only, one run, into a temporary folder; budgets are printed, never fail")
    parser.add_argument("--out", type=Path, help="results folder (default: benchmarks/results, or a temporary one with --smoke)")
    parser.add_argument("--work", type=Path, help="where the project copies go (default: benchmarks/work)")
    parser.add_argument("--repeat", type=int, help="builds per site and size (default: 3 up to 2,000, else 1)")
    parser.add_argument("--no-real", dest="real", action="store_false", help="skip the real library")
    parser.add_argument("--no-pagefind", dest="pagefind", action="store_false", help="skip the Pagefind evaluation")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the Chromium measurements")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the mkdocs serve measurement")
    parser.add_argument("--keep", action="store_true", help="keep the built sites under the work folder")
    options = parser.parse_args(argv)
    command = ("python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])).strip()

    if options.smoke:
        sizes = [26]
        options.out = options.out or Path(tempfile.mkdtemp(prefix="gpl-bench-"))
        options.work = options.work or options.out / "work"
        options.real = False
    else:
        sizes = [int(s) for s in options.sizes.split(",") if s.strip()]
        options.out = options.out or HERE / "results"
        options.work = options.work or HERE / "work"
    options.work.mkdir(parents=True, exist_ok=True)

    info = machine()
    log(f"machine: {info['cpus']} CPUs, {info['cpu']}, {info['memory']}; results to {options.out}")
    rows = []
    if options.real:
        rows.append(measure("real", 0, options.work, options.repeat or 3, options, serve=3 if options.serve else 0))
    for n in sizes:
        # three builds of each site up to 2,000: the ratio budget is checked there, and one build on a
        # shared 2-core machine varies by up to 20 %
        repeat = 1 if options.smoke else options.repeat or (3 if n <= 2000 else 1)
        serve = 1 if options.smoke and options.serve else 0
        rows.append(measure(str(n), n, options.work, repeat, options, serve=serve))
        report.write_results(rows, budgets(rows), info, options.out, command)  # partial results survive a later failure
    verdicts = budgets(rows)
    report.write_results(rows, verdicts, info, options.out, command)
    report.print_summary(rows, verdicts)
    print(f"\nreport: {options.out / 'report.md'}")
    if options.smoke:
        return 0
    return 1 if any(v.startswith("FAIL") for v, _, _ in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
