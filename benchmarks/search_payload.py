"""Search payload: what a reader downloads before the first search result, with Pagefind (the site's
search) and, when a site still has it, Material's built-in search; and, at the real size, whether a
practice is found by its title or summary."""
from __future__ import annotations

import gzip
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

from common import KB, MB, CountingHandler, launch_chromium, log, pagefind_command, run_measured, served, \
    tree_size, verdict

QUERIES = ["migration", "remittances", "health"]
PAYLOAD_MAX_KB = 300
PAYLOAD_AT = 5000
BUDGET = f"search payload before the first result <= {PAYLOAD_MAX_KB} KB at {PAYLOAD_AT:,} records"
BUDGETS = [BUDGET]

COLUMNS = [("search_index.json (KB)", "search_index_kb", 0), ("worker JS (KB)", "search_worker_kb", 1),
           ("built-in payload (KB)", "search_payload_kb", 0),
           ("built-in gzipped (KB)", "search_payload_gzip_kb", 0),
           ("Pagefind index (s)", "pagefind_s", 2), ("Pagefind files", "pagefind_files", 0),
           ("Pagefind bundle (MB)", "pagefind_total_mb", 1),
           ("Pagefind first result (KB)", "pagefind_first_result_kb", 0),
           ("Pagefind gzipped (KB)", "pagefind_first_result_gzip_kb", 0),
           ("Pagefind bound (KB)", "pagefind_first_result_bound_kb", 0)]


def gzip_size(paths: list[Path]) -> int:
    return sum(len(gzip.compress(p.read_bytes(), 6)) for p in paths)


def builtin_search(site: Path) -> dict:
    """Material's search: the worker fetches the whole index before it can show a result.

    The site now searches with Pagefind: without the built-in index there is nothing to report."""
    index = site / "search" / "search_index.json"
    if not index.exists():
        return {}
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    files = [index, *workers]
    return {"search_index_kb": index.stat().st_size / KB,
            "search_worker_kb": sum(p.stat().st_size for p in workers) / KB,
            "search_payload_kb": sum(p.stat().st_size for p in files) / KB,
            "search_payload_gzip_kb": gzip_size(files) / KB}


def pagefind_index(folder: Path) -> dict:
    """Index the built site again, alone, to time Pagefind and measure its bundle."""
    site = folder / "site"
    if (site / "pagefind").exists():
        shutil.rmtree(site / "pagefind")
    run = run_measured(pagefind_command(), folder, folder / "pagefind.log")
    bundle = site / "pagefind"
    total, files = tree_size(bundle)
    chunks = sorted((bundle / "index").glob("*.pf_index"), key=lambda p: p.stat().st_size)
    fragments = sorted((bundle / "fragment").glob("*.pf_fragment"), key=lambda p: p.stat().st_size)
    # the search page runs Pagefind without its worker (docs/javascripts/library.js)
    core = [bundle / "pagefind.js", bundle / "pagefind-entry.json", *bundle.glob("pagefind.*.pf_meta"),
            *bundle.glob("wasm.en.pagefind")]
    # upper bound for a one-word query: the loader, the largest index chunk and the largest fragment
    bound = sum(p.stat().st_size for p in core) + (chunks[-1].stat().st_size if chunks else 0) + \
        (fragments[-1].stat().st_size if fragments else 0)
    return {"pagefind_s": run["seconds"], "pagefind_peak_mb": run["tree_peak_mb"], "pagefind_files": files,
            "pagefind_total_mb": total / MB, "pagefind_chunks": len(chunks),
            "pagefind_chunk_max_kb": chunks[-1].stat().st_size / KB if chunks else 0,
            "pagefind_first_result_bound_kb": bound / KB}


HARNESS = """<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
const q = new URLSearchParams(location.search);
const t0 = performance.now();
const pf = await import("./pagefind/pagefind.js");
const r = await pf.search(q.get("q"));
const first = r.results.length ? await r.results[0].data() : null;
const top = [];
for (const x of r.results.slice(0, Number(q.get("k") || 0))) { top.push((await x.data()).url); }
window.benchResult = {count: r.results.length, first: first && first.url, top, ms: performance.now() - t0};
</script>"""


# The moment the search page shows its first result, and what it had fetched from /pagefind/ by
# then (the page fetches the other results' texts right after: they do not count).
FIRST_RESULT_CLOCK = """new MutationObserver(() => {
  if (!window.gplFirstResult && document.querySelector("#gpl-search-results a")) window.gplFirstResult = performance.now();
}).observe(document, {childList: true, subtree: true});"""
LOADED_BEFORE_FIRST_RESULT = """() => [window.gplFirstResult, performance.getEntriesByType("resource")
  .filter(e => new URL(e.name).pathname.includes("/pagefind/") && e.responseEnd <= window.gplFirstResult)
  .map(e => [e.name, e.encodedBodySize])]"""


def rank(urls: list[str], url: str) -> int | None:
    """Where `url` stands among the result addresses (1 is first), or None."""
    return next((i + 1 for i, u in enumerate(urls) if u.rstrip("/").endswith(url.rstrip("/"))), None)


def rank_counts(prefix: str, name: str, ranks: list[int | None]) -> dict:
    return {f"{prefix}_{name}_top1": sum(r == 1 for r in ranks), f"{prefix}_{name}_top5": sum(r is not None for r in ranks)}


def browser_pagefind(site: Path, queries: list[str], ranked: dict[str, dict[str, str]] | None = None) -> dict:
    """What a reader's browser downloads from /pagefind/ before the first result, per query,
    on the site's search page (its own script on Pagefind's API, page and script themselves
    being shared with every page).

    Served by a local HTTP server (no compression); the browser's resource timing
    says what had arrived when the first result showed. A fresh browser context
    per query, so nothing is cached. The gzipped figure
    is what a server that compresses text sends (Pagefind's own index files are
    compressed already). With `ranked` ({set name: {url: query}}), also whether
    each page comes first, or in the first five, for its query.
    """
    from playwright.sync_api import sync_playwright
    (site / "_bench_pagefind.html").write_text(HARNESS, encoding="utf-8")
    out: dict = {}
    try:
        with served(site) as root, sync_playwright() as p:
            browser = launch_chromium(p)

            def ask(query: str, k: int = 0) -> dict:
                CountingHandler.served = []
                context = browser.new_context()
                page = context.new_page()
                if k:  # ranking: Pagefind's API, for the addresses of the first k results
                    page.goto(f"{root}_bench_pagefind.html?q={urllib.request.quote(query)}&k={k}")
                    page.wait_for_function("window.benchResult !== undefined", timeout=120_000)
                    result = page.evaluate("window.benchResult")
                    fetched = [(path, n) for path, n in CountingHandler.served if path.startswith("/pagefind/")]
                else:  # payload: the site's own search page, as a reader gets it, until the first result shows
                    page.add_init_script(FIRST_RESULT_CLOCK)
                    page.goto(f"{root}search/?q={urllib.request.quote(query)}")
                    page.wait_for_selector("#gpl-search-results a", timeout=120_000)
                    first, entries = page.evaluate(LOADED_BEFORE_FIRST_RESULT)
                    result = {"ms": first}
                    fetched = [(urllib.parse.urlsplit(url).path, n) for url, n in entries]
                context.close()
                result["bytes"] = sum(n for _, n in fetched)
                result["gzip_bytes"] = sum(
                    len(gzip.compress((site / path.split("?")[0].lstrip("/")).read_bytes(), 6))
                    if path.split("?")[0].endswith((".js", ".json", ".css")) else n for path, n in fetched)
                return result

            payloads, gzipped, times = [], [], []
            for query in queries:
                result = ask(query)
                payloads.append(result["bytes"])
                gzipped.append(result["gzip_bytes"])
                times.append(result["ms"])
                out[f"pagefind_payload_{query}_kb"] = result["bytes"] / KB
            out["pagefind_first_result_kb"] = max(payloads) / KB
            out["pagefind_first_result_gzip_kb"] = max(gzipped) / KB
            out["pagefind_first_result_ms"] = max(times)
            for name, pairs in (ranked or {}).items():
                out.update(rank_counts("pagefind", name, [rank(ask(q, k=5)["top"], url) for url, q in pairs.items()]))
                out[f"{name}_queries"] = len(pairs)
            browser.close()
    finally:
        (site / "_bench_pagefind.html").unlink(missing_ok=True)
    return out


def material_ranks(site: Path, ranked: dict[str, dict[str, str]]) -> dict:
    """The built-in search, as a reader uses it: type the title, read the first results."""
    from playwright.sync_api import sync_playwright
    out = {}
    try:
        with served(site) as root, sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(root)
            page.click(".md-search__input")

            def search(query: str) -> list[str]:
                # typed as a reader types (the search listens to key events); a query typed before
                # the worker has its index gets no answer: type it again until it does
                for _ in range(12):
                    page.fill(".md-search__input", "")
                    page.keyboard.type(query, delay=2)
                    try:
                        page.wait_for_selector(".md-search-result__item", timeout=5_000)
                        page.wait_for_timeout(800)
                        break
                    except Exception:
                        continue
                else:
                    raise RuntimeError(f"no search result for {query!r}")
                hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                                  "els => els.slice(0, 5).map(e => e.getAttribute('href'))")
                return [urllib.parse.urlparse(h or "").path for h in hrefs]

            search("migration")
            for name, pairs in ranked.items():
                out.update(rank_counts("material", name, [rank(search(q), url) for url, q in pairs.items()]))
            browser.close()
    except Exception as error:  # a reader-facing check only: report, never fail the benchmark
        log(f"  built-in search check skipped: {error}")
        return {}
    return out


def summary_query(summary: str, words: int = 4) -> str:
    """A reader's half-remembered query: the longest words of a summary, in their order."""
    found = list(dict.fromkeys(w for w in re.findall(r"[A-Za-z]+", summary)))
    longest = set(sorted(found, key=len, reverse=True)[:words])
    return " ".join(w for w in found if w in longest)


def ranked_queries(records: list[dict]) -> dict[str, dict[str, str]]:
    """For each practice's page, a query by its title and one by its summary."""
    from practices.render import PageRenderer
    pages = {r["id"]: "/" + PageRenderer.url(PageRenderer.case_path(r["id"])) for r in records}
    return {"title": {pages[r["id"]]: r["title"] for r in records},
            "summary": {pages[r["id"]]: summary_query(r["summary"]) for r in records}}


def budgets(rows: list[dict]) -> list[tuple[str, str, str]]:
    row = next((r for r in rows if r["library"] == "synthetic" and r["n"] == PAYLOAD_AT), None)
    if row is None:
        return [("SKIP", BUDGET, f"N = {PAYLOAD_AT:,} not run")]
    # the site's search is Pagefind: measured in Chromium, else its upper bound
    payload = row.get("pagefind_first_result_kb", row.get("pagefind_first_result_bound_kb"))
    if payload is None:
        return [("SKIP", BUDGET, "Pagefind was not measured")]
    note = f"{payload:,.0f} KB with Pagefind"
    if "pagefind_first_result_gzip_kb" in row:
        note += f" ({row['pagefind_first_result_gzip_kb']:,.0f} KB gzipped)"
    return [(verdict(payload <= PAYLOAD_MAX_KB), BUDGET, note)]
