"""The site's search index, written by Pagefind after the site is built.

Material's built-in search makes a reader download the whole index (750 KB
for 26 practices, 12 MB for 500) before the first result; Pagefind splits it
into chunks fetched on demand, so a query costs about 200 KB whatever the size
of the library (see benchmarks/results/report.md). It indexes built HTML, so
it works with any site engine.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# What a reader searches: the article, without what repeats other pages
# (cards and checklists repeat the practices' own text) or controls.
EXCLUDED = [".headerlink", ".gpl-filters", ".gpl-cards", ".gpl-checklist", "[data-gpl-checklist-tools]"]


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path, root_selector: str) -> None:
    """Write the Pagefind bundle into <site_dir>/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--root-selector", root_selector, "--exclude-selectors", ", ".join(EXCLUDED),
               "--force-language", "en", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (Path(site_dir) / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}{result.stderr}")
