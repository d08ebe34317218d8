"""Every page opens in headless Chromium with a Plotly chart and no exception."""

import pytest

from app import VIEWS
from tests.e2e.conftest import exceptions, open_page, serve

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("url_path", [url for _, url, *_ in VIEWS])
def test_page_renders_a_chart(page, app_url, url_path, tmp_path):
    open_page(page, app_url, url_path)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert not exceptions(page)
    assert not page.errors, page.errors
    page.screenshot(path=str(tmp_path / f"{url_path}.png"), full_page=True)


def test_home_lists_every_view_and_switches_language(page, app_url):
    open_page(page, app_url)
    body = page.inner_text("body")
    for _, _, _, sections in VIEWS:
        assert sections in body
    open_page(page, app_url, "", "lang=zh")
    assert "梯度下降与向量微积分" in page.inner_text("body")


def test_a_shared_link_is_the_first_visit_of_a_fresh_server(page, tmp_path):
    """Streamlit runs a `pages/` file alone until some session has run app.py's navigation: a class
    opening a teacher's link on a just-started server must still get the app (navigation, language)."""
    with serve(tmp_path / "fresh.log") as url:
        open_page(page, url, "level_sets", "lang=zh&x0=1&y0=-2")
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        nav = page.inner_text("[data-testid='stSidebarNav']")
        assert "等高线与梯度" in nav and "首页" in nav  # the app's navigation, in the linked language
        assert "app" not in nav.split()
        assert "x0=1" in page.url and "y0=-2" in page.url
        assert not exceptions(page)
