"""The broken-input corpus: every kind of mistake is rejected with the message a contributor can act on.

Each file in tests/broken/ holds one mistake and, in its header, the exact
lines the validator must print (`# expect: ...`).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import record_ids
from practices.cli import main
from practices.validate import check
from practices.vocabulary import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))


def expected_lines(path: Path) -> list[str]:
    return [line.removeprefix("# expect: ") for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


def test_corpus_covers_at_least_twelve_kinds_of_mistake():
    assert len(BROKEN) >= 12


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_input_is_rejected_with_its_message(path, monkeypatch, capsys):
    expected = expected_lines(path)
    assert expected, f"{path.name} declares no expected message"
    monkeypatch.chdir(ROOT)
    _, _, problems = check(path.relative_to(ROOT), vocab_dir=Path("data/vocab"))
    assert sorted(str(p) for p in problems) == sorted(expected)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_every_message_names_file_line_record_and_fix(path):
    for line in expected_lines(path):
        file_part, line_number, rest = line.split(":", 2)
        assert file_part == f"tests/broken/{path.name}"
        assert int(line_number) > 0
        assert rest.strip() and rest.rstrip().endswith(")"), "the message must end with how to fix it"


def test_real_library_is_valid():
    records, _, problems = check(ROOT / "data" / "practices.yaml")
    assert [str(p) for p in problems] == []
    assert [r["id"] for r in records] == record_ids()


def test_cli_exits_1_and_prints_messages_for_broken_file(tmp_path):
    broken = ROOT / "tests" / "broken" / "duplicate-id.yaml"
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    target = tmp_path / "practices.yaml"
    target.write_text(broken.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "practices.cli", "validate", "practices.yaml"],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "GITHUB_ACTIONS": "false"})
    assert result.returncode == 1
    assert result.stdout.strip() == expected_lines(broken)[0].replace("tests/broken/duplicate-id.yaml", "practices.yaml")
    assert "1 problem found" in result.stderr


def test_cli_exits_0_on_valid_data(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    assert "all valid" in capsys.readouterr().out


def test_cli_prints_github_annotations_in_github_actions(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "tests/broken/unknown-theme.yaml", "--vocab", "data/vocab"]) == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith("::error file=tests/broken/unknown-theme.yaml,line=11,")
    assert 'themes #1 "social-inclusoin" is not a known theme' in out


# -- files that hold no records ------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank-lines", "comment"])
def test_a_file_without_records_is_an_error(tmp_path, text):
    path = tmp_path / "practices.yaml"
    path.write_text(text, encoding="utf-8")
    _, _, problems = check(path, display="practices.yaml", vocab_dir=ROOT / "data" / "vocab")
    assert [str(p) for p in problems] == [
        "practices.yaml:1: file: holds no records: it is empty or only comments "
        "(add the records; start each record with '- id:' at the beginning of a line)"]


def test_cli_does_not_call_an_empty_file_valid(tmp_path, monkeypatch, capsys):
    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    (tmp_path / "practices.yaml").write_text("[]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "practices.yaml"]) == 1
    assert "all valid" not in capsys.readouterr().out


def test_an_empty_vocabulary_is_an_error(tmp_path):
    vocab = tmp_path / "vocab"
    shutil.copytree(ROOT / "data" / "vocab", vocab)
    (vocab / "themes.yaml").write_text("# no themes yet\n", encoding="utf-8")
    _, problems = load_vocabularies(vocab, "data/vocab")
    assert [str(p) for p in problems] == [
        "data/vocab/themes.yaml:1: file: holds no entries: it is empty or only comments "
        "(add the entries; start each entry with '- id:' at the beginning of a line)"]


# -- hostile input: refused within seconds, in a process that cannot take the machine's memory --

LAUGHS = [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 10)]
HOSTILE = {
    # nine lines that stand for a billion strings
    "billion-laughs": ('- id: a\n  x: &l0 "lol"\n' + "".join("  " + line for line in LAUGHS),
                       "uses a YAML anchor and alias"),
    # the C parser recurses once per level and crashes long before this depth
    "deep-flow": ("- id: a\n  x: " + "[" * 200_000 + "]" * 200_000 + "\n", "more than 32 levels deep"),
    "deep-block": ("- id: a\n  x:\n" + "    " + "- " * 200_000 + "x\n", "more than 32 levels deep"),
}


def _run_limited(tmp_path, timeout=30):
    """`practices validate` in a child process with 2 GB of address space and a time bound."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    (tmp_path / "vocab").symlink_to(ROOT / "data" / "vocab")
    return subprocess.run([sys.executable, "-m", "practices.cli", "validate", "practices.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=timeout, preexec_fn=limit,
                          env={**os.environ, "GITHUB_ACTIONS": "false"})


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_is_refused_quickly(tmp_path, name):
    text, message = HOSTILE[name]
    (tmp_path / "practices.yaml").write_text(text, encoding="utf-8")
    result = _run_limited(tmp_path)  # takes well under a second; before the guards, forever or a crash
    assert result.returncode == 1, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("practices.yaml:") and message in lines[0]
    assert lines[0].endswith(")"), "the message says how to fix it"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    from practices.yamlload import MAX_BYTES
    path = tmp_path / "practices.yaml"
    with path.open("wb") as out:
        out.write(b"- id: a\n  title: ")
        out.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    result = _run_limited(tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stdout.strip() == (
        f"practices.yaml:1: file: is {(MAX_BYTES + 1) / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB "
        "a library file may be (check that this is the right file; a library file holds only the records, as text)")
