"""The schema reference page: generated from the schema, complete, and inert to record text."""
from __future__ import annotations

import re

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from practices.library import load_library
from practices.render import PageRenderer
from practices.schema_reference import render_schema_reference
from practices.schemafields import conditions, record_fields, resolve, walk
from practices.validate import practice_schema


@pytest.fixture(scope="module")
def reference(library) -> str:
    return render_schema_reference(PageRenderer(library))


def all_fields():
    return list(walk(record_fields(practice_schema())))


def test_every_schema_property_has_a_section(reference):
    names = [f.path for f in all_fields()]
    assert len(names) > 20  # nested fields too: location: territory, actors: name, ...
    for path in names:
        assert f"`{': '.join(path)}` {{ #field-{'-'.join(path).replace('_', '-')} }}" in reference, path


def test_every_schema_property_is_on_the_built_page(built_site):
    page = (built_site / "contribute" / "schema" / "index.html").read_text(encoding="utf-8")
    for f in all_fields():
        assert f'id="field-{"-".join(f.path).replace("_", "-")}"' in page, f.path


def test_every_theme_appears_with_its_label(reference, library):
    for theme_id, theme in library.vocab.themes.items():
        assert f"- `{theme_id}`: {theme['label']}" in reference


def test_descriptions_and_fixes_come_from_the_schema(reference):
    generic = practice_schema()["$defs"]["text"]["x-fix"]
    for f in all_fields():
        if f.schema.get("description"):
            assert f.schema["description"].replace("<", "&lt;") in reference, f.path
        fix = f.schema.get("x-fix") or f.items.get("x-fix")
        if fix and fix != generic:
            assert f"**How to write it:** {fix}" in reference, f.path


def test_conditional_requirements_are_stated(reference):
    schema = practice_schema()
    found = conditions(resolve(schema["items"], schema))
    assert found, "the schema has if/then requirements"
    for when, names in found:
        (key, value), = when.items()
        line = next(line for line in reference.splitlines() if line.startswith(f"When `{key}` is `{value}`"))
        for name in names:
            assert f"`{name}`" in line
            # the field's row names every condition that requires it (location: two kinds)
            row = next(r for r in reference.splitlines() if r.startswith(f"| [`{name}`]"))
            assert re.search(rf"\| when (.+ or )?{key} is {re.escape(str(value))}( or .+)?; optional otherwise \|$", row), row


def test_required_fields_say_yes(reference):
    for name in practice_schema()["$defs"]["practice"]["required"]:
        assert f"| [`{name}`](#field-{name.replace('_', '-')}) |" in reference
        row = next(line for line in reference.splitlines() if line.startswith(f"| [`{name}`]"))
        assert row.endswith("| yes |")


def test_vocabulary_text_is_escaped(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    themes = tmp_path / "data" / "vocab" / "themes.yaml"
    text = themes.read_text(encoding="utf-8").replace(
        "label: Social inclusion", 'label: "Social <script>alert(1)</script> inclusion {{ config }}"', 1)
    themes.write_text(text, encoding="utf-8")
    reference = render_schema_reference(PageRenderer(load_library(tmp_path / "data" / "practices.yaml")))
    assert "<script>" not in reference and "{{" not in reference
    assert "Social &lt;script>alert(1)&lt;/script> inclusion &#123;&#123; config &#125;&#125;" in reference


def test_issue_form_offers_exactly_the_themes(library):
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-a-case.yml").read_text(encoding="utf-8"))
    dropdown = next(item for item in form["body"] if item.get("id") == "themes")
    assert dropdown["attributes"]["options"] == [f"{k}: {t['label']}" for k, t in library.vocab.themes.items()]


@pytest.mark.parametrize("workflow", sorted((ROOT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflows_run_only_the_project_commands(workflow: Path):
    steps = [s for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
             for s in job["steps"]]
    commands = [s["run"].strip() for s in steps if "run" in s]
    assert commands and set(commands) <= {"make validate", "make build", "bash .ci/run"}
