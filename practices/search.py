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
# (cards and checklists repeat the practices' own text) or controls, and without a
# practice's narrative (introduction, context, the practice step by step). The narrative
# is 60 % of a practice's words: indexed, the chunk a search for "migration" fetches at
# 5,000 practices weighs 200 KB; a practice is still found by its title, summary, key
# words, place, actors, figures, lessons and recommendations. Nor the text a practice
# page shares with many others (SDG target texts, Toolbox topics, related practices'
# titles, the citation): every "migration" in it costs bytes in every search.
EXCLUDED = [".headerlink", ".gpl-filters", ".gpl-cards", ".gpl-checklist", "[data-gpl-checklist-tools]",
            ".gpl-narrative", ".gpl-shared-text", ".gpl-print-header", ".gpl-print-button"]


# Each page's own content: Material (under MkDocs) and Zensical's theme both wrap it in this article.
ROOT_SELECTOR = "article.md-content__inner"


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path, root_selector: str = ROOT_SELECTOR) -> None:
    """Write the Pagefind bundle into <site_dir>/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--root-selector", root_selector, "--exclude-selectors", ", ".join(EXCLUDED),
               "--force-language", "en", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (Path(site_dir) / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}{result.stderr}")
