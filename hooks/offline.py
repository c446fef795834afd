"""MkDocs adapter of the offline edition (mkdocs-offline.yml): what a site opened from file:// needs.

Material's offline plugin inlines the search index; this hook adds the vendored iframe-worker
shim in place of the plugin's CDN copy, and points every link to a folder at its index.html
(practices/offline.py). The listings' card index comes as a script (hooks/pages.py, practices/render.py).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from practices.offline import file_links

# mkdocs-offline.yml names the same path in extra.polyfills, so that the offline plugin adds no CDN script.
SHIM = "javascripts/iframe-worker-shim.js"
VENDORED = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker" / "shim.js"


def on_files(files, config):
    files.append(File.generated(config, SHIM, abs_src_path=str(VENDORED), inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_post_page(output, page, config):
    return file_links(output)
