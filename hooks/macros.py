"""mkdocs-macros adapter: the library's cards, checklists and counts on any Markdown page.

Usage in a page: {{ practice_cards(theme="social-inclusion", country="CR") }},
{{ checklist(theme="partnerships") }}, {{ practice_count(goal=10) }}, {{ schema_reference() }},
{{ blank_record() }}.
Facets: theme, country, region, level, kind, source, goal, sdg, actor_type, keyword.
"""
from __future__ import annotations

from pathlib import Path

from practices.library import cached_library
from practices.render import ALL_PRACTICES, Site, root_of
from practices.scaffold import blank_record as scaffold_blank_record
from practices.schema_reference import render_schema_reference


def define_env(env):
    sites: dict = {}

    def site() -> Site:
        # one Site (and its template environments) per loaded library, not one per macro call
        root = Path(env.conf["config_file_path"]).parent
        library = cached_library(root / "data" / "practices.yaml")
        if sites.get("library") is not library:
            sites.update(library=library, site=Site(library))
        return sites["site"]

    def here() -> str:
        return root_of(env.page.url)

    @env.macro
    def practice_cards(**facets):
        """Cards of the practices that match every facet given."""
        s = site()
        return s.cards(s.library.select(**facets), root=here())

    @env.macro
    def practice_list(**facets):
        """Cards of the matching practices with a filter and sort panel (the panel needs JavaScript).

        Without facets: the list of every practice, in numbered pages (the core writes pages 2, 3, ...)."""
        return site().listing(facets, root=here(), first=None if facets else ALL_PRACTICES)

    @env.macro
    def checklist(id=None, label="Recommendations checklist", **facets):
        """A checklist of the recommendations of the selected practices."""
        s = site()
        checklist_id = id or "checklist-" + "-".join(f"{k}-{v}" for k, v in sorted(facets.items())) or "checklist-all"
        return s.checklist(s.library.select(**facets), checklist_id, label, root=here())

    @env.macro
    def practice_count(**facets):
        """How many practices match every facet given."""
        return len(site().library.select(**facets))

    @env.macro
    def facet_index(facet):
        """Links to the page of each theme, country or SDG goal, with counts."""
        return site().facet_index(facet, root=here())

    @env.macro
    def publications():
        """The source publications, as listed in data/vocab/publications.yaml."""
        return list(site().vocab.publications.values())

    @env.macro
    def schema_reference():
        """Every field of a practice record, generated from the schema and the vocabularies."""
        return render_schema_reference(site())

    @env.macro
    def blank_record(kind="success-story"):
        """A record with TODO in every field to fill, as `practices new` writes it, to copy into the data."""
        return scaffold_blank_record(kind)
