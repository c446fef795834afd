"""Every generated page as a Markdown file: the library's pages for any site engine.

MkDocs gets the pages from `generated_pages` through its hook (hooks/pages.py);
an engine that runs no MkDocs hooks (Zensical) builds from a folder that
`write_pages` fills (`practices generate DIR`, `make build-zensical`). One list
of pages serves both.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .library import cached_library, practices_file
from .problems import LibraryError
from .render import PageFile, PageRenderer

# Written into every folder `write_pages` fills: only such a folder is emptied before it is filled again.
MARKER = ".practices-generated"


class GenerateError(RuntimeError):
    pass


def site_settings(project_dir: Path | str) -> dict:
    """The settings of mkdocs.yml that the pages use (the repository's addresses), read as plain YAML:
    an engine without MkDocs reads the same file (zensical.yml inherits it)."""
    config = Path(project_dir) / "mkdocs.yml"
    if not config.exists():
        return {}
    settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return {key: settings.get(key) for key in ("repo_url", "edit_uri", "site_url", "site_name")}


def served_path(project_dir: Path | str) -> str:
    """Where `mkdocs serve` puts the site: at the path of site_url, as the published site has it."""
    return urlsplit(site_settings(project_dir).get("site_url") or "/").path or "/"


def generated_pages(project_dir: Path | str, settings: dict | None = None) -> list[PageFile]:
    """The generated pages of the project in project_dir; LibraryError when its data is not valid.

    settings: repo_url, edit_uri, site_url and site_name as the engine's configuration has them
    (by default, mkdocs.yml's).
    """
    settings = site_settings(project_dir) if settings is None else settings
    return PageRenderer(cached_library(practices_file(project_dir)), repo_url=settings.get("repo_url"),
                        edit_uri=settings.get("edit_uri"), site_url=settings.get("site_url"),
                        site_name=settings.get("site_name")).pages()


def write_pages(directory: Path | str, project_dir: Path | str, docs_dir: Path | str | None = None) -> list[Path]:
    """Write every generated page into directory, after a copy of docs_dir (the hand-written pages) when given.

    The directory is emptied first, so a page of a deleted record does not linger; a folder that
    this function did not fill is never emptied.
    """
    target = Path(directory)
    pages = generated_pages(project_dir)  # before anything is touched: invalid data changes nothing
    if target.exists() and any(target.iterdir()):
        if not (target / MARKER).exists():
            raise GenerateError(f"{target} is not empty and was not written by `practices generate`; "
                                "give an empty or new folder")
        shutil.rmtree(target)
    if docs_dir is not None:
        shutil.copytree(docs_dir, target, dirs_exist_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text("Written by `practices generate`; emptied each time it runs.\n", encoding="utf-8")
    written = []
    for page in pages:
        path = target / page.path
        if path.exists():
            raise GenerateError(f"{page.path}: a hand-written page is where a generated page goes; "
                                f"rename or remove it in {docs_dir}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["GenerateError", "LibraryError", "MARKER", "generated_pages", "served_path", "site_settings", "write_pages"]
