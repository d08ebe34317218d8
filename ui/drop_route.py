"""A dropped start's figure, straight from the server: the release's fast lane (issue 15).

A release reruns the canvas's fragment, and Streamlit's frontend re-renders the whole page for each batch
of that rerun's messages before the canvas gets its figure: on the level-set view that was 150-170 ms on
a quiet machine, most of it in the browser, and the more widgets a page has, the longer. So a draggable
canvas may also say how its figure follows the start (`figure_at`). The component then asks this route
for the dropped start's figure at the same moment as it sends the start, draws it as soon as it comes,
and the rerun that follows (readout, inputs, tables, URL) brings the very same figure, which the browser
does not draw again.

Nothing the browser sends becomes code or a formula: it sends a token and two numbers. The token names a
function of the start registered by the page in this process, from the settings it has already validated
(`register`); an unknown token is a 404, numbers that are not finite or out of range are a 400. Served
by `serve.py` (`make run`, at `PATH`); under a plain `streamlit run app.py` the route is absent and the
rerun alone brings the figure, as before.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

# serve.py's route (it imports this module only on the first request, see there)
PATH = "/api/figure_at"
# a start outside the settings' range (ui.views: x0 and y0 in [-1e4, 1e4]) is not a start
LIMIT = 1e4
# the canvases shown lately, by every session of this process
MOST = 512

_SECRET = secrets.token_bytes(32)
_LOCK = threading.Lock()
_FIGURES: OrderedDict[str, Callable[[tuple[float, float]], dict]] = OrderedDict()
_OWNERS: OrderedDict[Hashable, str] = OrderedDict()


def register(owner: Hashable, settings: Hashable, figure_at: Callable[[tuple[float, float]], dict]) -> str:
    """The URL (with its token) at which the browser gets `figure_at((x, y))` as JSON.

    `owner` names the canvas (a session and a key): it keeps only its newest function, so the table holds
    about one entry per canvas shown, whatever the reruns. `settings` is everything the figure depends on
    besides the start: the same settings get the same token; a guess of another token is as hard as a
    128-bit secret."""
    token = hmac.new(_SECRET, repr(settings).encode(), hashlib.sha256).hexdigest()[:32]
    with _LOCK:
        was = _OWNERS.pop(owner, None)
        if was is not None and was != token and was not in _OWNERS.values():
            _FIGURES.pop(was, None)
        _OWNERS[owner] = token
        _FIGURES[token] = figure_at
        _FIGURES.move_to_end(token)
        while len(_FIGURES) > MOST:
            _FIGURES.popitem(last=False)
        while len(_OWNERS) > MOST:
            _OWNERS.popitem(last=False)
    return f"{PATH}?t={token}"


def _lookup(token: str):
    with _LOCK:
        return _FIGURES.get(token)


def _coordinate(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and abs(value) <= LIMIT else None


async def figure_at(request: Request) -> Response:
    figure = _lookup(request.query_params.get("t", ""))
    if figure is None:
        return JSONResponse({"error": "unknown canvas"}, status_code=404)
    x, y = (_coordinate(request.query_params.get(name)) for name in ("x", "y"))
    if x is None or y is None:
        return JSONResponse({"error": "x and y must be numbers within ±1e4"}, status_code=400)
    # off the event loop: the figure's descent is the same work as a rerun's
    body = await run_in_threadpool(lambda: json.dumps(figure((x, y)), allow_nan=False))
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})
