"""Taylor page in real Chromium: raise the order with the keyboard, switch tabs, see both views render."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import exceptions, open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/taylor_e2e")


def test_one_and_two_variables(page, app_url):
    SHOTS.mkdir(exist_ok=True)
    open_page(page, app_url, "taylor", "f1=log(1%20%2B%20x)&n=3")
    expect(page.get_by_text("Radius of convergence R = 1", exact=False)).to_be_visible(timeout=20_000)
    # the polynomial's terms are typeset (KaTeX can come a moment after the text on a busy machine)
    page.wait_for_function("document.querySelectorAll('.katex').length >= 2", timeout=20_000)
    charts = page.locator("[data-testid='stPlotlyChart']")
    charts.first.locator(".main-svg").first.wait_for(timeout=20_000)  # drawn, not just mounted
    slider = page.get_by_role("slider").first  # the order n: one step right with the keyboard
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_script_done(page)
    page.wait_for_url("**n=4**", timeout=20_000)
    expect(page.locator(".katex").filter(has_text="4!").first).to_be_visible(timeout=20_000)
    page.screenshot(path=str(SHOTS / "one_variable.png"), full_page=True)

    page.get_by_role("tab", name="Two variables").click()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "two_variables.png"), full_page=True)
    expect(page.get_by_text("First-order estimate against the exact change")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Newton's step jumps to", exact=False)).to_be_visible(timeout=20_000)
    three_d = page.locator("[data-testid='stPlotlyChart'] .gl-container")
    three_d.first.wait_for(
        state="attached", timeout=20_000
    )  # the 3-D surface with the tangent plane and quadric
    page.get_by_text("Newton's step jumps to", exact=False).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "two_variables_lower.png"))
    assert page.errors == [] and exceptions(page) == []
