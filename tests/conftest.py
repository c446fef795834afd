"""Shared fixtures: the real library, and site builds of the real or a modified project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PRACTICES = ROOT / "data" / "practices.yaml"
PROJECT_PARTS = ["mkdocs.yml", "zensical.yml", "mkdocs-offline.yml", "Makefile", "pyproject.toml", "docs", "hooks",
                 "overrides", "data", "vendor"]
VENV = Path(sys.executable).parent.parent
ENGINES = ["mkdocs", "zensical"]


def record_ids() -> list[str]:
    """The ids in data/practices.yaml, read at collection time so each gets its own test."""
    return [r["id"] for r in yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))]


def copy_project(destination: Path) -> Path:
    """A copy of what a site build reads, so a test can change data without touching the repo."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("drafts", "__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` (never -q: it hides warnings) on a project folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


ZENSICAL_SITE = Path("build") / "zensical" / "site"  # where zensical.yml puts the site, inside the project


def make(project: Path, target: str) -> subprocess.CompletedProcess:
    """`make TARGET` in a project folder, with this test run's environment, which is installed already."""
    stamps = [arg for stamp in (".installed", ".installed-test") for arg in ("-o", str(VENV / stamp))]
    return subprocess.run(["make", "--no-print-directory", *stamps, target, f"VENV={VENV}"],
                          cwd=project, capture_output=True, text=True)


def build_zensical(project: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Run `make build-zensical` in a project folder (Zensical's site must be inside its project)."""
    return make(project, "build-zensical"), project / ZENSICAL_SITE


SITE_FIXTURES = {"built_site", "injected_site"}


def pytest_collection_modifyitems(items):
    """Every test on a built site is a build test: `make mutants` leaves them out, because the build
    runs in a subprocess that imports the installed code, not the mutated copy."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


def crafted(library, *changes: dict):
    """A library of copies of the first record, each changed as given (ids a, b, c, ...)."""
    import copy

    from practices.library import Library
    first = yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))[0]
    records = []
    for number, change in enumerate(changes):
        record = copy.deepcopy(first)
        record.pop("related", None)
        record.update({"id": "abcdefgh"[number], **change})
        records.append(record)
    return Library(records, library.vocab)


@pytest.fixture(scope="session")
def library():
    from practices.library import load_library
    return load_library(PRACTICES)


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def offline_project(tmp_path_factory) -> Path:
    """A copy of the project in which `make offline` has built the offline edition and its ZIP file:
    the sites of both engines are built in it, so they offer that very ZIP file."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = make(project, "offline")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def offline_site(offline_project, tmp_path_factory) -> Path:
    """The offline edition as a reader gets it: its ZIP file unzipped into an empty folder."""
    import zipfile

    from practices.offline import FOLDER, ZIP
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_project / ZIP) as archive:
        archive.extractall(target)
    return target / FOLDER


@pytest.fixture(scope="session")
def built_site(engine, offline_project, tmp_path_factory) -> Path:
    """The real site, built once per test session by each engine: every site test runs on both."""
    if engine == "mkdocs":
        site = tmp_path_factory.mktemp("site")
        result = build_site(offline_project, site)
    else:
        result, site = build_zensical(offline_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


# -- a site whose first record carries HTML, script and template syntax in every text field --

PAYLOAD = '<script>alert("gpl")</script> <img src=x onerror=alert(1)> {{ 7*7 }} {% if true %}RUN{% endif %} {: onclick="alert(2)" } &amp;'


def _text_fields(checker, record, path):
    """Paths of every free-text field: no vocabulary, no pattern beyond 'not blank', no format."""
    value = record
    for step in path:
        value = value[step]
    if isinstance(value, dict):
        for key in value:
            yield from _text_fields(checker, record, path + [key])
    elif isinstance(value, list):
        for index in range(len(value)):
            yield from _text_fields(checker, record, path + [index])
    elif isinstance(value, str):
        schema = checker.schema_at([0] + path)
        if schema.get("pattern") == "\\S":  # the text and markdown definitions of the schema
            yield path


@pytest.fixture(scope="session")
def injected_site(engine, tmp_path_factory):
    """A site, built by each engine, whose first record carries a payload in every text field."""
    from practices.schemacheck import SchemaChecker
    from practices.validate import practice_schema

    records = yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))
    victim = records[0]
    # the fields only some records carry (a case study's fact box, other sources) get the payload too
    for key, value in {"purpose": "p", "objectives": ["o"], "beneficiaries": "b", "budget": "b",
                       "other_sources": [{"publication": victim["source"]["publication"], "pages": "1", "for": "f"}]}.items():
        victim.setdefault(key, value)
    checker = SchemaChecker(practice_schema(), "#", "x", None)
    fields = list(_text_fields(checker, victim, []))
    for number, path in enumerate(fields):
        target = victim
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = f"{PAYLOAD} {number}"  # numbered: list items must stay distinct
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "data" / "practices.yaml").write_text(
        yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if engine == "mkdocs":
        site = project / "site"
        result = build_site(project, site)
    else:
        result, site = build_zensical(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, victim, fields
