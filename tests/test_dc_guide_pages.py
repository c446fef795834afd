"""The decentralised-cooperation guide as pages: the process diagram, a page per step with its
checklist and records, the self-assessment, the recommendations; and escaping of its data."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import PAYLOAD, crafted
from htmlcheck import Page
from practices.library import Library
from practices.render import PageRenderer

ROOT = Path(__file__).resolve().parent.parent
R = PageRenderer


def _html(path: str) -> Path:
    return Path(R.url(path)) / "index.html"


def _checkboxes(page: Page) -> dict[str, str]:
    """Each checkbox id on a page -> the id of the checklist form it is in."""
    boxes, form = {}, None
    for tag, a in page.elements:
        if tag == "form":
            form = a.get("data-gpl-checklist")
        if tag == "input" and a.get("type") == "checkbox" and form:  # not the theme's menu toggles
            boxes[a["id"]] = form
    return boxes


def _case_links(html: str) -> list[str]:
    return re.findall(r'href="(?:\.\./)*cases/([^/"#?]+)/"', html)


# -- the core, without a site -------------------------------------------------------------

def test_the_dc_step_facet_selects_the_records_placed_at_a_step(library):
    steps = list(library.vocab.dc_steps)
    lib = crafted(library, {"dc_steps": [steps[1]]}, {"dc_steps": [steps[1], steps[5]]}, {})
    assert [p.id for p in lib.select(dc_step=steps[1])] == ["a", "b"]
    assert [p.id for p in lib.select(dc_step=steps[5])] == ["b"]
    labels = lib.facet_labels("dc_step")
    assert list(labels) == steps
    assert labels[steps[1]].endswith(library.vocab.dc_steps[steps[1]]["label"])
    with pytest.raises(ValueError):
        lib.select(dc_step="no-such-step")


def test_a_step_shows_the_cards_of_its_records_or_says_it_has_none(library):
    steps = list(library.vocab.dc_steps)
    site = R(crafted(library, {"dc_steps": [steps[2]]}, {}))
    shown = site.dc_step_records(steps[2])
    assert 'data-practice="a"' in shown and 'data-practice="b"' not in shown
    assert "data-practice" not in site.dc_step_records(steps[3])
    assert "No record" in site.dc_step_records(steps[3])


def test_hostile_checklist_text_stays_text(library):
    vocab = copy.deepcopy(library.vocab)
    first = next(iter(vocab.dc_checklist))
    vocab.dc_checklist[first]["text"] = PAYLOAD
    rec = next(iter(vocab.dc_recommendations))
    vocab.dc_recommendations[rec]["title"] = PAYLOAD
    vocab.dc_recommendations[rec]["text"] = PAYLOAD
    site = R(Library([p.record for p in library.practices], vocab))
    step = vocab.dc_checklist[first]["step"]
    fragments = [site.dc_checklist(step), site.dc_self_assessment(), site.dc_recommendations_checklist()]
    for fragment in fragments:
        # as the page's Markdown engine sees the macro's output, with the site's extensions
        html = markdown.markdown(str(fragment), extensions=["attr_list", "md_in_html", "tables", "def_list"])
        assert "&lt;script&gt;" in html
        assert "<script" not in html and "<img" not in html
        assert not re.search(r"<[^>]*\sonclick=", html), "an attribute list became an attribute"


# -- the built site -----------------------------------------------------------------------

def test_each_step_has_a_page_with_its_checklist_and_its_records(built_site, library):
    vocab = library.vocab
    for step_id, step in vocab.dc_steps.items():
        path = built_site / _html(R.dc_step_path(step_id))
        page = Page(path)
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S).group(1))
        # the page's title names its step by number, as the diagram does (0, the decision, by name)
        assert (f"Step {step['number']}:" in h1) if step["number"] else ("decision" in h1.lower()), (step_id, h1)
        items = [i for i, item in vocab.dc_checklist.items() if item["step"] == step_id]
        boxes = _checkboxes(page)
        assert items and boxes == {i: R.dc_checklist_id(step_id) for i in items}, step_id
        tagged = [p.id for p in library.select(dc_step=step_id)]
        cards = [a["data-practice"] for tag, a in page.elements if "data-practice" in a]
        assert cards == tagged[:20], step_id
        assert ("No record of the library is placed at this step" in page.text) == (not tagged), step_id
        if "existing_partnership_label" in step:
            assert {R.dc_branch_anchor(b) for b in R.DC_BRANCHES} <= page.ids, step_id


def test_each_checklist_item_cites_its_section_and_links_its_practices(built_site, library):
    vocab = library.vocab
    for step_id in vocab.dc_steps:
        html = (built_site / _html(R.dc_step_path(step_id))).read_text(encoding="utf-8")
        for item_id, item in vocab.dc_checklist.items():
            if item["step"] != step_id:
                continue
            li = html[html.index(f'id="{item_id}"'):]
            li = li[:li.index("</li>")]
            section = vocab.dc_sections[item["section"]]
            assert section["pages"] in li and item["section"].split("-")[-1] in li, item_id
            assert _case_links(li) == item["practices"], item_id


def test_the_process_diagram_links_every_step_and_both_branches_of_the_fork(built_site, library):
    page = Page(built_site / _html(R.dc_guide_path))
    html = (built_site / _html(R.dc_guide_path)).read_text(encoding="utf-8")
    figure = html[html.index('class="gpl-dc-process"'):html.index("</figure>")]
    for step_id, step in library.vocab.dc_steps.items():
        href = f'{R.url(R.dc_step_path(step_id))}'
        if "existing_partnership_label" in step:
            for branch in R.DC_BRANCHES:
                assert f'{href}#{R.dc_branch_anchor(branch)}"' in figure, (step_id, branch)
            assert f'{href}"' not in figure, "each branch links to its own part of the step page"
            assert step["existing_partnership_label"] in figure
        else:
            assert f'{href}"' in figure, step_id
        assert step["label"] in figure
    assert page.links


def test_the_self_assessment_lists_every_item_with_its_practices(built_site, library):
    html = (built_site / _html(R.dc_self_assessment_path)).read_text(encoding="utf-8")
    vocab = library.vocab
    listed = re.findall(r'data-gpl-plan-item="([^"]+)"', html)
    assert listed == list(vocab.dc_checklist)
    for item_id, item in vocab.dc_checklist.items():
        li = html[html.index(f'data-gpl-plan-item="{item_id}"'):]
        li = li[:li.index("</li>")]
        assert f'{item["step"]}/#{item_id}"' in li, item_id
        assert _case_links(li) == item["practices"], item_id
    steps = re.findall(r'data-gpl-plan-step="([^"]+)"', html)
    assert steps == [R.dc_checklist_id(s) for s in vocab.dc_steps]


def test_the_recommendations_are_one_checklist_with_their_ids(built_site, library):
    page = Page(built_site / _html(R.dc_recommendations_path))
    assert _checkboxes(page) == {i: "dc-recommendations" for i in library.vocab.dc_recommendations}
    for rec in library.vocab.dc_recommendations.values():
        assert " ".join(rec["title"].split()) in page.text


def test_the_agreement_template_is_a_copyable_block_with_every_clause(built_site):
    page = Page(built_site / _html(R.dc_agreement_path))
    html = (built_site / _html(R.dc_agreement_path)).read_text(encoding="utf-8")
    block = html[html.index("<pre"):html.index("</pre>")]
    for clause in ["PURPOSE OF THE MoU", "ACTIONS FORESEEN", "EXPECTED RESULTS", "MANAGEMENT", "STAKEHOLDER ENGAGEMENT",
                   "MONITORING AND EVALUATION", "TIMELINE", "BUDGET", "DURATION, MODIFICATION AND EXTENSION",
                   "[Option A]", "[Option B]", "Signature:"]:
        assert clause in block, clause
    assert "MEMORANDUM OF UNDERSTANDING" in page.text


def test_the_key_concepts_are_anchored_and_linked_from_the_guide(built_site):
    concepts = Page(built_site / _html(R.dc_concepts_path))
    anchors = {a["id"] for tag, a in concepts.elements if tag == "h2" and "id" in a}
    assert len(anchors) >= 15
    linked = set()
    for path in (built_site / R.dc_guide).rglob("index.html"):
        for href in Page(path).links:
            if "key-concepts/#" in href:
                linked.add(href.split("#")[1])
    assert linked and linked <= anchors


def test_the_guide_is_in_the_navigation_and_reaches_all_its_pages(built_site):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    guidelines = next(item["Guidelines"] for item in config["nav"] if isinstance(item, dict) and "Guidelines" in item)
    entries = [next(iter(e.values())) if isinstance(e, dict) else e for e in guidelines]
    assert R.dc_guide_path in entries and R.dc_self_assessment_path in entries
    # the other pages are not in the navigation (its weight is on every page): the overview links them all
    steps = [s["id"] for s in yaml.safe_load((ROOT / "data" / "vocab" / "dc_steps.yaml").read_text(encoding="utf-8"))]
    pages = [R.dc_self_assessment_path, R.dc_recommendations_path, R.dc_agreement_path, R.dc_concepts_path,
             *(R.dc_step_path(s) for s in steps)]
    overview = Page(built_site / _html(R.dc_guide_path))
    targets = {(built_site / _html(R.dc_guide_path)).parent.joinpath(h.split("#")[0]).resolve() for h in overview.links}
    for path in pages:
        assert (built_site / _html(path)).parent.resolve() in targets, path
    index = Page(built_site / "guidelines" / "index.html")
    assert any("decentralised-cooperation" in h for h in index.links)
