"""No information carried by colour alone (issue 17): in every chart of every view and tab, as the page
draws it, any two legend entries differ by something besides colour (dash, marker symbol, fill pattern,
line or marker, trace type), so a colour-blind student can still tell them apart."""

import json
from pathlib import Path

import pytest

from tests.pages.apptest import canvases, open_tab, run_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity"]
TABBED = {
    "level_sets": "ls_tabs",
    "surfaces_3d": "s3_tabs",
    "decision_boundaries": "db_tabs",
    "convexity": "cv_tabs",
}


def cue(trace: dict) -> tuple:
    """What tells a legend entry apart when colour is not seen."""
    mode = trace.get("mode", "lines" if trace.get("type") in (None, "scatter", "scatter3d") else "")
    line = trace.get("line") or {}
    marker = trace.get("marker") or {}
    pattern = (trace.get("fillpattern") or {}).get("shape", "")
    lines = "lines" in mode
    markers = "markers" in mode
    return (
        trace.get("type", "scatter"),
        lines and line.get("dash", "solid"),
        markers and marker.get("symbol", "circle"),
        trace.get("fill", "none") != "none" and pattern,
        "text" in mode,
    )


def legend_entries(figure: dict) -> dict:
    """name -> cue of each trace with an entry in the legend (one per legend group)."""
    layout = figure.get("layout", {})
    if layout.get("showlegend") is False:
        return {}
    entries = {}
    for trace in figure.get("data", []):
        if trace.get("showlegend") is False or not trace.get("name"):
            continue
        if trace.get("type") in ("heatmap", "contour", "surface", "mesh3d", "isosurface", "cone"):
            continue  # colour scales, or surfaces told apart by their shape and place
        entries.setdefault(trace.get("legendgroup") or trace["name"], (trace["name"], cue(trace)))
    return entries


def colour_only(figure: dict) -> list:
    seen, clashes = {}, []
    for name, key in legend_entries(figure).values():
        if key in seen:
            clashes.append((seen[key], name))
        seen[key] = name
    return clashes


def figures(at) -> list[dict]:
    shown = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return shown + [c["figure"] for c in canvases(at) if "figure" in c]


# the training view's figures differ by listing (3.4, the slow one, draws as 3.3 does)
QUERIES = [(page, {}) for page in PAGES] + [
    ("training", {"listing": "3.3"}),
    ("training", {"listing": "3.5"}),
]


@pytest.mark.parametrize(("page", "query"), QUERIES, ids=[f"{p}{q}" for p, q in QUERIES])
def test_no_two_legend_entries_differ_by_colour_alone(page, query):
    at = run_page(str(ROOT / "pages" / f"{page}.py"), timeout=120, **query)
    labels = [tab.label for tab in at.tabs] if page in TABBED else [None]
    found = {}
    for label in labels:
        if label is not None:
            open_tab(at, TABBED[page], label)
        for figure in figures(at):
            if clashes := colour_only(figure):
                found[(label, figure.get("layout", {}).get("title", {}).get("text"))] = clashes
    assert not found, found


def test_the_check_sees_a_colour_only_pair():
    red = {"type": "scatter", "mode": "lines", "name": "in", "line": {"color": "red"}}
    green = {"type": "scatter", "mode": "lines", "name": "out", "line": {"color": "green"}}
    assert colour_only({"data": [red, green]}) == [("in", "out")]
    green["line"]["dash"] = "dash"
    assert colour_only({"data": [red, green]}) == []
