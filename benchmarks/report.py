"""The results: report.md, results.csv and build-time.svg, and the summary printed at the end of a run."""
from __future__ import annotations

import csv
from pathlib import Path

import build_time
import page_weight
import search_payload
import validation_time
from common import PAGEFIND_ROOT

BUILD_COLUMNS = build_time.COLUMNS + validation_time.COLUMNS
PAGE_COLUMNS = page_weight.COLUMNS
SEARCH_COLUMNS = search_payload.COLUMNS


def fmt(value, digits=1) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def label_of(row: dict) -> str:
    return f"{row['n']:,} (real)" if row["library"] == "real" else f"{row['n']:,}"


def table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    head = "| N | " + " | ".join(c[0] for c in columns) + " |"
    rule = "|---:|" + "---:|" * len(columns)
    body = ["| " + label_of(r) + " | " + " | ".join(fmt(r.get(key), d) for _, key, d in columns) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def svg_plot(rows: list[dict]) -> str:
    """Build time against N for both sites, and validation time: a hand-written SVG."""
    data = sorted((r for r in rows if r["library"] == "synthetic"), key=lambda r: r["n"])
    width, height, left, right, top, bottom = 720, 440, 70, 170, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    max_n = max((r["n"] for r in data), default=1) or 1
    max_t = max((max(r["project_build_s"], r["plain_build_s"], r["validate_s"]) for r in data), default=1)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if max_t / s <= 8)
    max_t = step * (int(max_t / step) + 1)

    def x(n):
        return left + plot_w * n / max_n

    def y(t):
        return top + plot_h * (1 - t / max_t)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="22" font-size="15" font-weight="bold">Build time against library size</text>']
    t = 0
    while t <= max_t:
        parts.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{left + plot_w}" y2="{y(t):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
        t += step
    for r in data:
        parts.append(f'<line x1="{x(r["n"]):.1f}" y1="{top}" x2="{x(r["n"]):.1f}" y2="{top + plot_h}" stroke="#eee"/>')
        parts.append(f'<text x="{x(r["n"]):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{r["n"]:,}</text>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 15}" text-anchor="middle">records (N)</text>')
    parts.append(f'<text transform="translate(18 {top + plot_h / 2}) rotate(-90)" text-anchor="middle">seconds</text>')
    series = [("project (mkdocs build)", "project_build_s", "#3f51b5", ""),
              ("plain Markdown twin", "plain_build_s", "#e65100", ""),
              ("validation alone", "validate_s", "#2e7d32", ' stroke-dasharray="5 4"')]
    for i, (name, key, colour, dash) in enumerate(series):
        points = " ".join(f"{x(r['n']):.1f},{y(r[key]):.1f}" for r in data)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for r in data:
            parts.append(f'<circle cx="{x(r["n"]):.1f}" cy="{y(r[key]):.1f}" r="3.5" fill="{colour}">'
                         f'<title>{name}, N = {r["n"]}: {r[key]:.2f} s</title></circle>')
        ly = top + 10 + 22 * i
        parts.append(f'<line x1="{left + plot_w + 15}" y1="{ly}" x2="{left + plot_w + 40}" y2="{ly}" '
                     f'stroke="{colour}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{left + plot_w + 45}" y="{ly + 4}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_csv(rows: list[dict], path: Path) -> None:
    keys: list[str] = []
    for r in rows:
        keys += [k for k in r if k not in keys]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=keys)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in r.items()})


def search_quality(row: dict) -> list[str]:
    names = [name for name in ("title", "summary") if name + "_queries" in row]
    if not names:
        return []
    return [
        "Search quality at the real size, in Chromium: for each of the real library's practices, is its page "
        "the first result, or among the first five? Queries: its title; the four longest words of its summary.",
        "",
        "| queries | Pagefind first | Pagefind top 5 | built-in first | built-in top 5 |",
        "|---|---:|---:|---:|---:|",
        *[f"| {name} ({row[name + '_queries']}) | {row.get(f'pagefind_{name}_top1', '-')} | "
          f"{row.get(f'pagefind_{name}_top5', '-')} | {row.get(f'material_{name}_top1', '-')} | "
          f"{row.get(f'material_{name}_top5', '-')} |" for name in names],
        "",
    ]


def serve_section(row: dict) -> list[str]:
    library = "Real library" if row["library"] == "real" else "Synthetic library"
    return [
        "## mkdocs serve",
        "",
        f"{library} ({row['n']} records): `mkdocs serve` is ready {row['serve_first_s']:.1f} s after it "
        f"starts; after saving data/practices.yaml the edited case page is served changed after "
        f"{row['serve_rebuild_s']:.1f} s (median of {row['serve_edits']} edits, worst "
        f"{row['serve_rebuild_max_s']:.1f} s); a full `mkdocs build` of it takes {row['project_build_s']:.1f} s.",
        "",
    ]


def write_results(rows: list[dict], verdicts, info: dict, out: Path, command: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(rows, out / "results.csv")
    (out / "build-time.svg").write_text(svg_plot(rows), encoding="utf-8")
    from practices.search import EXCLUDED
    lines = [
        "# Benchmark results",
        "",
        f"Command: `{command}`, run on {info['date']}.",
        "",
        f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']} of memory, Python {info['python']}, "
        f"{info['os']}. " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()) + ".",
        "",
        "Each N is a synthetic library (benchmarks/synth.py: the shape and text lengths of the real records, "
        "every facet populated) built as the project and as a plain-Markdown twin with the same text as "
        "hand-written pages, the same theme, search plugin and nav (benchmarks/plainsite.py). Times are "
        "wall-clock seconds of the `mkdocs build` subprocess, best of the number of runs shown in results.csv "
        "(`repeat`, which also has their CPU seconds); peak memory is the high-water mark of the mkdocs "
        "process's resident memory (VmHWM), without the processes it starts (Pagefind's is in its own column). "
        "Validation is practices.validate.check alone, best of three runs (one with --smoke), also as a share of the project's "
        "build at the same size. The row `(real)` is the library in data/practices.yaml.",
        "",
        "## Budgets",
        "",
        *[f"- **{v}** {b}: {m}" for v, b, m in verdicts],
        "",
        "## Build",
        "",
        table(rows, BUILD_COLUMNS),
        "",
        "![Build time against N](build-time.svg)",
        "",
        "## Pages (HTML of the project site, uncompressed)",
        "",
        "Case pages are /cases/<id>/; theme pages /themes/<id>/. Listing pages are every other page with a list "
        "of practice cards (`" + page_weight.CARDS_MARKER.decode() + "`): /cases/, the theme, country and SDG "
        "pages and any page they are split into. The largest page of each type has a column; results.csv also has "
        "each type's count, median and the largest one's address.",
        "",
        table(rows, PAGE_COLUMNS),
        "",
        "## Search payload before the first result",
        "",
        "Built-in (Material) search: the worker script and search/search_index.json, which it fetches whole "
        "before it can answer. Pagefind: measured in Chromium with a fresh cache on the site's search page, as the "
        "bytes fetched from /pagefind/ until the first result shows (uncompressed, as served), worst of the queries "
        f"{', '.join(search_payload.QUERIES)}; the bound is loader + WebAssembly + metadata + the largest index "
        "chunk + the largest fragment. Pagefind indexes as the site's build does (practices.search.index_site): "
        f"root `{PAGEFIND_ROOT}`, without `{', '.join(EXCLUDED)}`.",
        "",
        table(rows, SEARCH_COLUMNS),
        "",
    ]
    real = next((r for r in rows if r["library"] == "real"), None)
    if real:
        lines += search_quality(real)
    serve = next((r for r in rows if "serve_rebuild_s" in r), None)
    if serve:
        lines += serve_section(serve)
    (out / "report.md").write_text("\n".join(lines), encoding="utf-8")


def print_summary(rows, verdicts) -> None:
    for columns in (BUILD_COLUMNS, PAGE_COLUMNS, SEARCH_COLUMNS):
        print(table(rows, columns))
        print()
    for v, b, m in verdicts:
        print(f"{v}: {b}: {m}")
