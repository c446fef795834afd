"""mkdocs-macros adapter: the library's cards, checklists and counts on any Markdown page.

Usage in a page: {{ practice_cards(theme="social-inclusion", country="CR") }},
{{ checklist(theme="partnerships") }}, {{ practice_count(goal=10) }},
{{ framework("mechanism") }}, {{ white_paper_recommendations() }}, {{ schema_reference() }},
{{ blank_record() }}, {{ open_data_reference() }}, {{ recent_changes() }}, {{ toolbox_index() }},
{{ discussion_guides() }}, {{ dc_process() }}, {{ dc_checklist("needs-assessment") }},
{{ dc_step_records("needs-assessment") }}, {{ dc_self_assessment() }}, {{ dc_recommendations() }}.
Facets: theme, country, subregion, level, kind, source, goal, target, actor_type, trigger, objective, mechanism,
challenge, toolbox ("module-2/4" for a topic, "module-4" for a whole module), dc_step, keyword.
"""
from __future__ import annotations

from practices import opendata
from practices.library import cached_library, practices_file
from practices.offline import download, is_offline
from practices.render import ALL_PRACTICES, PageRenderer, root_of
from practices.repository import RECORDS_FILE, Repository
from practices.scaffold import blank_record as scaffold_blank_record
from practices.schema_reference import render_schema_reference


def define_env(env):
    sites: dict = {}
    # Links to the repository's files and forms, from the settings the case pages' links come from:
    # {{ repository.issue_form("propose-a-case.yml") }}, {{ repository.view(records_file) }}.
    env.variables["repository"] = Repository.from_settings(env.conf.get("repo_url"), env.conf.get("edit_uri"))
    env.variables["records_file"] = RECORDS_FILE

    def site() -> PageRenderer:
        # one PageRenderer (and its template environments) per loaded library, not one per macro call
        # project_dir: the folder of the configuration, under mkdocs-macros and under Zensical alike
        library = cached_library(practices_file(env.project_dir))
        if sites.get("library") is not library:
            sites.update(library=library, site=PageRenderer(
                library, site_url=env.conf.get("site_url"), site_name=env.conf.get("site_name"),
                offline=is_offline(env.conf.get("extra"))))
        return sites["site"]

    def here() -> str:
        return root_of(env.page.url)

    @env.macro
    def practice_cards(**facets):
        """Cards of the practices that match every facet given."""
        s = site()
        return s.cards(s.library.select(**facets), root=here(), criteria=facets)

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
    def framework(facet, **facets):
        """Each value of a facet (trigger, objective, mechanism, challenge, actor_type) with the
        practices tagged with it, as Markdown headings and lists; other facets narrow the practices."""
        return site().framework(facet, root=here(), **facets)

    @env.macro
    def white_paper_recommendations():
        """The White Paper's recommendations, a heading and a checklist per group."""
        return site().white_paper_recommendations(root=here())

    # -- the guide to the decentralised-cooperation guidelines --
    @env.macro
    def dc_process():
        """The process diagram: each step a box linking to its page, the fork drawn at steps 3 and 4."""
        return site().dc_process(root=here())

    @env.macro
    def dc_checklist(step):
        """A step's checklist of actions, ticks saved in the browser under the step's checklist id."""
        return site().dc_checklist(step, root=here())

    @env.macro
    def dc_step_records(step):
        """Cards of the records placed at a step (their dc_steps field)."""
        return site().dc_step_records(step, root=here())

    @env.macro
    def dc_self_assessment():
        """Every step's actions with the records that show them; the script hides those ticked."""
        return site().dc_self_assessment(root=here())

    @env.macro
    def dc_recommendations():
        """The guidelines' final recommendations as a checklist."""
        return site().dc_recommendations_checklist(root=here())

    @env.macro
    def practice_count(**facets):
        """How many practices match every facet given."""
        return len(site().library.select(**facets))

    @env.macro
    def facet_index(facet):
        """Links to the page of each theme, country or SDG goal, with counts."""
        return site().facet_index(facet, root=here())

    @env.macro
    def offline_edition():
        """The offline edition as this build knows it: `offline` (this is it) and `download` (its ZIP
        file, path and size_text, when `make offline` has built one; practices/offline.py)."""
        offline = is_offline(env.conf.get("extra"))
        return {"offline": offline, "download": None if offline else download(env.project_dir)}

    @env.macro
    def toolbox_index():
        """Every module of the My JMDI Toolbox and its topics, linked to their pages, with counts."""
        return site().toolbox_index(root=here())

    @env.macro
    def discussion_guides():
        """The discussion guides (data/vocab/discussion_guides.yaml): each week's prompts, themes and practices."""
        return site().discussion_guides(root=here())

    @env.macro
    def publications():
        """The source publications, as listed in data/vocab/publications.yaml."""
        return list(site().vocab.publications.values())

    @env.macro
    def schema_reference():
        """Every field of a practice record, generated from the schema and the vocabularies."""
        return render_schema_reference(site())

    @env.macro
    def open_data_reference():
        """The columns of the CSV export and how its cells are written, from the schema; how to cite the data."""
        return opendata.data_reference(site())

    @env.macro
    def recent_changes():
        """The most recently reviewed records under their review dates, newest first."""
        return opendata.changes(site(), root=here())

    @env.macro
    def blank_record(kind="success-story"):
        """A record with TODO in every field to fill, as `practices new` writes it, to copy into the data."""
        return scaffold_blank_record(kind)
