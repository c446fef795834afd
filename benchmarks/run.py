"""Benchmark: build time, page weight and search payload of the library as it grows.

    .venv/bin/python benchmarks/run.py                      # N = 26, 500, 2000, 5000 + the real library
    .venv/bin/python benchmarks/run.py --sizes 26,500       # some sizes only
    .venv/bin/python benchmarks/run.py --smoke              # N = 26 only, into a temporary folder

For each N it writes a synthetic data/practices.yaml (benchmarks/synth.py) into a
copy of the project under benchmarks/work/project-N (mkdocs.yml, docs/, hooks/,
overrides/, data/vocab/ of the repo), and a plain-Markdown twin with the same
text as hand-written pages under benchmarks/work/plain-N (benchmarks/plainsite.py).
It builds both with `mkdocs build` in a subprocess, best of R runs, and measures
wall time, CPU time and peak memory (ru_maxrss of that subprocess, measured by a small wrapper), the
built site, the HTML pages, the search payload, and the time of
practices.validate.check alone. It evaluates Pagefind on the built project when
the `pagefind` package is installed, and times a `mkdocs serve` rebuild of the
real library after an edit of data/practices.yaml.

Results: benchmarks/results/report.md, results.csv and build-time.svg. Budgets
are printed as PASS/FAIL lines; the exit status is 1 when one fails (never in
--smoke mode, which only checks that everything runs).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import plainsite  # noqa: E402
import synth  # noqa: E402

KB = 1024
MB = 1024 * 1024
DEFAULT_SIZES = [26, 500, 2000, 5000]
QUERIES = ["migration", "remittances", "health"]

BUDGETS_TEXT = [
    "project build <= 1.15 x plain-Markdown build at N = 500 and 2,000",
    "time grows linearly: project build at 2,000 <= 4.4 x at 500",
    "case page HTML <= 60 KB (largest, every N)",
    "theme page HTML <= 150 KB at the real library's size (26)",
    "validation of 5,000 records <= 3 s",
    "search payload before the first result <= 300 KB at 5,000 records",
]


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# -- machine ---------------------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / MB:.1f} GiB"
    except OSError:
        pass
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "PyYAML", "jsonschema", "rapidyaml", "fastjsonschema", "pagefind"):
        try:
            from importlib.metadata import version
            versions[name] = version(name)
        except Exception:
            versions[name] = "-"
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "os": platform.platform(), "versions": versions,
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


# -- project copies --------------------------------------------------------------------------
def project_copy(target: Path, practices_yaml: Path | None = None, records: list | None = None) -> int:
    """A copy of the project that builds with the given data; returns the data file's size."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "data" / "vocab", target / "data" / "vocab")
    # on_serve watches practices/templates beside mkdocs.yml: the copy sees the repo's
    (target / "practices").symlink_to(REPO / "practices", target_is_directory=True)
    if records is not None:
        return synth.write(records, target / "data" / "practices.yaml")
    shutil.copy2(practices_yaml, target / "data" / "practices.yaml")
    return (target / "data" / "practices.yaml").stat().st_size


# Runs the command in a small interpreter of its own and reports the command's own peak memory: its
# VmHWM, read while it runs (the process the build starts, Pagefind, has its own figure). Measured
# from here with ru_maxrss, it would be floored at this process's memory (on Linux a child's ru_maxrss
# starts from the process it was forked from, and this one holds thousands of generated records), and
# ru_maxrss of a wrapper counts the biggest descendant, which is Pagefind once the build runs it.
MEASURE = """
import json, resource, subprocess, sys, time
def hwm(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
t = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
peak = 0
while proc.poll() is None:
    peak = max(peak, hwm(proc.pid))
    time.sleep(0.05)
t = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps([proc.returncode, t, peak, u.ru_utime + u.ru_stime, u.ru_maxrss]))
"""


def run_measured(cmd: list[str], cwd: Path, logfile: Path) -> dict:
    """Run a command; its wall time, CPU time and the peak resident memory of its process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    stats = logfile.with_suffix(".rusage.json")
    with open(logfile, "w") as out:
        subprocess.run([sys.executable, "-c", MEASURE, str(stats), *cmd], cwd=cwd, stdout=out,
                       stderr=subprocess.STDOUT, env=env, check=False)
    try:
        returncode, elapsed, maxrss, cpu, tree_maxrss = json.loads(stats.read_text())
    except (OSError, ValueError):
        returncode, elapsed, maxrss, cpu, tree_maxrss = -1, 0.0, 0, 0.0, 0
    if returncode != 0:
        tail = logfile.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd} ({returncode}):\n{tail}")
    # peak_mb is None on the rare run where /proc could not be read in time; the best of the runs is reported
    return {"seconds": elapsed, "peak_mb": maxrss / KB or None, "cpu_seconds": cpu, "tree_peak_mb": tree_maxrss / KB}


def mkdocs_build(folder: Path, pagefind: bool = False) -> dict:
    """Build a site. The project indexes itself with Pagefind (hooks/library.py); the plain
    twin has no hooks, so with pagefind=True the same indexing runs after its build and
    counts in its time: both sites then have the same search."""
    site = folder / "site"
    if site.exists():
        shutil.rmtree(site)
    run = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"],
                       folder, folder / "build.log")
    if pagefind:
        from practices.search import EXCLUDED
        index = run_measured([sys.executable, "-m", "pagefind", "--site", "site", "--output-subdir", "pagefind",
                              "--root-selector", "article.md-content__inner", "--exclude-selectors", ", ".join(EXCLUDED),
                              "--force-language", "en", "--silent"], folder, folder / "pagefind-build.log")
        # peak_mb stays the mkdocs process's own, as for the project, whose build starts Pagefind itself
        run = {"seconds": run["seconds"] + index["seconds"], "peak_mb": run["peak_mb"],
               "cpu_seconds": run["cpu_seconds"] + index["cpu_seconds"],
               "tree_peak_mb": max(run["tree_peak_mb"], index["tree_peak_mb"])}
    return run


# -- what was built ----------------------------------------------------------------------
def tree_size(folder: Path, skip: str | None = None) -> tuple[int, int]:
    total = files = 0
    for path in folder.rglob("*"):
        if skip and skip in path.relative_to(folder).parts:
            continue
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


def page_groups(site: Path) -> dict[str, list[Path]]:
    """HTML pages by kind: case, theme and listing pages (lists of practices and section indexes)."""
    cases = [p for p in (site / "cases").glob("*/index.html")]
    themes = [p for p in (site / "themes").glob("*/index.html")]
    listing = [site / "cases" / "index.html", site / "themes" / "index.html"]
    for section in ("countries", "sdgs", "checklists"):
        listing += [site / section / "index.html", *(site / section).glob("*/index.html")]
    return {"case": cases, "theme": themes, "listing": [p for p in listing if p.exists()]}


def page_stats(site: Path) -> dict:
    out = {}
    for group, pages in page_groups(site).items():
        sizes = sorted((p.stat().st_size, p) for p in pages)
        out[f"{group}_pages"] = len(sizes)
        out[f"{group}_median_kb"] = statistics.median(s for s, _ in sizes) / KB if sizes else 0
        out[f"{group}_max_kb"] = sizes[-1][0] / KB if sizes else 0
        out[f"{group}_max_page"] = sizes[-1][1].parent.relative_to(site).as_posix() + "/" if sizes else ""
    return out


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


# -- Pagefind ----------------------------------------------------------------------------
def pagefind_available() -> bool:
    try:
        import pagefind  # noqa: F401
        return True
    except ImportError:
        return False


# Index the article only, without permalink marks, and without the cards, checklists and filter panel
# of the listing pages: their text is the case pages' own, which are the results a reader wants.
PAGEFIND_ARGS = ["--root-selector", "article.md-content__inner",
                 "--exclude-selectors", ".headerlink, .gpl-cards, .gpl-checklist, .gpl-filters",
                 "--output-subdir", "pagefind", "--quiet"]


def pagefind_args() -> list[str]:
    """The site's own Pagefind settings (practices.search) when it has them, else PAGEFIND_ARGS."""
    try:
        from practices import search
        return ["--root-selector", "article.md-content__inner", "--exclude-selectors", ", ".join(search.EXCLUDED),
                "--force-language", "en", "--output-subdir", "pagefind", "--quiet"]
    except (ImportError, AttributeError):
        return PAGEFIND_ARGS


def pagefind_index(folder: Path) -> dict:
    """Index the built site again, alone, to time Pagefind and measure its bundle."""
    site = folder / "site"
    if (site / "pagefind").exists():
        shutil.rmtree(site / "pagefind")
    run = run_measured([sys.executable, "-m", "pagefind", "--site", "site", *pagefind_args()],
                       folder, folder / "pagefind.log")
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


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    served: list = []

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        type(self).served.append((self.path, len(data)))
        outputfile.write(data)


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
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    (site / "_bench_pagefind.html").write_text(HARNESS, encoding="utf-8")
    handler = partial(_CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/_bench_pagefind.html"
    out: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium) if chromium else p.chromium.launch()
            payloads, gzipped, times = [], [], []

            def ask(query: str, k: int = 0) -> dict:
                _CountingHandler.served = []
                context = browser.new_context()
                page = context.new_page()
                if k:  # ranking: Pagefind's API, for the addresses of the first k results
                    page.goto(f"{base}?q={urllib.request.quote(query)}&k={k}")
                    page.wait_for_function("window.benchResult !== undefined", timeout=120_000)
                    result = page.evaluate("window.benchResult")
                    served = [(path, n) for path, n in _CountingHandler.served if path.startswith("/pagefind/")]
                else:  # payload: the site's own search page, as a reader gets it, until the first result shows
                    page.add_init_script(FIRST_RESULT_CLOCK)
                    page.goto(f"{base.rsplit('/', 1)[0]}/search/?q={urllib.request.quote(query)}")
                    page.wait_for_selector("#gpl-search-results a", timeout=120_000)
                    first, entries = page.evaluate(LOADED_BEFORE_FIRST_RESULT)
                    result = {"ms": first}
                    served = [(urllib.parse.urlsplit(url).path, n) for url, n in entries]
                context.close()
                result["bytes"] = sum(n for _, n in served)
                result["gzip_bytes"] = sum(
                    len(gzip.compress((site / path.split("?")[0].lstrip("/")).read_bytes(), 6))
                    if path.split("?")[0].endswith((".js", ".json", ".css")) else n for path, n in served)
                return result

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
                ranks = []
                for url, query in pairs.items():
                    top = ask(query, k=5)["top"]
                    ranks.append(next((i + 1 for i, u in enumerate(top) if u.rstrip("/").endswith(url.rstrip("/"))), None))
                out[f"pagefind_{name}_top1"] = sum(r == 1 for r in ranks)
                out[f"pagefind_{name}_top5"] = sum(r is not None for r in ranks)
                out[f"{name}_queries"] = len(ranks)
            browser.close()
    finally:
        server.shutdown()
        (site / "_bench_pagefind.html").unlink(missing_ok=True)
    return out


def material_ranks(site: Path, ranked: dict[str, dict[str, str]]) -> dict:
    """The built-in search, as a reader uses it: type the title, read the first results."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    handler = partial(_CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium) if chromium else p.chromium.launch()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base)
            page.click(".md-search__input")

            def search(query: str) -> None:
                # typed as a reader types (the search listens to key events); a query typed before
                # the worker has its index gets no answer: type it again until it does
                for _ in range(12):
                    page.fill(".md-search__input", "")
                    page.keyboard.type(query, delay=2)
                    try:
                        page.wait_for_selector(".md-search-result__item", timeout=5_000)
                        page.wait_for_timeout(800)
                        return
                    except Exception:
                        continue
                raise RuntimeError(f"no search result for {query!r}")

            search("migration")
            for name, pairs in ranked.items():
                ranks = []
                for url, query in pairs.items():
                    search(query)
                    hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                                      "els => els.slice(0, 5).map(e => e.getAttribute('href'))")
                    paths = [urllib.parse.urlparse(h or "").path for h in hrefs]
                    ranks.append(next((i + 1 for i, h in enumerate(paths)
                                       if h.rstrip("/").endswith(url.rstrip("/"))), None))
                out[f"material_{name}_top1"] = sum(r == 1 for r in ranks)
                out[f"material_{name}_top5"] = sum(r is not None for r in ranks)
            browser.close()
    except Exception as error:  # a reader-facing check only: report, never fail the benchmark
        log(f"  built-in search check skipped: {error}")
        return {}
    finally:
        server.shutdown()
    return out


def summary_query(summary: str, words: int = 4) -> str:
    """A reader's half-remembered query: the longest words of a summary, in their order."""
    found = list(dict.fromkeys(w for w in re.findall(r"[A-Za-z]+", summary)))
    longest = set(sorted(found, key=len, reverse=True)[:words])
    return " ".join(w for w in found if w in longest)


# -- validation ----------------------------------------------------------------------------
def validation_time(practices_yaml: Path, repeat: int) -> tuple[float, int]:
    """Best of `repeat` runs of practices.validate.check, in a fresh interpreter each."""
    code = ("import sys, time; from pathlib import Path; from practices.validate import check; "
            "t = time.perf_counter(); r, v, p = check(Path(sys.argv[1])); "
            "print(time.perf_counter() - t, len(r), len(p))")
    best, problems = float("inf"), 0
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code, str(practices_yaml)], capture_output=True, text=True,
                             check=True).stdout.split()
        best = min(best, float(out[0]))
        problems = int(out[2])
    return best, problems


# -- mkdocs serve ----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except Exception:
        return None


def serve_rebuild(folder: Path, edits: int = 3) -> dict:
    """Seconds from saving data/practices.yaml to `mkdocs serve` serving the changed page."""
    data = folder / "data" / "practices.yaml"
    original = data.read_text(encoding="utf-8")
    first_id = re.search(r"^- id: (\S+)", original, re.M)[1]
    title = re.search(r"^  title: (.+)$", original, re.M)
    port = free_port()
    url = f"http://127.0.0.1:{port}/cases/{first_id}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    logfile = open(folder / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=folder, stdout=logfile, stderr=subprocess.STDOUT, env=env)
    times = []
    try:
        start = time.perf_counter()
        while fetch(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > 300:
                raise RuntimeError(f"mkdocs serve did not start: {(folder / 'serve.log').read_text()[-2000:]}")
            time.sleep(0.2)
        first_serve = time.perf_counter() - start
        time.sleep(1.0)
        for k in range(edits):
            marker = f"Benchmark edit {k} {time.time_ns()}"
            edited = original[: title.end(1)] + f" ({marker})" + original[title.end(1):]
            t0 = time.perf_counter()
            data.write_text(edited, encoding="utf-8")
            while True:
                page = fetch(url)
                if page and marker in page:
                    break
                if time.perf_counter() - t0 > 300:
                    raise RuntimeError("mkdocs serve did not rebuild within 300 s")
                time.sleep(0.02)
            times.append(time.perf_counter() - t0)
            time.sleep(1.0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        logfile.close()
        data.write_text(original, encoding="utf-8")
    return {"serve_first_s": first_serve, "serve_rebuild_s": statistics.median(times),
            "serve_rebuild_max_s": max(times), "serve_edits": len(times)}


# -- one size ---------------------------------------------------------------------------------
def measure(label: str, n: int, work: Path, repeat: int, options) -> dict:
    t0 = time.perf_counter()
    project, plain = work / f"project-{label}", work / f"plain-{label}"
    if label == "real":
        data_bytes = project_copy(project, practices_yaml=REPO / "data" / "practices.yaml")
        n = len(re.findall(r"^- id: ", (project / "data" / "practices.yaml").read_text(encoding="utf-8"), re.M))
    else:
        log(f"[{label}] generating {n} synthetic records")
        data_bytes = project_copy(project, records=synth.generate(n, REPO))
    pages = plainsite.make_plain(project, plain)
    row: dict = {"library": "real" if label == "real" else "synthetic", "n": n, "data_mb": data_bytes / MB,
                 "plain_pages": pages}
    log(f"[{label}] validating ({data_bytes / MB:.1f} MB of YAML)")
    # best of three at every size: it is cheap, and one run on a shared machine varies by 20 %
    row["validate_s"], problems = validation_time(project / "data" / "practices.yaml", max(repeat, 3))
    if problems:
        raise RuntimeError(f"the synthetic data of {label} has {problems} validation problems")
    project_runs, plain_runs = [], []
    for i in range(repeat):
        log(f"[{label}] build {i + 1}/{repeat}: project")
        project_runs.append(mkdocs_build(project))
        log(f"[{label}] build {i + 1}/{repeat}: plain  ({project_runs[-1]['seconds']:.1f} s)")
        plain_runs.append(mkdocs_build(plain, pagefind=pagefind_available()))
        log(f"[{label}]                  ({plain_runs[-1]['seconds']:.1f} s)")
    best_project = min(project_runs, key=lambda r: r["seconds"])
    best_plain = min(plain_runs, key=lambda r: r["seconds"])
    row.update({
        "repeat": repeat,
        "project_build_s": best_project["seconds"], "plain_build_s": best_plain["seconds"],
        "ratio": best_project["seconds"] / best_plain["seconds"],
        "project_cpu_s": best_project["cpu_seconds"], "plain_cpu_s": best_plain["cpu_seconds"],
        "project_peak_mb": max((r["peak_mb"] for r in project_runs if r["peak_mb"]), default=0.0),
        "project_tree_peak_mb": max(r["tree_peak_mb"] for r in project_runs),
        "plain_peak_mb": max((r["peak_mb"] for r in plain_runs if r["peak_mb"]), default=0.0),
    })
    row["memory_ratio"] = row["project_peak_mb"] / row["plain_peak_mb"] if row["plain_peak_mb"] else 0.0
    size, files = tree_size(project / "site")
    row["project_site_mb"], row["project_site_files"] = size / MB, files
    row["plain_site_mb"] = tree_size(plain / "site")[0] / MB
    row.update(page_stats(project / "site"))
    plain_stats = page_stats(plain / "site")
    row["plain_case_max_kb"], row["plain_theme_max_kb"] = plain_stats["case_max_kb"], plain_stats["theme_max_kb"]
    row.update(builtin_search(project / "site"))
    if options.pagefind and pagefind_available():
        log(f"[{label}] Pagefind index")
        row.update(pagefind_index(project))
        if options.browser:
            ranked = None
            if label == "real":
                import yaml
                records = yaml.safe_load((project / "data" / "practices.yaml").read_text(encoding="utf-8"))
                ranked = {"title": {f"/cases/{r['id']}/": r["title"] for r in records},
                          "summary": {f"/cases/{r['id']}/": summary_query(r["summary"]) for r in records}}
            row.update(browser_pagefind(project / "site", QUERIES, ranked))
            if ranked and (project / "site" / "search" / "search_index.json").exists():
                shutil.rmtree(project / "site" / "pagefind")
                row.update(material_ranks(project / "site", ranked))
    if label == "real" and options.serve:
        log(f"[{label}] mkdocs serve: rebuild after an edit of data/practices.yaml")
        row.update(serve_rebuild(project))
    row["wall_s"] = time.perf_counter() - t0
    if not options.keep:
        for folder in (project / "site", plain / "site"):
            shutil.rmtree(folder, ignore_errors=True)
    return row


# -- budgets ----------------------------------------------------------------------------------
def budgets(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(verdict, budget, measured) for each budget; SKIP when its size was not run."""
    synthetic = {r["n"]: r for r in rows if r["library"] == "synthetic"}
    real = [r for r in rows if r["library"] == "real"]
    out = []

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    at = [n for n in (500, 2000) if n in synthetic]
    if at:
        worst = max(synthetic[n]["ratio"] for n in at)
        out.append((verdict(worst <= 1.15) if len(at) == 2 else verdict(worst <= 1.15) + " (partial)",
                    BUDGETS_TEXT[0], ", ".join(f"{synthetic[n]['ratio']:.2f}x at {n}" for n in at)))
    else:
        out.append(("SKIP", BUDGETS_TEXT[0], "N = 500 and 2,000 not run"))
    if 500 in synthetic and 2000 in synthetic:
        growth = synthetic[2000]["project_build_s"] / synthetic[500]["project_build_s"]
        out.append((verdict(growth <= 4.4), BUDGETS_TEXT[1], f"{growth:.2f}x"))
    else:
        out.append(("SKIP", BUDGETS_TEXT[1], "N = 500 and 2,000 not both run"))
    case_max = max(rows, key=lambda r: r["case_max_kb"])
    out.append((verdict(case_max["case_max_kb"] <= 60), BUDGETS_TEXT[2],
                f"{case_max['case_max_kb']:.1f} KB ({case_max['case_max_page']}, N = {case_max['n']})"))
    small = [r for r in rows if r["n"] == 26]
    if small:
        theme_max = max(small, key=lambda r: r["theme_max_kb"])
        out.append((verdict(theme_max["theme_max_kb"] <= 150), BUDGETS_TEXT[3],
                    "; ".join(f"{r['library']}: {r['theme_max_kb']:.1f} KB" for r in small)))
    else:
        out.append(("SKIP", BUDGETS_TEXT[3], "N = 26 not run"))
    if 5000 in synthetic:
        out.append((verdict(synthetic[5000]["validate_s"] <= 3), BUDGETS_TEXT[4], f"{synthetic[5000]['validate_s']:.2f} s"))
        row = synthetic[5000]
        # the site's search is Pagefind: measured in Chromium, else its upper bound
        payload = row.get("pagefind_first_result_kb", row.get("pagefind_first_result_bound_kb"))
        if payload is None:
            out.append(("SKIP", BUDGETS_TEXT[5], "Pagefind was not measured"))
        else:
            note = f"{payload:,.0f} KB with Pagefind"
            if "pagefind_first_result_gzip_kb" in row:
                note += f" ({row['pagefind_first_result_gzip_kb']:,.0f} KB gzipped)"
            out.append((verdict(payload <= 300), BUDGETS_TEXT[5], note))
    else:
        out.append(("SKIP", BUDGETS_TEXT[4], "N = 5,000 not run"))
        out.append(("SKIP", BUDGETS_TEXT[5], "N = 5,000 not run"))
    del real
    return out


# -- report -----------------------------------------------------------------------------------
def fmt(value, digits=1) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def label_of(row: dict) -> str:
    return f"{row['n']:,} (real)" if row["library"] == "real" else f"{row['n']:,}"


def table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    head = "| N | " + " | ".join(c[0] for c in columns) + " |"
    rule = "|---:|" + "---:|" * len(columns)
    body = ["| " + label_of(r) + " | " + " | ".join(fmt(r.get(key), d) for _, key, d in columns) + " |" for r in rows]
    return "\n".join([head, rule, *body])


BUILD_COLUMNS = [("project build (s)", "project_build_s", 2), ("plain build (s)", "plain_build_s", 2),
                 ("ratio", "ratio", 2), ("project peak (MB)", "project_peak_mb", 0),
                 ("plain peak (MB)", "plain_peak_mb", 0), ("validate (s)", "validate_s", 2),
                 ("data (MB)", "data_mb", 1), ("site (MB)", "project_site_mb", 1),
                 ("plain site (MB)", "plain_site_mb", 1)]
PAGE_COLUMNS = [("case median (KB)", "case_median_kb", 1), ("case max (KB)", "case_max_kb", 1),
                ("theme median (KB)", "theme_median_kb", 1), ("theme max (KB)", "theme_max_kb", 1),
                ("listing median (KB)", "listing_median_kb", 1), ("listing max (KB)", "listing_max_kb", 1),
                ("largest listing", "listing_max_page", 0)]
SEARCH_COLUMNS = [("search_index.json (KB)", "search_index_kb", 0), ("worker JS (KB)", "search_worker_kb", 1),
                  ("built-in payload (KB)", "search_payload_kb", 0),
                  ("built-in gzipped (KB)", "search_payload_gzip_kb", 0),
                  ("Pagefind index (s)", "pagefind_s", 2), ("Pagefind files", "pagefind_files", 0),
                  ("Pagefind bundle (MB)", "pagefind_total_mb", 1),
                  ("Pagefind first result (KB)", "pagefind_first_result_kb", 0),
                  ("Pagefind gzipped (KB)", "pagefind_first_result_gzip_kb", 0),
                  ("Pagefind bound (KB)", "pagefind_first_result_bound_kb", 0)]


def svg_plot(rows: list[dict]) -> str:
    """Build time against N for both sites, and validation time: a hand-written SVG."""
    data = sorted((r for r in rows if r["library"] == "synthetic"), key=lambda r: r["n"])
    width, height, left, right, top, bottom = 720, 440, 70, 170, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    max_n = max((r["n"] for r in data), default=1) or 1
    max_t = max((max(r["project_build_s"], r["plain_build_s"], r["validate_s"]) for r in data), default=1)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if max_t / s <= 8)
    max_t = step * (int(max_t / step) + 1)

    def x(n):
        return left + plot_w * n / max_n

    def y(t):
        return top + plot_h * (1 - t / max_t)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="22" font-size="15" font-weight="bold">Build time against library size</text>']
    t = 0
    while t <= max_t:
        parts.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{left + plot_w}" y2="{y(t):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
        t += step
    for r in data:
        parts.append(f'<line x1="{x(r["n"]):.1f}" y1="{top}" x2="{x(r["n"]):.1f}" y2="{top + plot_h}" stroke="#eee"/>')
        parts.append(f'<text x="{x(r["n"]):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{r["n"]:,}</text>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 15}" text-anchor="middle">records (N)</text>')
    parts.append(f'<text transform="translate(18 {top + plot_h / 2}) rotate(-90)" text-anchor="middle">seconds</text>')
    series = [("project (mkdocs build)", "project_build_s", "#3f51b5", ""),
              ("plain Markdown twin", "plain_build_s", "#e65100", ""),
              ("validation alone", "validate_s", "#2e7d32", ' stroke-dasharray="5 4"')]
    for i, (name, key, colour, dash) in enumerate(series):
        points = " ".join(f"{x(r['n']):.1f},{y(r[key]):.1f}" for r in data)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for r in data:
            parts.append(f'<circle cx="{x(r["n"]):.1f}" cy="{y(r[key]):.1f}" r="3.5" fill="{colour}">'
                         f'<title>{name}, N = {r["n"]}: {r[key]:.2f} s</title></circle>')
        ly = top + 10 + 22 * i
        parts.append(f'<line x1="{left + plot_w + 15}" y1="{ly}" x2="{left + plot_w + 40}" y2="{ly}" '
                     f'stroke="{colour}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{left + plot_w + 45}" y="{ly + 4}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_results(rows: list[dict], verdicts, info: dict, out: Path, command: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    keys: list[str] = []
    for r in rows:
        keys += [k for k in r if k not in keys]
    with open(out / "results.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=keys)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in r.items()})
    (out / "build-time.svg").write_text(svg_plot(rows), encoding="utf-8")
    real = next((r for r in rows if r["library"] == "real"), None)
    lines = [
        "# Benchmark results",
        "",
        f"Command: `{command}`, run on {info['date']}.",
        "",
        f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']} of memory, Python {info['python']}, "
        f"{info['os']}. " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()) + ".",
        "",
        "Each N is a synthetic library (benchmarks/synth.py: the shape and text lengths of the real records, "
        "every facet populated) built as the project and as a plain-Markdown twin with the same text as "
        "hand-written pages, the same theme, search plugin and nav (benchmarks/plainsite.py). Times are "
        "wall-clock seconds of the `mkdocs build` subprocess, best of the number of runs shown in results.csv "
        "(`repeat`, which also has their CPU seconds); peak memory is the high-water mark of the mkdocs "
        "process's resident memory (VmHWM), without the processes it starts (Pagefind's is in its own column). The row `(real)` is the library in "
        "data/practices.yaml.",
        "",
        "## Budgets",
        "",
        *[f"- **{v}** {b}: {m}" for v, b, m in verdicts],
        "",
        "## Build",
        "",
        table(rows, BUILD_COLUMNS),
        "",
        "![Build time against N](build-time.svg)",
        "",
        "## Pages (HTML of the project site, uncompressed)",
        "",
        "Case pages are /cases/<id>/; theme pages /themes/<id>/ (cards and the theme's checklist); listing pages "
        "are the section indexes and the country, SDG goal and checklist pages.",
        "",
        table(rows, PAGE_COLUMNS),
        "",
        "## Search payload before the first result",
        "",
        "Built-in (Material) search: the worker script and search/search_index.json, which it fetches whole "
        "before it can answer. Pagefind: measured in Chromium with a fresh cache on the site's search page, as the "
        "bytes fetched from /pagefind/ until the first result shows (uncompressed, as served), worst of the queries "
        f"{', '.join(QUERIES)}; the bound is loader + WebAssembly + metadata + the largest index "
        "chunk + the largest fragment. Pagefind options: `" + " ".join(pagefind_args()) + "`.",
        "",
        table(rows, SEARCH_COLUMNS),
        "",
    ]
    if real and "title_queries" in real:
        lines += [
            "Search quality at the real size, in Chromium: for each of the real library's practices, is its page "
            "the first result, or among the first five? Queries: its title; the four longest words of its summary.",
            "",
            "| queries | Pagefind first | Pagefind top 5 | built-in first | built-in top 5 |",
            "|---|---:|---:|---:|---:|",
            *[f"| {name} ({real[name + '_queries']}) | {real.get(f'pagefind_{name}_top1', '-')} | "
              f"{real.get(f'pagefind_{name}_top5', '-')} | {real.get(f'material_{name}_top1', '-')} | "
              f"{real.get(f'material_{name}_top5', '-')} |" for name in ("title", "summary") if name + "_queries" in real],
            "",
        ]
    if real and "serve_rebuild_s" in real:
        lines += [
            "## mkdocs serve",
            "",
            f"Real library ({real['n']} records): `mkdocs serve` is ready {real['serve_first_s']:.1f} s after it "
            f"starts; after saving data/practices.yaml the edited case page is served changed after "
            f"{real['serve_rebuild_s']:.1f} s (median of {real['serve_edits']} edits, worst "
            f"{real['serve_rebuild_max_s']:.1f} s); a full `mkdocs build` of it takes {real['project_build_s']:.1f} s.",
            "",
        ]
    (out / "report.md").write_text("\n".join(lines), encoding="utf-8")


def print_summary(rows, verdicts) -> None:
    print(table(rows, BUILD_COLUMNS))
    print()
    print(table(rows, PAGE_COLUMNS))
    print()
    print(table(rows, SEARCH_COLUMNS))
    print()
    for v, b, m in verdicts:
        print(f"{v}: {b}: {m}")


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
        options.real = options.serve = options.browser = False
    else:
        sizes = [int(s) for s in options.sizes.split(",") if s.strip()]
        options.out = options.out or HERE / "results"
        options.work = options.work or HERE / "work"
    options.work.mkdir(parents=True, exist_ok=True)

    info = machine()
    log(f"machine: {info['cpus']} CPUs, {info['cpu']}, {info['memory']}; results to {options.out}")
    rows = []
    if options.real:
        rows.append(measure("real", 0, options.work, options.repeat or 3, options))
    for n in sizes:
        # three builds of each site up to 2,000: the ratio budget is checked there, and one build on a
        # shared 2-core machine varies by up to 20 %
        repeat = 1 if options.smoke else options.repeat or (3 if n <= 2000 else 1)
        rows.append(measure(str(n), n, options.work, repeat, options))
        write_results(rows, budgets(rows), info, options.out, command)  # partial results survive a later failure
    verdicts = budgets(rows)
    write_results(rows, verdicts, info, options.out, command)
    print_summary(rows, verdicts)
    print(f"\nreport: {options.out / 'report.md'}")
    if options.smoke:
        return 0
    return 1 if any(v.startswith("FAIL") for v, _, _ in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
