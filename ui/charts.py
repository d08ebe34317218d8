"""Every chart of the app goes through here: sized for a projector in presenter mode, with a data table.

`chart(fig, key=...)` stands for `st.plotly_chart(fig, key=...)` (same keyword arguments; `where` is the
column or container to draw in); the canvas (`ui.plotly_component.plotly_canvas`) does the same two things.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from core.figures import presentation, table
from ui import presenter
from ui.text import t

# On a phone every pixel of width is plot: charts (st.plotly_chart and the canvas) reach past the page's
# 1rem side padding to the screen's edges; the text around them keeps its margin. The chart's element
# container is widened, not the chart inside it: that container clips what overflows it (the first rem
# of a y axis title was cut off), and Streamlit sizes the figure to it.
PHONE_CSS = (
    f"@media (max-width: {presenter.PHONE_WIDTH}px) {{\n"
    "  [data-testid=stElementContainer]:has([data-testid=stPlotlyChart], .pc-root) {"
    " margin-left: -1rem; margin-right: -1rem; width: calc(100% + 2rem) !important; max-width: none; }\n"
    "}\n"
)

HERE = Path(__file__).parent
# On a narrow screen the legend goes below the plot, clear of the toolbar, with the canvas's phone layout
# (narrow_layout.js, shared with ui/plotly_component.py): the browser knows the width, a turned tablet too.
_narrow = st.components.v2.component(
    "chart_layout",
    html="",
    js="\n".join(
        (HERE / name).read_text(encoding="utf-8") for name in ("narrow_layout.js", "chart_layout.js")
    ),
)


def style() -> None:
    """Add the charts' page-wide style sheet and phone layout (app.py, once per run)."""
    st.html(f"<style>\n{PHONE_CSS}</style>")
    with st.sidebar:
        _narrow(key="chart_layout")


def for_screen(fig, presenting: bool | None = None):
    """`fig` as this session shows it: enlarged in presenter mode (a new figure dict), else unchanged.
    `presenting` says which, for a figure made outside the session's run (ui/drop_route.py)."""
    presenting = presenter.presenting() if presenting is None else presenting
    return presentation.presented(fig, presenter.FACTOR) if presenting else fig


def data_table(fig, key: str, where=None) -> None:
    """A "data table" toggle under a chart: on, the plotted numbers (built only then, from the figure)."""
    where = where or st
    if not where.toggle(t("chart.table"), key=f"{key}_table"):
        return
    names = {"series": t("chart.col.series"), "grid": t("chart.col.grid")}
    points, grids = table.point_rows(fig), table.grid_summaries(fig)
    if points:
        where.caption(t("chart.table.points"))
        if len(points) > table.MAX_ROWS:
            where.caption(t("chart.table.cut", n=table.MAX_ROWS))
        frame = pd.DataFrame(points[: table.MAX_ROWS]).rename(columns=names)
        where.dataframe(frame, hide_index=True, width="stretch", height=240)
    if grids:
        where.caption(t("chart.table.grids"))
        where.dataframe(pd.DataFrame(grids).rename(columns=names), hide_index=True, width="stretch")


def chart(fig, *, key: str, where=None, table_toggle: bool = True, **kwargs):
    """`st.plotly_chart(fig, key=key, **kwargs)` in `where`, presenter-sized, with its data table below."""
    where = where or st
    kwargs.setdefault("width", "stretch")
    event = where.plotly_chart(for_screen(fig), key=key, **kwargs)
    if table_toggle:
        data_table(fig, key, where)
    return event
