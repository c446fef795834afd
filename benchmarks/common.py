"""What the measurements share: paths, units, the machine, project copies, timed subprocesses, serving a
built site to a browser."""
from __future__ import annotations

import http.server
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

import yaml  # noqa: E402
import synth  # noqa: E402  (benchmarks/ is on the path: run.py's folder)

KB = 1024
MB = 1024 * 1024
# an id line of data/practices.yaml, as the project writes it and benchmarks/synth.py copies it
ID_LINE = re.compile(r"^- id: (\S+)", re.M)


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


# -- machine ---------------------------------------------------------------------------------
VERSIONS_OF = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "PyYAML", "jsonschema", "pagefind")


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
    from importlib.metadata import PackageNotFoundError, version
    versions = {}
    for name in VERSIONS_OF:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
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
        _unlink_guide(target / "data" / "vocab" / "dc_checklist.yaml")
        return synth.write(records, target / "data" / "practices.yaml")
    shutil.copy2(practices_yaml, target / "data" / "practices.yaml")
    return (target / "data" / "practices.yaml").stat().st_size


def _unlink_guide(checklist: Path) -> None:
    """The guide's checklist links name records of the real library, which a synthetic one lacks."""
    if checklist.exists():
        items = yaml.safe_load(checklist.read_text(encoding="utf-8"))
        for item in items:
            item["practices"] = []
        checklist.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")


def record_ids(practices_yaml: Path) -> list[str]:
    """The records' ids, read off the file's id lines (loading 5,000 records to count them costs seconds)."""
    return ID_LINE.findall(practices_yaml.read_text(encoding="utf-8"))


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files below a folder."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    return total, files


# -- timed subprocesses ----------------------------------------------------------------------
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

MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def run_measured(cmd: list[str], cwd: Path, logfile: Path) -> dict:
    """Run a command; its wall time, CPU time and the peak resident memory of its process."""
    stats = logfile.with_suffix(".rusage.json")
    with open(logfile, "w") as out:
        subprocess.run([sys.executable, "-c", MEASURE, str(stats), *cmd], cwd=cwd, stdout=out,
                       stderr=subprocess.STDOUT, env={**os.environ, **MKDOCS_ENV}, check=False)
    try:
        returncode, elapsed, maxrss, cpu, tree_maxrss = json.loads(stats.read_text())
    except (OSError, ValueError):
        returncode, elapsed, maxrss, cpu, tree_maxrss = -1, 0.0, 0, 0.0, 0
    if returncode != 0:
        tail = logfile.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd} ({returncode}):\n{tail}")
    # peak_mb is None on the rare run where /proc could not be read in time; the best of the runs is reported
    return {"seconds": elapsed, "peak_mb": maxrss / KB or None, "cpu_seconds": cpu, "tree_peak_mb": tree_maxrss / KB}


# -- a built site in a browser ---------------------------------------------------------------
class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and notes what it sent: (path, bytes)."""

    served: list = []

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        type(self).served.append((self.path, len(data)))
        outputfile.write(data)


@contextmanager
def served(site: Path):
    """The built site on a local HTTP server (no compression): yields its root URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(CountingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def installed(module: str) -> bool:
    """Whether an optional package is there (Pagefind, Playwright): without it, its figures are left out."""
    return importlib.util.find_spec(module) is not None


def launch_chromium(playwright):
    """The system's Chromium when there is one (Playwright cannot download its own here)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    return playwright.chromium.launch(executable_path=chromium) if chromium else playwright.chromium.launch()


# -- Pagefind --------------------------------------------------------------------------------
# the root selector the site's hook indexes with (hooks/pages.py)
PAGEFIND_ROOT = "article.md-content__inner"
INDEX_SITE = "import sys; from pathlib import Path; from practices.search import index_site; " \
             "index_site(Path(sys.argv[1]), sys.argv[2])"


def pagefind_command(site: str = "site") -> list[str]:
    """Index a built site as the project's build does: practices.search.index_site, in a process of its own."""
    return [sys.executable, "-c", INDEX_SITE, site, PAGEFIND_ROOT]
