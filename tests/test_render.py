"""The pages and fragments rendered in-process: which pages exist, what they say, and that record text stays text."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from markupsafe import Markup, escape

from conftest import PRACTICES, crafted
from practices.library import FACETS
from practices.problems import Problem
from practices.render import (ALL_PRACTICES, CARD_INDEX, FACET_VALUES_SHOWN, PAGE_SIZE, PageRenderer, markdown_to_html,
                              md_escape, page_count, problems_page, root_of, slug, yaml_string)

RAW = yaml.safe_load(PRACTICES.read_text(encoding="utf-8"))
EVIL = '<b>x</b> {{ 7*7 }} & {: y }'
EVIL_MD = "&lt;b>x&lt;/b> &#123;&#123; 7*7 &#125;&#125; &amp; &#123;: y &#125;"


# Function-scoped on purpose: mutmut runs a test on a mutant only if the test itself called the mutated
# code, and a module-scoped fixture counts as called by its first test only.
@pytest.fixture
def site(library):
    return PageRenderer(library)


@pytest.fixture
def pages(site):
    return {page.path: page.content for page in site.pages()}


# -- escaping ------------------------------------------------------------------------------

def test_md_escape_makes_html_and_braces_inert():
    assert md_escape(EVIL) == EVIL_MD
    assert md_escape(12) == "12"
    trusted = Markup("<i>{x}</i>")
    assert md_escape(trusted) is trusted


def test_record_markdown_becomes_html_with_raw_html_as_text():
    assert markdown_to_html("*a* <b> & {x}") == "<p><em>a</em> &lt;b&gt; &amp; &#123;x&#125;</p>"
    assert isinstance(markdown_to_html("a"), Markup)

    class Text(str):  # what the YAML loader gives for some values
        pass

    assert markdown_to_html(Text("*a* <b>")) == markdown_to_html("*a* <b>")
    assert isinstance(markdown_to_html(Text("a")), Markup)
    assert markdown_to_html("one") != markdown_to_html("two")  # the converter is reset between texts


def test_front_matter_strings_are_escaped_quoted_yaml():
    value = yaml_string('<a> "q" {x} & it\'s')
    assert isinstance(value, Markup)
    assert yaml.safe_load(f"title: {value}")["title"] == "&lt;a&gt; &#34;q&#34; &#123;x&#125; &amp; it&#39;s"
    assert json.loads(yaml_string(3)) == "3"


def test_problems_page_lists_each_problem_as_text():
    problems = [Problem("f.yaml", 3, "rec", "title", "is <b>bad</b>", "fix {it}"),
                Problem("f.yaml", 9, "rec", "kind", "is wrong", "fix")]
    text = problems_page(problems)
    assert text.startswith("# The library data has 2 problems\n")
    assert "<li>f.yaml:3: rec: title is &lt;b>bad&lt;/b> (fix &#123;it&#125;)</li>" in text
    assert "<li>f.yaml:9: rec: kind is wrong (fix)</li>" in text
    assert problems_page(problems[:1]).startswith("# The library data has 1 problem\n")


# -- addresses -----------------------------------------------------------------------------

def test_addresses_of_the_generated_pages(library, site):
    code, country = next(iter(library.vocab.countries.items()))
    assert PageRenderer.page_path("x", 3) == "x/3/index.md"
    assert PageRenderer.case_path("p") == "cases/p/index.md"
    assert site.country_path(code) == f"countries/{country['slug']}/index.md"
    assert PageRenderer.theme_path("t") == "themes/t/index.md"
    assert PageRenderer.goal_path(8) == "sdgs/8/index.md"
    assert PageRenderer.checklist_path("t") == "checklists/t/index.md"
    assert PageRenderer.url("cases/p/index.md") == "cases/p/"
    assert PageRenderer.url("index.md") == ""
    assert PageRenderer.url("about.md") == "about/"


@pytest.mark.parametrize("url, root", [("", ""), ("/", ""), ("about/", "../"), ("themes/x/", "../../"),
                                       ("a/b/c/", "../../../"),
                                       ("X/", "../"), ("/XY/", "../"), ("X/a/", "../../")])
def test_root_of_leads_back_to_the_site_root(url, root):
    assert root_of(url) == root


def test_record_links_need_both_repository_settings(library):
    practice = library.practices[0]
    assert PageRenderer(library).record_links(practice) is None
    assert PageRenderer(library, repo_url="https://github.com/o/r").record_links(practice) is None
    links = PageRenderer(library, repo_url="https://github.com/o/r/", edit_uri="edit/main/docs/").record_links(practice)
    line = practice.record.line
    assert links == {"file": "data/practices.yaml", "line": line,
                     "view": f"https://github.com/o/r/blob/main/data/practices.yaml#L{line}",
                     "edit": "https://github.com/o/r/edit/main/data/practices.yaml"}


# -- which pages exist -------------------------------------------------------------------

def test_a_page_for_every_record_theme_checklist_country_with_practices_and_goal(library, pages):
    v = library.vocab
    site = PageRenderer(library)
    listings = ([(PageRenderer.theme_path(t), {"theme": t}) for t in v.themes]
                + [(site.country_path(c), {"country": c}) for c in {r["location"]["country"] for r in RAW if "location" in r}]
                + [(PageRenderer.goal_path(g), {"goal": g}) for g in v.sdgs] + [(ALL_PRACTICES, {})])
    numbered = {PageRenderer.listing_page_path(first, n)
                for first, criteria in listings for n in range(2, page_count(len(library.select(**criteria))) + 1)}
    expected = ({PageRenderer.case_path(r["id"]) for r in RAW}
                | {PageRenderer.theme_path(t) for t in v.themes} | {PageRenderer.checklist_path(t) for t in v.themes}
                | {f"countries/{v.countries[c]['slug']}/index.md" for c in {r["location"]["country"] for r in RAW if "location" in r}}
                | {PageRenderer.goal_path(g) for g in v.sdgs} | numbered | {CARD_INDEX})
    assert set(pages) == expected
    assert len(pages) == len(expected)  # each once

# -- what the pages say ------------------------------------------------------------------

def test_case_page_shows_the_record_and_links_its_country_and_themes(library, pages):
    for practice in library.practices:
        text = pages[PageRenderer.case_path(practice.id)]
        assert f"# {md_escape(practice['title'])}\n" in text
        assert f"practice_id: {yaml_string(practice.id)}\n" in text
        if practice.location:
            assert f"(../../{PageRenderer(library).country_path(practice['location']['country'])})" in text
        for theme in practice["themes"]:
            assert f"[{md_escape(library.vocab.themes[theme]['label'])}](../../{PageRenderer.theme_path(theme)})" in text


def _concern(n: int) -> str:
    return f"{n} practice concerns" if n == 1 else f"{n} practices concern"


def test_theme_page_says_how_many_practices_are_its_own(library, pages):
    for theme_id, theme in library.vocab.themes.items():
        text = pages[PageRenderer.theme_path(theme_id)]
        own = library.primary(theme_id)
        every = library.select(theme=theme_id)
        main = f"; for {len(own)} of them it is the main theme, and they come first" if len(own) < len(every) else ""
        assert f"\n{_concern(len(every))} this theme{main}.\n" in text
        assert f"# {md_escape(theme['label'])}\n" in text
        # its own practices first, then the others, a page of cards at a time
        ordered = [p.id for p in own] + [p.id for p in every if p not in own]
        assert re.findall(r'data-practice="([^"]+)"', text) == ordered[:PAGE_SIZE]
        assert f"[open the checklist](../../{PageRenderer.checklist_path(theme_id)})" in text
        checklist = pages[PageRenderer.checklist_path(theme_id)]
        assert f'<form class="gpl-checklist" id="checklist-{theme_id}"' in checklist
        assert f'aria-label="{escape("Recommendations checklist: " + theme["label"])}"' in checklist
        for p in own:
            if p.get("recommendations"):
                assert f'href="../../cases/{p.id}/#recommendation-1"' in checklist
        assert f"of the {len(own)} practices of the theme [{md_escape(theme['label'])}](../../{PageRenderer.theme_path(theme_id)})" in checklist

def test_country_page_says_how_many_practices_come_from_it(library, pages):
    site = PageRenderer(library)
    for code, count in library.counts("country").items():
        if not count:
            continue
        country = library.vocab.countries[code]
        text = pages[site.country_path(code)]
        said = "practice" if count == 1 else "practices"
        assert f"\n{count} {said} from {md_escape(country['name'])} ({md_escape(country['subregion'])}).\n" in text
        assert re.findall(r'data-practice="([^"]+)"', text) == [p.id for p in library.select(country=code)]


def test_goal_page_counts_the_practices_of_each_target(library, pages):
    for number, goal in library.vocab.sdgs.items():
        text = pages[PageRenderer.goal_path(number)]
        selected = library.select(goal=number)
        assert f"# Goal {number}: {md_escape(goal['short_title'])}\n" in text
        if not selected:
            assert "No practice in the library refers to this goal yet." in text
            continue
        said = "practice contributes" if len(selected) == 1 else "practices contribute"
        assert f"\n{len(selected)} {said} to this goal.\n" in text
        for target in goal["targets"]:  # a row for each target the practices cite, with their number
            count = sum(target["id"] in p.facets["target"] for p in selected)
            row = f"| **{target['id']}**: {md_escape(target['title'])} | {count} |"
            assert (row in text) == bool(count), (number, target["id"])
            assert count or f"| **{target['id']}**:" not in text


def test_one_practice_is_said_in_the_singular(library):
    theme = RAW[0]["themes"][0]
    pages = {p.path: p.content for p in PageRenderer(crafted(library, {})).pages()}
    assert "\n1 practice concerns this theme.\n" in pages[PageRenderer.theme_path(theme)]
    country = library.vocab.countries[RAW[0]["location"]["country"]]
    assert f"\n1 practice from {md_escape(country['name'])} (" in pages[f"countries/{country['slug']}/index.md"]
    goal = library.vocab.sdg_targets[RAW[0]["sdg_targets"][0]]["goal"]
    assert "\n1 practice contributes to this goal.\n" in pages[PageRenderer.goal_path(goal)]


def test_record_text_stays_text_on_every_page(library):
    lib = crafted(library, {"title": f"T {EVIL}", "summary": f"S {EVIL}",
                            "recommendations": [{"title": f"R {EVIL}", "text": f"X {EVIL}"}]})
    pages = {p.path: p.content for p in PageRenderer(lib).pages()}
    case = pages[PageRenderer.case_path("a")]
    assert f"# T {EVIL_MD}\n" in case
    assert f'<p class="gpl-lead" markdown>S {EVIL_MD}</p>' in case
    for path, text in pages.items():
        if path != CARD_INDEX:
            assert "<b>x</b>" not in text, path
    # the card index is data, which the script puts in the page as text (textContent): kept as written
    card = json.loads(pages[CARD_INDEX])["cards"][0]
    assert (card["t"], card["s"]) == (f"T {EVIL}", f"S {EVIL}")
    assert "T &lt;b&gt;x&lt;/b&gt;" in pages[PageRenderer.theme_path(RAW[0]["themes"][0])]
    checklist = pages[PageRenderer.checklist_path(RAW[0]["themes"][0])]
    assert "R &lt;b&gt;x&lt;/b&gt;" in checklist
    assert "<p>X &lt;b&gt;x&lt;/b&gt; &#123;&#123; 7*7 &#125;&#125; &amp; &#123;: y &#125;</p>" in checklist

# -- fragments -----------------------------------------------------------------------------

def test_cards_link_each_practice_from_the_given_root_and_are_rendered_once(library):
    site = PageRenderer(library)
    practices = library.practices[:3]
    html = site.cards(practices, root="../../")
    assert re.findall(r'data-practice="([^"]+)"', html) == [p.id for p in practices]
    for p in practices:
        assert f'href="../../cases/{p.id}/"' in html
    assert site._card(practices[0], "x/") is site._card(practices[0], "x/")
    assert site._card(practices[0], "x/") != site._card(practices[0], "y/")
    assert site._card(practices[0], "x/") != site._card(practices[1], "x/")


def test_the_card_index_holds_each_practice_s_facets(library):
    index = json.loads(PageRenderer(library).card_index())
    assert index["facets"] == list(FACETS)
    for card, practice in zip(index["cards"], library.practices, strict=True):
        assert card["i"] == practice.id
        decoded = {name: [index["values"][n][k] for k in card["f"][n]] for n, name in enumerate(index["facets"])}
        assert decoded == practice.facets


def test_filters_offer_each_facet_with_two_values_or_more_with_counts(library):
    practices = library.practices
    facets = PageRenderer(library).filters(practices)
    expected = [f for f in FACETS if sum(1 for n in library.counts(f, practices).values() if n) >= 2]
    assert [f["name"] for f in facets] == expected
    for facet in facets:
        counts = {v: n for v, n in library.counts(facet["name"], practices).items() if n}
        shown = {v["value"]: v["count"] for v in facet["values"]}
        assert set(shown) <= set(counts) and all(shown[v] == counts[v] for v in shown)
        # a facet shows its most frequent values, at most FACET_VALUES_SHOWN of them
        assert len(shown) == min(len(counts), FACET_VALUES_SHOWN)
        if len(counts) > FACET_VALUES_SHOWN:
            assert min(shown.values()) >= max(n for v, n in counts.items() if v not in shown)
        labels = library.facet_labels(facet["name"])
        assert all(v["label"] == labels[v["value"]] for v in facet["values"])


def test_the_filter_panel_shows_labels_and_counts_of_the_listing(library):
    theme = RAW[0]["themes"][0]
    html = PageRenderer(library).listing({"theme": theme}, "../../", PageRenderer.theme_path(theme), main_theme=theme)
    some = library.select(theme=theme)
    for value, count in library.counts("theme", some).items():
        if count:
            assert (f'value="{value}"><label for="gpl-f-theme-' in html and
                    f'{escape(library.vocab.themes[value]["label"])} <span class="gpl-facet__count" '
                    f'data-gpl-count-for="{value}">({count})' in html)
    assert "<details class=\"gpl-filters\" data-gpl-filters>" in html  # closed until opened

def test_templates_fail_on_a_missing_value_and_keep_their_whitespace(library):
    import jinja2
    site = PageRenderer(library)
    for env in (site.md, site.html):
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ nothing }}").render()
        assert env.from_string("{% if 1 %}\n  {% if 1 %}\nx\n  {% endif %}\n{% endif %}\n").render() == "x\n"
        assert env.from_string("x\n").render() == "x\n"
    assert problems_page([]).endswith('<ul class="gpl-problems">\n</ul>\n')


def test_checklist_items_are_keyed_by_title_and_link_to_their_recommendation(library):
    practices = [p for p in library.practices if p.get("recommendations")][:2]
    html = PageRenderer(library).checklist(practices, "c-x", "Label <x>", root="../../")
    ids = re.findall(r'<input type="checkbox" id="([^"]+)"', html)
    assert ids == [f"c-x--{p.id}--{slug(r['title'])}" for p in practices for r in p["recommendations"]]
    assert 'aria-label="Label &lt;x&gt;"' in html
    for p in practices:
        for n in range(1, len(p["recommendations"]) + 1):
            assert f'href="../../cases/{p.id}/#recommendation-{n}"' in html

def test_facet_index_links_each_value_with_its_count(library):
    site = PageRenderer(library)
    for facet, path in (("theme", PageRenderer.theme_path), ("checklist", PageRenderer.checklist_path), ("goal", PageRenderer.goal_path),
                        ("country", site.country_path)):
        html = site.facet_index(facet, root="../")
        counts = library.counts("theme" if facet == "checklist" else facet)
        for value, count in counts.items():
            link = f'href="../{PageRenderer.url(path(value))}"'
            if facet == "country" and not count:
                assert link not in html
                continue
            said = "practice" if count == 1 else "practices"
            assert re.search(re.escape(link) + r'>[^<]*</a> <span class="gpl-count">\(' + f"{count} {said}", html), (facet, value)


def test_listing_links_the_cards_from_the_given_root(library):
    site = PageRenderer(library)
    country = RAW[0]["location"]["country"]
    practices = library.select(country=country)
    assert f'href="cases/{practices[0].id}/"' in site.listing({"country": country})
    html = site.listing({"country": country}, root="../../")
    assert re.findall(r'data-practice="([^"]+)"', html) == [p.id for p in practices]
    assert f'href="../../cases/{practices[-1].id}/"' in html and "data-gpl-filters" in html


def test_facet_index_links_from_the_site_root_by_default(library):
    theme = next(iter(library.vocab.themes))
    assert f'href="{PageRenderer.url(PageRenderer.theme_path(theme))}"' in PageRenderer(library).facet_index("theme")


def test_cards_and_checklists_link_from_the_site_root_by_default(library):
    site = PageRenderer(library)
    practice = next(p for p in library.practices if p.get("recommendations"))
    assert f'href="cases/{practice.id}/"' in site.cards([practice])
    assert f'href="cases/{practice.id}/#recommendation-1"' in site.checklist([practice], "c", "l")


def test_cards_of_a_selection_stop_at_a_page_and_link_to_the_filtered_list(library):
    site = PageRenderer(library)
    kind = max(library.counts("kind").items(), key=lambda kv: kv[1])[0]
    selected = library.select(kind=kind)
    html = site.cards(selected, root="../../", criteria={"kind": kind})
    shown = re.findall(r'data-practice="([^"]+)"', html)
    assert shown == [p.id for p in selected][:PAGE_SIZE]
    link = f'href="../../cases/?kind={kind}"'
    assert (link in html) == (len(selected) > PAGE_SIZE)
    assert f"All {len(selected)} practices" in html or len(selected) <= PAGE_SIZE
    # without criteria (a hand-picked list) every card shows
    assert re.findall(r'data-practice="([^"]+)"', site.cards(selected)) == [p.id for p in selected]


# -- a record that names no place (an example may leave location out) -------------------------

def _placeless(library):
    """Three copies of the first record: a (with its place) points to b and c, which name none."""
    return crafted(library, {"related": ["b", "c"]}, {"kind": "example", "location": None},
                   {"kind": "example", "location": None, "title": "Zz last by title"})


def _without_location(library):
    lib = _placeless(library)
    for p in lib.practices[1:]:
        p.record.pop("location")
    return lib


def test_related_practices_are_one_list_item_each_with_or_without_a_place(library):
    lib = _without_location(library)
    text = {p.path: p.content for p in PageRenderer(lib).pages()}[PageRenderer.case_path("a")]
    section = text.split("## Related practices\n\n", 1)[1].split("\n\n", 1)[0]
    lines = section.splitlines()
    assert len(lines) == 2 and all(line.startswith("- [") for line in lines), section
    assert not any(line.endswith("()") or "( )" in line for line in lines)


def test_a_record_without_a_place_has_no_where_row_no_country_page_and_no_empty_place(library):
    lib = _without_location(library)
    site = PageRenderer(lib)
    pages = {p.path: p.content for p in site.pages()}
    text = pages[PageRenderer.case_path("b")]
    assert "\nWhere\n" not in text and "\nThemes\n" in text and "\nSource\n" in text
    assert pages[PageRenderer.case_path("a")].count("\nWhere\n") == 1
    country = RAW[0]["location"]["country"]
    assert [p.id for p in lib.select(country=country)] == ["a"]
    cards = site.listing({})
    b_card = cards.split('data-practice="b"', 1)[1].split("</li>", 1)[0]
    assert "gpl-card__place" not in b_card
    a_card = cards.split('data-practice="a"', 1)[1].split("</li>", 1)[0]
    assert "gpl-card__place" in a_card


def test_records_without_a_place_sort_after_every_country(library):
    lib = _without_location(library)
    index = json.loads(PageRenderer(lib).card_index())
    by_country = index["sorts"].index("country")
    rank = {card["i"]: card["r"][by_country] for card in index["cards"]}
    assert rank["a"] < rank["b"] < rank["c"]
    assert [card["p"] for card in index["cards"]][1:] == ["", ""]


def test_framework_lists_one_case_per_line_with_or_without_a_place(library):
    mechanism = next(iter(library.vocab.mechanisms))
    lib = crafted(library, {"mechanisms": [mechanism]}, {"mechanisms": [mechanism], "kind": "example"},
                  {"mechanisms": [mechanism]})
    lib.practices[1].record.pop("location")
    text = PageRenderer(lib).framework("mechanism")
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(items) == 3, text
    assert items[1].endswith(")") and not items[1].endswith("())") and "(../" not in items[1].split("](")[0]
    assert items[0].endswith(f"({lib.practices[0].place})")


def test_a_territory_that_is_its_whole_country_is_named_once(library):
    """A national example ("France", FR) showed "France, France" on its card and its page."""
    country = library.vocab.countries[RAW[0]["location"]["country"]]
    lib = crafted(library, {"location": {**RAW[0]["location"], "territory": country["name"], "level": "national"}})
    practice = lib.practices[0]
    assert practice.place == country["name"]
    text = {p.path: p.content for p in PageRenderer(lib).pages()}[PageRenderer.case_path("a")]
    where = text.split("\nWhere\n:   ", 1)[1].split("\n", 1)[0]
    assert where.count(md_escape(country["name"])) == 1, where
    assert where.startswith(f"[{md_escape(country['name'])}](")
