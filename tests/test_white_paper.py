"""The White Paper guide: its framework as facets, its recommendations as data, both on the guideline page."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from htmlcheck import Page
from practices.library import FACETS, VOCABULARY_FACETS
from practices.render import FRAMEWORK_CASES_SHOWN, PageRenderer
from practices.vocabulary import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "data" / "vocab"
RECOMMENDATIONS = "white_paper_recommendations.yaml"
GUIDE = Path(PageRenderer.url(PageRenderer.white_paper_guide_path)) / "index.html"
CHECKLIST = GUIDE.parent / "checklist" / "index.html"
# The facets the guide lays out as framework elements; actor types are shown for the White Paper's own cases.
FRAMEWORK = {**{facet: {} for facet in VOCABULARY_FACETS}, "actor_type": {"source": "white-paper"}}


def _vocab(directory: Path = VOCAB):
    return load_vocabularies(directory, "data/vocab")


def test_the_recommendations_are_valid_data():
    vocab, problems = _vocab()
    assert [str(p) for p in problems] == []
    numbers = [r["number"] for r in vocab.white_paper_recommendations.values()]
    assert numbers == list(range(1, len(numbers) + 1)), "numbered as the paper numbers them, in its order"
    for ident, rec in vocab.white_paper_recommendations.items():
        assert ident == f"wp-{rec['number']:02d}"


def test_every_group_of_the_paper_is_present_in_its_order():
    vocab, _ = _vocab()
    # Part 3's groups, in the paper's order
    assert list(vocab.white_paper_groups) == ["conceptual", "mechanisms", "national-authorities", "local-authorities",
                                              "civil-society", "cross-cutting", "international"]
    order = [list(vocab.white_paper_groups).index(r["group"]) for r in vocab.white_paper_recommendations.values()]
    assert order == sorted(order), "each group's recommendations follow one another"
    assert set(order) == set(range(len(vocab.white_paper_groups))), "every group has recommendations"


def _broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    copy = tmp_path / "vocab"
    shutil.copytree(VOCAB, copy)
    path = copy / RECOMMENDATIONS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy, path.read_text(encoding="utf-8")


def _line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize("old, new, field, words", [
    ("  title: Work across levels\n", "  title: Work across the national, regional and local levels together\n",
     "title", "more than 6"),
    ("  group: national-authorities\n  title: Decentralise", "  group: national\n  title: Decentralise", "group",
     '"national" is not a known group'),
    ("  text: Campaign for migration", "  txt: Campaign for migration", "txt", "not a known field"),
])
def test_a_broken_recommendation_is_reported_with_file_line_id_and_field(tmp_path, old, new, field, words):
    copy, text = _broken_copy(tmp_path, old, new)
    _, problems = _vocab(copy)
    ident = re.findall(r"- id: (wp-\d+)", text[:text.index(new)])[-1]  # the entry the change is in
    assert {p.record for p in problems} == {ident}, [str(p) for p in problems]
    problem = next(p for p in problems if p.field == field)
    assert (problem.file, problem.line, problem.record, problem.field) == (
        f"data/vocab/{RECOMMENDATIONS}", _line_of(text, new), ident, field)
    assert words in str(problem)
    assert str(problem).startswith(f"data/vocab/{RECOMMENDATIONS}:{problem.line}: {ident}: {field} ")


def test_the_framework_is_a_set_of_facets_of_the_library(library):
    for facet, name in VOCABULARY_FACETS.items():
        assert facet in FACETS
        assert library.facet_labels(facet) == {k: e["label"] for k, e in getattr(library.vocab, name).items()}
        for p in library.practices:
            assert p.facets[facet] == list(p.get(name, []))
        assert library.select(**{facet: list(library.facet_labels(facet))}), f"no record is tagged by {facet}"
    # every case of the White Paper carries the framework's objectives and mechanisms
    for p in library.select(source="white-paper", kind="case-study"):
        assert p.facets["objective"] and p.facets["mechanism"] and p.facets["trigger"], p.id


def _sections(page: Page) -> tuple[dict[str, list[str]], dict[str, list[dict]]]:
    """Each h3 id on the page -> the case ids its section links to (up to the next h2 or h3), and
    -> the filters of its links to the list of all practices."""
    cases: dict[str, list[str]] = {}
    filtered: dict[str, list[dict]] = {}
    current = None
    for tag, a in page.elements:
        if tag in ("h2", "h3"):
            current = a.get("id") if tag == "h3" else None
            if current:
                cases[current], filtered[current] = [], []
        elif tag == "a" and current:
            href = a.get("href", "")
            if m := re.search(r"(?:^|/)cases/([^/#?]+)/", href):
                cases[current].append(m.group(1))
            elif re.search(r"(?:^|/)cases/\?", href):
                filtered[current].append(parse_qs(urlsplit(href).query))
    return cases, filtered


def test_each_framework_element_links_to_the_cases_tagged_with_it_and_no_other(built_site, library):
    sections, filtered = _sections(Page(built_site / GUIDE))
    for facet, restrict in FRAMEWORK.items():
        for value in library.facet_labels(facet):
            anchor = PageRenderer.framework_anchor(facet, value)
            assert anchor in sections, anchor
            tagged = [p.id for p in library.select(**{facet: value}, **restrict)]
            # the first cases by name, and all of them through the filtered list of practices
            assert sections[anchor] == tagged[:FRAMEWORK_CASES_SHOWN], anchor
            wanted = {facet: [value], **{k: [v] for k, v in restrict.items()}}
            assert (wanted in filtered[anchor]) == (len(tagged) > FRAMEWORK_CASES_SHOWN), anchor


def test_every_recommendation_is_a_checklist_item_with_its_id(built_site, library):
    vocab = library.vocab
    for page_path in (GUIDE, CHECKLIST):
        page = Page(built_site / page_path)
        form = None
        items: dict[str, str] = {}
        for tag, a in page.elements:
            if tag == "form" and "data-gpl-checklist" in a:
                form = a["data-gpl-checklist"]
            if tag == "input" and a.get("type") == "checkbox" and form:
                items[a["id"]] = form
        for ident, rec in vocab.white_paper_recommendations.items():
            assert items.get(ident) == f"white-paper-{rec['group']}", (page_path, ident)
            assert " ".join(rec["title"].split()) in page.text
        assert f'for="{ident}"' in (built_site / page_path).read_text(encoding="utf-8")


def test_case_pages_link_their_framework_elements_to_the_guide(built_site, library):
    for p in library.practices:
        page = Page(built_site / "cases" / p.id / "index.html")
        for facet, name in VOCABULARY_FACETS.items():
            if facet == "trigger":
                continue
            for value in p.get(name, []):
                anchor = "#" + PageRenderer.framework_anchor(facet, value)
                assert any(h.endswith(anchor) and "guidelines/white-paper/" in h for h in page.links), (p.id, anchor)


def test_the_guide_is_in_the_navigation_and_on_the_guidelines_page(built_site):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    guidelines = next(item["Guidelines"] for item in config["nav"] if isinstance(item, dict) and "Guidelines" in item)
    assert PageRenderer.white_paper_guide_path in [next(iter(e.values())) if isinstance(e, dict) else e for e in guidelines]
    index = Page(built_site / "guidelines" / "index.html")
    assert any(h.rstrip("/").endswith("white-paper") or h.endswith("white-paper/index.html") for h in index.links)
    assert "being written" not in index.text
