"""The `practices` command: validate the library data, start new records, write the generated pages
and index a built site for search."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .library import PRACTICES_FILE as DEFAULT_FILE
from .validate import PLACEHOLDER, check


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


def vocab(args: argparse.Namespace) -> int:
    from . import vocab_sources

    target = args.dir / f"{args.name}.yaml"
    try:
        if args.name == "countries":
            text = vocab_sources.countries_yaml(target)
        elif args.goals and args.targets:
            text = vocab_sources.sdgs_yaml(args.goals, args.targets)
        else:
            print("practices vocab sdgs: give --goals and --targets (Open SDG's files)", file=sys.stderr)
            return 2
    except ImportError as error:
        print(f"practices vocab: {error.name} is not installed (see practices/vocab_sources.py)", file=sys.stderr)
        return 2
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}.")
    return 0


def new(args: argparse.Namespace) -> int:
    from .scaffold import Answers, ScaffoldError, new_record
    from .vocabulary import load_vocabularies

    path: Path = args.file
    if not path.exists():
        print(f"practices new: {path} does not exist (run the command from the project folder, "
              "or give the practices file with --file)", file=sys.stderr)
        return 2
    vocab, problems = load_vocabularies(path.parent / "vocab", str(path.parent / "vocab"))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("practices new: fix the vocabularies first", file=sys.stderr)
        return 1
    answers = Answers(title=args.title, territory=args.territory, country=args.country, level=args.level,
                      themes=args.theme or [], kind=args.kind, publication=args.publication,
                      pages=args.pages, id=args.id)
    try:
        ident, line, text = new_record(path, answers, vocab, interactive=not args.yes)
    except ScaffoldError as error:
        print(f"practices new: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\npractices new: stopped; nothing was written.", file=sys.stderr)
        return 1
    todo = text.count(PLACEHOLDER)
    print(f"\nAdded the record {ident} to {path}, at line {line}.")
    if todo:
        print(f"Replace each of its {todo} {PLACEHOLDER}s with what the source says, in your own words, "
              "then run `practices validate`: it names every field still to fill, with its line.")
    return 0


def generate(args: argparse.Namespace) -> int:
    from .generate import GenerateError, LibraryError, write_pages

    try:
        written = write_pages(args.directory, args.project, docs_dir=args.docs)
    except LibraryError as error:
        print(error, file=sys.stderr)
        return 1
    except GenerateError as error:
        print(f"practices generate: {error}", file=sys.stderr)
        return 2
    print(f"{args.directory}: {len(written)} generated pages written"
          + (f" beside the pages of {args.docs}" if args.docs else "") + ".")
    return 0


def index(args: argparse.Namespace) -> int:
    from .search import ROOT_SELECTOR, SearchIndexError, index_site

    try:
        index_site(args.site, root_selector=args.root_selector or ROOT_SELECTOR)
    except SearchIndexError as error:
        print(f"practices index: {error}", file=sys.stderr)
        return 1
    print(f"{args.site}: search index written to {args.site / 'pagefind'}.")
    return 0


def offline_zip(args: argparse.Namespace) -> int:
    from .offline import FOLDER, ZIP, download, offline_site, write_zip

    try:
        write_zip(offline_site(args.project), args.project / ZIP)
    except FileNotFoundError as error:
        print(f"practices offline-zip: {error}", file=sys.stderr)
        return 1
    print(f"{ZIP}: the offline edition, {download(args.project).size_text} (unzip, then open {FOLDER}/index.html).")
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
    n = commands.add_parser(
        "new", help="start a new practice record at the end of data/practices.yaml",
        description="Start a new practice record: asks for the values it needs (or takes them as options), "
                    "writes TODO in every other field, and appends the record to the end of the practices file. "
                    "Nothing already in the file is changed.")
    n.add_argument("--title", help="the title as the source publication prints it")
    n.add_argument("--territory", help="the place as the publication names it, e.g. 'Municipality of Upala'")
    n.add_argument("--country", help="the two-letter country code, e.g. CR (see data/vocab/countries.yaml)")
    n.add_argument("--level", help="the level of government, e.g. municipal (see data/vocab/levels.yaml)")
    n.add_argument("--theme", action="append", metavar="THEME",
                   help="a theme id, e.g. social-inclusion; repeat the option for more themes, the primary one first")
    n.add_argument("--kind", help="the kind of record (default: success-story; see data/vocab/kinds.yaml)")
    n.add_argument("--publication", help="the source publication id, e.g. success-stories")
    n.add_argument("--pages", help="the pages of the source, e.g. 19-24")
    n.add_argument("--id", help="the record's id (default: made from the place and the title)")
    n.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the practices file (default: %(default)s)")
    n.add_argument("--yes", action="store_true",
                   help="ask nothing: write TODO for every value not given as an option")
    n.set_defaults(run=new)
    w = commands.add_parser(
        "vocab", help="rewrite data/vocab/countries.yaml or sdgs.yaml from their sources",
        description="Rewrite a vocabulary from its well-kept source (see practices/vocab_sources.py for "
                    "what to install). Countries keep the names and slugs already in the file.")
    w.add_argument("name", choices=["countries", "sdgs"])
    w.add_argument("--dir", type=Path, default=DEFAULT_FILE.parent / "vocab", help="default: %(default)s")
    w.add_argument("--goals", type=Path, help="sdgs: Open SDG's translations/en/global_goals.yml")
    w.add_argument("--targets", type=Path, help="sdgs: Open SDG's translations/en/global_targets.yml")
    w.set_defaults(run=vocab)
    g = commands.add_parser(
        "generate", help="write every generated page (cases, themes, countries, SDGs, checklists) as Markdown",
        description="Write every generated page as a Markdown file into DIRECTORY, for a site engine that "
                    "runs no MkDocs hooks. The data is validated first; DIRECTORY is emptied first "
                    "(only if this command filled it before).")
    g.add_argument("directory", type=Path, help="where to write the pages, e.g. build/docs")
    g.add_argument("--docs", type=Path, default=None,
                   help="copy this folder of hand-written pages (e.g. docs) into DIRECTORY first, "
                        "so that DIRECTORY is a whole docs folder")
    g.add_argument("--project", type=Path, default=Path("."),
                   help="the project folder, whose data/ is read (default: the current folder)")
    g.set_defaults(run=generate)
    i = commands.add_parser("index", help="index a built site for search (Pagefind)",
                            description="Write the Pagefind search index into SITE/pagefind/.")
    i.add_argument("site", type=Path, help="the built site, e.g. site")
    i.add_argument("--root-selector", default=None,
                   help="the CSS selector of each page's own content (default: the theme's article)")
    i.set_defaults(run=index)
    z = commands.add_parser("offline-zip", help="pack the built offline edition into its ZIP file",
                            description="Pack the offline edition that `mkdocs build -f mkdocs-offline.yml` built "
                                        "into the ZIP file the site offers (`make offline` runs both).")
    z.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: the current folder)")
    z.set_defaults(run=offline_zip)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
