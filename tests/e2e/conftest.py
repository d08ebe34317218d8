"""One live Streamlit server and one headless Chromium for all browser tests of a run.

Use the `page` fixture (a fresh tab, 1400x1000) and `app_url`; `open_page(page, app_url, "level_sets",
"f=x%5E2")` goes to a view and waits until its script has finished.
"""

from __future__ import annotations

import contextlib
import shutil
import time

import pytest

from benchmarks import server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def serve(log_path, address: str = "127.0.0.1", script: str = "serve.py"):
    """A fresh `streamlit run serve.py` (`make run`) on a free port, on loopback unless `address` says
    otherwise, stopped on exit; yields its URL (on 127.0.0.1). `script="app.py"`: without the fast lane."""
    with server.serve(
        log_path, address=address, script=script
    ) as running:  # RuntimeError if it never becomes healthy
        yield running.url


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    yield p
    context.close()


def wait_script_done(page, timeout_s: float = 60) -> None:
    """Wait until Streamlit reports the script finished, then let the browser paint."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_s * 1000)
    page.wait_for_timeout(300)
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        state = page.get_attribute("[data-testid='stApp']", "data-test-script-state")
        if state in (None, "notRunning"):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)


def open_page(page, app_url: str, url_path: str = "", query: str = "") -> None:
    page.goto(f"{app_url}/{url_path}" + (f"?{query}" if query else ""))
    wait_script_done(page)


def exceptions(page) -> list[str]:
    loc = page.locator("[data-testid='stException']")
    return [loc.nth(i).inner_text()[:300] for i in range(loc.count())]


def open_offline(page, path) -> list[str]:
    """Open an exported page from file:// with every other request refused; returns the refused URLs
    (a page that opens offline asks for none), filled in as the page loads."""
    blocked = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            return route.continue_()
        blocked.append(route.request.url)
        return route.abort()

    page.context.route("**/*", only_files)
    page.goto(path.as_uri())
    page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=30_000)
    return blocked
