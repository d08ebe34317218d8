"""Convexity page in real Chromium: the book's x^3 chord, drag A with the mouse, the verdict flips; basins.

Tabs are lazy: a click on a tab reruns the page and only the open tab is built, so each click is followed
by wait_script_done.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import exceptions, open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/convexity_e2e")


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_script_done(page)


def _chord_text(page) -> str:
    panel = page.get_by_role("tabpanel", name="Chord test")
    return (
        panel.locator("[data-testid='stMarkdownContainer']")
        .filter(has_text=re.compile(r"^C = \("))
        .first.inner_text()
    )


def _slider(page, label: str):
    """The one slider labelled so (a rerun whose slider range changed may briefly show the old one too)."""
    sliders = page.locator("[data-testid='stSlider']").filter(has_text=label)
    for _ in range(50):
        if sliders.count() == 1:
            break
        page.wait_for_timeout(200)
    return sliders


def _drag(page, label: str, dx: float) -> None:
    """Press the slider's thumb, move the mouse dx pixels, release: as a user drags it."""
    thumb = (
        _slider(page, label).locator("input[type='range']").locator("..")
    )  # react-aria: the thumb holds the input
    box = thumb.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(x + dx * step / 10, y)
    page.mouse.up()
    wait_script_done(page)


def test_drag_a_chord_end_and_the_verdict_updates(page, app_url):
    SHOTS.mkdir(exist_ok=True)
    open_page(page, app_url, "convexity", "res=64&steps=150")
    open_tab(page, "Chord test")
    assert "C = (2.6, 20.2) on the chord lies above D = (2.6, 6.76)" in _chord_text(page)
    page.get_by_role("button", name=re.compile(r"^Book: x³")).click()
    wait_script_done(page)
    page.get_by_role("tab", name="Chord test").click()
    assert "C = (1.1, -66.1) on the chord lies below D = (1.1, 1.331)" in _chord_text(page)
    page.screenshot(path=str(SHOTS / "chord_below.png"), full_page=True)

    track = _slider(page, "x of A").bounding_box()
    _drag(page, "x of A", 0.45 * track["width"])  # A from x = -8 to about -2: the chord now passes above
    page.get_by_role("tab", name="Chord test").click()
    text = _chord_text(page)
    assert "lies above" in text and "C = (1.1, -66.1)" not in text
    a = float(re.search(r"[?&]a=([-0-9.]+)", page.url).group(1))
    assert -4.5 < a < 0 and "curve=cube" in page.url
    page.screenshot(path=str(SHOTS / "chord_dragged.png"), full_page=True)
    assert page.errors == [] and exceptions(page) == []


def test_basins_tab_shows_the_map_and_the_critical_points(page, app_url):
    SHOTS.mkdir(exist_ok=True)
    open_page(page, app_url, "convexity", "res=64&steps=150")
    charts = page.locator("[data-testid='stPlotlyChart']")
    charts.first.wait_for(timeout=30_000)
    assert charts.count() == 1  # only the open tab (convex sets) ran
    open_tab(page, "Local minima & basins")
    panel = page.get_by_role("tabpanel", name="Local minima & basins")
    assert panel.get_by_text("Share of starts reaching each minimum", exact=False).is_visible()
    assert panel.locator("[data-testid='stPlotlyChart']").count() == 2
    page.get_by_role("button", name="Restart from random points").click()
    wait_script_done(page)
    assert int(re.search(r"[?&]seed=(\d+)", page.url).group(1)) != 0
    page.get_by_role("tab", name="Local minima & basins").click()
    page.wait_for_timeout(800)
    chart = panel.locator("[data-testid='stPlotlyChart']").nth(1)
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(SHOTS / "basins.png"))
    open_tab(page, "Second-derivative test")
    hessian = page.get_by_role("tabpanel", name="Second-derivative test").locator(
        "[data-testid='stPlotlyChart']"
    )
    hessian.nth(1).scroll_into_view_if_needed()
    hessian.nth(1).screenshot(path=str(SHOTS / "hessian.png"))
    open_tab(page, "Convex sets")
    page.screenshot(path=str(SHOTS / "sets.png"), full_page=True)
    assert page.errors == [] and exceptions(page) == []
