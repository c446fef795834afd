"""The offline edition: the site for a workshop without a network, opened from file:// out of a ZIP file.

`make offline` builds it with mkdocs-offline.yml (Material's built-in search and offline plugin,
hooks/offline.py) and `practices offline-zip` packs it; the published site then offers that ZIP
(`download`), with its size, on the page docs/offline.md.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

# The configuration of the offline edition, beside mkdocs.yml; its site_dir is where the edition is built.
CONFIG = "mkdocs-offline.yml"
# The ZIP file `practices offline-zip` writes, in the project, and where the published site offers it.
ZIP = "build/offline/good-practice-library-offline.zip"
DOWNLOAD = "downloads/good-practice-library-offline.zip"
# The folder inside the ZIP file: a reader unzips it and opens <FOLDER>/index.html.
FOLDER = "good-practice-library"
# The value of extra.edition in the offline configuration: the pages and the theme read it.
EDITION = "offline"
# The card index as a script that sets this global (a page on file:// cannot fetch() cards.json);
# library.js reads the same name.
CARD_SCRIPT = "cards.js"
CARD_GLOBAL = "gplCardIndex"


def is_offline(extra: dict | None) -> bool:
    """Whether a configuration's `extra` settings are the offline edition's."""
    return (extra or {}).get("edition") == EDITION


def card_script(card_index_json: str) -> str:
    """The card index (the JSON of PageRenderer.card_index) as a script for pages opened from file://."""
    return f"window.{CARD_GLOBAL} = {card_index_json};\n"


@dataclass(frozen=True)
class Download:
    """The offline edition's ZIP file as the published site offers it."""

    source: Path   # the file in the project
    path: str      # its place in the site
    size: int      # bytes

    @property
    def size_text(self) -> str:
        return f"{self.size / 1_000_000:.1f} MB" if self.size >= 100_000 else f"{self.size / 1000:.0f} KB"


def download(project_dir: Path | str) -> Download | None:
    """The ZIP file of the offline edition built in this project, or None when none is built."""
    source = Path(project_dir) / ZIP
    return Download(source, DOWNLOAD, source.stat().st_size) if source.is_file() else None


def offline_site(project_dir: Path | str) -> Path:
    """Where mkdocs-offline.yml builds the offline edition (its site_dir)."""
    config = yaml.safe_load((Path(project_dir) / CONFIG).read_text(encoding="utf-8"))
    return Path(project_dir) / config["site_dir"]


def write_zip(site: Path, target: Path) -> Path:
    """Pack a built offline edition into target, every file under FOLDER/."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} holds no built site: run `make offline`")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    partial.replace(target)  # a failed run leaves the last good ZIP in place
    return target


# A relative link to a folder ("../cases/x/", "./", ".."), in an href or in the listing's pattern for
# case links: on file:// a folder opens as a file listing, not as its index.html.
_FOLDER_LINK = re.compile(r'(\s(?:href|data-gpl-case-href)=")(?![a-z][a-z0-9+.-]*:|/|#)([^"?#]*?)(/?)([?#][^"]*)?"')


def file_links(html: str) -> str:
    """The page with every relative link to a folder pointing at the folder's index.html."""
    def fix(match: re.Match) -> str:
        start, path, slash, rest = match.group(1), match.group(2), match.group(3), match.group(4) or ""
        if slash or path in (".", ".."):
            path = f"{path}/index.html"
        return f'{start}{path}{rest}"'
    return _FOLDER_LINK.sub(fix, html)
