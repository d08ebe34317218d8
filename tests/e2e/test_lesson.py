"""The lesson in real Chromium: a set-up carries from level sets to the 3-D view and back (URL and widgets),
every tab of every view opens on the first click, and `/home` is the home page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from core import i18n
from tests.e2e.conftest import open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/e2e_shots")
SHOTS.mkdir(exist_ok=True)
SETUP = {"f": "himmelblau", "x0": "-3", "y0": "1", "opt": "momentum", "lr": "0.02"}


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def exceptions(page) -> list[str]:
    return page.locator("[data-testid='stException']").all_inner_texts()


def widget_value(page, key: str) -> str:
    """The input's value once it holds one: on a busy machine the page's run can end a moment before React
    has filled the inputs (an empty formula box was read once under the parallel suite)."""
    locator = page.locator(f".st-key-{key} input").first
    page.wait_for_function("e => e.value !== ''", arg=locator.element_handle(), timeout=10_000)
    return locator.input_value()


def chips(page, key: str) -> list[str]:
    """The chosen options of a multiselect."""
    return page.locator(f".st-key-{key} [data-tag] [title]").all_inner_texts()


def go(page, url_path: str) -> None:
    """A click in the sidebar's navigation, and the view's run finished."""
    page.locator(f"[data-testid=stSidebarNav] a[href$='/{url_path}']").click()
    page.wait_for_function(f"location.pathname.endsWith('/{url_path}')", timeout=30_000)
    wait_script_done(page)


def assert_setup(page, prefix: str, start_digits: str) -> None:
    q = query(page)
    assert {k: q.get(k) for k in SETUP} == SETUP, q
    assert widget_value(page, prefix + "f") == "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
    assert float(widget_value(page, prefix + "x0")) == -3 and float(widget_value(page, prefix + "y0")) == 1
    assert chips(page, prefix + "opt") == ["momentum"]
    assert start_digits in page.inner_text("[data-testid='stMain']") or start_digits == ""


def test_a_set_up_carries_to_the_3d_view_and_back(page, app_url):
    open_page(page, app_url, "level_sets", "&".join(f"{k}={v}" for k, v in SETUP.items()))
    assert_setup(page, "ls_", "At (-3, 1)")
    assert page.locator(".st-key-ls_lr").inner_text().count("0.02") >= 1
    go(page, "surfaces_3d")
    assert_setup(page, "s3_", "")
    assert float(widget_value(page, "s3_lr")) == 0.02
    page.screenshot(path=str(SHOTS / "lesson_3d.png"))
    # a change on the 3-D view is the lesson's too
    y0 = page.locator(".st-key-s3_y0 input").first
    y0.fill("2")
    y0.press("Enter")
    page.wait_for_function("location.search.includes('y0=2')", timeout=30_000)
    wait_script_done(page)
    go(page, "level_sets")
    q = query(page)
    assert q["f"] == "himmelblau" and q["x0"] == "-3" and q["y0"] == "2" and q["opt"] == "momentum"
    assert float(widget_value(page, "ls_y0")) == 2 and "At (-3, 2)" in page.inner_text(
        "[data-testid='stMain']"
    )
    page.screenshot(path=str(SHOTS / "lesson_back.png"))
    assert not exceptions(page) and not page.errors


TABS = {
    "level_sets": ("race", "steps", "direction", "warmup", "share"),
    "surfaces_3d": ("loss", "steepest", "levels"),
    "decision_boundaries": ("train", "params", "sign", "raster"),
    "taylor": ("one", "two"),
    "convexity": ("sets", "chord", "curvature", "tangent", "verdict", "minima"),
}


@pytest.mark.parametrize("view", list(TABS))
def test_every_tab_opens_on_the_first_click(page, app_url, view):
    open_page(page, app_url, view, "res=64&steps=20" if view == "convexity" else "")
    names = TABS[view]
    # forth, then back: each click after a switch is the one that used to be lost
    for name in (*names[1:], *reversed(names[:-1])):
        label = i18n.t(f"{view}.tab.{name}")
        page.get_by_role("tab", name=label, exact=True).click()
        wait_script_done(page)
        selected = page.locator("[role=tab][aria-selected=true]").all_inner_texts()
        assert label in selected, (view, name, selected)
        panel = page.locator("[role=tabpanel]:visible")
        assert panel.count() >= 1 and panel.first.inner_text().strip(), (view, name)
    assert not exceptions(page) and not page.errors


def test_home_works(page, app_url):
    open_page(page, app_url, "home")
    main = page.inner_text("[data-testid='stMain']")
    assert i18n.t("home.title") in main and "Page not found" not in main
    assert page.locator("[data-testid='stMain'] a[href*='level_sets']").count() == 1
    assert not exceptions(page) and not page.errors
