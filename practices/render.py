"""Derive the pages of the library and render them from Jinja templates.

Two template families: `*.md.j2` produce Markdown pages, where every value is
escaped so that record text stays text (no HTML, no attribute lists, no
macros); `*.html.j2` produce HTML fragments (cards, checklists) with Jinja's
HTML autoescaping.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown as markdown_lib
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .library import FACETS, Library, Practice

TEMPLATES = Path(__file__).parent / "templates"

# Listings show this many cards per static page; the rest are on numbered pages
# (reachable without JavaScript) and, for a reader who filters, in the card index.
PAGE_SIZE = 20
# A facet shows at most this many values in the filter panel (its most frequent ones):
# key words and SDG targets grow with the library, the panel must not.
FACET_VALUES_SHOWN = 24
# The card index the script filters, sorts and renders from: every practice, compact.
CARD_INDEX = "cards.json"
# The page that lists every practice (hand-written, it calls the practice_list macro).
ALL_PRACTICES = "cases/index.md"
# Sort orders a reader can choose, besides the listing's own order.
SORTS = {"title": "Title", "country": "Country", "publication": "Publication"}


def md_escape(value: object) -> str:
    """Make record text inert in Markdown while keeping its Markdown formatting.

    `<` and `&` become entities, so HTML shows as text; `{` and `}` too, so
    neither the macros engine nor attribute lists can act on them.
    """
    if isinstance(value, Markup):
        return value
    text = str(value)
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace("{", "&#123;").replace("}", "&#125;"))


def markdown_to_html(text: str) -> Markup:
    """Record Markdown rendered for an HTML fragment; raw HTML stays text."""
    if type(text) is str:  # plain record text: the same recommendation shows on several pages
        return Markup(_markdown_html(text))
    return Markup(markdown_lib.markdown(md_escape(text)))


_MARKDOWN = markdown_lib.Markdown()


@lru_cache(maxsize=8192)
def _markdown_html(text: str) -> str:
    # one converter, reset between texts: building a Markdown instance per call cost more than the conversion
    return _MARKDOWN.reset().convert(md_escape(text))


def yaml_string(value: object) -> Markup:
    """A front matter value, HTML-escaped then quoted as a YAML (JSON) string.

    Material prints page.meta.title and description without escaping them, so
    the escaping has to happen here.
    """
    return Markup(json.dumps(str(escape(str(value))).replace("{", "&#123;").replace("}", "&#125;")))


def sort_text(text: str) -> str:
    """Text compared without case or accents: "Río" sorts and matches as "rio" (the script does the same)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def slug(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", sort_text(text))[:words]) or "item"


@dataclass(frozen=True)
class PageFile:
    """A page to add to the site: its path under docs/ and its Markdown."""

    path: str
    content: str


class Site:
    """The pages and fragments of one library."""

    def __init__(self, library: Library):
        self.library = library
        self.vocab = library.vocab
        self._cards: dict[tuple[str, str], Markup] = {}
        self._listings: dict[tuple, tuple[list[Practice], Markup]] = {}
        common = dict(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.md = Environment(autoescape=False, finalize=md_escape, **common)
        self.html = Environment(autoescape=True, **common)
        for env in (self.md, self.html):
            env.filters["markdown"] = markdown_to_html
            env.filters["yaml_string"] = yaml_string
            env.globals.update(site=self, vocab=self.vocab, FACETS=FACETS, CARD_INDEX=CARD_INDEX, PAGE_SIZE=PAGE_SIZE)

    # -- addresses -------------------------------------------------------------------
    @staticmethod
    def case_path(practice_id: str) -> str:
        return f"cases/{practice_id}.md"

    def country_path(self, code: str) -> str:
        return f"countries/{self.vocab.countries[code]['slug']}.md"

    @staticmethod
    def theme_path(theme: str) -> str:
        return f"themes/{theme}.md"

    @staticmethod
    def goal_path(goal: int | str) -> str:
        return f"sdgs/{goal}.md"

    @staticmethod
    def checklist_path(theme: str) -> str:
        return f"checklists/{theme}.md"

    @staticmethod
    def listing_page_path(first: str, number: int) -> str:
        """Page `number` of a listing whose first page is `first` ('themes/x.md' -> 'themes/x/page/2.md')."""
        if number == 1:
            return first
        return f"{first.removesuffix('.md').removesuffix('/index')}/page/{number}.md"

    @staticmethod
    def url(path: str) -> str:
        """The address of a page relative to the site root (directory URLs)."""
        return path.removesuffix(".md").removesuffix("index") + ("/" if not path.endswith("index.md") else "")

    # -- fragments usable on any page ----------------------------------------------------
    def cards(self, practices: list[Practice], root: str = "") -> Markup:
        return Markup(self.html.get_template("cards.html.j2").render(
            cards=[self._card(p, root) for p in practices]))

    def _card(self, practice: Practice, root: str) -> Markup:
        """One practice's card, rendered once per address root: a practice appears on its theme,
        country and SDG pages, and re-rendering it there was most of the time spent on listings."""
        key = (practice.id, root)
        if key not in self._cards:
            self._cards[key] = Markup(self.html.get_template("card.html.j2").render(p=practice, root=root))
        return self._cards[key]

    def filters(self, practices: list[Practice]) -> list[dict]:
        """The facets of the filter panel: each with two or more values among these practices."""
        facets = []
        for name, label in FACETS.items():
            counts = self.library.counts(name, practices)
            labels = self.library.facet_labels(name)
            values = [{"value": v, "label": labels.get(v, v), "count": n} for v, n in counts.items() if n]
            if len(values) > FACET_VALUES_SHOWN:  # the most frequent, still in the facet's own order
                kept = {v["value"] for v in sorted(values, key=lambda v: -v["count"])[:FACET_VALUES_SHOWN]}
                values = [v for v in values if v["value"] in kept]
            if len(values) >= 2:
                facets.append({"name": name, "label": label, "values": values})
        return facets

    def ordered(self, criteria: dict, main_theme: str | None = None) -> list[Practice]:
        """The practices of a listing in its own order: library order, a theme's own practices first."""
        practices = self.library.select(**criteria)
        if main_theme:
            practices.sort(key=lambda p: p["themes"][0] != main_theme)  # stable: library order within
        return practices

    def listing(self, criteria: dict | None = None, root: str = "", first: str | None = None,
                number: int = 1, main_theme: str | None = None) -> Markup:
        """A list of practices with a filter and sort panel (the script's) and, when the listing has
        a page (`first`), numbered static pages of PAGE_SIZE cards each; without a page every card shows.

        The panel filters over every practice matching `criteria`, read from the card index.
        """
        criteria = _criteria(criteria)
        practices, panel = self._listing_parts(criteria, main_theme, bool(first))
        count = page_count(len(practices)) if first else 1
        shown = practices[(number - 1) * PAGE_SIZE: number * PAGE_SIZE] if first else practices
        pages = [{"number": n, "href": root + self.url(self.listing_page_path(first, n))}
                 for n in range(1, count + 1)] if count > 1 else []
        return Markup(self.html.get_template("listing.html.j2").render(
            practices=practices, shown=shown, root=root, criteria=criteria, main_theme=main_theme,
            panel=panel, pages=pages, number=number, offset=(number - 1) * PAGE_SIZE if first else 0))

    def _listing_parts(self, criteria: dict, main_theme: str | None, paged: bool) -> tuple[list[Practice], Markup]:
        """A listing's practices and its filter panel, the same on each of its numbered pages: made once."""
        key = (json.dumps(criteria, sort_keys=True), main_theme, paged)
        if key not in self._listings:
            practices = self.ordered(criteria, main_theme)
            panel = Markup(self.html.get_template("filters.html.j2").render(
                facets=self.filters(practices), sorts=SORTS, main_theme=main_theme, paged=paged))
            self._listings[key] = (practices, panel)
        return self._listings[key]

    def card_index(self) -> str:
        """Every practice as the script needs it to filter, sort and draw cards: short keys, no markup."""
        lib, v = self.library, self.vocab
        practices = lib.practices
        ranks = {
            "title": sorted(practices, key=lambda p: sort_text(p["title"])),
            "country": sorted(practices, key=lambda p: (sort_text(p.country["name"]), sort_text(p["title"]))),
            "publication": sorted(practices, key=lambda p: (list(v.publications).index(p["source"]["publication"]),
                                                            _first_page(p["source"].get("pages")))),
        }
        position = {name: {p.id: n for n, p in enumerate(order)} for name, order in ranks.items()}
        # facet values once in a table, each card pointing into it: the values repeat across cards
        values = {name: list(dict.fromkeys(x for p in practices for x in p.facets[name])) for name in FACETS}
        number = {name: {x: n for n, x in enumerate(vs)} for name, vs in values.items()}
        cards = [{
            "i": p.id, "t": p["title"], "p": p.place, "s": p["summary"],
            "w": " ".join(a["name"] for a in p.get("actors", [])),
            "r": [position[name][p.id] for name in SORTS],
            "f": [[number[name][x] for x in p.facets[name]] for name in FACETS],
        } for p in practices]
        return json.dumps({"facets": list(FACETS), "values": [values[name] for name in FACETS], "sorts": list(SORTS),
                           "themes": {k: t["label"] for k, t in v.themes.items()}, "cards": cards},
                          ensure_ascii=False, separators=(",", ":"))

    def checklist(self, practices: list[Practice], checklist_id: str, label: str, root: str = "") -> Markup:
        items, used = [], set()
        for p in practices:
            for n, rec in enumerate(p.get("recommendations", []), 1):
                # keyed by the recommendation's title, not its position: a reader's saved tick
                # stays on its item when recommendations are added or reordered
                base = f"{checklist_id}--{p.id}--{slug(rec['title'])}"
                item_id, again = base, 1
                while item_id in used:
                    again += 1
                    item_id = f"{base}-{again}"
                used.add(item_id)
                items.append({"practice": p, "number": n, "id": item_id, "recommendation": rec})
        return Markup(self.html.get_template("checklist.html.j2").render(
            items=items, checklist_id=checklist_id, label=label, root=root))

    def facet_index(self, facet: str, root: str = "") -> Markup:
        """A list of the values of a facet that have pages, with their counts.

        facet "checklist" lists the theme checklists.
        """
        counts = self.library.counts("theme" if facet == "checklist" else facet)
        return Markup(self.html.get_template("facet_index.html.j2").render(
            facet=facet, counts=counts, root=root))

    # -- generated pages -----------------------------------------------------------------------
    def listing_pages(self, first: str, title: str, criteria: dict, main_theme: str | None = None) -> list[PageFile]:
        """The numbered pages (2, 3, ...) of a listing whose first page is `first`."""
        count = page_count(len(self._listing_parts(_criteria(criteria), main_theme, True)[0]))
        out = []
        for number in range(2, count + 1):
            path = self.listing_page_path(first, number)
            root = root_of(self.url(path))
            out.append(PageFile(path, self.md.get_template("listing_page.md.j2").render(
                title=title, number=number, count=count, first=root + self.url(first),
                listing=self.listing(criteria, root, first, number, main_theme))))
        return out

    def pages(self) -> list[PageFile]:
        lib, md = self.library, self.md
        pages = [PageFile(self.case_path(p.id), md.get_template("case.md.j2").render(p=p))
                 for p in lib.practices]
        for theme_id, theme in self.vocab.themes.items():
            primary = lib.primary(theme_id)
            # the checklist has a page of its own: on the theme page it would outweigh the listing
            checklist = self.checklist(primary, f"checklist-{theme_id}", f"Recommendations checklist: {theme['label']}",
                                       root="../../")
            pages.append(PageFile(self.theme_path(theme_id), md.get_template("theme.md.j2").render(
                theme_id=theme_id, theme=theme, primary=primary, practices=lib.select(theme=theme_id))))
            pages += self.listing_pages(self.theme_path(theme_id), theme["label"], {"theme": theme_id}, theme_id)
            pages.append(PageFile(self.checklist_path(theme_id), md.get_template("checklist_page.md.j2").render(
                theme_id=theme_id, theme=theme, practices=primary, checklist=checklist)))
        for code, count in lib.counts("country").items():
            if count:
                pages.append(PageFile(self.country_path(code), md.get_template("country.md.j2").render(
                    code=code, country=self.vocab.countries[code], practices=lib.select(country=code))))
                pages += self.listing_pages(self.country_path(code), self.vocab.countries[code]["name"], {"country": code})
        for goal_number, goal in self.vocab.sdgs.items():
            selected = lib.select(goal=goal_number)
            pages.append(PageFile(self.goal_path(goal_number), md.get_template("goal.md.j2").render(
                goal=goal, practices=selected, target_counts=lib.counts("sdg", selected))))
            pages += self.listing_pages(self.goal_path(goal_number), f"Goal {goal_number}: {goal['short_title']}",
                                        {"goal": goal_number})
        pages += self.listing_pages(ALL_PRACTICES, "All practices", {})
        pages.append(PageFile(CARD_INDEX, self.card_index()))
        return pages


def _criteria(criteria: dict | None) -> dict[str, list[str]]:
    """Facet criteria as the card index holds values: lists of strings."""
    return {k: [str(x) for x in ([v] if isinstance(v, (str, int)) else v)]
            for k, v in (criteria or {}).items() if v is not None}


def page_count(practices: int) -> int:
    return max(1, -(-practices // PAGE_SIZE))


def _first_page(pages: object) -> int:
    found = re.match(r"\d+", str(pages or ""))
    return int(found.group()) if found else 0


def listing_weights(site: Site, pages: list[PageFile] | None = None) -> dict[str, int]:
    """Bytes of the content of every listing page (first and numbered pages), by path:
    what the page budget limits as the library grows. Material's frame comes on top.
    `pages`: the site's pages if already rendered."""
    listings = {site.theme_path(t) for t in site.vocab.themes} | {site.goal_path(g) for g in site.vocab.sdgs}
    listings |= {site.country_path(c) for c, n in site.library.counts("country").items() if n}
    weights = {p.path: len(p.content.encode()) for p in (site.pages() if pages is None else pages)
               if p.path in listings or "/page/" in p.path}
    weights[ALL_PRACTICES] = len(site.listing({}, "../", ALL_PRACTICES).encode())
    return weights


def root_of(page_url: str) -> str:
    """The relative path from a page (directory URL such as 'themes/x/') to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth
