"""MkDocs adapter: validate the library when the build starts and add its generated pages.

Thin on purpose: everything it does is in the `practices` package, which
knows nothing of MkDocs, so another site engine needs only a new adapter.
"""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from practices.generate import generated_pages
from practices.library import LibraryError, cached_library, practices_file
from practices.render import TEMPLATES, problems_page
from practices.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.pages")
# mkdocs-macros reports its set-up at INFO on every build and rebuild; its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
# Generated pages are deliberately not in the nav (it carries sections): MkDocs need not list them.
GENERATED = InclusionLevel.NOT_IN_NAV

# Under `mkdocs serve` invalid data does not stop the server: every page shows the problems
# until they are fixed. A build (and so CI) still fails on them.
_state: dict = {"serving": False, "error": None, "generated": []}


def _project(config) -> Path:
    return Path(config["config_file_path"]).parent


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_config(config):
    _state["error"] = None
    try:
        cached_library(practices_file(_project(config)))  # fail early, before any page is read
    except LibraryError as error:
        if not _state["serving"]:
            # the same messages as `practices validate`, and the build stops
            raise PluginError(str(error)) from None
        _state["error"] = error
        # INFO, not WARNING: under --strict a warning would abort the build and leave the old pages up
        log.info("%s\nEvery page shows these problems until they are fixed.", error)
    # The records live for the whole build: frozen, the cyclic collector stops scanning them
    # again at every collection while thousands of pages are built (on_post_build thaws them).
    gc.collect()
    gc.freeze()
    return config


def on_files(files, config):
    error = _state["error"]
    if error is not None:
        # at every address: the hand-written pages' and the generated pages' of the last good build,
        # so that the page being edited shows the problems when it reloads
        page = problems_page(error.problems)
        for file in list(files.documentation_pages()):
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=page, inclusion=file.inclusion))
        for path in _state["generated"]:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=page, inclusion=GENERATED))
        return files
    pages = generated_pages(_project(config),
                            {key: config.get(key) for key in ("repo_url", "edit_uri", "site_url", "site_name")})
    _state["generated"] = [page.path for page in pages]
    for page in pages:
        files.append(File.generated(config, page.path, content=page.content, inclusion=GENERATED))
    return files


def on_post_build(config):
    gc.unfreeze()  # under mkdocs serve the next build loads the library afresh: let this one go
    try:
        index_site(Path(config["site_dir"]))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_serve(server, config, builder):
    # editing a record or a template rebuilds the site
    server.watch(str(practices_file(_project(config)).parent))
    server.watch(str(TEMPLATES))  # the package's own: the project may lie elsewhere
    return server


def on_build_error(error):
    gc.unfreeze()
