"""Read built HTML pages: their ids, links, resources, elements and text (standard library only)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    def __init__(self, path: Path, text: str | None = None):
        """The page in the file at path, or the text given (path then only names it)."""
        super().__init__(convert_charrefs=True)
        self.path = path
        self.ids: set[str] = set()
        self.links: list[str] = []        # href of <a> and <link>
        self.resources: list[str] = []    # what the browser loads by itself: src, <link href>
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
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "prev", "next"):
            self.resources.append(a["href"])
        if a.get("src"):
            self.resources.append(a["src"])
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def card_ids(page: Page) -> list[str]:
    """The practices whose cards a page shows, in page order."""
    return [a["data-practice"] for tag, a in page.elements if "data-practice" in a]


def listing_cards(first: Path) -> list[str]:
    """The cards of a listing over its first page (.../index.html) and its numbered pages (.../page/N/)."""
    numbered = sorted(first.parent.glob("page/*/index.html"), key=lambda p: int(p.parent.name))
    return [i for path in [first, *numbered] for i in card_ids(Page(path))]
