"""The benchmark (benchmarks/run.py) still runs: its smoke mode at N = 26, into a temporary folder.

The full benchmark is too slow for `make test`; this keeps it from rotting.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

POSITIVE = ["n", "data_mb", "validate_s", "project_build_s", "plain_build_s", "ratio", "project_cpu_s", "project_peak_mb",
            "plain_peak_mb", "project_site_mb", "plain_site_mb", "case_pages", "case_median_kb", "case_max_kb",
            "theme_pages", "theme_median_kb", "theme_max_kb", "listing_pages", "listing_median_kb",
            "listing_max_kb", "pagefind_s", "pagefind_files", "pagefind_first_result_bound_kb"]


def test_benchmark_smoke_run(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]

    with open(tmp_path / "results.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["library"], r["n"]) for r in rows] == [("synthetic", "26")]
    row = rows[0]
    for key in POSITIVE:
        assert float(row[key]) > 0, f"{key} = {row[key]}"
    assert int(row["case_pages"]) == 26

    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| 26 |" in report
    for budget in ("case page HTML <= 60 KB", "theme page HTML <= 150 KB", "validation of 5,000 records",
                   "search payload before the first result"):
        assert budget in report
    assert "PASS" in result.stdout
    assert (tmp_path / "build-time.svg").read_text(encoding="utf-8").startswith("<svg")
    # smoke mode writes nothing into the committed results
    assert not (tmp_path / "work" / "project-26" / "site").exists()
