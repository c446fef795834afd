"""The broken-input corpus: every kind of mistake is rejected with the message a contributor can act on.

Each file in tests/broken/ holds one mistake and, in its header, the exact
lines the validator must print (`# expect: ...`).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from practices.cli import main
from practices.validate import check

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
    assert len(records) >= 7


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
