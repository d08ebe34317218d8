"""Training page in real Chromium: pick listing 3.2 by clicking, train, read the book's result off it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/training_e2e")


def _learned(page) -> str:
    return page.locator("[data-testid='stCode']").first.inner_text().strip()


def test_listing_32_by_clicking(page, app_url):
    SHOTS.mkdir(exist_ok=True)
    open_page(page, app_url, "training", "listing=3.1")
    assert _learned(page) == "y = 1.500597x + 2.746824"
    page.get_by_role("radio", name=re.compile(r"^3\.2")).click()
    wait_script_done(page)
    page.get_by_role("button", name="Train").click()
    wait_script_done(page)
    assert _learned(page) == "y = 1.500591x + 2.747831"
    assert page.get_by_text("Matches the book to the shown precision.").is_visible()
    assert "listing=3.2" in page.url and "lr=0.01" in page.url
    # the animation: the canvas player drives the fit, the (w, b) path and the loss marker together
    chart = page.locator(".pc-root").first
    chart.scroll_into_view_if_needed()
    assert chart.locator(".pc-player.pc-on").count() == 1
    model_line = "() => Array.from(document.querySelector('.pc-plot')._fullData[2].y)"
    final = page.evaluate(model_line)
    chart.locator(".pc-play").click()  # plays from step 0: the model line and the (w, b) path move
    page.wait_for_timeout(1500)
    chart.locator(".pc-play").click()  # pause
    assert page.evaluate(model_line) != final and len(page.evaluate(model_line)) == len(final)
    page.screenshot(path=str(SHOTS / "listing_3_2.png"), full_page=True)
    assert page.errors == [] and _no_exceptions(page)


def test_a_long_training_hides_the_previous_result_while_it_runs(page, app_url):
    open_page(page, app_url, "training", "listing=3.2")
    assert page.get_by_text("Matches the book to the shown precision.").is_visible()
    steps = page.get_by_label("Steps")
    steps.fill("150000")  # about 6 s of training on a quiet machine: long enough to look at it mid-way
    page.get_by_role("button", name="Train").click()
    page.wait_for_selector("[data-testid='stProgress']", timeout=30_000)
    # while it trains, the bar stands where the results were: no old result, no old "Matches the book"
    assert page.locator("[data-testid='stProgress']").is_visible()
    assert not page.get_by_text("Matches the book to the shown precision.").is_visible()
    assert page.locator("[data-testid='stCode']").count() == 0
    wait_script_done(page, timeout_s=120)
    assert _learned(page).startswith("y = ") and page.locator("[data-testid='stProgress']").count() == 0
    assert page.get_by_text("Your settings differ from the book's", exact=False).is_visible()
    assert [e for e in page.errors if e != "undefined"] == [] and _no_exceptions(page)


def test_cat_brain_divergence_is_labelled(page, app_url):
    SHOTS.mkdir(exist_ok=True)
    open_page(page, app_url, "training", "listing=3.5&lr=0.05")
    assert page.get_by_text("Diverged at step 47", exact=False).is_visible()
    page.get_by_role("tab", name="Hessian and learning rate").click()
    page.wait_for_timeout(300)
    assert page.get_by_text("above the stability bound", exact=False).is_visible()
    page.screenshot(path=str(SHOTS / "cat_brain_diverged.png"), full_page=True)
    assert page.errors == [] and _no_exceptions(page)


def _no_exceptions(page) -> bool:
    from tests.e2e.conftest import exceptions

    return exceptions(page) == []
