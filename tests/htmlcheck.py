"""Read built HTML pages: their ids, links, resources, elements and text (standard library only)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# <link> relations whose href the browser fetches by itself (canonical, alternate, prev, next it does not)
LOADED_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
               "apple-touch-icon", "mask-icon", "manifest"}
# what CSS loads: url(...) (backgrounds, @font-face sources, @import url(...)) and @import "..."
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


class Page(HTMLParser):
    def __init__(self, path: Path, text: str | None = None):
        """The page in the file at path, or the text given (path then only names it)."""
        super().__init__(convert_charrefs=True)
        self.path = path
        self.ids: set[str] = set()
        self.links: list[str] = []        # href of <a> and <link>
        self.resources: list[str] = []    # what the browser loads by itself: src, srcset, <link href>, CSS url()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []      # inline script bodies
        self.text_parts: list[str] = []
        self._in_script = False
        self.feed(path.read_text(encoding="utf-8") if text is None else text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag in ("a", "link") and a.get("href") is not None:
            self.links.append(a["href"])
        if tag == "link" and a.get("href") and LOADED_RELS & set((a.get("rel") or "").lower().split()):
            self.resources.append(a["href"])
        for name in ("src", "data", "poster"):
            if a.get(name) and not (name == "data" and tag != "object"):
                self.resources.append(a[name])
        if a.get("srcset"):
            self.resources += [part.split()[0] for part in a["srcset"].split(",") if part.split()]
        if a.get("style"):
            self.resources += css_urls(a["style"])
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif self.lasttag == "style":
            self.resources += css_urls(data)
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def from_another_host(url: str) -> bool:
    """Whether loading url asks another host: the site's own files are addressed relatively."""
    return url.startswith("//") or (urlsplit(url).scheme not in ("", "data", "blob") and not url.startswith("#"))


def outside_loads(site: Path) -> list[str]:
    """Everything a built site's pages and stylesheets would load from another host, as 'file: url'.
    Links a reader follows (<a href>) are not loads: links to the publishers are welcome."""
    found = []
    for path in html_pages(site):
        found += [f"{path.relative_to(site)}: {url}" for url in Page(path).resources if from_another_host(url)]
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        found += [f"{css.relative_to(site)}: {url}" for url in css_urls(text) if from_another_host(url)]
    return found


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def card_ids(page: Page) -> list[str]:
    """The practices whose cards a page shows, in page order."""
    return [a["data-practice"] for tag, a in page.elements if "data-practice" in a]


def listing_cards(first: Path) -> list[str]:
    """The cards of a listing over its first page (.../index.html) and its numbered pages (.../page/N/)."""
    numbered = sorted(first.parent.glob("page/*/index.html"), key=lambda p: int(p.parent.name))
    return [i for path in [first, *numbered] for i in card_ids(Page(path))]
