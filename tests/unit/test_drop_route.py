"""The release's fast lane (ui/drop_route.py): a token and two numbers in, the registered figure out."""

from __future__ import annotations

import ast
import asyncio
import json
import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from starlette.requests import Request

from ui import drop_route

ROOT = Path(__file__).resolve().parents[2]


def get(url: str, **numbers) -> tuple[int, object]:
    """(status, JSON body) of a GET of `url` with `numbers` added to its query, as serve.py routes it."""
    parts = urlsplit(url)
    query = parts.query + ("&" + urlencode(numbers) if numbers else "")
    scope = {
        "type": "http",
        "method": "GET",
        "path": parts.path,
        "query_string": query.encode(),
        "headers": [],
    }
    # a thread of its own: in a run with the browser tests, Playwright's event loop runs in this one
    with ThreadPoolExecutor(1) as thread:
        response = thread.submit(asyncio.run, drop_route.figure_at(Request(scope))).result()
    return response.status_code, json.loads(response.body)


def figure_of(start):
    x, y = start
    return {"data": [{"x": [x, x / 2], "y": [y, y * y]}], "layout": {"title": "path"}}


def test_the_registered_figure_comes_back_for_any_start():
    url = drop_route.register("a", ("test", 1), figure_of)
    assert url.startswith(drop_route.PATH + "?t=")
    status, body = get(url, x=1.5, y=-2.25)
    assert status == 200
    assert body == figure_of((1.5, -2.25))
    assert get(url, x="-1e4", y="10000")[1] == figure_of((-1e4, 1e4))


def test_the_same_settings_keep_their_token_and_take_the_newest_function():
    first = drop_route.register("b", ("same", 0.1), figure_of)
    again = drop_route.register(
        "b", ("same", 0.1), lambda start: {"data": [], "layout": {"start": list(start)}}
    )
    assert first == again
    assert get(first, x=1, y=2)[1] == {"data": [], "layout": {"start": [1.0, 2.0]}}
    # another session showing the same settings shares the token
    assert drop_route.register("c", ("same", 0.1), figure_of) == first


def test_a_canvas_keeps_only_its_newest_figure_unless_another_shows_the_same():
    old = drop_route.register("d", ("old", 1), figure_of)
    shared = drop_route.register("d", ("shared", 1), figure_of)
    drop_route.register("e", ("shared", 1), figure_of)
    new = drop_route.register("d", ("new", 1), figure_of)
    assert len({old, shared, new}) == 3
    assert [get(u, x=0, y=0)[0] for u in (old, shared, new)] == [404, 200, 200]


@pytest.mark.parametrize(
    "numbers",
    [{"x": "nan", "y": 0}, {"x": 0, "y": "inf"}, {"x": "1e5", "y": 0}, {"x": "1+1", "y": 0}, {"x": 1}],
)
def test_numbers_that_are_not_a_start_are_refused(numbers):
    url = drop_route.register("f", ("refuse",), figure_of)
    status, body = get(url, **numbers)
    assert status == 400
    assert "x and y" in body["error"]


def test_an_unknown_or_missing_token_is_not_found():
    assert get(drop_route.PATH + "?t=0123456789abcdef0123456789abcdef", x=0, y=0)[0] == 404
    assert get(drop_route.PATH, x=0, y=0)[0] == 404


def test_only_the_newest_canvases_are_kept():
    urls = [drop_route.register(("g", i), ("many", i), figure_of) for i in range(drop_route.MOST + 5)]
    assert [get(u, x=0, y=0)[0] for u in urls[:5]] == [404] * 5
    assert get(urls[-1], x=0, y=0)[0] == 200
    assert len(drop_route._FIGURES) == drop_route.MOST


def test_a_figure_that_is_not_strict_json_is_an_error_not_a_nan_in_the_browser():
    url = drop_route.register("h", ("nan",), lambda start: {"data": [{"x": [math.nan]}]})
    with pytest.raises(ValueError):
        get(url, x=0, y=0)


def test_serve_py_routes_the_path_this_module_answers():
    # serve.py is the ASGI entry (`streamlit run serve.py`): read, not imported (importing builds the app)
    tree = ast.parse((ROOT / "serve.py").read_text(encoding="utf-8"))
    paths = [n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.targets[0].id == "PATH"]
    assert paths == [drop_route.PATH]
