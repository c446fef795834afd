"""The `practices` command: validate the library data (and, later, scaffold records)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .validate import check

DEFAULT_FILE = Path("data/practices.yaml")


def validate(args: argparse.Namespace) -> int:
    records, _, problems = check(args.path, vocab_dir=args.vocab)
    github = args.format == "github" or (args.format == "auto" and os.environ.get("GITHUB_ACTIONS") == "true")
    for problem in sorted(problems, key=lambda p: (p.file, p.line)):
        print(problem.github_annotation() if github else problem)
    if problems:
        count = len(problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found. Fix each line named above, "
              "then run `practices validate` again.", file=sys.stderr)
        return 1
    print(f"{args.path}: {len(records)} practices, all valid.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="practices", description="Work with the Good Practice Library data.")
    commands = parser.add_subparsers(dest="command", required=True)
    v = commands.add_parser("validate", help="check data/practices.yaml and the vocabularies beside it")
    v.add_argument("path", nargs="?", type=Path, default=DEFAULT_FILE, help="the practices file (default: %(default)s)")
    v.add_argument("--vocab", type=Path, default=None,
                   help="the folder of the vocabularies (default: vocab/ beside the practices file)")
    v.add_argument("--format", choices=["auto", "text", "github"], default="auto",
                   help="github prints GitHub Actions annotations (auto: when GITHUB_ACTIONS=true)")
    v.set_defaults(run=validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
