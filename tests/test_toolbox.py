"""My JMDI Toolbox: the vocabulary, every reference resolving, the module and topic pages, the facet,
the links of case pages, the content slot, and vocabulary text kept inert."""
from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import yaml
from jinja2 import ChoiceLoader, DictLoader

from conftest import PAYLOAD, ROOT, crafted
from htmlcheck import Page
from practices.library import Library, toolbox_value
from practices.render import ALL_PRACTICES, PAGE_SIZE, TRAINING_CONTENT, PageRenderer
from practices.vocabulary import load_vocabularies


@pytest.fixture(scope="module")
def pages(library):
    return {p.path: p.content for p in PageRenderer(library).pages()}


def links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", markdown)


def references(library):
    for practice in library.practices:
        for reference in practice.get("toolbox", []):
            yield practice, reference


# -- the vocabulary ------------------------------------------------------------------------

def test_every_reference_names_a_module_and_topic_of_the_vocabulary(library):
    found = list(references(library))
    assert found
    for practice, reference in found:
        module = library.vocab.toolbox[reference["module"]]
        if "topic" in reference:
            assert reference["topic"] in [t["number"] for t in module["topics"]], (practice.id, reference)


def test_every_module_has_a_name_its_label_starts_with_and_topics_in_order(library):
    for module_id, module in library.vocab.toolbox.items():
        assert module["label"].startswith(module["name"] + ":"), module_id
        numbers = [t["number"] for t in module["topics"]]
        assert numbers == sorted(set(numbers)), module_id


def _vocab_with_toolbox(tmp_path, text: str):
    vocab_dir = tmp_path / "vocab"
    shutil.copytree(ROOT / "data" / "vocab", vocab_dir)
    (vocab_dir / "toolbox.yaml").write_text(text, encoding="utf-8")
    return load_vocabularies(vocab_dir, "data/vocab")


def test_a_topic_listed_twice_in_a_module_is_an_error(tmp_path):
    text = "- id: core\n  name: Core Module\n  label: 'Core Module: x'\n  topics:\n    - number: 1\n      title: a\n    - number: 1\n      title: b\n"
    _, problems = _vocab_with_toolbox(tmp_path, text)
    assert [str(p) for p in problems] == [
        "data/vocab/toolbox.yaml:7: core: topics topic 1 is listed twice (list each topic of the module once, under its own number)"]


def test_a_module_publication_must_be_a_known_publication(tmp_path, library):
    text = "- id: core\n  name: Core Module\n  label: 'Core Module: x'\n  publication: nope\n  topics: []\n"
    _, problems = _vocab_with_toolbox(tmp_path, text)
    assert [str(p) for p in problems] == [
        f'data/vocab/toolbox.yaml:4: core: publication "nope" is not a known publication (use one of: '
        f"{', '.join(library.vocab.publications)}; or leave the line out if the library does not hold the module's text)"]


def test_a_module_without_a_name_is_an_error_that_says_where(tmp_path):
    _, problems = _vocab_with_toolbox(tmp_path, "- id: core\n  label: 'Core Module: x'\n  topics: []\n")
    assert len(problems) == 1 and str(problems[0]).startswith("data/vocab/toolbox.yaml:1: core:")
    assert "name" in str(problems[0])


def test_a_topic_named_by_number_only_is_valid_and_shows_its_number(tmp_path, library):
    text = "- id: core\n  name: Core Module\n  label: 'Core Module: x'\n  topics:\n    - number: 2\n"
    vocab, problems = _vocab_with_toolbox(tmp_path, text)
    assert problems == []
    lib = Library([], vocab)
    assert lib.facet_labels("toolbox") == {"core": "Core Module (the whole module)", "core/2": "Core Module, Topic 2"}
    page = {p.path: p.content for p in PageRenderer(lib).toolbox_pages()}["training/core/topic-2/index.md"]
    assert re.search(r"\n# Topic 2 \{[^}]*\}\n", page) and "by its number only" in page


# -- the facet -----------------------------------------------------------------------------

def test_the_toolbox_facet_selects_the_practices_that_cite_a_topic_or_module(library):
    for module_id, module in library.vocab.toolbox.items():
        for topic in module["topics"]:
            value = toolbox_value(module_id, topic["number"])
            expected = [p.id for p, r in references(library) if r["module"] == module_id and r.get("topic") == topic["number"]]
            assert [p.id for p in library.select(toolbox=value)] == expected, value
        whole = [p.id for p, r in references(library) if r["module"] == module_id and "topic" not in r]
        assert [p.id for p in library.select(toolbox=module_id)] == whole, module_id


def test_the_facet_values_read_module_slash_topic_and_are_labelled_from_the_vocabulary(library):
    labels = library.facet_labels("toolbox")
    module = library.vocab.toolbox["module-2"]
    topic = module["topics"][0]
    assert toolbox_value("module-2", topic["number"]) == f"module-2/{topic['number']}"
    assert labels[f"module-2/{topic['number']}"] == f"{module['name']}, Topic {topic['number']}: {topic['title']}"
    assert labels["module-2"] == f"{module['name']} (the whole module)"
    with pytest.raises(ValueError, match="unknown my jmdi toolbox topic module-2/99"):
        library.select(toolbox="module-2/99")


def test_the_filter_panel_and_card_index_carry_the_toolbox_facet(library):
    site = PageRenderer(library)
    facet = next(f for f in site.filters(library.practices) if f["name"] == "toolbox")
    labels = library.facet_labels("toolbox")
    assert all(v["label"] == labels[v["value"]] for v in facet["values"])
    import json
    index = json.loads(site.card_index())
    n = index["facets"].index("toolbox")
    for card, practice in zip(index["cards"], library.practices):
        assert [index["values"][n][i] for i in card["f"][n]] == practice.facets["toolbox"]


def test_a_macro_selects_by_topic_and_links_to_the_filtered_list(library):
    first = crafted(library, {}).practices[0].record
    records = [{**first, "id": f"p{n}", "toolbox": [{"module": "module-2", "topic": 1}] if n < 22 else []} for n in range(23)]
    lib = Library(records, library.vocab)
    html = PageRenderer(lib).cards(lib.select(toolbox="module-2/1"), "../", {"toolbox": "module-2/1"})
    assert html.count('class="gpl-card"') == 20
    assert 'href="../cases/?toolbox=module-2%2F1"' in html


# -- the pages -----------------------------------------------------------------------------

def test_a_page_per_module_and_topic_at_the_one_address_scheme(library, pages):
    for module_id, module in library.vocab.toolbox.items():
        assert PageRenderer.module_path(module_id) == f"training/{module_id}/index.md" in pages
        for topic in module["topics"]:
            assert PageRenderer.topic_path(module_id, topic["number"]) == f"training/{module_id}/topic-{topic['number']}/index.md" in pages


def test_a_topic_page_names_its_module_and_topic_and_lists_the_practices_citing_it(library, pages):
    for module_id, module in library.vocab.toolbox.items():
        for topic in module["topics"]:
            page = pages[PageRenderer.topic_path(module_id, topic["number"])]
            assert module["label"].replace("&", "&amp;") in page
            assert f"# Topic {topic['number']}" in page
            if topic.get("title"):
                assert topic["title"].replace("&", "&amp;").replace("'", "&#39;") in page or topic["title"].replace("&", "&amp;") in page
            cited = {p.id for p in library.select(toolbox=toolbox_value(module_id, topic["number"]))}
            assert set(re.findall(r'data-practice="([^"]+)"', page)) == cited
            assert "../../../training/" + module_id + "/index.md" in links(page)


def test_a_module_page_lists_its_topics_and_every_practice_citing_any_part_of_it(library, pages):
    for module_id, module in library.vocab.toolbox.items():
        page = pages[PageRenderer.module_path(module_id)]
        for topic in module["topics"]:
            assert f"../../training/{module_id}/topic-{topic['number']}/index.md" in links(page)
        cited = list(dict.fromkeys(p.id for p in library.practices for r in p.get("toolbox", [])
                                   if r["module"] == module_id))
        # a page of cards at most, then a link to the filtered list of all of them
        assert set(re.findall(r'data-practice="([^"]+)"', page)) == set(cited[:PAGE_SIZE])
        held = "The library holds its text" in page
        assert held == bool(module.get("publication")), module_id


def test_case_pages_link_every_toolbox_reference_to_its_page(library, pages):
    for practice, reference in references(library):
        page = pages[PageRenderer.case_path(practice.id)]
        target = PageRenderer.toolbox_path(reference)
        assert target in pages
        assert "../../" + target in links(page.split("## In the My JMDI Toolbox")[1].split("\n## ")[0]), (practice.id, reference)
        # the module too, once, for a reference to a topic
        assert "../../" + PageRenderer.module_path(reference["module"]) in links(page)


def test_the_content_slot_takes_a_module_s_own_template(library):
    site = PageRenderer(library)
    slot = {TRAINING_CONTENT.format(module="module-2", page="topic-1"): "## Learning objectives\n\n{{ topic.title }} for {{ practices | length }}.\n\n",
            TRAINING_CONTENT.format(module="module-2", page="index"): "## About the module\n\n{{ module.name }}.\n\n"}
    site.md.loader = ChoiceLoader([DictLoader(slot), site.md.loader])
    pages = {p.path: p.content for p in site.toolbox_pages()}
    topic = library.vocab.toolbox["module-2"]["topics"][0]
    cited = len(library.select(toolbox=toolbox_value("module-2", 1)))
    page = pages[PageRenderer.topic_path("module-2", 1)]
    expected = f"## Learning objectives\n\n{topic['title'].replace('&', '&amp;')} for {cited}.\n\n"
    assert expected in page
    assert page.index("## Learning objectives") < page.index("## Practices that point to this topic")
    module_page = pages[PageRenderer.module_path("module-2")]
    assert module_page.index("## About the module") < module_page.index("## Topics")
    # a module without a template of its own has no slot content
    assert "Learning objectives" not in pages[PageRenderer.topic_path("module-3", 1)]


def test_the_training_index_lists_every_module_and_topic_with_links(library):
    index = PageRenderer(library).toolbox_index("../")
    for module_id, module in library.vocab.toolbox.items():
        assert f"../training/{module_id}/index.md" in links(index)
        for topic in module["topics"]:
            assert f"../training/{module_id}/topic-{topic['number']}/index.md" in links(index)


# -- vocabulary text stays text ------------------------------------------------------------

def test_vocabulary_text_is_escaped_on_every_toolbox_page(library):
    toolbox = {}
    for module_id, module in library.vocab.toolbox.items():
        toolbox[module_id] = {**module, "name": f"{PAYLOAD} n", "label": f"{PAYLOAD} label",
                              "topics": [{**t, "title": f"{PAYLOAD} title"} for t in module["topics"]]}
    vocab = dataclasses.replace(library.vocab, toolbox=toolbox)
    lib = Library([p.record for p in library.practices], vocab)
    site = PageRenderer(lib)
    rendered = [p.content for p in site.toolbox_pages()]
    rendered += [site.toolbox_index("../")]
    rendered += [p.content for p in site.pages() if p.path.startswith("cases/") and "/page/" not in p.path][:5]
    for text in rendered:
        assert "<script>" not in text and "<img" not in text and "{{" not in text and "{%" not in text and "{:" not in text
    assert any("&lt;script&gt;" in text for text in rendered)


# -- the built site ------------------------------------------------------------------------

def test_built_case_pages_link_toolbox_references_to_existing_pages(built_site, library):
    checked = 0
    for practice, reference in references(library):
        page_file = built_site / "cases" / practice.id / "index.html"
        page = Page(page_file)
        target = PageRenderer.url(PageRenderer.toolbox_path(reference))
        href = "../../" + target
        assert href in page.links, (practice.id, href)
        assert (built_site / target / "index.html").is_file(), target
        checked += 1
    assert checked


def test_a_topic_page_links_to_the_list_of_every_practice_filtered_to_the_topic(library, pages):
    for module_id, module in library.vocab.toolbox.items():
        for topic in module["topics"]:
            page = pages[PageRenderer.topic_path(module_id, topic["number"])]
            if library.select(toolbox=toolbox_value(module_id, topic["number"])):
                assert f"../../../cases/?toolbox={module_id}%2F{topic['number']}" in links(page)


def test_built_topic_pages_carry_their_title_as_heading_and_page_title(built_site, library):
    for module_id, module in library.vocab.toolbox.items():
        for topic in module["topics"]:
            html = (built_site / PageRenderer.url(PageRenderer.topic_path(module_id, topic["number"])) / "index.html").read_text(encoding="utf-8")
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
            assert re.sub(r"<[^>]+>|¶|&para;", "", heading).strip().startswith(f"Topic {topic['number']}"), (module_id, heading)
