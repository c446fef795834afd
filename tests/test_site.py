"""The built site: strict build, one page per record, links and anchors, no other hosts, inert record text."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import PAYLOAD, record_ids
from htmlcheck import Page, html_pages, outside_loads


def test_exactly_one_page_per_record(built_site):
    pages = sorted(p.parent.name for p in (built_site / "cases").glob("*/index.html"))
    assert pages == sorted(record_ids())


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = page.parent
    path = (base / unquote(parts.path)).resolve() if parts.path else page
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = {p.resolve(): Page(p) for p in html_pages(built_site)}
    broken = []
    for path, page in pages.items():
        if path.name == "404.html" and path.parent == built_site.resolve():
            continue  # served at any address: its links are absolute by design
        for href in page.links:
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https", "mailto"):
                continue
            assert not scheme, f"{path}: link with scheme {scheme!r}: {href}"
            target, fragment = _target(built_site, path, href)
            if not target.exists():
                broken.append(f"{path.relative_to(built_site.resolve())}: {href} (no such page)")
                continue
            if fragment and target.suffix == ".html":
                target_page = pages.get(target) or Page(target)
                if fragment not in target_page.ids:
                    broken.append(f"{path.relative_to(built_site.resolve())}: {href} (no anchor #{fragment})")
    assert broken == []


def test_no_page_loads_anything_from_another_host(built_site):
    """Scripts, stylesheets, preloads, icons, manifests, images, sources, frames, CSS url() and @import."""
    assert outside_loads(built_site) == []


def test_the_offline_edition_loads_nothing_from_another_host(offline_site):
    assert outside_loads(offline_site) == []


def test_the_scan_sees_every_kind_of_load(tmp_path):
    """The scan itself: each way a page or a stylesheet can load from another host is found."""
    (tmp_path / "index.html").write_text("""<html><head>
        <link rel="stylesheet" href="https://a.example/s.css"><link rel="preload" href="//b.example/f.woff2">
        <link rel="shortcut icon" href="https://c.example/i.png"><link rel="manifest" href="https://d.example/m.json">
        <link rel="canonical" href="https://ok.example/"><script src="https://e.example/x.js"></script>
        <style>@import "https://f.example/i.css"; body { background: url(https://g.example/b.png) }</style></head>
        <body><img src="https://h.example/a.png" srcset="img/a.png 1x, https://i.example/a2.png 2x">
        <picture><source srcset="https://j.example/p.webp"></picture><iframe src="https://k.example/"></iframe>
        <p style="background-image: url('https://l.example/p.png')">text</p>
        <a href="https://publisher.example/report.pdf">a link to follow, not a load</a>
        <img src="data:image/png;base64,AA=="></body></html>""", encoding="utf-8")
    (tmp_path / "s.css").write_text("""@font-face { font-family: x; src: url("https://m.example/f.woff2") format("woff2"); }
        @import url(https://n.example/more.css); .a { background: url(data:image/svg+xml;utf8,<svg/>) }""",
                                    encoding="utf-8")
    hosts = sorted(urlsplit(line.split(": ", 1)[1]).hostname for line in outside_loads(tmp_path))
    assert hosts == [f"{c}.example" for c in "abcdefghijklmn"]


def test_navigation_carries_sections_not_every_case(built_site):
    # the nav of a case page links to sections; listing every case would make the build quadratic
    page = Page(built_site / "index.html")
    nav_links = [h for h in page.links if "cases/" in h and h.rstrip("/").count("/") > 1]
    assert len(nav_links) < len(record_ids())


# -- record text can never become markup ---------------------------------------------------

def test_payload_reaches_every_text_field(injected_site):
    _, _, fields = injected_site
    names = {str(p[0]) for p in fields}
    assert {"title", "summary", "introduction", "context", "practice", "lessons", "recommendations",
            "keywords", "location", "period", "actors", "figures",
            "purpose", "objectives", "beneficiaries", "budget", "other_sources"} <= names


def test_injected_html_is_inert_everywhere(injected_site):
    site, victim, _ = injected_site
    pages = [site / "cases" / victim["id"] / "index.html", site / "cases" / "index.html",
             site / "themes" / victim["themes"][0] / "index.html",
             site / "checklists" / victim["themes"][0] / "index.html"]
    for path in pages:
        page = Page(path)
        assert not any("alert" in body for body in page.scripts), f"{path}: script ran"
        for tag, attrs in page.elements:
            assert not any(name.startswith("on") for name in attrs), f"{path}: <{tag} {attrs}>"
            assert not (tag == "img" and attrs.get("src") == "x"), f"{path}: injected image"
        assert '<script>alert("gpl")</script>' in page.text, f"{path}: the payload must show as text"
        assert "{{ 7*7 }}" in page.text and "{% if true %}RUN{% endif %}" in page.text, path
        assert "49" not in page.text.replace(victim["id"], "")


def test_search_bundle_is_written(built_site):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").exists()
    assert list((bundle / "fragment").glob("*.pf_fragment")), "no page was indexed"


def test_search_page_loads_no_ready_made_interface(built_site):
    """The search page uses Pagefind's API through library.js, not its 134 KB interface."""
    html = (built_site / "search" / "index.html").read_text(encoding="utf-8")
    assert "pagefind-ui" not in html
    assert 'id="gpl-search-input"' in html and 'for="gpl-search-input"' in html
