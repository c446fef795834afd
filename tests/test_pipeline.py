"""The build pipeline: generated pages for any engine, builds that fail on invalid data, and
the live preview that shows the problems instead of stopping."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ENGINES, ROOT, build_site, build_zensical, copy_project, make
from htmlcheck import Page
from practices.generate import MARKER, generated_pages, served_path
from practices.offline import DOWNLOAD
from practices.render import PageRenderer
from practices.validate import check


def test_generate_writes_a_page_for_every_record_theme_country_goal_and_checklist(tmp_path, library):
    out = tmp_path / "pages"
    result = subprocess.run([sys.executable, "-m", "practices.cli", "generate", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # besides the pages: the marker, and the offline edition's ZIP file when `make offline` has built one
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER} - {DOWNLOAD}

    def section(name: str) -> set[str]:
        # <name>/<slug>/index.md; the numbered pages of a listing lie deeper (<name>/page/2/index.md)
        return {p.split("/")[1] for p in written if p.startswith(name + "/") and p.count("/") == 2}

    assert section("cases") == set(library.by_id)
    assert section("themes") == set(library.vocab.themes)
    assert section("checklists") == set(library.vocab.themes)
    assert section("countries") == {library.vocab.countries[c]["slug"] for c, n in library.counts("country").items() if n}
    assert section("sdgs") == {str(g) for g in library.vocab.sdgs}
    assert written == {p.path for p in generated_pages(ROOT)}  # the very pages and files the MkDocs hook adds


def test_generate_with_docs_makes_a_whole_docs_folder_and_replaces_what_it_wrote(tmp_path, library):
    out = tmp_path / "docs"
    gone = out / "cases" / "a-deleted-record" / "index.md"
    for run in range(2):
        result = subprocess.run([sys.executable, "-m", "practices.cli", "generate", str(out), "--docs", "docs"],
                                cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        if run == 0:  # a page left by an earlier run, whose record is gone since
            gone.parent.mkdir()
            gone.write_text("# old\n", encoding="utf-8")
    hand_written = {p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*") if p.is_file()}
    assert hand_written <= {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    assert (out / PageRenderer(library).case_path(library.practices[0].id)).exists()
    assert not gone.exists()


def test_generate_never_empties_a_folder_it_did_not_fill(tmp_path):
    keep = tmp_path / "mine" / "notes.md"
    keep.parent.mkdir()
    keep.write_text("mine\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "practices.cli", "generate", str(keep.parent)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert keep.read_text(encoding="utf-8") == "mine\n" and not (keep.parent / MARKER).exists()


# -- quiet commands -------------------------------------------------------------------------

@pytest.mark.build
def test_make_build_says_little_and_still_fails_loudly(tmp_path):
    project = copy_project(tmp_path)
    result = make(project, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for noise in ("end of life", "NO_MKDOCS_2_WARNING", "not included in the \"nav\"", "[macros]"):
        assert noise not in output, f"{noise!r} in:\n{output}"
    broken, problem = broken_project(tmp_path / "broken")
    result = make(broken, "build")
    assert result.returncode != 0 and said(problem) in result.stdout + result.stderr


# -- invalid data --------------------------------------------------------------------------

BAD_KIND = '<b>success</b>-story'  # markup too: the error page must show it as text


def broken_project(tmp_path: Path):
    """A copy of the project whose first record has an unknown kind; and the validator's problem."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    copy_project(project)
    data = project / "data" / "practices.yaml"
    text = data.read_text(encoding="utf-8")
    assert "kind: success-story" in text
    data.write_text(text.replace("kind: success-story", f"kind: {BAD_KIND}", 1), encoding="utf-8")
    _, _, problems = check(data)
    assert len(problems) == 1, problems
    return project, problems[0]


def said(problem) -> str:
    """The part of a problem's line that does not depend on where the project lies."""
    return f":{problem.line}: {problem.record}: {problem.field} {problem.message}"


@pytest.mark.build
@pytest.mark.parametrize("engine", ENGINES)
def test_a_build_on_invalid_data_fails_with_the_validators_message(tmp_path, engine):
    project, problem = broken_project(tmp_path)
    if engine == "mkdocs":
        result = build_site(project, project / "site")
    else:
        result, _ = build_zensical(project)
    assert result.returncode != 0
    assert said(problem) in result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float, server: subprocess.Popen) -> str:
    """The page at url, waiting (until deadline) for the server to be up."""
    while True:
        assert server.poll() is None, "mkdocs serve stopped"
        try:
            # the server holds a request while it rebuilds
            with urllib.request.urlopen(url, timeout=max(1.0, deadline - time.monotonic())) as response:
                return response.read().decode("utf-8")
        except OSError:  # not up yet (URLError, a refused or timed out connection)
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def _shows(base: str, path: str, problem, server, deadline: float) -> bool:
    """Wait (until deadline) for the page at path to show the problem, or to stop showing it."""
    page = Page(Path(path or "index"), _get(base + path, deadline, server))
    assert not any(tag == "b" for tag, _ in page.elements), "the record's markup must show as text"
    return said(problem) in page.text


def _until(condition, deadline: float) -> bool:
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


@pytest.mark.build
def test_serve_shows_the_problems_of_invalid_data_in_the_browser(tmp_path):
    project, problem = broken_project(tmp_path)
    data = project / "data" / "practices.yaml"
    broken = data.read_text(encoding="utf-8")
    case = PageRenderer.url(PageRenderer.case_path(problem.record))
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = f"http://127.0.0.1:{port}{served_path(project)}"
        deadline = time.monotonic() + 60  # builds take seconds; a minute means it never comes
        # started on invalid data: the server serves, and its pages show the problem
        for path in ("", "themes/"):
            assert _shows(base, path, problem, server, deadline), path
        # fixed: the pages come back
        data.write_text(broken.replace(f"kind: {BAD_KIND}", "kind: success-story"), encoding="utf-8")
        assert _until(lambda: not _shows(base, case, problem, server, deadline), deadline), "the fix never showed"
        # broken while a reader looks at a generated page: that page shows the problem when it reloads
        data.write_text(broken, encoding="utf-8")
        assert _until(lambda: _shows(base, case, problem, server, deadline), deadline), "the problem never showed"
    finally:
        server.kill()
        server.wait(timeout=10)
    assert said(problem) in log.read_text(encoding="utf-8")  # and the terminal says it too
