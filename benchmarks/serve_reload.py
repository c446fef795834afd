"""Serve reload: seconds from saving data/practices.yaml to `mkdocs serve` serving the changed page."""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import ID_LINE, MKDOCS_ENV
from practices.generate import served_path
from practices.render import PageRenderer

TITLE_LINE = re.compile(r"^  title: (.+)$", re.M)
TIMEOUT_S = 300


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
    """Start `mkdocs serve` in a project copy, then edit the first record's title `edits` times; after
    each save, poll its case page until it shows the edit."""
    data = folder / "data" / "practices.yaml"
    original = data.read_text(encoding="utf-8")
    first_id = ID_LINE.search(original)[1]
    title = TITLE_LINE.search(original)
    port = free_port()
    url = f"http://127.0.0.1:{port}{served_path(folder)}{PageRenderer.url(PageRenderer.case_path(first_id))}"
    logfile = open(folder / "serve.log", "w")
    # quiet as the benchmark's builds are: a synthetic library lacks the real records that docs/ links to,
    # and strict mode counts only the warnings that are logged
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=folder, stdout=logfile, stderr=subprocess.STDOUT, env={**os.environ, **MKDOCS_ENV})
    times = []
    try:
        start = time.perf_counter()
        while fetch(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > TIMEOUT_S:
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
                if time.perf_counter() - t0 > TIMEOUT_S:
                    raise RuntimeError(f"mkdocs serve did not rebuild within {TIMEOUT_S} s")
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
