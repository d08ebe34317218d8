"""A figure made for a projector: every text grows by one factor, the main traces get thick, the rest a little.

One pure function for every chart of the app (st.plotly_chart and the canvas, 2-D and 3-D): Plotly sizes its
text in px, so the page's larger root font never reaches a figure; this scales the figure itself. Main traces
are the ones a figure already draws thickest (line width >= MAIN_WIDTH: descent paths, boundaries, fits);
contour lines, guides, tangents and grids grow by `HELPER_GROWTH` only, so they stay lighter than the paths.
"""

from __future__ import annotations

import copy
import json

BASE_FONT = 12  # plotly.js's default text size, the one every unset font inherits
MAIN_WIDTH = 3
MAIN_GROWTH = 1.6
HELPER_GROWTH = 1.25
DEFAULT_LINE = 2  # a scatter line's width when the figure leaves it unset
# At most this many pixels of plot: on a 1280x720 projector a main plot and its player fit under the top bar,
# the title and a row of tabs (measured in tests/e2e/test_classroom.py; 520 left the player below the fold).
MAX_HEIGHT = 460
GAPS_AT_MOST = 0.4  # of the plotting height, for the gaps between subplot rows in a shortened figure


def _as_dict(fig) -> dict:
    if isinstance(fig, dict):
        return copy.deepcopy(fig)
    return json.loads(fig.to_json())


def _scaled_fonts(node, factor: float):
    """Every `size` inside a `...font` dict multiplied by `factor`, anywhere below `node`."""
    if isinstance(node, list):
        return [_scaled_fonts(item, factor) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key.endswith("font") and isinstance(value, dict):
            value = _font(value, factor)
        out[key] = _scaled_fonts(value, factor)
    return out


def _font(font: dict, factor: float) -> dict:
    size = font.get("size")
    if isinstance(size, (int, float)):
        return font | {"size": size * factor}
    if isinstance(size, list):
        return font | {"size": [s * factor if isinstance(s, (int, float)) else s for s in size]}
    return font


def _width(width, factor: float):
    """A main line grows by MAIN_GROWTH (at least `factor`), a helper line by HELPER_GROWTH."""
    if not isinstance(width, (int, float)):
        return width
    return width * (max(MAIN_GROWTH, factor) if width >= MAIN_WIDTH else HELPER_GROWTH)


def _trace(trace: dict, factor: float) -> dict:
    trace = _scaled_fonts(trace, factor)
    line = dict(trace.get("line") or {})
    if trace.get("type", "scatter") in ("scatter", "scattergl") and "lines" in str(
        trace.get("mode", "lines")
    ):
        line.setdefault("width", DEFAULT_LINE)
    if "width" in line:
        trace["line"] = line | {"width": _width(line["width"], factor)}
    marker = trace.get("marker")
    if isinstance(marker, dict) and isinstance(marker.get("size"), (int, float)):
        trace["marker"] = marker | {"size": marker["size"] * HELPER_GROWTH}
    return trace


def _shapes(shapes: list, factor: float) -> list:
    return [
        shape | {"line": shape["line"] | {"width": _width(shape["line"]["width"], factor)}}
        if isinstance(shape.get("line"), dict) and "width" in shape["line"]
        else shape
        for shape in shapes
    ]


def _rows_kept_apart(layout: dict, height: float, capped: float, factor: float) -> None:
    """Subplot rows of a figure made `height` px tall and shown `capped` px tall: the gaps between rows keep
    their pixels, times `factor` for the larger text in them (at most GAPS_AT_MOST of the plotting height);
    the rows share the rest as before. A gap in paper units shrank with the height while the axis titles and
    tick labels in it grew: the training view's "x" and "w" sat inside the loss panel below them.
    Subplot titles (paper annotations at a row's top) move with their rows."""
    axes = [v for k, v in layout.items() if k.startswith("yaxis") and isinstance(v, dict) and v.get("domain")]
    rows = sorted({tuple(a["domain"]) for a in axes})
    if len(rows) < 2 or any(b[0] < a[1] for a, b in zip(rows, rows[1:], strict=False)):
        return  # one row, or rows that overlap (insets): nothing between them to keep
    margin = layout.get("margin") or {}
    margins = margin.get("t", 100) + margin.get("b", 80)
    before, after = height - margins, capped - margins
    if after <= 0:
        return
    gaps = [(b[0] - a[1]) * before * factor / after for a, b in zip(rows, rows[1:], strict=False)]
    room = rows[-1][1] - rows[0][0]
    gaps = [g * min(1.0, GAPS_AT_MOST * room / sum(gaps)) if sum(gaps) else g for g in gaps]
    scale = (room - sum(gaps)) / sum(hi - lo for lo, hi in rows)
    moved, at = {}, rows[0][0]
    for row, gap in zip(rows, [*gaps, 0.0], strict=True):
        top = at + (row[1] - row[0]) * scale
        moved[row] = [at, top]
        at = top + gap
    for axis in axes:
        axis["domain"] = moved[tuple(axis["domain"])]
    tops = {row[1]: new[1] for row, new in moved.items()}
    for note in layout.get("annotations", []):
        if note.get("yref") == "paper" and note.get("y") in tops:
            note["y"] = tops[note["y"]]


def _frame(frame: dict, factor: float) -> dict:
    return frame | {"data": [_trace(trace, factor) for trace in frame.get("data", [])]}


def presented(fig, factor: float) -> dict:
    """`fig` (go.Figure or figure dict) as a new figure dict sized for a projector; `fig` is left unchanged.

    Text everywhere (ticks, axis titles, legend, colour bars, annotations, sliders, 3-D scenes) is
    `factor` times larger, main lines thicker, helper lines and markers a little larger, and the height
    capped at MAX_HEIGHT so that the plot and its player fit one projected screen.
    """
    out = _as_dict(fig)
    layout = _scaled_fonts(out.get("layout") or {}, factor)
    # An unset size inherits plotly.js's default, which the page's larger root font never reaches.
    layout["font"] = {"size": BASE_FONT * factor} | layout.get("font", {})
    if "shapes" in layout:
        layout["shapes"] = _shapes(layout["shapes"], factor)
    for note in layout.get("annotations", []):
        if isinstance(note.get("arrowwidth"), (int, float)):
            note["arrowwidth"] = _width(note["arrowwidth"], factor)
    if isinstance(layout.get("height"), (int, float)) and layout["height"] > MAX_HEIGHT:
        _rows_kept_apart(layout, layout["height"], MAX_HEIGHT, factor)
        layout["height"] = MAX_HEIGHT
    out["layout"] = layout
    out["data"] = [_trace(trace, factor) for trace in out.get("data", [])]
    if "frames" in out:
        out["frames"] = [_frame(frame, factor) for frame in out["frames"]]
    return out
