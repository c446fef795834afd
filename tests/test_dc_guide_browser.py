"""The decentralised-cooperation guide in a real browser: ticks on the step pages decide what the
self-assessment lists, with and without JavaScript, on screen and in print; the guide's pages fit
a phone and pass the accessibility checks. Tests wait for data-gpl-state="done", never for time."""
from __future__ import annotations

import datetime

import pytest

from practices.render import PageRenderer as R
from test_browser import base_url, browser, fits_without_jumping, page, serious_violations  # noqa: F401  (fixtures)

PLAN = R.url(R.dc_self_assessment_path)


def _step(step: str) -> str:
    return R.url(R.dc_step_path(step))


def _open_checklist(page, url):
    page.goto(url)
    page.wait_for_selector("[data-gpl-checklist][data-gpl-state='done']", state="attached")


def _open_plan(page, url):
    page.goto(url)
    page.wait_for_selector("[data-gpl-plan][data-gpl-state='done']", state="attached")


def _shown_items(page) -> list[str]:
    return page.eval_on_selector_all("[data-gpl-plan-item]",
                                     "items => items.filter(i => i.checkVisibility()).map(i => i.dataset.gplPlanItem)")


def _items_of(library, step):
    return [i for i, item in library.vocab.dc_checklist.items() if item["step"] == step]


def test_ticked_actions_leave_the_plan_and_the_others_stay_with_their_practices(page, base_url, library):
    vocab = library.vocab
    with_practices = [i for i, item in vocab.dc_checklist.items() if item["practices"]]
    steps = list(dict.fromkeys(vocab.dc_checklist[i]["step"] for i in with_practices))
    ticked = [_items_of(library, steps[0])[0], _items_of(library, steps[1])[-1]]
    for item in ticked:
        _open_checklist(page, base_url + _step(vocab.dc_checklist[item]["step"]))
        page.check(f"#{item}")
    _open_plan(page, base_url + PLAN)
    everything = list(vocab.dc_checklist)
    assert _shown_items(page) == [i for i in everything if i not in ticked]
    for item in with_practices:
        if item in ticked:
            continue
        for practice in vocab.dc_checklist[item]["practices"]:
            link = page.locator(f"[data-gpl-plan-item='{item}'] a[href$='cases/{practice}/']")
            assert link.is_visible(), (item, practice)
    summary = page.locator("[data-gpl-plan-summary]").inner_text()
    assert f"{len(everything) - len(ticked)} of {len(everything)}" in summary
    assert str(datetime.date.today().year) in page.locator("[data-gpl-plan-date]").inner_text()


def test_a_step_with_every_action_ticked_says_so(page, base_url, library):
    step = next(iter(library.vocab.dc_steps))
    _open_checklist(page, base_url + _step(step))
    for item in _items_of(library, step):
        page.check(f"#{item}")
    _open_plan(page, base_url + PLAN)
    section = page.locator(f"[data-gpl-plan-step='{R.dc_checklist_id(step)}']")
    assert section.locator("[data-gpl-plan-done]").is_visible()
    assert not [i for i in _shown_items(page) if i in _items_of(library, step)]
    other = list(library.vocab.dc_steps)[1]
    assert page.locator(f"[data-gpl-plan-step='{R.dc_checklist_id(other)}'] [data-gpl-plan-done]").is_hidden()


def test_clearing_a_step_checklist_brings_its_actions_back(page, base_url, library):
    step = list(library.vocab.dc_steps)[2]
    items = _items_of(library, step)
    _open_checklist(page, base_url + _step(step))
    page.check(f"#{items[0]}")
    _open_plan(page, base_url + PLAN)
    assert items[0] not in _shown_items(page)
    _open_checklist(page, base_url + _step(step))
    page.click("[data-gpl-checklist] button[type=reset]")
    _open_plan(page, base_url + PLAN)
    assert items[0] in _shown_items(page)


def test_without_javascript_every_action_is_listed_with_its_practices(browser, base_url, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PLAN)
    assert _shown_items(page) == list(library.vocab.dc_checklist)
    for item_id, item in library.vocab.dc_checklist.items():
        for practice in item["practices"]:
            assert page.locator(f"[data-gpl-plan-item='{item_id}'] a[href$='cases/{practice}/']").is_visible()
    # the controls that need the script stay out of the way
    assert page.locator("button[data-gpl-print]").count() == 1 and page.locator("button[data-gpl-print]").is_hidden()
    assert page.locator("[data-gpl-plan-date]").is_hidden()
    context.close()


def test_the_plan_prints_dated_without_its_button_or_the_site_chrome(page, base_url, library):
    first = next(iter(library.vocab.dc_checklist))
    _open_checklist(page, base_url + _step(library.vocab.dc_checklist[first]["step"]))
    page.check(f"#{first}")
    _open_plan(page, base_url + PLAN)
    # one Print button, the page's: a second one had printed the plan twice per click
    assert page.locator("button[data-gpl-print]").count() == 1 and page.locator("button[data-gpl-print]").is_visible()
    # a function, so that Playwright calls it once (an expression whose value is a function is called too)
    page.evaluate("() => { window.prints = 0; window.print = () => { window.prints += 1; }; }")
    page.locator("button[data-gpl-print]").click()
    assert page.evaluate("window.prints") == 1
    page.emulate_media(media="print")
    assert page.locator("button[data-gpl-print]").is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert page.locator("[data-gpl-plan-date]").is_visible()
    assert first not in _shown_items(page) and len(_shown_items(page)) == len(library.vocab.dc_checklist) - 1
    assert len(page.pdf()) > 1000


GUIDE_PAGES = [R.url(R.dc_guide_path), _step("cooperation-mechanisms"), _step("needs-assessment"), PLAN,
               R.url(R.dc_recommendations_path), R.url(R.dc_agreement_path), R.url(R.dc_concepts_path)]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", GUIDE_PAGES)
def test_guide_pages_fit_the_screen_and_do_not_jump(browser, base_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert fits_without_jumping(page)
    # every box of the process diagram shows its whole label
    clipped = page.eval_on_selector_all(".gpl-dc-box", "boxes => boxes.filter(b => b.scrollWidth > b.clientWidth + 1).length")
    assert clipped == 0
    context.close()


@pytest.mark.parametrize("path", [R.url(R.dc_guide_path), _step("cooperation-mechanisms"), PLAN,
                                  R.url(R.dc_agreement_path)])
def test_guide_pages_have_no_serious_accessibility_violations(page, base_url, path):
    page.goto(base_url + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_fork_shows_its_two_branches_side_by_side_framed_apart(browser, base_url, width):
    # Material's list rules outweighed the diagram's once: the branches stacked and lost their padding
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(base_url + R.url(R.dc_guide_path))
    branches = page.eval_on_selector_all(".gpl-dc-fork__branch", """bs => bs.map(b => {
        const r = b.getBoundingClientRect(), s = getComputedStyle(b);
        return {top: r.top, left: r.left, right: r.right, padding: parseFloat(s.paddingLeft), border: s.borderTopStyle};
    })""")
    assert len(branches) == 2
    new, existing = branches
    assert abs(new["top"] - existing["top"]) < 1 and new["right"] <= existing["left"], "side by side"
    assert new["padding"] > 0 and existing["padding"] > 0
    assert new["border"] != existing["border"], "the two branches are drawn differently"
    context.close()
