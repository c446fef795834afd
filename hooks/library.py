"""MkDocs adapter: validate the library when the build starts and add its generated pages.

Thin on purpose: everything it does is in the `practices` package, which
knows nothing of MkDocs, so another site engine needs only a new adapter.
"""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from practices.library import LibraryError, cached_library
from practices.render import Site
from practices.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.library")


def practices_file(config) -> Path:
    return Path(config["config_file_path"]).parent / "data" / "practices.yaml"


def _site(config) -> Site:
    try:
        # the repository settings give each case page its links to the record
        return Site(cached_library(practices_file(config)), repo_url=config.get("repo_url"),
                    edit_uri=config.get("edit_uri"))
    except LibraryError as error:
        # the same messages as `practices validate`, and the build stops
        raise PluginError(str(error)) from None


def on_config(config):
    _site(config)  # fail early, before any page is read
    # The records live for the whole build: frozen, the cyclic collector stops scanning them
    # again at every collection while thousands of pages are built (on_post_build thaws them).
    gc.collect()
    gc.freeze()
    return config


def on_files(files, config):
    for page in _site(config).pages():
        files.append(File.generated(config, page.path, content=page.content))
    return files


def on_post_build(config):
    gc.unfreeze()  # under mkdocs serve the next build loads the library afresh: let this one go
    # Material wraps each page's own content in <article class="md-content__inner">
    try:
        index_site(Path(config["site_dir"]), root_selector="article.md-content__inner")
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_serve(server, config, builder):
    # editing a record or a template rebuilds the site
    root = Path(config["config_file_path"]).parent
    server.watch(str(root / "data"))
    server.watch(str(root / "practices" / "templates"))
    return server


def on_build_error(error):
    gc.unfreeze()
