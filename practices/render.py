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
from urllib.parse import urlencode
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown as markdown_lib
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .library import FACETS, VOCABULARY_FACETS, Library, Practice, toolbox_value, topic_name
from .offline import CARD_SCRIPT, card_script
from .repository import RECORDS_FILE, Repository
from .validate import NUMBERED_PAGES

TEMPLATES = Path(__file__).parent / "templates"
# The front matter line of every generated page.
GENERATED_MARK = "generated: true"
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
# A framework element of a guideline page names at most this many of its cases, then links to all of them.
FRAMEWORK_CASES_SHOWN = 8
# The section of the My JMDI Toolbox pages: training/<module-id>/ and training/<module-id>/topic-<n>/.
TRAINING = "training"
# Where a module's own content (objectives, key points, activities) goes, if it has any: a template
# of this name, included in the module's or topic's page at its content slot (see toolbox_topic.md.j2).
TRAINING_CONTENT = "training/{module}/{page}.md.j2"
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


@dataclass(frozen=True)
class PageFile:
    """A page to add to the site: its path under docs/ and its Markdown."""

    path: str
    content: str


def sort_text(text: str) -> str:
    """Text compared without case or accents: "Río" sorts and matches as "rio" (the script does the same)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def slug(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", sort_text(text))[:words]) or "item"


def _environments() -> tuple[Environment, Environment]:
    """The Markdown environment (every value escaped for Markdown) and the HTML one (autoescaped)."""
    common = dict(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return Environment(autoescape=False, finalize=md_escape, **common), Environment(autoescape=True, **common)


def problems_page(problems: list) -> str:
    """The Markdown of the page that stands in for every page while the data has problems."""
    return _environments()[0].get_template("problems.md.j2").render(problems=problems)


class PageRenderer:
    """The pages and fragments of one library."""

    def __init__(self, library: Library, repo_url: str | None = None, edit_uri: str | None = None,
                 site_url: str | None = None, site_name: str | None = None, offline: bool = False):
        """repo_url and edit_uri as the site configuration gives them; without them, case pages
        have no links to their record in the repository. site_url and site_name: the published
        site's address and name, for citations and the feed (without site_url they cite a page
        by its path). offline: the pages of the offline edition, whose listings read the card
        index as a script (practices/offline.py)."""
        self.library = library
        self.offline = offline
        # the file of the card index the listings read
        self.card_index_file = CARD_SCRIPT if offline else CARD_INDEX
        self.vocab = library.vocab
        self.repository = Repository.from_settings(repo_url, edit_uri)
        self.site_url = site_url
        self.site_name = site_name or "Good Practice Library"
        self._cards: dict[tuple[str, str], Markup] = {}
        self._listings: dict[tuple, tuple[list[Practice], Markup]] = {}
        self.md, self.html = _environments()
        from .training_pages import register  # it builds on this module
        register(self)
        for env in (self.md, self.html):
            env.filters["markdown"] = markdown_to_html
            env.filters["yaml_string"] = yaml_string
            env.globals.update(site=self, vocab=self.vocab, FACETS=FACETS, VOCABULARY_FACETS=VOCABULARY_FACETS,
                               CARD_INDEX=self.card_index_file, PAGE_SIZE=PAGE_SIZE)

    # -- addresses ---------------------------------------------------------------------
    # The one address scheme of the generated pages. Each is <section>/<slug>/index.md, so its
    # folder is its address on any engine: MkDocs and Zensical both serve it at <section>/<slug>/,
    # and a relative link written for that address (in an HTML fragment too) resolves on both.
    # Markdown pages link to page_path() (the engine checks and converts it), HTML
    # fragments to url(page_path()).
    @staticmethod
    def page_path(section: str, slug: object) -> str:
        return f"{section}/{slug}/index.md"

    @classmethod
    def case_path(cls, practice_id: str) -> str:
        return cls.page_path("cases", practice_id)

    def country_path(self, code: str) -> str:
        return self.page_path("countries", self.vocab.countries[code]["slug"])

    @classmethod
    def theme_path(cls, theme: str) -> str:
        return cls.page_path("themes", theme)

    @classmethod
    def goal_path(cls, goal: int | str) -> str:
        return cls.page_path("sdgs", goal)

    @classmethod
    def checklist_path(cls, theme: str) -> str:
        return cls.page_path("checklists", theme)

    @classmethod
    def module_path(cls, module_id: str) -> str:
        """The page of a My JMDI Toolbox module."""
        return cls.page_path(TRAINING, module_id)

    @classmethod
    def topic_path(cls, module_id: str, number: int) -> str:
        """The page of a topic of a My JMDI Toolbox module."""
        return cls.page_path(f"{TRAINING}/{module_id}", f"topic-{number}")

    @classmethod
    def toolbox_path(cls, reference: dict) -> str:
        """Where a record's toolbox reference leads: its topic's page, or its module's without a topic."""
        if reference.get("topic") is None:
            return cls.module_path(reference["module"])
        return cls.topic_path(reference["module"], reference["topic"])

    def toolbox_topic(self, reference: dict) -> dict | None:
        """The vocabulary entry of a reference's topic (None for a reference to a whole module)."""
        for topic in self.vocab.toolbox[reference["module"]]["topics"]:
            if topic["number"] == reference.get("topic"):
                return topic
        return None

    def toolbox_groups(self, practice: Practice) -> list[dict]:
        """A record's toolbox references by module, in the record's order: each module once, with
        whether the record cites it as a whole and the topics it cites."""
        groups: dict[str, dict] = {}
        for reference in practice.get("toolbox", []):
            group = groups.setdefault(reference["module"], {"id": reference["module"], "whole": False, "topics": [],
                                                            "module": self.vocab.toolbox[reference["module"]]})
            topic = self.toolbox_topic(reference)
            if topic is None:
                group["whole"] = True
            else:
                group["topics"].append(topic)
        return list(groups.values())

    # The hand-written guideline page of the White Paper: its framework and recommendations.
    white_paper_guide_path = "guidelines/white-paper/index.md"

    # A module's training content (data/training/) adds pages below its toolbox page.
    @classmethod
    def training_plan_path(cls, module: str, topic: int) -> str:
        """The one-page workshop plan of a topic."""
        return cls.page_path(f"{TRAINING}/{module}/topic-{topic}", "plan")

    @classmethod
    def training_activity_path(cls, module: str, activity: str) -> str:
        return cls.page_path(f"{TRAINING}/{module}/activities", activity)

    @classmethod
    def training_handouts_path(cls, module: str) -> str:
        """Every activity and handout of a module, ready to print."""
        return cls.page_path(f"{TRAINING}/{module}", "handouts")

    @staticmethod
    def framework_anchor(facet: str, value: str) -> str:
        """The anchor of a framework element on the guideline page."""
        return f"{facet}-{value}"

    # The hand-written page of the discussion guides; each week and prompt has an anchor on it.
    discussion_guides_path = f"{TRAINING}/discussion-guides/index.md"

    @staticmethod
    def discussion_anchor(week_id: str, prompt_id: str | None = None) -> str:
        """The anchor of a week ('week-1') or of one of its prompts ('week-1-sharing-lessons') on the guides' page."""
        return week_id if prompt_id is None else f"{week_id}-{prompt_id}"

    # The guide to the JMDI Guidelines on integrating migration into decentralised cooperation:
    # hand-written pages under this folder, one per step of dc_steps.yaml among them.
    dc_guide = "guidelines/decentralised-cooperation"
    dc_guide_path = f"{dc_guide}/index.md"
    dc_self_assessment_path = f"{dc_guide}/self-assessment/index.md"
    dc_recommendations_path = f"{dc_guide}/recommendations/index.md"
    dc_concepts_path = f"{dc_guide}/key-concepts/index.md"
    dc_agreement_path = f"{dc_guide}/agreement-template/index.md"

    @classmethod
    def dc_step_path(cls, step: str) -> str:
        return cls.page_path(cls.dc_guide, step)

    @staticmethod
    def dc_checklist_id(step: str) -> str:
        """A step's checklist: its ticks are saved under this id, on the step page and the self-assessment alike."""
        return f"dc-{step}"

    # the anchors of the two branches of a forking step, on its page
    DC_BRANCHES = {"new": "New partnership", "existing": "Existing partnership"}

    @staticmethod
    def dc_branch_anchor(branch: str) -> str:
        return f"{branch}-partnership"

    @staticmethod
    def url(path: str) -> str:
        """The address of a page relative to the site root (directory URLs)."""
        return path.removesuffix(".md").removesuffix("index") + ("/" if not path.endswith("index.md") else "")

    def absolute_url(self, path: str) -> str:
        """The published address of a page or file (from site_url), or its address from the root without one."""
        return (self.site_url or "/").rstrip("/") + "/" + (self.url(path) if path.endswith(".md") else path)

    @classmethod
    def listing_page_path(cls, first: str, number: int) -> str:
        """Page `number` of a listing whose first page is `first` ('themes/x/index.md' -> 'themes/x/page/2/index.md')."""
        if number == 1:
            return first
        return cls.page_path(first.removesuffix("index.md").rstrip("/") + "/" + NUMBERED_PAGES, number)

    def record_links(self, practice: Practice) -> dict | None:
        """Where to read and edit a practice's record in the repository, or None without one.

        The line is the loader's; records that the fast pass vouched for carry none, and then the
        link opens the file at its top.
        """
        if self.repository is None:
            return None
        line = getattr(practice.record, "line", None)
        return {"file": RECORDS_FILE, "line": line, "view": self.repository.view(RECORDS_FILE, line),
                "edit": self.repository.edit(RECORDS_FILE)}

    # -- fragments usable on any page ----------------------------------------------------
    def cards(self, practices: list[Practice], root: str = "", criteria: dict | None = None) -> Markup:
        """Cards of the practices; given the criteria that selected them, at most a page of cards and a
        link to all of them in the filtered list of every practice, so the page does not grow with the library."""
        more = None
        if criteria is not None and len(practices) > PAGE_SIZE:
            more = {"count": len(practices), "href": self.filtered_list(criteria, root)}
            practices = practices[:PAGE_SIZE]
        return Markup(self.html.get_template("cards.html.j2").render(
            cards=[self._card(p, root) for p in practices], more=more))

    def filtered_list(self, criteria: dict, root: str = "") -> str:
        """The address of the list of every practice, filtered to the practices matching the criteria."""
        return root + self.url(ALL_PRACTICES) + "?" + urlencode(_criteria(criteria), doseq=True)

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
            # a record without a place sorts after every country
            "country": sorted(practices, key=lambda p: (p.country is None, sort_text(p.country["name"] if p.country else ""),
                                                        sort_text(p["title"]))),
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

    def framework(self, facet: str, root: str = "", **restrict) -> Markup:
        """Markdown: each value of a facet as a framework element, with its description and the
        practices tagged with it (only those matching `restrict` too, such as source="white-paper")."""
        vocabulary = getattr(self.vocab, VOCABULARY_FACETS.get(facet, facet + "s"), {})
        elements = []
        for value, label in self.library.facet_labels(facet).items():
            practices = self.library.select(**{facet: value}, **restrict)
            # the first few, and the whole list through the filters of the all-practices page:
            # the guide must not grow with the library
            filtered = root + self.url(ALL_PRACTICES) + "?" + urlencode({facet: value, **restrict})
            elements.append({"label": label, "anchor": self.framework_anchor(facet, value),
                             "description": vocabulary.get(value, {}).get("description"),
                             "practices": practices, "shown": practices[:FRAMEWORK_CASES_SHOWN],
                             "filtered": filtered})
        return Markup(self.md.get_template("framework.md.j2").render(elements=elements, root=root))

    def white_paper_checklist(self, group: str, root: str = "") -> Markup:
        """The White Paper's recommendations of one group as a checklist; each item's id is the recommendation's."""
        items = [{"practice": None, "number": rec["number"], "id": rec["id"], "recommendation": rec}
                 for rec in self.vocab.white_paper_recommendations.values() if rec["group"] == group]
        label = f"White Paper recommendations: {self.vocab.white_paper_groups[group]['label']}"
        return Markup(self.html.get_template("checklist.html.j2").render(
            items=items, checklist_id=f"white-paper-{group}", label=label, root=root))

    def white_paper_recommendations(self, root: str = "") -> Markup:
        """Markdown: every group of the White Paper's recommendations, a heading and a checklist each."""
        groups = [{**g, "anchor": f"recommendations-{gid}", "checklist": self.white_paper_checklist(gid, root)}
                  for gid, g in self.vocab.white_paper_groups.items()]
        return Markup(self.md.get_template("white_paper_recommendations.md.j2").render(groups=groups))

    # -- the decentralised-cooperation guide -------------------------------------------------
    def dc_steps(self) -> list[dict]:
        """The steps in their order, each with its id."""
        return [{"id": k, **s} for k, s in sorted(self.vocab.dc_steps.items(), key=lambda kv: kv[1]["number"])]

    def dc_citation(self, section_id: str) -> dict:
        """Where in the guidelines an item comes from: the section's number (or part, annex), title and pages."""
        section = self.vocab.dc_sections[section_id]
        kind, _, number = section_id.partition("-")
        name = f"{kind.capitalize()} {number}" if number else f"section {section_id}"
        return {"name": name, "title": section["title"], "pages": section["pages"]}

    def _dc_item(self, item_id: str, item: dict, label: str, detail: str | None = None) -> dict:
        return {"id": item_id, "label": label, "detail": detail, "cite": self.dc_citation(item["section"]),
                "practices": [self.library.by_id[p] for p in item.get("practices", [])],
                "branch": item.get("partnership")}

    def dc_step_items(self, step: str) -> list[dict]:
        return [self._dc_item(i, item, item["text"]) for i, item in self.vocab.dc_checklist.items() if item["step"] == step]

    def dc_checklist(self, step: str, root: str = "") -> Markup:
        """A step's checklist; a step that forks groups its items by branch, under anchored headings."""
        vocab_step = self.vocab.dc_steps[step]
        items = self.dc_step_items(step)
        forks = "existing_partnership_label" in vocab_step
        groups = [{"heading": None, "anchor": None, "items": [i for i in items if not i["branch"]]}]
        if forks:
            groups[0]["heading"] = "Whichever the partnership"
            groups += [{"heading": f"{label}: {vocab_step['label' if branch == 'new' else 'existing_partnership_label']}",
                        "anchor": self.dc_branch_anchor(branch), "items": [i for i in items if i["branch"] == branch]}
                       for branch, label in self.DC_BRANCHES.items()]
        return Markup(self.html.get_template("dc_checklist.html.j2").render(
            groups=[g for g in groups if g["items"]], checklist_id=self.dc_checklist_id(step),
            label=f"Checklist, step {vocab_step['number']}: {vocab_step['label']}", root=root))

    def dc_recommendations_checklist(self, root: str = "") -> Markup:
        """The guidelines' final recommendations as one checklist, each item under its own id."""
        steps = self.vocab.dc_steps
        items = []
        for ident, rec in self.vocab.dc_recommendations.items():
            item = self._dc_item(ident, rec, rec["title"], rec["text"])
            item["number"] = rec["number"]
            item["steps"] = [{"href": root + self.url(self.dc_step_path(s)), "label": f"{steps[s]['number']}. {steps[s]['label']}"}
                             for s in rec.get("steps", [])]
            items.append(item)
        return Markup(self.html.get_template("dc_checklist.html.j2").render(
            groups=[{"heading": None, "anchor": None, "items": items}], checklist_id="dc-recommendations",
            label="Final recommendations of the guidelines", root=root))

    def dc_process(self, root: str = "") -> Markup:
        """The process as the guidelines draw it: the decision, the steps, and the fork at the steps
        that differ for a new and an existing partnership."""
        steps = [{**s, "href": root + self.url(self.dc_step_path(s["id"]))} for s in self.dc_steps()]
        forked = [s for s in steps if "existing_partnership_label" in s]
        first = steps.index(forked[0]) if forked else len(steps)
        return Markup(self.html.get_template("dc_process.html.j2").render(
            before=steps[:first], forked=forked, after=steps[first + len(forked):], branches=self.DC_BRANCHES,
            anchor=self.dc_branch_anchor))

    def dc_step_records(self, step: str, root: str = "") -> Markup:
        """Cards of the records placed at a step (their dc_steps), or a line saying there are none yet."""
        practices = self.library.select(dc_step=step)
        if not practices:
            return Markup(self.html.get_template("dc_no_records.html.j2").render())
        return self.cards(practices, root=root, criteria={"dc_step": step})

    def dc_self_assessment(self, root: str = "") -> Markup:
        """Every step's actions with the records that show them: the reader's ticks (read by the
        script) hide what is done; without the script every action is listed."""
        steps = [{**s, "href": root + self.url(self.dc_step_path(s["id"])), "checklist": self.dc_checklist_id(s["id"]),
                  "items": self.dc_step_items(s["id"])} for s in self.dc_steps()]
        return Markup(self.html.get_template("dc_self_assessment.html.j2").render(
            steps=steps, root=root, branches=self.DC_BRANCHES))

    def facet_index(self, facet: str, root: str = "") -> Markup:
        """A list of the values of a facet that have pages, with their counts.

        facet "checklist" lists the theme checklists.
        """
        counts = self.library.counts("theme" if facet == "checklist" else facet)
        return Markup(self.html.get_template("facet_index.html.j2").render(
            facet=facet, counts=counts, root=root))

    def toolbox_index(self, root: str = "") -> Markup:
        """Markdown: every module of the My JMDI Toolbox with its topics, each linked to its page, with counts."""
        counts = self.library.counts("toolbox")
        modules = [{"id": module_id, "module": module, "count": len(self._module_practices(module_id)),
                    "topics": [{"topic": t, "count": counts[toolbox_value(module_id, t["number"])]}
                               for t in module["topics"]]}
                   for module_id, module in self.vocab.toolbox.items()]
        return Markup(self.md.get_template("toolbox_index.md.j2").render(modules=modules, root=root))

    def discussion_guides(self, root: str = "") -> Markup:
        """Markdown: each week of the discussion guides, its themes, prompts, practices and initiatives."""
        by_id = self.library.by_id
        weeks = [{**week, "anchor": self.discussion_anchor(week_id),
                  "prompts": [{**prompt, "anchor": self.discussion_anchor(week_id, prompt["id"]),
                               "cases": [by_id[i] for i in prompt["practices"]]} for prompt in week["prompts"]],
                  "initiatives": [{**i, "cases": [by_id[x] for x in i.get("practices", [])]}
                                  for i in week.get("initiatives", [])]}
                 for week_id, week in self.vocab.discussion_guides.items()]
        return Markup(self.md.get_template("discussion_guides.md.j2").render(weeks=weeks, root=root))

    def _module_practices(self, module_id: str) -> list[Practice]:
        """Practices that cite a module, as a whole or through any of its topics."""
        return self.library.select(toolbox=self._module_values(module_id))

    def _module_values(self, module_id: str) -> list[str]:
        module = self.vocab.toolbox[module_id]
        return [toolbox_value(module_id)] + [toolbox_value(module_id, t["number"]) for t in module["topics"]]

    def toolbox_pages(self) -> list[PageFile]:
        """A page per module of the My JMDI Toolbox and per topic, each with the practices that cite it.

        A module's own content slots in from an optional template (TRAINING_CONTENT)."""
        pages = []
        counts = self.library.counts("toolbox")
        for module_id, module in self.vocab.toolbox.items():
            path = self.module_path(module_id)
            criteria = {"toolbox": self._module_values(module_id)}
            practices = self._module_practices(module_id)
            pages.append(self._page(
                path, "toolbox_module.md.j2", module_id=module_id, module=module, practices=practices,
                whole=self.library.select(toolbox=toolbox_value(module_id)),
                topics=[{"topic": t, "count": counts[toolbox_value(module_id, t["number"])]} for t in module["topics"]],
                content=TRAINING_CONTENT.format(module=module_id, page="index"),
                cards=self.cards(practices, root_of(self.url(path)), criteria)))
            for topic in module["topics"]:
                path = self.topic_path(module_id, topic["number"])
                value = toolbox_value(module_id, topic["number"])
                practices = self.library.select(toolbox=value)
                pages.append(self._page(
                    path, "toolbox_topic.md.j2", module_id=module_id, module=module, topic=topic,
                    name=topic_name(module, topic), practices=practices,
                    filtered=self.filtered_list({"toolbox": value}, root_of(self.url(path))),
                    content=TRAINING_CONTENT.format(module=module_id, page=f"topic-{topic['number']}"),
                    cards=self.cards(practices, root_of(self.url(path)), {"toolbox": value})))
        return pages

    # -- generated pages -----------------------------------------------------------------------
    def _page(self, path: str, template: str, **values) -> PageFile:
        """A generated page; `root` leads from it to the site root, for its links.

        Its front matter says it is generated: it has no file in the repository, so the theme's
        edit button (overrides/partials/actions.html) must not point at one.
        """
        content = self.md.get_template(template).render(root=root_of(self.url(path)), **values)
        return PageFile(path, content.replace("---\n", f"---\n{GENERATED_MARK}\n", 1))

    def listing_pages(self, first: str, title: str, criteria: dict, main_theme: str | None = None) -> list[PageFile]:
        """The numbered pages (2, 3, ...) of a listing whose first page is `first`."""
        count = page_count(len(self._listing_parts(_criteria(criteria), main_theme, True)[0]))
        out = []
        for number in range(2, count + 1):
            path = self.listing_page_path(first, number)
            root = root_of(self.url(path))
            out.append(self._page(path, "listing_page.md.j2", title=title, number=number, count=count,
                                  first=root + self.url(first),
                                  listing=self.listing(criteria, root, first, number, main_theme)))
        return out

    def pages(self) -> list[PageFile]:
        lib = self.library
        pages = [self._page(self.case_path(p.id), "case.md.j2", p=p) for p in lib.practices]
        for theme_id, theme in self.vocab.themes.items():
            primary = lib.primary(theme_id)
            # the checklist has a page of its own: on the theme page it would outweigh the listing
            checklist = self.checklist(primary, f"checklist-{theme_id}", f"Recommendations checklist: {theme['label']}",
                                       root=root_of(self.url(self.checklist_path(theme_id))))
            pages.append(self._page(self.theme_path(theme_id), "theme.md.j2",
                                    theme_id=theme_id, theme=theme, primary=primary, practices=lib.select(theme=theme_id)))
            pages += self.listing_pages(self.theme_path(theme_id), theme["label"], {"theme": theme_id}, theme_id)
            pages.append(self._page(self.checklist_path(theme_id), "checklist_page.md.j2",
                                    theme_id=theme_id, theme=theme, practices=primary, checklist=checklist))
        for code, count in lib.counts("country").items():
            if count:
                pages.append(self._page(self.country_path(code), "country.md.j2",
                                        code=code, country=self.vocab.countries[code], practices=lib.select(country=code)))
                pages += self.listing_pages(self.country_path(code), self.vocab.countries[code]["name"], {"country": code})
        for goal_number, goal in self.vocab.sdgs.items():
            selected = lib.select(goal=goal_number)
            pages.append(self._page(self.goal_path(goal_number), "goal.md.j2",
                                    goal=goal, practices=selected, target_counts=lib.counts("target", selected)))
            pages += self.listing_pages(self.goal_path(goal_number), f"Goal {goal_number}: {goal['short_title']}",
                                        {"goal": goal_number})
        pages += self.listing_pages(ALL_PRACTICES, "All practices", {})
        pages += self.toolbox_pages()
        from .training_pages import training_pages
        pages += training_pages(self)
        index = self.card_index()
        pages.append(PageFile(CARD_SCRIPT, card_script(index)) if self.offline else PageFile(CARD_INDEX, index))
        return pages

def root_of(page_url: str) -> str:
    """The relative path from a page (directory URL such as 'themes/x/') to the site root.
    A file URL ('about.html', 'themes/x/index.html': the offline edition's) counts from its folder."""
    if not page_url.endswith("/"):
        page_url = page_url.rpartition("/")[0]
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def _criteria(criteria: dict | None) -> dict[str, list[str]]:
    """Facet criteria as the card index holds values: lists of strings."""
    return {k: [str(x) for x in ([v] if isinstance(v, (str, int)) else v)]
            for k, v in (criteria or {}).items() if v is not None}


def page_count(practices: int) -> int:
    return max(1, -(-practices // PAGE_SIZE))


def _first_page(pages: object) -> int:
    found = re.match(r"\d+", str(pages or ""))
    return int(found.group()) if found else 0


def listing_weights(site: PageRenderer, pages: list[PageFile] | None = None) -> dict[str, int]:
    """Bytes of the content of every listing page (first and numbered pages), by path:
    what the page budget limits as the library grows. Material's frame comes on top.
    `pages`: the site's pages if already rendered."""
    listings = {site.theme_path(t) for t in site.vocab.themes} | {site.goal_path(g) for g in site.vocab.sdgs}
    listings |= {site.country_path(c) for c, n in site.library.counts("country").items() if n}
    weights = {p.path: len(p.content.encode()) for p in (site.pages() if pages is None else pages)
               if p.path in listings or "/page/" in p.path}
    weights[ALL_PRACTICES] = len(site.listing({}, "../", ALL_PRACTICES).encode())
    return weights
