"""AppTest of the classroom kit: each chart's data table lists the plotted numbers, presenter mode sizes the
figures themselves, and the share panel on every page holds the current link and its QR code."""

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from core.functions import parse_function
from core.presets import PRESETS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def parsed_before_the_page_runs():
    parse_function(PRESETS["bowl"].text, 2)


def run(path: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    at.query_params.update(query)
    return at.run()


def canvas_figure(at) -> dict:
    node = next(
        e
        for e in at.main
        if getattr(e, "type", "") == "bidi_component"
        or "bidi" in type(e).__name__.lower()
        or "bidi" in str(getattr(e, "proto", ""))[:200].lower()
    )
    return json.loads(node.proto.json)["figure"]


def test_the_data_table_lists_the_descent_paths_first_steps():
    at = run("pages/level_sets.py", opt="sgd", lr="0.05", x0="3", y0="4")
    assert not at.exception
    tables_before = len(at.dataframe)
    at.toggle(key="ls_canvas_table").set_value(True).run()
    assert len(at.dataframe) > tables_before
    rows = [frame.value for frame in at.dataframe if "x" in frame.value.columns]
    sgd = rows[0][rows[0]["series"] == "sgd"]
    # gradient descent on f = 2 w0^2 + 3 w1^2 from (3, 4): (3, 4) - 0.05 (12, 24) = (2.4, 2.8)
    assert sgd[["x", "y"]].values[:2].ravel().tolist() == pytest.approx([3, 4, 2.4, 2.8], abs=1e-4)


def test_presenter_mode_sizes_the_canvas_figure_and_leaves_the_plain_one_alone():
    plain = canvas_figure(run("pages/level_sets.py", opt="sgd"))
    big = canvas_figure(run("pages/level_sets.py", opt="sgd", present="1"))
    assert "size" not in plain["layout"].get("font", {}) and big["layout"]["font"]["size"] == pytest.approx(
        15.6
    )
    width = {trace.get("name"): trace.get("line", {}).get("width") for trace in big["data"]}
    assert width["sgd"] == pytest.approx(4.8) and width["contour tangent"] == pytest.approx(2.5)


def test_every_page_has_the_share_panel_with_its_link_and_qr_code():
    at = run("app.py", lang="zh", present="1")
    assert not at.exception and "share-qr" not in str([e.proto for e in at.get("html")])  # closed: no QR made
    at.session_state["share_panel"] = True  # what opening the popover does
    at.run()
    html = " ".join(str(e.proto.body) for e in at.get("html"))
    assert 'class="share-qr"' in html and "data:image/svg+xml" in html
    alt = unquote(html.split('alt="', 1)[1].split('"', 1)[0]).replace("&amp;", "&")
    link = urlsplit(alt.split(" ", 2)[1])
    assert link.path in ("", "/") and parse_qs(link.query) == {"lang": ["zh"], "present": ["1"]}
