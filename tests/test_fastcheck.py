"""The fast pass may only ever say "valid" where the full check says so, with the same records.

practices.fastcheck reads the file with another parser (rapidyaml) and checks a
compiled copy of the schema. Each test here writes a file, checks it with and
without the fast pass, and requires the same problems and the same records; a
second assertion makes sure the fast pass really vouched where it should, so the
comparison is not empty.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from practices import fastcheck
from practices.validate import check, practice_schema
from practices.vocabulary import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "data" / "vocab"
# A valid record: the yes/no trap of the broken corpus, with a country the vocabulary knows.
BASE = (ROOT / "tests" / "broken" / "yes-no-trap.yaml").read_text(encoding="utf-8").replace(
    "country: NO", "country: CR")
TITLE = "  title: A Sample Practice for Testing\n"


@pytest.fixture(autouse=True)
def fast_pass_for_small_files(monkeypatch):
    """The fast pass stands aside below 1 MB; these tests hold it to its promise on small files."""
    monkeypatch.setattr(fastcheck, "FAST_FROM_BYTES", 0)


def plain(value):
    """The loaders' values as plain Python: the full check's carry line numbers and date marks."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def both(tmp_path: Path, text: str | bytes) -> tuple[tuple, tuple, bool]:
    path = tmp_path / "practices.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    fast = check(path, vocab_dir=VOCAB)
    full = check(path, vocab_dir=VOCAB, fast=False)
    vocab, _ = load_vocabularies(VOCAB, "vocab")
    vouched = fastcheck.load_if_valid(path.read_bytes(), practice_schema(), vocab) is not None
    return fast, full, vouched


def assert_same(fast: tuple, full: tuple) -> None:
    assert [str(p) for p in fast[2]] == [str(p) for p in full[2]]
    assert plain(fast[0]) == plain(full[0])


# Values YAML 1.1 (PyYAML) and YAML 1.2 parsers read differently, and YAML features the fast
# pass leaves to the full check. In a text field each is a problem or a trap.
TRICKY_TITLES = [
    "yes", "No", "ON", "off", "~", "null", "Null", "012", "0x1F", "0o12", "0b101", "1_000", "3:20",
    ".inf", "-.inf", ".NaN", "1e3", "1.5", "5.", "+12", "-0", "12", "=", "2016-03-01",
    "2016-03-01 10:00:00", "!!str 12", "!!int 12", "*alias", "[a, b]", "{a: b}", "",
    # escapes that spell what the text rules look for, absent from the file as written
    '"\\u0054ODO later"', '"\\x21[map](x.png)"', '"[a](\\x6Aavascript:alert(1))"',
]


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_tricky_plain_values_give_the_same_result(tmp_path, title):
    fast, full, _ = both(tmp_path, BASE.replace(TITLE, f"  title: {title}\n"))
    assert_same(fast, full)  # mostly problems; 0o12, 1e3 and !!str 12 are text to PyYAML


# Written differently, read the same: the fast pass must vouch for these, and agree.
SAME_TITLES = [
    '"2016-03-01"', "'yes'", '"12"', '"1.5"', "'It''s quoted'", '"Escapes: \\u00e9, \\x41, \\"q\\" and \\\\"',
    "A title # with a comment", "'*not an alias'", "&anchor Anchored Title",
    ">-\n    Folded over\n    two lines", "|-\n    Kept\n    on two lines", '"Quoted over\n    two lines"',
    "A plain title\n    over two lines", "Ünïcödé — title with non-ASCII letters",
]


@pytest.mark.parametrize("title", SAME_TITLES)
def test_values_written_another_way_are_vouched_for_and_read_alike(tmp_path, title):
    fast, full, vouched = both(tmp_path, BASE.replace(TITLE, f"  title: {title}\n"))
    assert not full[2], [str(p) for p in full[2]]
    assert vouched, f"the fast pass should vouch for the title {title!r}"
    assert_same(fast, full)


@pytest.mark.parametrize("change", [
    ("  last_reviewed: 2026-11-22\n", "  last_reviewed: '2026-11-22'\n"),
    ("  last_reviewed: 2026-11-22\n", "  last_reviewed: 2026-02-31\n"),
    ("  last_reviewed: 2026-11-22\n", "  last_reviewed: 2026-11-22 10:00:00\n"),
    ("    - {module: core, topic: 4}\n", "    - {module: core, topic: !!str 4}\n"),
    ("    - {module: core, topic: 4}\n", "    - {module: core, topic: 04}\n"),
    ("    - {module: core, topic: 4}\n", "    - {module: core, topic: 4.0}\n"),
    ("    - {module: core, topic: 4}\n", "    - {module: core, topic: 99}\n"),
    ('  keywords: [Migration, Services]\n', '  keywords: [Migration, yes]\n'),
    ('  keywords: [Migration, Services]\n', '  keywords: [Migration, "yes"]\n'),
    ('  keywords: [Migration, Services]\n', '  keywords: [Migration, 1.5]\n'),
    ('  sdg_targets: ["10.7"]\n', '  sdg_targets: [10.7]\n'),
    ("  related: []\n", "  related: []\n  title: Twice\n"),
    ("  related: []\n", "  related: []\n  <<: {period: '2000'}\n"),
    ("  summary: >-\n", "  summary: &s >-\n"),
    ("  context: The municipality receives many cross-border workers.\n", "  context: *s\n"),
    ("- id: sample-practice\n", "---\n- id: sample-practice\n"),
    ("- id: sample-practice\n", "%YAML 1.1\n---\n- id: sample-practice\n"),
    ("  period: \"2014-2016\"\n", "  period: \"2014-2016\"\n...\n"),
    ("  period: \"2014-2016\"\n", "\tperiod: \"2014-2016\"\n"),
    ("  title: A Sample Practice for Testing\n", '  title: "A title\n- id: split-inside-quotes"\n'),
])
def test_other_tricky_files_give_the_same_result(tmp_path, change):
    old, new = change
    assert old in BASE
    fast, full, _ = both(tmp_path, BASE.replace(old, new))
    assert_same(fast, full)


def test_line_endings_and_byte_order_mark_give_the_same_result(tmp_path):
    for text in (BASE.replace("\n", "\r\n"), "\ufeff" + BASE):
        assert_same(*both(tmp_path, text)[:2])


def test_the_real_library_is_vouched_for_in_parts_and_read_alike(tmp_path):
    data = (ROOT / "data" / "practices.yaml").read_bytes()
    assert len(fastcheck._parts(data, 4)) == 4
    (tmp_path / "practices.yaml").write_bytes(data)
    fast, full, vouched = both(tmp_path, data)
    assert vouched and not full[2]
    assert_same(fast, full)


def test_broken_corpus_gives_the_same_problems_with_and_without_the_fast_pass():
    for path in sorted((ROOT / "tests" / "broken").glob("*.yaml")):
        fast = check(path, vocab_dir=VOCAB)
        full = check(path, vocab_dir=VOCAB, fast=False)
        assert [str(p) for p in fast[2]] == [str(p) for p in full[2]], path.name


def test_unreadable_yaml_prints_only_our_message(tmp_path):
    path = tmp_path / "practices.yaml"
    path.write_text(BASE.replace(TITLE, '  title: "never closed\n'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "practices.cli", "validate", str(path), "--vocab", str(VOCAB)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "cannot be read as YAML" in result.stdout + result.stderr
    assert "ERROR" not in result.stdout + result.stderr  # rapidyaml's own report stays in its worker


def test_small_files_take_the_full_check_only(monkeypatch):
    monkeypatch.setattr(fastcheck, "FAST_FROM_BYTES", 1_000_000)
    vocab, _ = load_vocabularies(VOCAB, "vocab")
    data = (ROOT / "data" / "practices.yaml").read_bytes()
    assert len(data) < 1_000_000
    assert fastcheck.load_if_valid(data, practice_schema(), vocab) is None
