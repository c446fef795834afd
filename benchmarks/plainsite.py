"""The plain-Markdown twin of a project copy: the same text as hand-written pages.

Every page the project generates (case, theme, checklist, country and goal
pages) is written to docs/ as a Markdown file, and every page of docs/ is
written with its macros already expanded, so the twin has exactly the same
text, links and HTML fragments. Its mkdocs.yml is the project's with the
hooks and the macros plugin removed: same theme, same search plugin, same
Markdown extensions, same nav (the cases are not in it). What the project
costs on top of it is the price of generating the pages at build time.
"""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import SimpleNamespace

import yaml
from jinja2 import Environment, StrictUndefined

from practices.library import load_library
from practices.render import PageRenderer


def _page_url(rel: str) -> str:
    """The directory URL of a docs/ page: about.md -> about/, cases/index.md -> cases/."""
    stem = rel.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class _MacrosEnv:
    """Just enough of mkdocs-macros' `env` for hooks/macros.py to register its macros."""

    def __init__(self, config_file: Path):
        # the settings of mkdocs.yml, as the plugin's env.conf has them (the macros read repo_url and edit_uri)
        self.conf = {**yaml.safe_load(config_file.read_text(encoding="utf-8")), "config_file_path": str(config_file)}
        self.project_dir = str(config_file.parent)  # where hooks/macros.py finds the data
        self.page = SimpleNamespace(url="")
        self.variables: dict = {}
        self.macros: dict = {}
        self.filters: dict = {}

    def _register(self, table: dict, function=None, name: str = ""):
        if function is None:
            return lambda f: self._register(table, f, name)
        table[name or function.__name__] = function
        return function

    def macro(self, function=None, name: str = ""):
        return self._register(self.macros, function, name)

    def filter(self, function=None, name: str = ""):
        return self._register(self.filters, function, name)


def _macros_env(project: Path) -> _MacrosEnv:
    """The project's own macros (hooks/macros.py of the copy), as the macros plugin would load them."""
    spec = importlib.util.spec_from_file_location("bench_project_macros", project / "hooks" / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = _MacrosEnv(project / "mkdocs.yml")
    module.define_env(env)
    return env


def _expand_macros(text: str, macros: _MacrosEnv, url: str) -> str:
    macros.page = SimpleNamespace(url=url)
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals.update(macros.variables)
    env.globals.update(macros.macros)
    env.filters.update(macros.filters)
    return env.from_string(text).render()


def plain_config(project_config: Path) -> dict:
    config = yaml.safe_load(project_config.read_text(encoding="utf-8"))
    config.pop("hooks", None)
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != "macros":
            plugins.append(plugin)
    config["plugins"] = plugins
    config["site_name"] = config.get("site_name", "") + " (plain Markdown twin)"
    return config


def make_plain(project: Path, plain: Path) -> int:
    """Write the twin of the project copy at `project` to `plain`; return its page count."""
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    shutil.copytree(project / "docs", docs)
    if (project / "overrides").exists():
        shutil.copytree(project / "overrides", plain / "overrides")
    site = PageRenderer(load_library(project / "data" / "practices.yaml"))
    macros = _macros_env(project)
    pages = 0
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).as_posix()
        md.write_text(_expand_macros(md.read_text(encoding="utf-8"), macros, _page_url(rel)), encoding="utf-8")
        pages += 1
    for page in site.pages():
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
        pages += 1
    (plain / "mkdocs.yml").write_text(
        yaml.safe_dump(plain_config(project / "mkdocs.yml"), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return pages
