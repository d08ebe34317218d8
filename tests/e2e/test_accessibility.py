"""WCAG 2.1 AA in Chromium: axe-core (bundled by axe-playwright-python, nothing fetched at run time) finds no
serious or critical violation on the home page or any view, in English or Chinese, and in presenter mode
(the main plot drawn first)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import open_page

pytestmark = pytest.mark.e2e
PAGES = ["", "level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity"]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def blocking(response: dict) -> list[str]:
    """One line per serious or critical violation: rule, impact, the first offending element."""
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['nodes'][0]['html'][:120]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# presenter mode moves the main plot first (CSS order) on every view alike: two views stand for it (the suite's time)
CASES = [(p, q) for p in PAGES for q in ("lang=en", "lang=zh")] + [
    ("level_sets", "present=1"),
    ("decision_boundaries", "present=1"),
]


@pytest.mark.parametrize(("url_path", "query"), CASES, ids=[f"{p or 'home'}-{q}" for p, q in CASES])
def test_no_serious_or_critical_violation(page, app_url, url_path, query):
    open_page(page, app_url, url_path, query)
    # the app's own content, not the first paint of a fresh server (Streamlit's default page list)
    page.wait_for_selector(".js-plotly-plot" if url_path else "[data-testid=stPageLink]", timeout=30_000)
    page.wait_for_timeout(500)
    response = Axe().run(page, options=WCAG_21_AA).response
    assert not blocking(response), blocking(response)


def test_axe_finds_a_violation_when_there_is_one(page, app_url):
    # the check itself can fail: an unlabelled input and faint text added to the page are reported
    open_page(page, app_url)
    page.evaluate(
        "() => { const d = document.createElement('div');"
        " d.innerHTML = '<input type=range><p style=\"color:#bbb\">faint</p>'; document.querySelector('[data-testid=stMainBlockContainer]').prepend(d); }"
    )
    ids = {line.split(" ")[0] for line in blocking(Axe().run(page, options=WCAG_21_AA).response)}
    assert {"label", "color-contrast"} <= ids
