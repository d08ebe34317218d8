"""Presenter mode and hidden controls in real Chromium: larger type, a collapsed sidebar, hidden widgets
whose values still come from the URL, and all of it kept across a change of page."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import exceptions, open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOT = "/tmp/present.png"
PLOT = ".pc-root .pc-plot"


def sizes(page) -> dict:
    """Computed font sizes in px of the root element and of the page title."""
    return page.evaluate(
        "() => ({root: parseFloat(getComputedStyle(document.documentElement).fontSize),"
        " h1: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)})"
    )


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_sidebar_collapsed(page) -> None:
    """The sidebar slides out of the window (its right edge at or left of x = 0)."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0",
        timeout=10_000,
    )


def open_sidebar(page) -> None:
    page.locator("[data-testid=stExpandSidebarButton]").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().left >= 0",
        timeout=10_000,
    )
    page.wait_for_timeout(500)


def visible(page, key: str) -> bool:
    loc = page.locator(f".st-key-{key}")
    assert loc.count() == 1, f"no widget keyed {key} on the page"  # hidden means drawn but not shown
    return loc.is_visible()


def test_present_enlarges_collapses_and_hides_while_the_url_still_sets_values(page, app_url):
    open_page(page, app_url)
    plain = sizes(page)
    open_page(
        page, app_url, "level_sets", "f=bowl&x0=3&y0=4&opt=sgd,adam&lr=0.01&steps=30&present=1&hide=lr,opt"
    )
    wait_sidebar_collapsed(page)
    big = sizes(page)
    # the text grows by the root's factor; the title keeps its plain size, the height going to the plot
    assert big["root"] == pytest.approx(1.3 * plain["root"]) and big["h1"] == pytest.approx(
        plain["h1"], abs=0.1
    )
    # The hidden learning rate still drives the path: sgd's first step on f = 2x^2 + 3y^2 from (3, 4) is
    # (3, 4) - 0.01 * (12, 24); the default 0.05 would give (2.4, 2.8).
    page.wait_for_function(f"() => document.querySelector('{PLOT}')?._fullData?.some(d => d.name === 'sgd')")
    step = page.evaluate(
        f"() => {{ const d = document.querySelector('{PLOT}')._fullData.find(t => t.name === 'sgd');"
        " return [d.x[1], d.y[1]]; }"
    )
    assert step == pytest.approx([2.88, 3.76], abs=1e-6)  # the figure holds float32
    assert query(page)["lr"] == "0.01" and query(page)["hide"] == "lr,opt"
    # the paths grow more than the helper lines (the contour's tangent), which stay lighter than a path
    widths = page.evaluate(
        f"() => Object.fromEntries(document.querySelector('{PLOT}')._fullData.map(d => [d.name, d.line?.width]))"
    )
    assert widths["sgd"] == widths["adam"] == pytest.approx(3 * 1.6) and widths["contour tangent"] == 2.5
    open_sidebar(page)  # a collapsed sidebar is not drawn: open it to see which controls are there
    assert not visible(page, "ls_lr") and not visible(page, "ls_opt")
    assert visible(page, "ls_steps") and visible(page, "ls_momentum") and visible(page, "ls_f")
    page.screenshot(path=SHOT)
    assert not exceptions(page) and not page.errors


def test_present_and_hide_survive_a_change_of_page(page, app_url):
    open_page(page, app_url, "", "present=1&hide=lr,steps&lang=zh")
    wait_sidebar_collapsed(page)
    page.locator("[data-testid=stPageLink] a").first.click()  # the home page's link to the level sets
    wait_script_done(page)
    assert urlparse(page.url).path.endswith("/level_sets")
    assert {k: query(page).get(k) for k in ("present", "hide", "lang")} == {
        "present": "1",
        "hide": "lr,steps",
        "lang": "zh",
    }
    assert sizes(page)["root"] == pytest.approx(1.3 * 16)  # Chromium's default root size is 16px
    wait_sidebar_collapsed(page)
    open_sidebar(page)
    assert not visible(page, "ls_lr") and not visible(page, "ls_steps") and visible(page, "ls_opt")
    page.locator(
        "[data-testid=stSidebarNav] a[href$='decision_boundaries']"
    ).click()  # the sidebar's navigation
    wait_script_done(page)
    assert query(page)["present"] == "1" and query(page)["hide"] == "lr,steps" and query(page)["lang"] == "zh"
    assert sizes(page)["root"] == pytest.approx(1.3 * 16)
    # the decision-boundaries page has its own keys (db_lr, db_steps), in the sidebar that stays open
    assert not visible(page, "db_lr") and not visible(page, "db_steps") and visible(page, "db_noise")
    assert not exceptions(page) and not page.errors
