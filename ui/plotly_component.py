"""A Plotly chart drawn by plotly.js in the browser, with an optional draggable point and a kept view.

`st.plotly_chart` reports no drag events and no selections on contour or heatmap traces, so pages that
let a student drag a point (or rotate a 3-D surface and keep the camera across reruns) use this small
Components v2 component instead. plotly.js is loaded once from the app's own static folder
(`ui.assets.PLOTLY_JS_URL`), never inlined or downloaded.

Usage::

    from ui.plotly_component import plotly_canvas

    # a 2-D chart whose start point the student drags (or sets by clicking anywhere on the plot area)
    def moved(x, y):  # runs as a callback, before the page reruns: may set widget keys
        st.session_state["my_x0"], st.session_state["my_y0"] = x, y

    plotly_canvas(fig, key="my_canvas", draggable=True, start=(x0, y0), on_start=moved)

    # a 3-D chart (or any chart) that keeps the user's camera / zoom across reruns
    plotly_canvas(fig3d, key="my_surface")

`fig` is a `go.Figure` or an already JSON-ready figure dict (`{"data": [...], "layout": {...},
"frames": [...]}`; the fast path, no plotly validation; use None, never NaN, for gaps: the browser
parses the data as strict JSON). Zoom, pan and the 3-D camera survive reruns
through `layout.uirevision` (keep it constant while the same function is shown) and, for a remounted
chart, through a per-key memory in the browser. The return value is the last dropped point
`{"x": float, "y": float}` or None. Axes are `xaxis`/`yaxis`; the draggable handle is drawn by the
component (a ring over the plot), so the figure need not draw the start point itself.
In the DOM: the plot is `.pc-plot` (a regular plotly.js graph div), the handle `.pc-handle`, and the
root `.pc-root` carries `data-revision` (the `revision` passed in, set after each draw) for tests.
A figure dict with an `animation` spec (core.figures.player: whole paths the browser slices per step, or
explicit `frames` of the moving traces) gets the player (ui/plotly_player.js, shared with the standalone
HTML export) below the plot: `.pc-player` with `.pc-play`, `.pc-back`, `.pc-forward` and the scrubber
`.pc-range` (all labelled, `data-step` is the step shown), `.pc-step` the visible label and `.pc-live` the
polite live region describing the frame. Frames are painted with Plotly.react, never Plotly.animate.
With a `preview` spec, moving the start (drag, touch or the arrow keys on the focused handle) redraws
those paths in the browser on every animation frame (`data-preview` counts the redraws, `data-preview-at`
is the point drawn); release, Enter or leaving the handle sends the point (one rerun).
With `figure_at` as well, the browser also asks the server for the dropped start's figure directly
(ui/drop_route.py), draws it at once, and `data-confirmed` counts those draws; the rerun that follows
brings the same figure, which is not drawn again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import drop_route, presenter
from ui.assets import PLOTLY_JS_URL, ensure_plotly_js
from ui.charts import data_table, for_screen

HERE = Path(__file__).parent
# The browser side lives beside this file (plotly_component.js and .css). The module runs again on every
# rerun whose data changed, on the same parent element: everything that must happen once (DOM, listeners)
# is kept on parentElement.__pc, the latest data and setter beside it.
_CSS = (HERE / "plotly_component.css").read_text(encoding="utf-8")
# The player (plotly_player.js, also inlined by the standalone HTML export) comes first: plain functions
# that the component module calls. The live drag preview (expression-tree compiler, update rules,
# keyboard, narrow layout) follows in its own file, after the phone layout it shares with every
# st.plotly_chart chart (narrow_layout.js): the four share one scope.
_JS = "\n".join(
    (HERE / name).read_text(encoding="utf-8")
    for name in ("plotly_player.js", "narrow_layout.js", "plotly_component.js", "plotly_component_preview.js")
)
_component = st.components.v2.component("plotly_canvas", html="", css=_CSS, js=_JS, isolate_styles=False)


def figure_dict(fig) -> dict:
    """A JSON-ready figure dict (numpy arrays become plotly's compact typed-array encoding)."""
    return fig if isinstance(fig, dict) else json.loads(fig.to_json())


def plotly_canvas(
    fig: go.Figure | dict,
    *,
    key: str,
    draggable: bool = False,
    start=None,
    height: int | None = None,
    on_start: Callable[[float, float], None] | None = None,
    revision: str = "",
    digits: int = 4,
    config: dict | None = None,
    table_toggle: bool = True,
    preview: dict | None = None,
    labels: dict | None = None,
    figure_at: tuple[Hashable, Callable[[tuple[float, float]], go.Figure | dict]] | None = None,
) -> dict | None:
    """Draw `fig` with plotly.js; with `draggable`, a handle at `start` that the student drags or clicks.

    Returns the last dropped point as {"x", "y"} (or None); `on_start(x, y)` runs as a callback first.
    `revision` is written on the root element after each draw (tests wait on it); `digits` rounds the
    dropped coordinates; `config` is plotly.js config merged over {responsive, no logo}. In presenter mode
    the figure is enlarged (`ui.charts.for_screen`); a "data table" toggle below lists its numbers.
    `preview` (from `core.expression_tree.preview`) lets the browser redraw the animated paths while the
    start moves; `labels` holds catalogue text for the browser, e.g. {"handle": "Start ({x}, {y})"}.
    `figure_at` = (settings, function): the function gives `fig` for any start, from `settings`, everything
    the figure depends on besides the start (hashable). It must run outside the session's run (no `st`
    calls): the browser asks for a dropped start's figure ahead of the rerun (ui/drop_route.py).
    """
    ensure_plotly_js()

    def changed() -> None:
        point = (st.session_state.get(key) or {}).get("start")
        if on_start is not None and point:
            on_start(float(point["x"]), float(point["y"]))

    data = {
        "figure": figure_dict(for_screen(fig)),
        "draggable": bool(draggable),
        "key": key,
        "plotly_url": PLOTLY_JS_URL,
        "start": [float(start[0]), float(start[1])] if start is not None else None,
        "height": height,
        "revision": revision,
        "digits": digits,
        "config": config or {},
        "preview": preview,
        "labels": labels or {},
        "confirm": _confirm_url(key, figure_at) if draggable and figure_at else None,
    }
    result = _component(key=key, data=data, on_start_change=changed)
    if table_toggle:
        data_table(fig, key)
    point = result.get("start") if result is not None else None
    return {"x": float(point["x"]), "y": float(point["y"])} if point else None


def _confirm_url(key: str, figure_at) -> str:
    """Where the browser gets the figure for a dropped start: sized as this session shows figures."""
    settings, at = figure_at
    presenting = presenter.presenting()

    def shown(start: tuple[float, float]) -> dict:
        return figure_dict(for_screen(at(start), presenting))

    ctx = get_script_run_ctx()
    owner = (ctx.session_id if ctx else "", key)
    return drop_route.register(owner, (key, presenting, settings), shown)
